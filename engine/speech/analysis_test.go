package speech

import (
	"math"
	"slices"
)

// estimateF0 returns the median fundamental frequency (Hz) of the voiced
// frames of x, using normalised autocorrelation on 40 ms frames, and the
// number of voiced frames found. A frame counts as voiced when it is loud
// (within 12 dB of the loudest frame) and strongly periodic in 60..500 Hz.
func estimateF0(x []float32, rate int) (float64, int) {
	frame := rate * 40 / 1000
	hop := rate * 10 / 1000
	minLag, maxLag := rate/500, rate/60
	var energies []float64
	for start := 0; start+frame+maxLag <= len(x); start += hop {
		energies = append(energies, rms(x[start:start+frame]))
	}
	if len(energies) == 0 {
		return 0, 0
	}
	loudest := slices.Max(energies)
	var f0s []float64
	for k, start := 0, 0; start+frame+maxLag <= len(x); k, start = k+1, start+hop {
		if energies[k] < loudest/4 {
			continue
		}
		seg := x[start : start+frame+maxLag]
		bestLag, best := 0, 0.0
		for lag := minLag; lag <= maxLag; lag++ {
			var num, e0, e1 float64
			for i := range frame {
				a, b := float64(seg[i]), float64(seg[i+lag])
				num += a * b
				e0 += a * a
				e1 += b * b
			}
			if c := num / math.Sqrt(e0*e1+1e-12); c > best {
				best, bestLag = c, lag
			}
		}
		if best > 0.6 {
			f0s = append(f0s, float64(rate)/float64(bestLag))
		}
	}
	if len(f0s) == 0 {
		return 0, 0
	}
	slices.Sort(f0s)
	return f0s[len(f0s)/2], len(f0s)
}
