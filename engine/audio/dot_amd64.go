package audio

// haveAVX reports whether dotAVX may run: the CPU has AVX and the
// operating system saves the YMM registers (checked with CPUID and XGETBV,
// since this package uses the standard library only).
var haveAVX = cpuHasAVX()

// cpuHasAVX is CPUID leaf 1's AVX and OSXSAVE bits and XCR0's SSE and AVX
// state bits.
func cpuHasAVX() bool

// dotAVX is dotLanesGo in AVX: n is a positive multiple of 16.
//
//go:noescape
func dotAVX(h, x *float32, n int) float32

func dotLanes(h, x []float32) float32 {
	if haveAVX {
		return dotAVX(&h[0], &x[0], len(h))
	}
	return dotLanesGo(h, x)
}
