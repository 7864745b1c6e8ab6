package schedule

import (
	"fmt"
	"math"
)

// Timesteps returns the model timesteps of an Euler-family run of steps
// steps, from noisiest to cleanest, following diffusers' timestep_spacing:
//
//	leading:  (0, r, 2r, ...) * reversed + steps_offset, r = N / steps (integer division)
//	trailing: round(N, N - r, ...) - 1, r = N / steps (real division)
//	linspace: linspace(0, N-1, steps) reversed, in float32 and not rounded
//
// Rounding is to nearest even, as numpy rounds.
func Timesteps(cfg Config, steps int) ([]float64, error) {
	return spacedTimesteps(cfg, steps, false)
}

// DDIMTimesteps is Timesteps as DDIM spaces them: the same rules, but
// linspace timesteps are rounded to integers.
func DDIMTimesteps(cfg Config, steps int) ([]float64, error) {
	return spacedTimesteps(cfg, steps, true)
}

func spacedTimesteps(cfg Config, steps int, roundLinspace bool) ([]float64, error) {
	n := cfg.NumTrainTimesteps
	if steps < 1 || steps > n {
		return nil, fmt.Errorf("%d steps is outside 1..%d", steps, n)
	}
	ts := make([]float64, steps)
	switch cfg.TimestepSpacing {
	case SpacingLeading:
		ratio := n / steps
		for i := range ts {
			ts[i] = float64((steps-1-i)*ratio + cfg.StepsOffset)
		}
	case SpacingTrailing:
		// numpy.arange(N, 0, -N/steps): element i is start + i*delta, where
		// delta is re-derived from the first two elements.
		start := float64(n)
		delta := -float64(n) / float64(steps)
		d := (start + delta) - start
		for i := range ts {
			v := start
			switch i {
			case 0:
			case 1:
				v = start + delta
			default:
				v = start + float64(float64(i)*d)
			}
			ts[i] = math.RoundToEven(v) - 1
		}
	case SpacingLinspace:
		for i, v := range linspace(0, float64(n-1), steps) {
			if roundLinspace {
				v = math.RoundToEven(v)
			} else {
				v = float64(float32(v))
			}
			ts[steps-1-i] = v
		}
	default:
		return nil, fmt.Errorf("unknown timestep_spacing %q", cfg.TimestepSpacing)
	}
	for _, t := range ts {
		if t < 0 || t > float64(n-1) {
			return nil, fmt.Errorf("timestep %g of %d steps with %s spacing and steps_offset %d lies outside 0..%d",
				t, steps, cfg.TimestepSpacing, cfg.StepsOffset, n-1)
		}
	}
	return ts, nil
}

// LCMTimesteps returns the timesteps of an LCM run: the distillation
// schedule k-1, 2k-1, ..., N-1 (k = N / original_inference_steps) taken in
// reverse at floor(linspace(0, original, steps, endpoint=false)).
func LCMTimesteps(cfg Config, steps int) ([]float64, error) {
	orig := cfg.OriginalInferenceSteps
	n := cfg.NumTrainTimesteps
	if orig < 1 || orig > n {
		return nil, fmt.Errorf("original_inference_steps %d is outside 1..%d", orig, n)
	}
	if steps < 1 || steps > orig {
		return nil, fmt.Errorf("%d LCM steps is outside 1..%d (original_inference_steps)", steps, orig)
	}
	k := n / orig
	ts := make([]float64, steps)
	for i := range ts {
		idx := int(math.Floor(float64(i) * (float64(orig) / float64(steps))))
		// Reversed schedule: index idx holds (orig-idx)*k - 1.
		ts[i] = float64((orig-idx)*k - 1)
	}
	return ts, nil
}
