package audio

import (
	"math"
	"testing"
)

// Mono is spread to both sides, a third channel is dropped, stereo at the
// target rate passes through, and a rate change resamples to the new
// length.
func TestToStereo(t *testing.T) {
	got, err := ToStereo([]float32{0.1, 0.2}, 1, 48000, 48000)
	if err != nil || len(got) != 4 || got[0] != 0.1 || got[1] != 0.1 || got[3] != 0.2 {
		t.Fatalf("mono: %v, %v", got, err)
	}
	got, err = ToStereo([]float32{1, 2, 3, 4, 5, 6}, 3, 48000, 48000)
	if err != nil || len(got) != 4 || got[0] != 1 || got[1] != 2 || got[2] != 4 || got[3] != 5 {
		t.Fatalf("three channels: %v, %v", got, err)
	}
	in := []float32{0.5, -0.5, 0.25, -0.25}
	if got, err = ToStereo(in, 2, 48000, 48000); err != nil || &got[0] != &in[0] {
		t.Fatalf("stereo at the rate was not passed through: %v", err)
	}
	mono := make([]float32, 24000)
	got, err = ToStereo(mono, 1, 24000, 48000)
	if err != nil || len(got) < 2*47900 || len(got) > 2*48100 {
		t.Fatalf("24 kHz second resampled to %d stereo samples, want about 96000 (%v)", len(got), err)
	}
	if _, err := ToStereo(in, 0, 48000, 48000); err == nil {
		t.Fatal("zero channels accepted")
	}
}

// A mixer reads 24 kHz mono sound resampled to 48 kHz on both sides.
func TestPCMSourceResamplesAndSpreadsMono(t *testing.T) {
	in := PCM{Rate: 24000, Channels: 1, Samples: make([]float32, 2400)}
	for i := range in.Samples {
		in.Samples[i] = 0.5
	}
	src, err := NewPCMSource(in)
	if err != nil {
		t.Fatal(err)
	}
	if src.Len() != 4800 {
		t.Fatalf("%d frames, want 4800", src.Len())
	}
	out := make([]float32, 2*4800)
	if err := src.ReadAt(out, nil, 0); err != nil {
		t.Fatal(err)
	}
	mid := out[2*2400]
	if math.Abs(float64(mid)-0.5) > 0.01 || out[2*2400+1] != mid {
		t.Fatalf("middle sample %v/%v, want 0.5 on both sides", mid, out[2*2400+1])
	}
}
