package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"sync/atomic"
	"testing"
)

func TestEncodeParallelKeepsOrder(t *testing.T) {
	const n, w, h = 17, 320, 180
	src := make([]*image.RGBA, n)
	for i := range n {
		src[i] = testFrame(w, h, i)
	}
	for _, workers := range []int{1, 2, 5} {
		var buf bytes.Buffer
		var calls atomic.Int32
		written, err := EncodeParallel(context.Background(), &buf, n, 85, workers, func(i int) (image.Image, error) {
			calls.Add(1)
			return src[i], nil
		})
		if err != nil || written != n || calls.Load() != n {
			t.Fatalf("workers %d: wrote %d, %d calls, err %v", workers, written, calls.Load(), err)
		}
		rd, err := OpenMJPEG(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil || rd.Len() != n {
			t.Fatalf("workers %d: Len %d err %v", workers, rd.Len(), err)
		}
		// Each frame must be the one with its index: the sequential
		// writer's decode of the same source is identical.
		for i := range n {
			var one bytes.Buffer
			mw := NewMJPEGWriter(&one, 85)
			if err := mw.WriteFrame(src[i]); err != nil {
				t.Fatal(err)
			}
			want := must(OpenMJPEG(bytes.NewReader(one.Bytes()), int64(one.Len())))
			sameYCbCr(t, fmt.Sprintf("workers %d frame %d", workers, i), must(want.Frame(0)), must(rd.Frame(i)))
		}
	}
}

func TestEncodeParallelStopsOnError(t *testing.T) {
	boom := errors.New("render failed")
	var buf bytes.Buffer
	written, err := EncodeParallel(context.Background(), &buf, 40, 85, 3, func(i int) (image.Image, error) {
		if i == 9 {
			return nil, boom
		}
		return testFrame(64, 48, i), nil
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "frame 9") {
		t.Fatalf("err = %v, want the render error naming frame 9", err)
	}
	if written != 9 {
		t.Fatalf("wrote %d frames, want the 9 before the failure", written)
	}
	rd, _ := OpenMJPEG(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if rd.Len() != 9 {
		t.Fatalf("stream holds %d frames, want 9", rd.Len())
	}

	// A frame of another size is refused.
	buf.Reset()
	_, err = EncodeParallel(context.Background(), &buf, 5, 85, 2, func(i int) (image.Image, error) {
		if i == 3 {
			return testFrame(32, 48, i), nil
		}
		return testFrame(64, 48, i), nil
	})
	if err == nil || !strings.Contains(err.Error(), "frame 3") {
		t.Fatalf("size change: err = %v", err)
	}

	// A failing writer stops the job.
	n, err := EncodeParallel(context.Background(), &failWriter{after: 2}, 30, 85, 2, func(i int) (image.Image, error) {
		return testFrame(64, 48, i), nil
	})
	if n != 2 || err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("failing writer: wrote %d, err %v", n, err)
	}
}

func TestEncodeParallelCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var buf bytes.Buffer
	written, err := EncodeParallel(ctx, &buf, 1000, 85, 2, func(i int) (image.Image, error) {
		if i == 5 {
			cancel()
		}
		return testFrame(64, 48, i), nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if written >= 1000 {
		t.Fatalf("wrote all %d frames after cancel", written)
	}
	rd, _ := OpenMJPEG(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if rd.Len() != written {
		t.Fatalf("stream holds %d frames, reported %d", rd.Len(), written)
	}
	if n, err := EncodeParallel(context.Background(), &buf, 0, 85, 2, nil); n != 0 || err != nil {
		t.Fatalf("zero frames: %d, %v", n, err)
	}
}
