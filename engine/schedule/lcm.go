package schedule

import "math"

// lcmSigmaData is sigma_data in LCM's consistency boundary condition.
const lcmSigmaData = 0.5

// LCMScalings returns the boundary-condition scalings of a latent
// consistency model at timestep t:
//
//	c_skip = sigma_data^2 / ((t*scaling)^2 + sigma_data^2)
//	c_out  = t*scaling / sqrt((t*scaling)^2 + sigma_data^2)
//
// with sigma_data = 0.5 and scaling the config's timestep_scaling (10).
func LCMScalings(t, scaling float64) (cSkip, cOut float64) {
	st := t * scaling
	d := st*st + lcmSigmaData*lcmSigmaData
	return lcmSigmaData * lcmSigmaData / d, st / math.Sqrt(d)
}

// LCMDenoise writes LCM's denoised sample into dst:
//
//	x0  = prediction of the clean sample, clamped to ±clip when clip > 0
//	dst = c_out*x0 + c_skip*x
//
// acp is alphas_cumprod at the current timestep. dst, x and modelOut may
// alias.
func LCMDenoise(dst, x, modelOut []float32, acp, cSkip, cOut float64, pred string, clip float64) {
	a, b := vpX0(pred, acp)
	x, modelOut = x[:len(dst)], modelOut[:len(dst)]
	if clip <= 0 {
		cx := float32(cOut*a + cSkip)
		cm := float32(cOut * b)
		for i := range dst {
			dst[i] = cx*x[i] + cm*modelOut[i]
		}
		return
	}
	fa, fb, lim := float32(a), float32(b), float32(clip)
	fo, fs := float32(cOut), float32(cSkip)
	for i := range dst {
		x0 := clamp(fa*x[i]+fb*modelOut[i], lim)
		dst[i] = fo*x0 + fs*x[i]
	}
}

// LCMRenoise writes the input of LCM's next step into dst: the denoised
// sample noised to the next timestep,
// sqrt(acpPrev)*denoised + sqrt(1-acpPrev)*noise. dst and denoised may alias.
func LCMRenoise(dst, denoised, noise []float32, acpPrev float64) {
	cd, cn := float32(math.Sqrt(acpPrev)), float32(math.Sqrt(1-acpPrev))
	denoised, noise = denoised[:len(dst)], noise[:len(dst)]
	for i := range dst {
		dst[i] = cd*denoised[i] + cn*noise[i]
	}
}
