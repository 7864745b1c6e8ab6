package audio

import "golang.org/x/sys/cpu"

// haveAVX reports whether dotAVX may run: it needs AVX (the operating
// system saving the YMM registers is part of x/sys/cpu's check).
var haveAVX = cpu.X86.HasAVX

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
