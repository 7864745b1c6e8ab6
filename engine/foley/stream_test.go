package foley

import (
	"context"
	"errors"
	"io"
	"runtime"
	"testing"
	"time"

	"kino/engine/audio"
	"kino/engine/scene"
)

// busyStream is a stream of a busy shot of seconds seconds: fireworks and
// lightning over a city in a storm, festive music, a line every 5 s.
func busyStream(t *testing.T, ctx context.Context, seconds int64) *Stream {
	t.Helper()
	useFakeSpeech(t, &fakeSpeech{})
	var lines = []string{"Look at the sky!", "Happy new year!", "It is raining again."}
	req := request(t, seconds, 5)
	for s := int64(0); s < seconds; s += 5 {
		req.Dialogue = append(req.Dialogue, line("@ana", lines[int(s/5)%len(lines)], float64(s)+0.5))
	}
	p := plan(scene.SettingCity, scene.Storm, scene.Festive, scene.Fireworks, scene.Lightning)
	evs := scene.Events(p, req.Seed, req.Frames(), req.Duration.Rate)
	s, err := NewStream(ctx, req, p, evs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// heapInUse is the heap in use after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// A stream holds a few blocks, not the soundtrack: reading a minute and a
// half of busy sound (about 170 MB as a whole soundtrack) uses a few MB
// more than before it began, and no more at its end than at its start.
func TestStreamMemoryDoesNotGrowWithLength(t *testing.T) {
	before := heapInUse()
	s := busyStream(t, context.Background(), 90)
	defer s.Close()
	whole := uint64(s.Len()) * 2 * 4 * 5 // mix and four stems, stereo float32
	var b audio.Block
	var most uint64
	blocks := 0
	for {
		err := s.Read(&b)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if blocks++; blocks%200 == 0 {
			most = max(most, heapInUse())
		}
	}
	grew := int64(most) - int64(before)
	t.Logf("a %d s stream (%d MB whole) grew the heap by at most %.1f MB", s.Len()/audio.SampleRate, whole>>20, float64(grew)/(1<<20))
	if grew > 24<<20 {
		t.Fatalf("streaming %d s of sound grew the heap by %d MB; a stream should hold blocks, not the %d MB soundtrack", s.Len()/audio.SampleRate, grew>>20, whole>>20)
	}
}

// Cancelling a stream's context stops it: a read fails with the context's
// error, Close returns, and no goroutine of it is left running.
func TestStreamStopsWhenCancelled(t *testing.T) {
	base := runtime.NumGoroutine()
	for _, readFirst := range []int{0, 1, 20} {
		ctx, cancel := context.WithCancel(context.Background())
		s := busyStream(t, ctx, 30)
		var b audio.Block
		for range readFirst {
			if err := s.Read(&b); err != nil {
				t.Fatal(err)
			}
		}
		cancel()
		var err error
		for range 1000 {
			if err = s.Read(&b); err != nil {
				break
			}
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("after %d blocks and a cancel, Read returned %v, want context.Canceled", readFirst, err)
		}
		s.Close()
	}
	// Close waits for the stream's goroutines; give the runtime a moment
	// to retire them.
	for range 100 {
		if runtime.NumGoroutine() <= base {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%d goroutines left running after the streams were closed (%d before)", runtime.NumGoroutine()-base, base)
}

// A stream closed before it is read (or half way) stops its work at
// once, and reading it afterwards is an error, not a hang.
func TestStreamClose(t *testing.T) {
	s := busyStream(t, context.Background(), 60)
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var b audio.Block
	if err := s.Read(&b); err == nil || errors.Is(err, io.EOF) {
		t.Fatalf("reading a closed stream returned %v", err)
	}
	t.Logf("closed during its look-ahead in %v", time.Since(start))
	s = busyStream(t, context.Background(), 10)
	for range 10 {
		if err := s.Read(&b); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s.Close() // twice is harmless
}

// A stream's blocks are whole frames of stereo, the mix the sum of the
// stems, and together exactly as long as the shot.
func TestStreamBlocks(t *testing.T) {
	s := busyStream(t, context.Background(), 7)
	defer s.Close()
	var b audio.Block
	var frames int64
	for {
		err := s.Read(&b)
		if errors.Is(err, io.EOF) {
			if b.Frames() != 0 {
				t.Fatalf("the end came with %d frames", b.Frames())
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		k := b.Frames()
		if k <= 0 || len(b.Other) != 0 {
			t.Fatalf("a block of %d frames with %d other samples", k, len(b.Other))
		}
		for i := range b.Stems {
			if len(b.Stems[i]) != 2*k {
				t.Fatalf("stem %d has %d samples in a block of %d frames", i, len(b.Stems[i]), k)
			}
		}
		for j := range b.Mix {
			if sum := b.Stems[0][j] + b.Stems[1][j] + b.Stems[2][j] + b.Stems[3][j]; sum != b.Mix[j] {
				t.Fatalf("frame %d: the stems sum to %v, the mix is %v", frames+int64(j/2), sum, b.Mix[j])
			}
		}
		frames += int64(k)
	}
	if frames != s.Len() {
		t.Fatalf("read %d frames of %d", frames, s.Len())
	}
}
