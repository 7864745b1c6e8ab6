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

// dotLanesGo is dotAVX for amd64 CPUs without AVX: it sums h[j]*x[j]
// (len(h) a positive multiple of 16) in sixteen lanes, lane k holding the
// products at j ≡ k (mod 16), and then folds the lanes as dotAVX does: k
// with k+8, then with k+4, then pairs.
func dotLanesGo(h, x []float32) float32 {
	var a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15 float32
	for j := 0; j+16 <= len(h); j += 16 {
		hh, xx := (*[16]float32)(h[j:j+16]), (*[16]float32)(x[j:j+16])
		a0 += hh[0] * xx[0]
		a1 += hh[1] * xx[1]
		a2 += hh[2] * xx[2]
		a3 += hh[3] * xx[3]
		a4 += hh[4] * xx[4]
		a5 += hh[5] * xx[5]
		a6 += hh[6] * xx[6]
		a7 += hh[7] * xx[7]
		a8 += hh[8] * xx[8]
		a9 += hh[9] * xx[9]
		a10 += hh[10] * xx[10]
		a11 += hh[11] * xx[11]
		a12 += hh[12] * xx[12]
		a13 += hh[13] * xx[13]
		a14 += hh[14] * xx[14]
		a15 += hh[15] * xx[15]
	}
	s0, s1, s2, s3 := a0+a8, a1+a9, a2+a10, a3+a11
	s4, s5, s6, s7 := a4+a12, a5+a13, a6+a14, a7+a15
	t0, t1, t2, t3 := s0+s4, s1+s5, s2+s6, s3+s7
	return (t0 + t1) + (t2 + t3)
}
