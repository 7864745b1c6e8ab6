// Package pipeline is Kino's one ordered parallel pipeline: numbered work
// items run on several goroutines and their results are handed on one by
// one, in order, on the calling goroutine. Frame encoding uses it twice:
// media.EncodeParallel (a take's frames into the MJPEG store) and the
// exporter's AVI, MP4 and PNG paths (render, convert and encode each frame
// in parallel, then write them in order).
//
// Memory stays bounded however long the run: results live in a fixed set
// of reusable slots (two per worker), so a slow writer holds the workers
// back instead of letting finished frames pile up. The first error, from
// work or from emit, stops everything, as does cancelling the context; no
// goroutine outlives the call.
package pipeline

import (
	"context"
	"runtime"
	"sync"
)

// Workers returns how many goroutines Ordered runs for n items when asked
// for workers (workers <= 0 means GOMAXPROCS): never more than n, at
// least one.
func Workers(n, workers int) int {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return max(1, min(workers, n))
}

// Ordered runs work(i, slot) for i in 0..n-1 on Workers(n, workers)
// goroutines and hands each finished slot to emit in index order, on the
// calling goroutine. There are two slots per worker, made by newSlot and
// reused once emit returns, so at most that many items are in flight
// (being worked on or waiting for their turn) at any time. work is called
// from several goroutines at once, each call with its own slot; emit is
// never called concurrently with itself. Ordered stops at the first error
// from work or emit, or when ctx is cancelled (work already running
// finishes; no new item starts), and returns that error (ctx.Err() for a
// cancel). It returns nil once every item was emitted.
func Ordered[S any](ctx context.Context, n, workers int, newSlot func() S, work func(i int, s S) error, emit func(i int, s S) error) error {
	if n <= 0 {
		return ctx.Err()
	}
	workers = Workers(n, workers)
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
