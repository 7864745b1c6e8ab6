// Package jobs is the studio's render queue: a bounded pool of workers
// that runs jobs interactive-first, replaces a queued job by a newer one
// with the same key ("latest wins"), cancels through context, and reports
// each job's life as events (Queued, Running, Reported, Finished with an
// outcome).
//
// The queue knows nothing of shots or backends: a job is a function. The
// app submits render.Take calls to it; the studio (package ui) follows
// the events.
package jobs
