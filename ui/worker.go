package ui

import (
	"context"
	"sync"
)

// worker runs store operations one at a time, in the order they were
// queued, off the UI goroutine. Each operation returns a function that
// the studio posts back to the UI goroutine.
type worker struct {
	ctx    context.Context
	cancel context.CancelFunc
	post   func(func())

	mu      sync.Mutex
	queue   []func(context.Context) func()
	running bool
	idle    *sync.Cond
	closed  bool
}

func newWorker(post func(func())) *worker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &worker{ctx: ctx, cancel: cancel, post: post}
	w.idle = sync.NewCond(&w.mu)
	return w
}

// do queues op. Its result, when not nil, runs on the UI goroutine.
func (w *worker) do(op func(ctx context.Context) func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	w.queue = append(w.queue, op)
	if !w.running {
		w.running = true
		go w.loop()
	}
}

func (w *worker) loop() {
	for {
		w.mu.Lock()
		if len(w.queue) == 0 {
			w.running = false
			w.idle.Broadcast()
			w.mu.Unlock()
			return
		}
		op := w.queue[0]
		w.queue = w.queue[1:]
		w.mu.Unlock()
		if then := op(w.ctx); then != nil {
			w.post(then)
		}
	}
}

// wait blocks until every queued operation has run.
func (w *worker) wait() {
	w.mu.Lock()
	for w.running {
		w.idle.Wait()
	}
	w.mu.Unlock()
}

// close drops queued operations and waits for the running one.
func (w *worker) close() {
	w.mu.Lock()
	w.closed = true
	w.queue = nil
	w.mu.Unlock()
	w.cancel()
	w.wait()
}

// busy reports whether operations are queued or running.
func (w *worker) busy() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.running
}
