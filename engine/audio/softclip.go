package audio

import "math"

// SoftKnee is where PolicySoftLimit starts to bend the sound: -1 dBFS.
// Below it samples pass untouched.
const SoftKnee = 0.891

// SoftClip bends a sample past SoftKnee smoothly towards, and never to,
// full scale, keeping its sign. Export lowers a mix that would clip as a
// whole (it can look ahead); the preview, which cannot, bends only the
// samples past -1 dBFS rather than letting the device clip them hard.
func SoftClip(v float32) float32 {
	a := math.Abs(float64(v))
	if a <= SoftKnee {
		return v
	}
	room := 1 - SoftKnee
	x := (a - SoftKnee) / room
	if math.IsInf(x, 0) || math.IsNaN(x) || x > 1e6 {
		x = 1e6
	}
	y := SoftKnee + room*x/(1+x)
	return float32(math.Copysign(math.Min(y, 0.9999), float64(v)))
}
