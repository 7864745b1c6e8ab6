package audio

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestDotMatchesFloat64: the lane sums are the dot product, within
// float32 rounding, for every tap count a resampler uses (even, with and
// without a remainder past the last 16).
func TestDotMatchesFloat64(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 2; n <= 200; n += 2 {
		h, x := make([]float32, n), make([]float32, n+5)
		var want, mag float64
		for i := range h {
			h[i], x[i] = rng.Float32()*2-1, rng.Float32()*2-1
			want += float64(h[i]) * float64(x[i])
			mag += math.Abs(float64(h[i]) * float64(x[i]))
		}
		got := float64(dot(h, x))
		if math.Abs(got-want) > 1e-6*mag+1e-7 {
			t.Fatalf("%d taps: %g, want %g", n, got, want)
		}
	}
}
