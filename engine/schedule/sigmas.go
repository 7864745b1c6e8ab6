package schedule

import "math"

// TrainSigmas returns sigma = sqrt((1-acp)/acp) for every training timestep:
// the noise-to-signal ratio the Euler family works in.
func TrainSigmas(acp []float64) []float64 {
	s := make([]float64, len(acp))
	for i, a := range acp {
		s[i] = math.Sqrt((1 - a) / a)
	}
	return s
}

// Sigmas returns the sigma at each timestep, linearly interpolated between
// training timesteps (numpy.interp, clamped at the ends), followed by a
// final 0.
func Sigmas(trainSigmas, timesteps []float64) []float64 {
	out := make([]float64, len(timesteps)+1)
	for i, t := range timesteps {
		out[i] = interp(t, trainSigmas)
	}
	return out
}

// interp evaluates the piecewise-linear function through (i, ys[i]) at x.
func interp(x float64, ys []float64) float64 {
	last := len(ys) - 1
	switch {
	case x <= 0:
		return ys[0]
	case x >= float64(last):
		return ys[last]
	}
	j := int(x)
	frac := x - float64(j)
	if frac == 0 {
		return ys[j]
	}
	slope := ys[j+1] - ys[j]
	return float64(slope*frac) + ys[j]
}

// KarrasSigmas returns steps sigmas from sigmaMax down to sigmaMin spaced as
// in Karras et al. 2022 (rho = 7 in diffusers):
// (max^(1/rho) + i/(steps-1) * (min^(1/rho) - max^(1/rho)))^rho.
func KarrasSigmas(sigmaMin, sigmaMax float64, steps int, rho float64) []float64 {
	minInv, maxInv := math.Pow(sigmaMin, 1/rho), math.Pow(sigmaMax, 1/rho)
	out := make([]float64, steps)
	for i, r := range linspace(0, 1, steps) {
		out[i] = math.Pow(maxInv+r*(minInv-maxInv), rho)
	}
	return out
}

// SigmaToT maps a sigma back to a (fractional) training timestep by linear
// interpolation in log-sigma, as diffusers' _sigma_to_t does. logSigmas must
// be ascending (the log of TrainSigmas).
func SigmaToT(sigma float64, logSigmas []float64) float64 {
	ls := math.Log(sigma)
	low := 0
	for i, v := range logSigmas {
		if ls >= v {
			low = i
		}
	}
	low = min(low, len(logSigmas)-2)
	lo, hi := logSigmas[low], logSigmas[low+1]
	w := (lo - ls) / (lo - hi)
	w = min(max(w, 0), 1)
	return (1-w)*float64(low) + w*float64(low+1)
}

// InitNoiseSigma returns the factor that scales unit Gaussian noise into the
// first latent of an Euler-family run: the largest sigma for linspace and
// trailing spacing, sqrt(max^2 + 1) for leading.
func InitNoiseSigma(spacing string, sigmas []float64) float64 {
	m := 0.0
	for _, s := range sigmas {
		m = max(m, s)
	}
	if spacing == SpacingLinspace || spacing == SpacingTrailing {
		return m
	}
	return math.Sqrt(m*m + 1)
}

// ScaleModelInput writes x / sqrt(sigma^2 + 1) into dst, the scaling an
// epsilon- or v-trained UNet expects from Euler-family latents. dst and x may
// be the same slice.
func ScaleModelInput(dst, x []float32, sigma float64) {
	c := float32(1 / math.Sqrt(sigma*sigma+1))
	x = x[:len(dst)]
	for i, v := range x {
		dst[i] = v * c
	}
}
