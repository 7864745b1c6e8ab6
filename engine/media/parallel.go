package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"io"

	"kino/engine/pipeline"
)

// EncodeParallel writes frames 0..n-1 to w as an MJPEG stream, in order,
// with workers goroutines each producing and encoding whole frames (workers
// <= 0 means GOMAXPROCS). frame is called from several goroutines at once,
// each call with a different index, and must be safe for that; the image it
// returns is encoded before that goroutine asks for another frame, so it may
// reuse one buffer per goroutine. At most 2*workers encoded frames wait in
// memory. It stops at the first error, or when ctx is cancelled, and
// returns the number of frames written. The frames go through
// pipeline.Ordered.
func EncodeParallel(ctx context.Context, w io.Writer, n, quality, workers int, frame func(i int) (image.Image, error)) (int, error) {
	if n <= 0 {
		return 0, nil
	}
	// One JPEG encoder per goroutine (no more run at once), made as
	// they are first needed and reused by whichever goroutine comes next.
	encoders := make(chan *frameEncoder, pipeline.Workers(n, workers))
	type slot struct {
		buf  bytes.Buffer
		size image.Point
	}
	written := 0
	var first image.Point
	err := pipeline.Ordered(ctx, n, workers, func() *slot { return new(slot) },
		func(i int, s *slot) error {
			var enc *frameEncoder
			select {
			case enc = <-encoders:
			default:
				enc = newFrameEncoder(quality, 1)
			}
			defer func() { encoders <- enc }()
			img, err := frame(i)
			if err == nil {
				s.size = img.Bounds().Size()
				s.buf.Reset()
				err = enc.encode(&s.buf, img)
			}
			if err != nil {
				return fmt.Errorf("writing MJPEG frame %d: %w", i, err)
			}
			return nil
		},
		func(i int, s *slot) error {
			if written > 0 && s.size != first {
				return fmt.Errorf("writing MJPEG frame %d: it is %dx%d but the stream is %dx%d", written, s.size.X, s.size.Y, first.X, first.Y)
			}
			if written == 0 {
				first = s.size
			}
			if _, err := w.Write(s.buf.Bytes()); err != nil {
				return fmt.Errorf("writing MJPEG frame %d: %w", written, err)
			}
			written++
			return nil
		})
	return written, err
}
