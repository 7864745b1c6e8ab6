package schedule

import (
	"math"
	"testing"
)

// TestNoiseGolden pins the stream: a render's seed must give the same latent
// on every machine and in every release. These bits were cross-checked
// against an independent implementation of the documented algorithm
// (splitmix64 + Marsaglia polar with libm's log).
func TestNoiseGolden(t *testing.T) {
	for seed, want := range map[uint64][]uint32{
		0:  {0x3e78d002, 0x3f9195e6, 0xbdc65b0d, 0x3faac0cf, 0x3df00ffa, 0x3f20e9cc},
		42: {0x3de31e3b, 0x3f67ea5b, 0xbeb5384f, 0x3f465efc, 0xbf17ff7a, 0xbf67aeb6},
	} {
		got := make([]float32, len(want))
		NewNoise(seed).Fill(got)
		for i := range want {
			if math.Float32bits(got[i]) != want[i] {
				t.Errorf("seed %d value %d = %#08x (%g), want %#08x", seed, i, math.Float32bits(got[i]), got[i], want[i])
			}
		}
	}
}

func TestNoiseDeterministic(t *testing.T) {
	a, b, c := make([]float32, 1001), make([]float32, 1001), make([]float32, 1001)
	NewNoise(7).Fill(a)
	NewNoise(7).Fill(b)
	NewNoise(8).Fill(c)
	same := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed differs at %d", i)
		}
		if a[i] == c[i] {
			same++
		}
	}
	if same > 2 {
		t.Errorf("seeds 7 and 8 agree on %d of %d values", same, len(a))
	}

	// The stream does not depend on how it is split across calls.
	n := NewNoise(7)
	var pieces []float32
	for _, size := range []int{1, 0, 7, 2, 1, 990} {
		p := make([]float32, size)
		n.Fill(p)
		pieces = append(pieces, p...)
	}
	pieces = append(pieces, n.Float32())
	for i := range a {
		if pieces[i] != a[i] {
			t.Fatalf("split stream differs at %d: %g vs %g", i, pieces[i], a[i])
		}
	}
}

func TestNoiseStatistics(t *testing.T) {
	v := make([]float32, 1<<20)
	NewNoise(2024).Fill(v)
	var sum, sq float64
	within1, within2 := 0, 0
	for _, x := range v {
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			t.Fatalf("non-finite sample %g", f)
		}
		sum += f
		sq += f * f
		if math.Abs(f) < 1 {
			within1++
		}
		if math.Abs(f) < 2 {
			within2++
		}
	}
	n := float64(len(v))
	mean := sum / n
	std := math.Sqrt(sq/n - mean*mean)
	// Standard errors are about 0.001 here; the bounds are 5 of them.
	if math.Abs(mean) > 0.005 || math.Abs(std-1) > 0.005 {
		t.Errorf("mean %g std %g", mean, std)
	}
	if f := float64(within1) / n; math.Abs(f-0.682689) > 0.003 {
		t.Errorf("%.4f of samples within 1 sigma, want 0.6827", f)
	}
	if f := float64(within2) / n; math.Abs(f-0.954500) > 0.002 {
		t.Errorf("%.4f of samples within 2 sigma, want 0.9545", f)
	}
}

func TestDetLog(t *testing.T) {
	xs := []float64{1, 0.5, 0.25, 0.7071067811865476, 0.7071067811865475, 0.999999, 1 - 1e-16, 1e-300, 0.1, 0.3, 2, 10, 1e300}
	n := NewNoise(1)
	for i := 0; i < 100000; i++ {
		xs = append(xs, n.uniform())
	}
	for _, x := range xs {
		if x == 0 {
			continue
		}
		got, want := detLog(x), math.Log(x)
		if math.Abs(got-want) > 4e-16*math.Max(1, math.Abs(want)) {
			t.Fatalf("detLog(%g) = %.17g, math.Log = %.17g", x, got, want)
		}
	}
	// The smallest subnormal, 2^-1074.
	if got := detLog(5e-324); math.Abs(got-(-1074*math.Ln2)) > 1e-12 {
		t.Errorf("detLog(2^-1074) = %.17g", got)
	}
}
