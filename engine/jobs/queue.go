package jobs

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"kino/engine"
	"kino/project"
)

// Priority orders jobs in a Queue: lower values run first.
type Priority int

// Priorities.
const (
	// Interactive jobs are previews a person is waiting for.
	Interactive Priority = iota
	// Batch jobs are renders nobody is watching (exports, "regenerate all").
	Batch
)

// ID identifies a submitted job.
type ID uint64

// State is where a job is in the queue. It says nothing about what the job
// makes: how a finished job ended is its Event's Outcome, a take status
// (project.TakeStatus), the one place "done", "failed" and "cancelled" are
// defined. A take's own status is what the store keeps of it; a job's state
// lives only as long as the queue does.
type State string

// Job states, as reported in events.
const (
	// Queued: the job waits for a worker.
	Queued State = "queued"
	// Running: a worker started the job.
	Running State = "running"
	// Reported: the running job reported progress (Event.Progress).
	Reported State = "progress"
	// Finished: the job ended; Event.Outcome says how.
	Finished State = "finished"
)

// ErrReplaced is the error of a queued job that a newer job with the same
// key replaced before it started ("latest wins"). Its outcome is
// project.TakeCancelled, and it wraps context.Canceled.
var ErrReplaced = fmt.Errorf("replaced by a newer job: %w", context.Canceled)

// Func is the work of a job. It reports progress through report and must
// return ctx.Err() soon after ctx is cancelled.
type Func func(ctx context.Context, report engine.ProgressFunc) error

// Event is one change in a job's life.
type Event struct {
	ID       ID
	Key      string
	State    State
	Progress engine.Progress // with State Reported
	// Outcome is how a Finished job ended: project.TakeDone,
	// project.TakeFailed (Err says why) or project.TakeCancelled (Err is
	// or wraps context.Canceled; ErrReplaced for a replaced job). It is
	// empty for the other states.
	Outcome project.TakeStatus
	Err     error
}

// Queue runs jobs on a bounded number of workers, interactive jobs before
// batch jobs, and first come first served within a priority. Submitting a
// job with the key of a job that is still queued replaces it ("latest
// wins"). Events go to the listener from worker goroutines; a UI must hop
// to its own goroutine (fyne.Do) before touching widgets.
type Queue struct {
	listener func(Event)

	mu      sync.Mutex
	cond    *sync.Cond
	pending jobHeap
	byKey   map[string]*job // queued jobs by key
	byID    map[ID]*job     // queued and running jobs
	nextID  ID
	seq     uint64
	closed  bool
	wg      sync.WaitGroup
}

type job struct {
	id       ID
	key      string
	priority Priority
	seq      uint64
	fn       Func
	ctx      context.Context
	cancel   context.CancelFunc
	started  bool
	index    int // in the heap, -1 when not queued
}

// NewQueue starts a queue with the given number of workers (at least one).
// listener may be nil.
func NewQueue(workers int, listener func(Event)) *Queue {
	if workers < 1 {
		workers = 1
	}
	if listener == nil {
		listener = func(Event) {}
	}
	q := &Queue{listener: listener, byKey: map[string]*job{}, byID: map[ID]*job{}}
	q.cond = sync.NewCond(&q.mu)
	q.wg.Add(workers)
	for i := 0; i < workers; i++ {
		go q.work()
	}
	return q
}

// ErrClosed is returned by Submit after Close.
var ErrClosed = errors.New("the render queue is shut down")

// Submit queues fn under key at priority p and returns its ID. A queued
// (not yet running) job with the same key is replaced.
func (q *Queue) Submit(key string, p Priority, fn Func) (ID, error) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return 0, ErrClosed
	}
	var replaced *job
	if old, ok := q.byKey[key]; ok && key != "" {
		heap.Remove(&q.pending, old.index)
		delete(q.byKey, key)
		delete(q.byID, old.id)
		old.cancel()
		replaced = old
	}
	q.nextID++
	q.seq++
	ctx, cancel := context.WithCancel(context.Background())
	j := &job{id: q.nextID, key: key, priority: p, seq: q.seq, fn: fn, ctx: ctx, cancel: cancel}
	heap.Push(&q.pending, j)
	if key != "" {
		q.byKey[key] = j
	}
	q.byID[j.id] = j
	q.mu.Unlock()
	if replaced != nil {
		q.listener(Event{ID: replaced.id, Key: replaced.key, State: Finished, Outcome: project.TakeCancelled, Err: ErrReplaced})
	}
	q.listener(Event{ID: j.id, Key: key, State: Queued})
	q.cond.Signal()
	return j.id, nil
}

// Cancel cancels a queued or running job. It reports whether the job was
// found. A running job stops when its Func notices the cancellation.
func (q *Queue) Cancel(id ID) bool {
	q.mu.Lock()
	j, ok := q.byID[id]
	if !ok {
		q.mu.Unlock()
		return false
	}
	queued := !j.started
	if queued {
		heap.Remove(&q.pending, j.index)
		delete(q.byID, id)
		if q.byKey[j.key] == j {
			delete(q.byKey, j.key)
		}
	}
	j.cancel()
	q.mu.Unlock()
	if queued {
		q.listener(Event{ID: j.id, Key: j.key, State: Finished, Outcome: project.TakeCancelled, Err: context.Canceled})
	}
	return true
}

// CancelKey cancels every queued or running job with key.
func (q *Queue) CancelKey(key string) int {
	q.mu.Lock()
	var ids []ID
	for id, j := range q.byID {
		if j.key == key {
			ids = append(ids, id)
		}
	}
	q.mu.Unlock()
	for _, id := range ids {
		q.Cancel(id)
	}
	return len(ids)
}

// Pending returns the number of queued and running jobs.
func (q *Queue) Pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.byID)
}

// Close cancels every job and waits for the workers to stop.
func (q *Queue) Close() {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return
	}
	q.closed = true
	var dropped []*job
	for _, j := range q.byID {
		j.cancel()
		if !j.started {
			dropped = append(dropped, j)
		}
	}
	q.pending = nil
	q.byKey = map[string]*job{}
	q.mu.Unlock()
	q.cond.Broadcast()
	for _, j := range dropped {
		q.listener(Event{ID: j.id, Key: j.key, State: Finished, Outcome: project.TakeCancelled, Err: context.Canceled})
	}
	q.wg.Wait()
}

func (q *Queue) work() {
	defer q.wg.Done()
	for {
		q.mu.Lock()
		for len(q.pending) == 0 && !q.closed {
			q.cond.Wait()
		}
		if q.closed {
			q.mu.Unlock()
			return
		}
		j := heap.Pop(&q.pending).(*job)
		j.started = true
		if q.byKey[j.key] == j {
			delete(q.byKey, j.key)
		}
		q.mu.Unlock()
		q.run(j)
	}
}

func (q *Queue) run(j *job) {
	start := time.Now()
	q.listener(Event{ID: j.id, Key: j.key, State: Running})
	report := func(p engine.Progress) {
		if p.Elapsed == 0 {
			p.Elapsed = time.Since(start)
		}
		q.listener(Event{ID: j.id, Key: j.key, State: Reported, Progress: p})
	}
	err := runSafely(j.ctx, j.fn, report)
	q.mu.Lock()
	delete(q.byID, j.id)
	q.mu.Unlock()
	j.cancel()
	ev := Event{ID: j.id, Key: j.key, State: Finished, Outcome: project.TakeDone}
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled) || j.ctx.Err() != nil && errors.Is(err, j.ctx.Err()):
		ev.Outcome, ev.Err = project.TakeCancelled, err
	default:
		ev.Outcome, ev.Err = project.TakeFailed, err
	}
	q.listener(ev)
}

// runSafely turns a panicking job into a failed one, so one bad render
// cannot take the studio down.
func runSafely(ctx context.Context, fn Func, report engine.ProgressFunc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Value: r}
		}
	}()
	return fn(ctx, report)
}

// PanicError is the error of a job that panicked.
type PanicError struct{ Value any }

func (e *PanicError) Error() string { return fmt.Sprintf("the render crashed: %v", e.Value) }

type jobHeap []*job

func (h jobHeap) Len() int { return len(h) }
func (h jobHeap) Less(i, j int) bool {
	if h[i].priority != h[j].priority {
		return h[i].priority < h[j].priority
	}
	return h[i].seq < h[j].seq
}
func (h jobHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *jobHeap) Push(x any) {
	j := x.(*job)
	j.index = len(*h)
	*h = append(*h, j)
}
func (h *jobHeap) Pop() any {
	old := *h
	n := len(old)
	j := old[n-1]
	old[n-1] = nil
	j.index = -1
	*h = old[:n-1]
	return j
}
