package playback

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"testing"
	"time"

	"kino/engine/audio"
)

func readAllFrames(t *testing.T, r io.Reader, chunk int) []float32 {
	t.Helper()
	var out []float32
	buf := make([]byte, chunk)
	for {
		n, err := r.Read(buf)
		if n%BytesPerFrame != 0 {
			t.Fatalf("read %d bytes, not whole frames", n)
		}
		for i := 0; i < n; i += 4 {
			out = append(out, math.Float32frombits(binary.LittleEndian.Uint32(buf[i:])))
		}
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestSequencePadsCutsAndSilences(t *testing.T) {
	mono := audio.PCM{Rate: 48000, Channels: 1, Samples: []float32{0.1, 0.2}}
	stereo := audio.PCM{Rate: 48000, Channels: 2, Samples: []float32{1, -1, 2, -2, 3, -3, 4, -4}}
	failed := errors.New("disk on fire")
	seq := NewSequence([]Part{
		{Length: 3, Load: func() (audio.PCM, error) { return mono, nil }}, // padded
		{Length: 2}, // silence
		{Length: 2, Load: func() (audio.PCM, error) { return stereo, nil }}, // cut
		{Length: 1, Load: func() (audio.PCM, error) { return audio.PCM{}, failed }},
	}, 0)
	if seq.Len() != 8 {
		t.Fatalf("Len = %d, want 8", seq.Len())
	}
	got := readAllFrames(t, seq, 3*BytesPerFrame)
	want := []float32{0.1, 0.1, 0.2, 0.2, 0, 0, 0, 0, 0, 0, 1, -1, 2, -2, 0, 0}
	if len(got) != len(want) {
		t.Fatalf("got %d samples %v, want %v", len(got), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sample %d = %v, want %v (all: %v)", i, got[i], want[i], got)
		}
	}
	if errs := seq.Errors(); len(errs) != 1 || !errors.Is(errs[0], failed) {
		t.Fatalf("Errors = %v, want the one load failure", errs)
	}
}

func TestSequenceStartsMidway(t *testing.T) {
	pcm := audio.PCM{Rate: 48000, Channels: 2, Samples: []float32{1, 1, 2, 2, 3, 3}}
	load := func() (audio.PCM, error) { return pcm, nil }
	seq := NewSequence([]Part{{Length: 3, Load: load}, {Length: 3, Load: load}}, 4)
	got := readAllFrames(t, seq, 64)
	want := []float32{2, 2, 3, 3}
	if len(got) != len(want) || got[0] != 2 || got[2] != 3 {
		t.Fatalf("from frame 4 got %v, want %v", got, want)
	}
}

func TestWallClockAdvancesWithInjectedTime(t *testing.T) {
	now := time.Unix(1000, 0)
	w := &WallClock{Now: func() time.Time { return now }, Speed: -2}
	if !w.Silent() {
		t.Fatal("wall clock must report silence")
	}
	s, err := w.Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(1500 * time.Millisecond)
	if got := s.Played(); got != 2*72000 {
		t.Fatalf("after 1.5 s at 2x: %d sample frames, want %d", got, 2*72000)
	}
	s.Close()
	now = now.Add(time.Second)
	if got := s.Played(); got != 2*72000 {
		t.Fatalf("closed stream kept counting: %d", got)
	}
}
