package onnx

import (
	"math"
	"testing"
)

func TestFloat16RoundTripAllValues(t *testing.T) {
	for i := 0; i < 1<<16; i++ {
		h := uint16(i)
		f := Float16Value(h)
		if got := Float16Bits(f); got != h {
			t.Fatalf("0x%04x -> %g (0x%08x) -> 0x%04x", h, f, math.Float32bits(f), got)
		}
		exp := h >> 10 & 0x1f
		isNaN := exp == 0x1f && h&0x3ff != 0
		if isNaN != math.IsNaN(float64(f)) {
			t.Fatalf("0x%04x: NaN-ness changed: %g", h, f)
		}
	}
}

// f16Exact computes a float16's value in float64 from its fields, as the
// IEEE 754 definition gives it.
func f16Exact(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp := int(h >> 10 & 0x1f)
	mant := float64(h & 0x3ff)
	switch exp {
	case 0x1f:
		if mant != 0 {
			return math.NaN()
		}
		return math.Inf(int(sign))
	case 0:
		return sign * mant * math.Pow(2, -24)
	}
	return sign * (1 + mant/1024) * math.Pow(2, float64(exp-15))
}

func TestFloat16ValueMatchesDefinition(t *testing.T) {
	for i := 0; i < 1<<16; i++ {
		want := f16Exact(uint16(i))
		got := float64(Float16Value(uint16(i)))
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("0x%04x = %g, want %g", i, got, want)
		}
		if want == 0 && math.Signbit(got) != (i&0x8000 != 0) {
			t.Fatalf("0x%04x: sign of zero lost", i)
		}
	}
}

// TestFloat16RoundsToNearestEven checks every gap between adjacent finite
// positive float16 values: the exact midpoint rounds to the even neighbour,
// and the float32 values just either side of it round to the nearer one.
func TestFloat16RoundsToNearestEven(t *testing.T) {
	for h := uint16(0); h < 0x7bff; h++ {
		lo, hi := f16Exact(h), f16Exact(h+1)
		mid := (lo + hi) / 2 // exact in float64 and in float32 (few bits)
		m32 := float32(mid)
		if float64(m32) != mid {
			t.Fatalf("midpoint %g of 0x%04x is not a float32", mid, h)
		}
		even := h
		if h&1 == 1 {
			even = h + 1
		}
		if got := Float16Bits(m32); got != even {
			t.Fatalf("midpoint %g between 0x%04x and 0x%04x -> 0x%04x, want 0x%04x", mid, h, h+1, got, even)
		}
		below := math.Nextafter32(m32, 0)
		above := math.Nextafter32(m32, math.MaxFloat32)
		if got := Float16Bits(below); got != h {
			t.Fatalf("%g (just below a midpoint) -> 0x%04x, want 0x%04x", below, got, h)
		}
		if got := Float16Bits(above); got != h+1 {
			t.Fatalf("%g (just above a midpoint) -> 0x%04x, want 0x%04x", above, got, h+1)
		}
		if got := Float16Bits(-below); got != h|0x8000 {
			t.Fatalf("%g -> 0x%04x, want 0x%04x", -below, got, h|0x8000)
		}
	}
}

func TestFloat16Specials(t *testing.T) {
	cases := []struct {
		f    float32
		want uint16
	}{
		{0, 0x0000},
		{float32(math.Copysign(0, -1)), 0x8000},
		{1, 0x3c00},
		{-2, 0xc000},
		{65504, 0x7bff},                     // largest finite
		{65519.99, 0x7bff},                  // below the overflow midpoint
		{65520, 0x7c00},                     // the midpoint to "65536" rounds to even: Inf
		{1e10, 0x7c00},                      // overflow
		{-1e10, 0xfc00},                     // negative overflow
		{float32(math.Inf(1)), 0x7c00},      // Inf
		{float32(math.Inf(-1)), 0xfc00},     // -Inf
		{float32(math.Pow(2, -14)), 0x0400}, // smallest normal
		{float32(math.Pow(2, -24)), 0x0001}, // smallest subnormal
		{float32(math.Pow(2, -25)), 0x0000}, // half of it: tie to even (0)
		{float32(1.5 * math.Pow(2, -25)), 0x0001},
		{float32(3 * math.Pow(2, -25)), 0x0002}, // tie between 1 and 2: even
		{float32(1e-30), 0x0000},                // underflow
		{math.SmallestNonzeroFloat32, 0x0000},   // float32 subnormal
		{float32(1.0 / 3), 0x3555},
		{0.1, 0x2e66},
	}
	for _, c := range cases {
		if got := Float16Bits(c.f); got != c.want {
			t.Errorf("Float16Bits(%g) = 0x%04x, want 0x%04x", c.f, got, c.want)
		}
	}
	for _, bits := range []uint32{0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000} {
		f := math.Float32frombits(bits)
		h := Float16Bits(f)
		if h&0x7c00 != 0x7c00 || h&0x3ff == 0 {
			t.Errorf("NaN 0x%08x -> 0x%04x, not a NaN", bits, h)
		}
		if h>>15 != uint16(bits>>31) {
			t.Errorf("NaN 0x%08x -> 0x%04x lost its sign", bits, h)
		}
	}
}

func TestFloat16Slices(t *testing.T) {
	src := []float32{0, 1, -1.5, 65504, 1e-7, float32(math.Inf(1))}
	buf := make([]byte, 2*len(src))
	putFloat16s(buf, src)
	if buf[2] != 0x00 || buf[3] != 0x3c {
		t.Fatalf("1.0 encoded as % x, want little-endian 00 3c", buf[2:4])
	}
	back := make([]float32, len(src))
	getFloat16s(back, buf)
	for i, v := range src {
		if want := Float16Value(Float16Bits(v)); back[i] != want {
			t.Errorf("element %d: %g -> %g, want %g", i, v, back[i], want)
		}
	}
}
