package uitest

import (
	"errors"
	"sync"
	"time"
)

// CallQueue collects functions posted from other goroutines so that one
// goroutine (a test's) runs them in order. It stands in for fyne.Do where
// the UI goroutine is the test itself.
type CallQueue struct {
	mu     sync.Mutex
	calls  []func()
	signal chan struct{}
}

// NewCallQueue returns an empty queue.
func NewCallQueue() *CallQueue { return &CallQueue{signal: make(chan struct{}, 1)} }

// Post queues f. It never blocks.
func (q *CallQueue) Post(f func()) {
	q.mu.Lock()
	q.calls = append(q.calls, f)
	q.mu.Unlock()
	select {
	case q.signal <- struct{}{}:
	default:
	}
}

// Run runs the queued functions, including ones they queue, and reports
// how many ran.
func (q *CallQueue) Run() int {
	n := 0
	for {
		q.mu.Lock()
		calls := q.calls
		q.calls = nil
		q.mu.Unlock()
		if len(calls) == 0 {
			return n
		}
		for _, f := range calls {
			f()
			n++
		}
	}
}

// ErrGaveUp is returned by WaitFor when the condition never came true.
var ErrGaveUp = errors.New("gave up waiting: the condition never became true")

// WaitFor runs queued functions as they arrive until cond is true. limit
// only guards against hanging forever; it is not a timing requirement.
func (q *CallQueue) WaitFor(limit time.Duration, cond func() bool) error {
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for {
		q.Run()
		if cond() {
			return nil
		}
		select {
		case <-q.signal:
		case <-deadline.C:
			q.Run()
			if cond() {
				return nil
			}
			return ErrGaveUp
		}
	}
}
