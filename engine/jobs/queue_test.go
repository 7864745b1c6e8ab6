package jobs_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/jobs"
	"kino/project"
)

// recorder collects queue events for assertions.
type recorder struct {
	mu      sync.Mutex
	events  []jobs.Event
	done    chan jobs.Event
	running chan jobs.ID
}

func newRecorder() *recorder {
	return &recorder{done: make(chan jobs.Event, 100), running: make(chan jobs.ID, 100)}
}

func (r *recorder) listen(e jobs.Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
	if e.State == jobs.Running {
		r.running <- e.ID
	}
	if e.State == jobs.Finished {
		r.done <- e
	}
}

// waitRunning waits until n jobs have started running and returns their
// IDs: the queue's own JobRunning events, not a sleep, say when.
func (r *recorder) waitRunning(t *testing.T, n int) []jobs.ID {
	t.Helper()
	var out []jobs.ID
	for len(out) < n {
		select {
		case id := <-r.running:
			out = append(out, id)
		case <-time.After(10 * time.Second):
			t.Fatalf("waited for %d jobs to run, got %d", n, len(out))
		}
	}
	return out
}

func (r *recorder) wait(t *testing.T, n int) []jobs.Event {
	t.Helper()
	var out []jobs.Event
	for len(out) < n {
		select {
		case e := <-r.done:
			out = append(out, e)
		case <-time.After(10 * time.Second):
			t.Fatalf("waited for %d finished jobs, got %d", n, len(out))
		}
	}
	return out
}

// blocker returns a job that blocks until release is closed.
func blocker(release <-chan struct{}, order *[]string, mu *sync.Mutex, name string) jobs.Func {
	return func(ctx context.Context, report engine.ProgressFunc) error {
		select {
		case <-release:
		case <-ctx.Done():
			return ctx.Err()
		}
		mu.Lock()
		*order = append(*order, name)
		mu.Unlock()
		return nil
	}
}

func TestQueueRunsInteractiveBeforeBatch(t *testing.T) {
	rec := newRecorder()
	q := jobs.NewQueue(1, rec.listen)
	defer q.Close()
	var mu sync.Mutex
	var order []string
	gate := make(chan struct{})
	open := make(chan struct{})
	close(open)
	// Occupy the only worker so the rest queue up.
	q.Submit("gate", jobs.Batch, blocker(gate, &order, &mu, "gate"))
	rec.waitRunning(t, 1)
	q.Submit("b1", jobs.Batch, blocker(open, &order, &mu, "b1"))
	q.Submit("b2", jobs.Batch, blocker(open, &order, &mu, "b2"))
	q.Submit("i1", jobs.Interactive, blocker(open, &order, &mu, "i1"))
	close(gate)
	rec.wait(t, 4)
	want := []string{"gate", "i1", "b1", "b2"}
	mu.Lock()
	defer mu.Unlock()
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("run order %v, want %v", order, want)
		}
	}
}

func TestQueueLatestWins(t *testing.T) {
	rec := newRecorder()
	q := jobs.NewQueue(1, rec.listen)
	defer q.Close()
	var mu sync.Mutex
	var order []string
	gate := make(chan struct{})
	open := make(chan struct{})
	close(open)
	q.Submit("gate", jobs.Batch, blocker(gate, &order, &mu, "gate"))
	rec.waitRunning(t, 1)
	old, _ := q.Submit("shot:7", jobs.Interactive, blocker(open, &order, &mu, "old"))
	q.Submit("shot:7", jobs.Interactive, blocker(open, &order, &mu, "new"))
	close(gate)
	evs := rec.wait(t, 3)
	var replaced bool
	for _, e := range evs {
		if e.ID == old && e.Outcome == project.TakeCancelled && errors.Is(e.Err, jobs.ErrReplaced) {
			replaced = true
		}
	}
	if !replaced {
		t.Errorf("older queued job for shot:7 was not reported replaced: %+v", evs)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(order) != 2 || order[1] != "new" {
		t.Fatalf("ran %v, want [gate new]", order)
	}
}

func TestQueueCancelRunningAndQueued(t *testing.T) {
	rec := newRecorder()
	q := jobs.NewQueue(1, rec.listen)
	defer q.Close()
	started := make(chan struct{})
	running, _ := q.Submit("a", jobs.Interactive, func(ctx context.Context, report engine.ProgressFunc) error {
		close(started)
		for i := 0; ; i++ {
			report(engine.Progress{Stage: "frames", Step: i, Total: 1000})
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Millisecond):
			}
		}
	})
	queued, _ := q.Submit("b", jobs.Interactive, func(ctx context.Context, report engine.ProgressFunc) error {
		t.Error("cancelled queued job ran")
		return nil
	})
	<-started
	if !q.Cancel(queued) || !q.Cancel(running) {
		t.Fatal("Cancel did not find the jobs")
	}
	evs := rec.wait(t, 2)
	for _, e := range evs {
		if e.Outcome != project.TakeCancelled || !errors.Is(e.Err, context.Canceled) || errors.Is(e.Err, jobs.ErrReplaced) {
			t.Errorf("job %d ended %s (%v), want cancelled", e.ID, e.Outcome, e.Err)
		}
	}
	if q.Cancel(running) {
		t.Error("Cancel found a finished job")
	}
}

func TestQueueReportsFailuresAndPanics(t *testing.T) {
	rec := newRecorder()
	q := jobs.NewQueue(2, rec.listen)
	defer q.Close()
	q.Submit("fail", jobs.Interactive, func(ctx context.Context, report engine.ProgressFunc) error {
		return errors.New("disk full")
	})
	q.Submit("panic", jobs.Interactive, func(ctx context.Context, report engine.ProgressFunc) error {
		var m map[string]int
		m["x"] = 1
		return nil
	})
	for _, e := range rec.wait(t, 2) {
		if e.Outcome != project.TakeFailed || e.Err == nil {
			t.Errorf("job %s ended %s, want failed with an error", e.Key, e.Outcome)
		}
	}
}

func TestQueueBoundsWorkers(t *testing.T) {
	rec := newRecorder()
	q := jobs.NewQueue(2, rec.listen)
	defer q.Close()
	var mu sync.Mutex
	active, peak := 0, 0
	release := make(chan struct{})
	for i := 0; i < 8; i++ {
		q.Submit("", jobs.Batch, func(ctx context.Context, report engine.ProgressFunc) error {
			mu.Lock()
			active++
			peak = max(peak, active)
			mu.Unlock()
			<-release
			mu.Lock()
			active--
			mu.Unlock()
			return nil
		})
	}
	// Two jobs run and hold their workers; none of the other six may start
	// until one of them ends.
	rec.waitRunning(t, 2)
	select {
	case id := <-rec.running:
		t.Fatalf("job %d started while two workers were busy", id)
	default:
	}
	close(release)
	rec.wait(t, 8)
	if peak != 2 {
		t.Fatalf("peak concurrency %d, want 2", peak)
	}
}

func TestQueueSubmitDoesNotBlock(t *testing.T) {
	q := jobs.NewQueue(1, nil)
	defer q.Close()
	gate := make(chan struct{})
	defer close(gate)
	for i := 0; i < 1000; i++ {
		if _, err := q.Submit("", jobs.Batch, func(ctx context.Context, report engine.ProgressFunc) error {
			select {
			case <-gate:
			case <-ctx.Done():
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if q.Pending() != 1000 {
		t.Fatalf("pending %d, want 1000", q.Pending())
	}
}

func TestQueueReportsALifeInOrder(t *testing.T) {
	rec := newRecorder()
	q := jobs.NewQueue(1, rec.listen)
	defer q.Close()
	id, err := q.Submit("shot/1", jobs.Interactive, func(ctx context.Context, report engine.ProgressFunc) error {
		report(engine.Progress{Stage: "frames", Step: 1, Total: 2})
		report(engine.Progress{Stage: "frames", Step: 2, Total: 2})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	end := rec.wait(t, 1)[0]
	if end.ID != id || end.Outcome != project.TakeDone || end.Err != nil {
		t.Fatalf("job ended %+v, want done without an error", end)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var states []jobs.State
	for _, e := range rec.events {
		states = append(states, e.State)
		if e.State != jobs.Finished && e.Outcome != "" {
			t.Errorf("a %s event carries the outcome %q", e.State, e.Outcome)
		}
		if e.State == jobs.Reported && e.Progress.Total != 2 {
			t.Errorf("progress event %+v lacks its report", e.Progress)
		}
	}
	want := []jobs.State{jobs.Queued, jobs.Running, jobs.Reported, jobs.Reported, jobs.Finished}
	if len(states) != len(want) {
		t.Fatalf("events %v, want %v", states, want)
	}
	for i := range want {
		if states[i] != want[i] {
			t.Fatalf("events %v, want %v", states, want)
		}
	}
}
