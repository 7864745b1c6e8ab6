package audio

import (
	"fmt"
	"math"
)

// Resampler design. The filter is a Kaiser-windowed sinc whose cutoff sits
// below the Nyquist frequency of the lower of the two rates, so that the
// stop band begins exactly at that Nyquist frequency: images (upsampling)
// and aliases (downsampling) are attenuated by about 80 dB, and the pass
// band is flat to about 0.42 of the lower rate (9.3 kHz for 22050 Hz).
const (
	resampleHalfTaps = 32   // filter half-length, in samples of the lower rate
	resampleAtten    = 80.0 // stop-band attenuation in dB, sets the Kaiser beta
	maxPhases        = 4096 // polyphase table size limit; finer ratios are quantised
)

// Resampler converts mono audio from one sample rate to another with a
// polyphase windowed-sinc filter. It is immutable after NewResampler and
// safe for concurrent use.
type Resampler struct {
	from, to int
	up, down int64 // to/from reduced: output n sits at input n*down/up
	phases   int64
	half     int // taps each side of the output position, in input samples
	taps     int // 2*half
	table    []float32
}

// NewResampler builds a resampler from rate from to rate to, both in Hz.
// When the reduced ratio needs more than 4096 filter phases, output
// positions are rounded to 1/4096 of an input sample (jitter noise below
// -70 dB).
func NewResampler(from, to int) (*Resampler, error) {
	if from <= 0 || to <= 0 {
		return nil, fmt.Errorf("resampling from %d Hz to %d Hz: rates must be positive", from, to)
	}
	g := gcd(from, to)
	r := &Resampler{from: from, to: to, up: int64(to / g), down: int64(from / g)}
	if from == to {
		return r, nil
	}
	r.phases = min(r.up, maxPhases)
	// scale is the lower rate over the input rate: the filter's time axis
	// is stretched by 1/scale when downsampling.
	scale := min(1, float64(to)/float64(from))
	r.half = int(math.Ceil(resampleHalfTaps / scale))
	r.taps = 2 * r.half
	width := float64(r.half)
	// Kaiser transition width in cycles per sample of the lower rate.
	transition := (resampleAtten - 7.95) / (14.36 * 2 * resampleHalfTaps)
	cutoff := (0.5 - transition/2) * scale // cycles per input sample
	beta := 0.1102 * (resampleAtten - 8.7)
	i0beta := besselI0(beta)
	r.table = make([]float32, int(r.phases)*r.taps)
	w := make([]float64, r.taps)
	for p := range int(r.phases) {
		frac := float64(p) / float64(r.phases)
		row := r.table[p*r.taps : (p+1)*r.taps]
		var sum float64
		for j := range w {
			w[j] = 0
			x := float64(j-r.half+1) - frac // input offset from the output position
			if math.Abs(x) >= width {
				continue
			}
			q := x / width
			w[j] = 2 * cutoff * sinc(2*cutoff*x) * besselI0(beta*math.Sqrt(1-q*q)) / i0beta
			sum += w[j]
		}
		for j := range row {
			row[j] = float32(w[j] / sum) // unity gain at DC for every phase
		}
	}
	return r, nil
}

// Resample converts in from rate from to rate to. It is a convenience for
// one-off conversions; reuse a Resampler for repeated ones.
func Resample(in []float32, from, to int) ([]float32, error) {
	r, err := NewResampler(from, to)
	if err != nil {
		return nil, err
	}
	return r.Resample(in), nil
}

// OutputLen is the number of samples Resample returns for n input samples:
// ceil(n*to/from).
func (r *Resampler) OutputLen(n int) int {
	return int((int64(n)*r.up + r.down - 1) / r.down)
}

// Resample converts one whole clip. Samples beyond either end count as
// silence. The result is a new slice.
func (r *Resampler) Resample(in []float32) []float32 {
	out := make([]float32, r.OutputLen(len(in)))
	if r.from == r.to {
		copy(out, in)
		return out
	}
	n := int64(len(in))
	avx := haveAVX && r.taps%16 == 0 // call the AVX loop directly
	for i := range out {
		pos := int64(i) * r.down // input position times up
		base := pos / r.up
		p := pos % r.up
		if r.phases != r.up { // quantise the phase to the table
			p = (p*r.phases + r.up/2) / r.up
			if p == r.phases {
				p = 0
				base++
			}
		}
		row := r.table[int(p)*r.taps : int(p+1)*r.taps]
		start := base - int64(r.half) + 1
		if start >= 0 && start+int64(r.taps) <= n {
			if avx {
				out[i] = dotAVX(&row[0], &in[start], r.taps)
				continue
			}
			out[i] = dot(row, in[start:start+int64(r.taps)])
			continue
		}
		var acc float32
		for j, h := range row {
			if k := start + int64(j); k >= 0 && k < n {
				acc += h * in[k]
			}
		}
		out[i] = acc
	}
	return out
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// besselI0 is the zeroth-order modified Bessel function of the first kind,
// summed as a power series until terms stop mattering.
func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	y := x * x / 4
	for k := 1; k < 200; k++ {
		term *= y / float64(k*k)
		sum += term
		if term < sum*1e-17 {
			break
		}
	}
	return sum
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
