//go:build !amd64

package audio

// dotLanes on other architectures sums in four lanes, which Go compiles
// to faster code than sixteen; arm64 fuses the multiply-adds anyway, so
// its bits were never those of amd64.
func dotLanes(h, x []float32) float32 {
	x = x[:len(h)]
	var a0, a1, a2, a3 float32
	for j := 0; j+4 <= len(h); j += 4 {
		hh, xx := (*[4]float32)(h[j:j+4]), (*[4]float32)(x[j:j+4])
		a0 += hh[0] * xx[0]
		a1 += hh[1] * xx[1]
		a2 += hh[2] * xx[2]
		a3 += hh[3] * xx[3]
	}
	return (a0 + a1) + (a2 + a3)
}

// haveAVX is false: dotAVX exists on amd64 only.
const haveAVX = false

func dotAVX(h, x *float32, n int) float32 { panic("audio: dotAVX on a CPU without AVX") }
