package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"io"
	"runtime"
	"sync"
)

// EncodeParallel writes frames 0..n-1 to w as an MJPEG stream, in order,
// with workers goroutines each producing and encoding whole frames (workers
// <= 0 means GOMAXPROCS). frame is called from several goroutines at once,
// each call with a different index, and must be safe for that; the image it
// returns is encoded before that goroutine asks for another frame, so it may
// reuse one buffer per goroutine. At most 2*workers encoded frames wait in
// memory. It stops at the first error, or when ctx is cancelled, and
// returns the number of frames written.
func EncodeParallel(ctx context.Context, w io.Writer, n, quality, workers int, frame func(i int) (image.Image, error)) (int, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		buf  *bytes.Buffer
		size image.Point
		err  error
	}
	type job struct {
		i   int
		out chan result
	}
	window := 2 * workers
	free := make(chan *bytes.Buffer, window+workers)
	for range window + workers {
		free <- new(bytes.Buffer)
	}
	order := make(chan chan result, window)
	jobs := make(chan job)

	var wg sync.WaitGroup
	wg.Go(func() { // dispatcher
		defer close(order)
		defer close(jobs)
		for i := range n {
			out := make(chan result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{i, out}:
			case <-ctx.Done():
				out <- result{err: ctx.Err()}
				return
			}
		}
	})
	for range workers {
		wg.Go(func() {
			enc := newFrameEncoder(quality, 1)
			for j := range jobs {
				var r result
				select {
				case r.buf = <-free:
				case <-ctx.Done():
					j.out <- result{err: ctx.Err()}
					continue
				}
				img, err := frame(j.i)
				if err == nil {
					r.size = img.Bounds().Size()
					r.buf.Reset()
					err = enc.encode(r.buf, img)
				}
				if err != nil {
					r.err = fmt.Errorf("writing MJPEG frame %d: %w", j.i, err)
				}
				j.out <- r
			}
		})
	}

	written := 0
	var first image.Point
	var werr error
	for out := range order {
		r := <-out
		if werr == nil {
			switch {
			case r.err != nil:
				werr = r.err
			case written > 0 && r.size != first:
				werr = fmt.Errorf("writing MJPEG frame %d: it is %dx%d but the stream is %dx%d", written, r.size.X, r.size.Y, first.X, first.Y)
			default:
				if written == 0 {
					first = r.size
				}
				if _, err := w.Write(r.buf.Bytes()); err != nil {
					werr = fmt.Errorf("writing MJPEG frame %d: %w", written, err)
				} else {
					written++
				}
			}
			if werr != nil {
				cancel()
			}
		}
		if r.buf != nil {
			free <- r.buf
		}
	}
	wg.Wait()
	if werr == nil && written < n {
		werr = ctx.Err()
	}
	return written, werr
}
