package pipeline

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// slot is a test slot: the index it was last given and a value computed
// from it, so emit can tell it holds its own item's result.
type slot struct {
	i, v int
}

func square(i int, s *slot) error {
	runtime.Gosched() // let items finish out of order
	s.i, s.v = i, i*i
	return nil
}

// checkNoLeak fails the test when goroutines started during fn are still
// running after it: it waits (without a deadline that could pass on a
// slow machine) until the count is back, up to a generous bound.
func checkNoLeak(t *testing.T, fn func()) {
	t.Helper()
	before := runtime.NumGoroutine()
	fn()
	for range 5000 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(time.Millisecond) // a goroutine past wg.Done may still be exiting
	}
	buf := make([]byte, 1<<16)
	t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
}

func TestOrderedKeepsOrder(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 7, 300} {
		checkNoLeak(t, func() {
			const n = 257
			next := 0
			err := Ordered(context.Background(), n, workers, func() *slot { return &slot{} }, square,
				func(i int, s *slot) error {
					if i != next || s.i != i || s.v != i*i {
						t.Fatalf("workers %d: emit %d (slot %d, %d), want %d", workers, i, s.i, s.v, next)
					}
					next++
					return nil
				})
			if err != nil || next != n {
				t.Fatalf("workers %d: %d emitted, err %v", workers, next, err)
			}
		})
	}
}

func TestOrderedNothingToDo(t *testing.T) {
	called := false
	err := Ordered(context.Background(), 0, 4, func() *slot { called = true; return nil }, square, func(int, *slot) error { called = true; return nil })
	if err != nil || called {
		t.Fatalf("n=0: err %v, called %v", err, called)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Ordered(ctx, 0, 4, func() *slot { return nil }, square, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("n=0 cancelled: err %v", err)
	}
}

// The first error from work stops the run: every item before it is
// emitted, none after it, and little more work starts.
func TestOrderedStopsAtFirstWorkError(t *testing.T) {
	boom := errors.New("render failed")
	for _, workers := range []int{1, 3} {
		checkNoLeak(t, func() {
			const fail, n = 40, 100000
			var calls atomic.Int64
			emitted := 0
			err := Ordered(context.Background(), n, workers, func() *slot { return &slot{} },
				func(i int, s *slot) error {
					calls.Add(1)
					if i == fail {
						return boom
					}
					return square(i, s)
				},
				func(i int, s *slot) error { emitted++; return nil })
			if !errors.Is(err, boom) || emitted != fail {
				t.Fatalf("workers %d: err %v, emitted %d, want %d", workers, err, emitted, fail)
			}
			// Items already taken when the error came may still run: at
			// most the window of slots past the failing one.
			if c := calls.Load(); c > fail+1+2*int64(workers) {
				t.Fatalf("workers %d: work ran %d times after the error at %d", workers, c, fail)
			}
		})
	}
}

// An error from emit stops the run the same way.
func TestOrderedStopsAtFirstEmitError(t *testing.T) {
	full := errors.New("disk full")
	checkNoLeak(t, func() {
		var calls atomic.Int64
		emitted := 0
		err := Ordered(context.Background(), 100000, 2, func() *slot { return &slot{} },
			func(i int, s *slot) error { calls.Add(1); return square(i, s) },
			func(i int, s *slot) error {
				if i == 10 {
					return full
				}
				emitted++
				return nil
			})
		if !errors.Is(err, full) || emitted != 10 {
			t.Fatalf("err %v, emitted %d", err, emitted)
		}
		if c := calls.Load(); c > 11+4 {
			t.Fatalf("work ran %d times after emit failed at 10", c)
		}
	})
}

// Cancelling the context stops the run promptly: no new item starts
// after the cancel beyond those already handed out, and the error is the
// context's.
func TestOrderedStopsOnCancel(t *testing.T) {
	for _, workers := range []int{1, 4} {
		checkNoLeak(t, func() {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var calls atomic.Int64
			emitted := 0
			err := Ordered(ctx, 1_000_000, workers, func() *slot { return &slot{} },
				func(i int, s *slot) error {
					calls.Add(1)
					if i == 5 {
						cancel()
					}
					return square(i, s)
				},
				func(i int, s *slot) error { emitted++; return nil })
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("workers %d: err %v, want context.Canceled", workers, err)
			}
			// Items whose work finished before the cancel may still be
			// emitted; nothing else is.
			if c := calls.Load(); c > 6+2*int64(workers) || int64(emitted) > c {
				t.Fatalf("workers %d: %d work calls and %d emits after a cancel at item 5", workers, c, emitted)
			}
		})
	}
	// A cancel from outside while emit waits stops the run too.
	checkNoLeak(t, func() {
		ctx, cancel := context.WithCancel(context.Background())
		err := Ordered(ctx, 1_000_000, 2, func() *slot { return &slot{} }, square,
			func(i int, s *slot) error {
				if i == 3 {
					cancel()
				}
				return nil
			})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("outside cancel: err %v", err)
		}
	})
}

// Memory is bounded: Ordered makes two slots per worker and never has
// more items in flight than slots, however slow emit is.
func TestOrderedBoundsItsWindow(t *testing.T) {
	for _, workers := range []int{1, 3, 8} {
		checkNoLeak(t, func() {
			var made, inFlight, peak atomic.Int64
			var mu sync.Mutex
			owner := map[*slot]int{}
			err := Ordered(context.Background(), 500, workers,
				func() *slot { made.Add(1); return &slot{} },
				func(i int, s *slot) error {
					mu.Lock()
					if j, busy := owner[s]; busy {
						mu.Unlock()
						t.Errorf("slot of item %d handed to item %d before it was emitted", j, i)
						return nil
					}
					owner[s] = i
					mu.Unlock()
					n := inFlight.Add(1)
					for {
						p := peak.Load()
						if n <= p || peak.CompareAndSwap(p, n) {
							break
						}
					}
					return square(i, s)
				},
				func(i int, s *slot) error {
					// A slow writer: the workers must wait for it.
					for range 20 {
						runtime.Gosched()
					}
					mu.Lock()
					delete(owner, s)
					mu.Unlock()
					inFlight.Add(-1)
					return nil
				})
			if err != nil {
				t.Fatal(err)
			}
			if made.Load() != 2*int64(workers) {
				t.Fatalf("workers %d: %d slots made, want %d", workers, made.Load(), 2*workers)
			}
			if peak.Load() > 2*int64(workers) {
				t.Fatalf("workers %d: %d items in flight at once, more than the %d slots", workers, peak.Load(), 2*workers)
			}
		})
	}
}

func TestWorkers(t *testing.T) {
	if got := Workers(10, 3); got != 3 {
		t.Fatalf("Workers(10, 3) = %d", got)
	}
	if got := Workers(2, 8); got != 2 {
		t.Fatalf("Workers(2, 8) = %d", got)
	}
	if got := Workers(1000, 0); got != min(1000, runtime.GOMAXPROCS(0)) {
		t.Fatalf("Workers(1000, 0) = %d", got)
	}
	if got := Workers(0, 0); got != 1 {
		t.Fatalf("Workers(0, 0) = %d", got)
	}
}
