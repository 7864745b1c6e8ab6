package audio

import (
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"
)

// TestAVXDetectionAgreesWithTheKernel: the CPUID/XGETBV check says what
// Linux says in /proc/cpuinfo (whose "avx" flag the kernel clears when it
// does not save the YMM registers).
func TestAVXDetectionAgreesWithTheKernel(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc/cpuinfo is Linux's")
	}
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Fatal(err)
	}
	kernel := false
	for _, line := range strings.Split(string(data), "\n") {
		if name, flags, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "flags" {
			kernel = strings.Contains(" "+flags+" ", " avx ")
			break
		}
	}
	if haveAVX != kernel {
		t.Fatalf("CPUID says AVX %v, /proc/cpuinfo says %v", haveAVX, kernel)
	}
}

// TestDotAVXHasTheBitsOfGo: the AVX inner loop adds in dotLanesGo's order,
// so a take's sound is the same bits on every amd64 machine, with AVX or
// without.
func TestDotAVXHasTheBitsOfGo(t *testing.T) {
	if !haveAVX {
		t.Log("this CPU has no AVX: dotLanesGo is used, nothing to compare")
		return
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 16; n <= 512; n += 16 {
		h, x := make([]float32, n), make([]float32, n)
		for i := range h {
			h[i], x[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64()*1e3)
		}
		if a, g := dotAVX(&h[0], &x[0], n), dotLanesGo(h, x); a != g {
			t.Fatalf("%d taps: AVX %g, Go %g", n, a, g)
		}
	}
}

// BenchmarkDot64 is one output sample of the 22050 → 48000 Hz resampler.
func BenchmarkDot64(b *testing.B) {
	h, x := make([]float32, 64), make([]float32, 64)
	for i := range h {
		h[i], x[i] = float32(i), float32(64-i)
	}
	var s float32
	b.Run("avx", func(b *testing.B) {
		if !haveAVX {
			b.Skip("no AVX")
		}
		for b.Loop() {
			s += dotAVX(&h[0], &x[0], 64)
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			s += dotLanesGo(h, x)
		}
	})
	_ = s
}
