package export

import (
	"context"
	"runtime"
	"sync"
)

// ordered runs work(i, slot) for i in 0..n-1 on up to workers goroutines
// and hands each finished slot to emit in index order, on the calling
// goroutine. There are 2*workers slots, made by newSlot and reused once
// emit returns, so memory stays bounded however long the run. It stops at
// the first error from work or emit, or when ctx is cancelled, and returns
// that error.
func ordered[S any](ctx context.Context, n, workers int, newSlot func() S, work func(i int, s S) error, emit func(i int, s S) error) error {
	if n <= 0 {
		return ctx.Err()
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		i   int
		s   S
		err error
	}
	type job struct {
		i   int
		s   S
		out chan result
	}
	nslots := 2 * workers
	slots := make(chan S, nslots)
	for range nslots {
		slots <- newSlot()
	}
	order := make(chan chan result, nslots)
	jobs := make(chan job)

	var wg sync.WaitGroup
	wg.Go(func() { // dispatcher
		defer close(order)
		defer close(jobs)
		for i := range n {
			var s S
			select {
			case s = <-slots:
			case <-ctx.Done():
				return
			}
			out := make(chan result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				slots <- s
				return
			}
			select {
			case jobs <- job{i, s, out}:
			case <-ctx.Done():
				out <- result{i, s, ctx.Err()}
				return
			}
		}
	})
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				err := ctx.Err()
				if err == nil {
					err = work(j.i, j.s)
				}
				j.out <- result{j.i, j.s, err}
			}
		})
	}

	var first error
	emitted := 0
	for out := range order {
		r := <-out
		if first == nil {
			if r.err == nil {
				r.err = emit(r.i, r.s)
			}
			if r.err != nil {
				first = r.err
				cancel()
			} else {
				emitted++
			}
		}
		slots <- r.s
	}
	wg.Wait()
	if first == nil && emitted < n {
		first = ctx.Err()
	}
	return first
}
