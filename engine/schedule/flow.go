package schedule

import "fmt"

// FlowSigmas returns the sigmas of a flow-matching Euler run: steps values
// linear from 1 down to 1/steps, each warped by the config's shift as
// shift*s / (1 + (shift-1)*s), then a final 0. The model's timestep at step i
// is sigmas[i] * num_train_timesteps.
func FlowSigmas(cfg Config, steps int) ([]float64, error) {
	if steps < 1 {
		return nil, fmt.Errorf("%d steps is below 1", steps)
	}
	shift := cfg.Shift
	out := make([]float64, steps+1)
	for i, s := range linspace(1, 1/float64(steps), steps) {
		out[i] = shift * s / (1 + (shift-1)*s)
	}
	return out, nil
}

// FlowEulerStep writes the flow-matching Euler update into dst:
// x + (sigmaNext - sigma) * v, where v is the model's predicted velocity
// (noise - x0). dst, x and v may alias.
func FlowEulerStep(dst, x, v []float32, sigma, sigmaNext float64) {
	dt := float32(sigmaNext - sigma)
	x, v = x[:len(dst)], v[:len(dst)]
	for i := range dst {
		dst[i] = x[i] + dt*v[i]
	}
}
