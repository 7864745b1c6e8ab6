package playback

import (
	"encoding/binary"
	"io"
	"math"
)

// softKnee is where the preview's soft limiter starts to bend the sound:
// -1 dBFS. Below it samples pass untouched.
const softKnee = 0.891

// SoftLimit returns src with its peaks bent below full scale. Takes'
// soundtracks never clip, but music and voice-over clips laid over them
// can; export lowers the whole mix then (it can look ahead), while the
// preview, which cannot, bends only the samples past -1 dBFS rather than
// letting the device clip them hard. src is a stream in the preview's
// format (float32 stereo).
func SoftLimit(src io.Reader) io.Reader { return &softLimiter{src: src} }

// softLimiter bends whole samples; the sources it wraps (Sequence) return
// whole sample frames from every read.
type softLimiter struct{ src io.Reader }

func (l *softLimiter) Read(p []byte) (int, error) {
	n, err := l.src.Read(p)
	whole := n - n%4
	for k := 0; k < whole; k += 4 {
		v := math.Float32frombits(binary.LittleEndian.Uint32(p[k:]))
		binary.LittleEndian.PutUint32(p[k:], math.Float32bits(softClip(v)))
	}
	return n, err
}

// softClip bends a sample past the knee smoothly towards, and never to,
// full scale, keeping its sign.
func softClip(v float32) float32 {
	a := math.Abs(float64(v))
	if a <= softKnee {
		return v
	}
	room := 1 - softKnee
	x := (a - softKnee) / room
	if math.IsInf(x, 0) || math.IsNaN(x) || x > 1e6 {
		x = 1e6
	}
	y := softKnee + room*x/(1+x)
	return float32(math.Copysign(math.Min(y, 0.9999), float64(v)))
}
