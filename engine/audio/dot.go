package audio

// dot is the resampler's inner loop: the sum of h[j]*x[j]. The first
// len(h)&^15 products are summed in lanes (dotLanes: on amd64 sixteen, in
// AVX when the CPU has it and in Go otherwise, adding in the same order,
// so every amd64 machine gives the same bits), the rest in order.
func dot(h, x []float32) float32 {
	x = x[:len(h)]
	n := len(h) &^ 15
	var s float32
	if n > 0 {
		s = dotLanes(h[:n], x[:n])
	}
	for j := n; j < len(h); j++ {
		s += h[j] * x[j]
	}
	return s
}
