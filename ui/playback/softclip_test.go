package playback

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"testing"
)

// Quiet sound passes untouched; sound pushed past full scale by overlays
// stays below it, keeps its sign and keeps growing with the input.
func TestSoftClipBendsOnlyPeaks(t *testing.T) {
	for _, v := range []float32{0, 0.1, -0.5, 0.89} {
		if got := softClip(v); got != v {
			t.Fatalf("softClip(%v) = %v, want it untouched", v, got)
		}
	}
	prev := float32(0)
	for _, v := range []float32{0.9, 1, 1.5, 3, 10} {
		got := softClip(v)
		if got >= 1 || got <= prev {
			t.Fatalf("softClip(%v) = %v, want below 1 and above %v", v, got, prev)
		}
		if neg := softClip(-v); neg != -got {
			t.Fatalf("softClip(%v) = %v, want %v", -v, neg, -got)
		}
		prev = got
	}
	if got := softClip(float32(math.Inf(1))); got > 1 {
		t.Fatalf("softClip(+Inf) = %v", got)
	}
}

// The limiter passes a stream's quiet samples through byte for byte and
// bends its loud ones.
func TestSoftLimitReader(t *testing.T) {
	in := []float32{0.25, -0.5, 2, -4}
	var src bytes.Buffer
	for _, v := range in {
		binary.Write(&src, binary.LittleEndian, v)
	}
	out, err := io.ReadAll(SoftLimit(&src))
	if err != nil {
		t.Fatal(err)
	}
	got := make([]float32, len(out)/4)
	binary.Read(bytes.NewReader(out), binary.LittleEndian, got)
	if got[0] != 0.25 || got[1] != -0.5 || got[2] >= 1 || got[2] <= softKnee || got[3] <= -1 || got[3] >= -softKnee {
		t.Fatalf("limited %v to %v", in, got)
	}
}
