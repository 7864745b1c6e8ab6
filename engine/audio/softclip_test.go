package audio

import (
	"math"
	"testing"
)

// Quiet sound passes untouched; sound pushed past full scale by overlays
// stays below it, keeps its sign and keeps growing with the input.
func TestSoftClipBendsOnlyPeaks(t *testing.T) {
	for _, v := range []float32{0, 0.1, -0.5, 0.89} {
		if got := SoftClip(v); got != v {
			t.Fatalf("SoftClip(%v) = %v, want it untouched", v, got)
		}
	}
	prev := float32(0)
	for _, v := range []float32{0.9, 1, 1.5, 3, 10} {
		got := SoftClip(v)
		if got >= 1 || got <= prev {
			t.Fatalf("SoftClip(%v) = %v, want below 1 and above %v", v, got, prev)
		}
		if neg := SoftClip(-v); neg != -got {
			t.Fatalf("SoftClip(%v) = %v, want %v", -v, neg, -got)
		}
		prev = got
	}
	if got := SoftClip(float32(math.Inf(1))); got > 1 {
		t.Fatalf("SoftClip(+Inf) = %v", got)
	}
}

// The soft-limit policy passes a mix's quiet samples through exactly and
// bends its loud ones; the normalise policy lowers everything by one gain.
func TestMixerPolicies(t *testing.T) {
	loud := PCM{Rate: SampleRate, Channels: 2, Samples: []float32{0.25, -0.5, 2, -4}}
	open := func() (Source, error) { return NewPCMSource(loud) }
	soft := NewMixer([]Placement{{Length: 2, Gain: 1, Open: open}}, MixOptions{Length: 2, Policy: PolicySoftLimit})
	var b Block
	if err := soft.Read(&b, 2); err != nil {
		t.Fatal(err)
	}
	got := b.Mix
	if got[0] != 0.25 || got[1] != -0.5 || got[2] >= 1 || got[2] <= SoftKnee || got[3] <= -1 || got[3] >= -SoftKnee {
		t.Fatalf("soft limit turned %v into %v", loud.Samples, got)
	}
}
