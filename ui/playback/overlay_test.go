package playback

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"kino/engine/audio"
)

// ramp returns stereo sound of n frames whose left sample k is base+k and
// right sample is -(base+k).
func ramp(n int, base float32) audio.PCM {
	s := make([]float32, 2*n)
	for k := 0; k < n; k++ {
		s[2*k], s[2*k+1] = base+float32(k), -(base + float32(k))
	}
	return audio.PCM{Rate: SampleRate, Channels: 2, Samples: s}
}

func TestMixAddsOverlaysAtTheirPlaceWithGain(t *testing.T) {
	take := ramp(6, 100)
	music := ramp(3, 1)
	voice := audio.PCM{Rate: SampleRate, Channels: 1, Samples: []float32{10, 20, 30, 40}}
	broken := errors.New("the file is gone")
	parts := []Part{
		{Length: 6, Load: func() (audio.PCM, error) { return take, nil }},
		{Length: 4}, // a storyboard card: silence
	}
	overlays := []Overlay{
		{Start: 2, Gain: 1, Load: func() (audio.PCM, error) { return music, nil }},
		// Began two frames before the sequence; mono, at half gain.
		{Start: -2, Gain: 0.5, Load: func() (audio.PCM, error) { return voice, nil }},
		// Runs past the end: cut.
		{Start: 8, Gain: 2, Load: func() (audio.PCM, error) { return music, nil }},
		{Start: 0, Gain: 1, Load: func() (audio.PCM, error) { return audio.PCM{}, broken }},
	}
	seq := NewMix(parts, overlays, 0)
	if seq.Len() != 10 {
		t.Fatalf("Len = %d, want 10 (overlays do not lengthen a sequence)", seq.Len())
	}
	got := readAllFrames(t, seq, 3*BytesPerFrame) // odd chunks cross every boundary
	left := []float32{
		100 + 15, // take + voice frame 2 at half gain
		101 + 20, // take + voice frame 3
		102 + 1,  // take + music frame 0
		103 + 2,
		104 + 3,
		105,
		0, 0,
		2 * 1, 2 * 2, // the last clip's first two frames
	}
	if len(got) != 2*len(left) {
		t.Fatalf("got %d samples, want %d: %v", len(got), 2*len(left), got)
	}
	for k, want := range left {
		wantR := -want
		if k < 2 { // mono voice-over plays on both sides
			wantR = -float32(100+k) + []float32{15, 20}[k]
		}
		if got[2*k] != want || got[2*k+1] != wantR {
			t.Fatalf("frame %d = (%v, %v), want (%v, %v); all: %v", k, got[2*k], got[2*k+1], want, wantR, got)
		}
	}
	if errs := seq.Errors(); len(errs) != 1 || !errors.Is(errs[0], broken) {
		t.Fatalf("Errors = %v, want the clip that failed to load", errs)
	}
}

func TestMixStartingMidwayPlaysTheOverlayFromItsMiddle(t *testing.T) {
	music := ramp(100, 1)
	seq := NewMix([]Part{{Length: 50}}, []Overlay{{Start: 10, Gain: 1, Load: func() (audio.PCM, error) { return music, nil }}}, 30)
	got := readAllFrames(t, seq, 64*BytesPerFrame)
	if len(got) != 40 {
		t.Fatalf("got %d samples, want 40 (frames 30..49)", len(got))
	}
	// Sequence frame 30 is the clip's frame 20.
	if got[0] != 21 || got[1] != -21 || got[38] != 40 {
		t.Fatalf("from frame 30 got %v..., want the clip from its frame 20 (21, -21)", got[:4])
	}
}

func BenchmarkMixRead(b *testing.B) {
	take := ramp(SampleRate, 0.1)
	music := ramp(10*SampleRate, 0.2)
	parts := []Part{{Length: int64(10 * SampleRate), Load: func() (audio.PCM, error) { return take, nil }}}
	overlays := []Overlay{{Start: 100, Gain: 0.5, Load: func() (audio.PCM, error) { return music, nil }}}
	buf := make([]byte, 1024*BytesPerFrame)
	b.ReportAllocs()
	b.SetBytes(int64(len(buf)))
	seq := NewMix(parts, overlays, 0)
	for i := 0; i < b.N; i++ {
		if _, err := seq.Read(buf); err != nil {
			seq = NewMix(parts, overlays, 0)
		}
	}
}

// Starting to play after a clip of known length has ended does not load
// (decode) its sound at all; a clip still sounding, or of unknown length,
// is loaded and heard.
func TestMixPassesOverOverlaysThatEndedWithoutLoading(t *testing.T) {
	loads := map[string]int{}
	tone := func(name string, v float32) func() (audio.PCM, error) {
		return func() (audio.PCM, error) {
			loads[name]++
			s := make([]float32, 2*100)
			for i := range s {
				s[i] = v
			}
			return audio.PCM{Rate: SampleRate, Channels: 2, Samples: s}, nil
		}
	}
	parts := []Part{{Length: 1000}}
	seq := NewMix(parts, []Overlay{
		{Start: 0, Length: 100, Gain: 1, Load: tone("ended", 0.5)},
		{Start: 450, Length: 100, Gain: 1, Load: tone("sounding", 0.25)},
		{Start: 0, Gain: 1, Load: tone("unknown", 0.125)},
	}, 500)
	buf := make([]byte, 10*BytesPerFrame)
	if _, err := seq.Read(buf); err != nil {
		t.Fatal(err)
	}
	if loads["ended"] != 0 || loads["sounding"] != 1 || loads["unknown"] != 1 {
		t.Fatalf("loads %v: the clip that ended before the start was decoded, or a needed one was not", loads)
	}
	got := math.Float32frombits(binary.LittleEndian.Uint32(buf[:4]))
	if got != 0.25 {
		t.Fatalf("first sample %v, want 0.25 (only the clip still sounding)", got)
	}
}
