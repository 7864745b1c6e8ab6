package schedule

import "math"

// Betas returns the per-step noise variances of the training schedule.
// trained_betas, when present, wins over beta_schedule.
func Betas(cfg Config) []float64 {
	n := cfg.NumTrainTimesteps
	if cfg.TrainedBetas != nil {
		return append([]float64(nil), cfg.TrainedBetas...)
	}
	betas := make([]float64, n)
	switch cfg.BetaSchedule {
	case BetaScaledLinear:
		lo, hi := math.Sqrt(cfg.BetaStart), math.Sqrt(cfg.BetaEnd)
		for i, v := range linspace(lo, hi, n) {
			betas[i] = v * v
		}
	case BetaSquaredCos:
		alphaBar := func(t float64) float64 {
			c := math.Cos((t + 0.008) / 1.008 * math.Pi / 2)
			return c * c
		}
		for i := range betas {
			t1, t2 := float64(i)/float64(n), float64(i+1)/float64(n)
			betas[i] = min(1-alphaBar(t2)/alphaBar(t1), 0.999)
		}
	default:
		copy(betas, linspace(cfg.BetaStart, cfg.BetaEnd, n))
	}
	return betas
}

// AlphasCumprod returns the cumulative product of 1 - beta over the training
// schedule: acp[t] is the fraction of signal variance left at timestep t.
func AlphasCumprod(cfg Config) []float64 {
	betas := Betas(cfg)
	acp := make([]float64, len(betas))
	p := 1.0
	for i, b := range betas {
		p *= 1 - b
		acp[i] = p
	}
	return acp
}

// linspace returns n evenly spaced values from lo to hi inclusive, computed
// like numpy.linspace: lo + i*step, with the last value set to hi.
func linspace(lo, hi float64, n int) []float64 {
	out := make([]float64, n)
	if n == 1 {
		out[0] = lo
		return out
	}
	step := (hi - lo) / float64(n-1)
	for i := range out {
		out[i] = lo + float64(float64(i)*step)
	}
	out[n-1] = hi
	return out
}
