package schedule

import "math"

// vpX0 returns a and b with x0 = a*x + b*m for a model output m, in
// variance-preserving space where x = sqrt(acp)*x0 + sqrt(1-acp)*eps.
func vpX0(pred string, acp float64) (a, b float64) {
	sa, sb := math.Sqrt(acp), math.Sqrt(1-acp)
	switch pred {
	case PredictV: // x0 = sa*x - sb*v
		return sa, -sb
	case PredictSample:
		return 0, 1
	default: // epsilon: x0 = (x - sb*eps)/sa
		return 1 / sa, -sb / sa
	}
}

// DDIMStep writes the deterministic (eta = 0) DDIM update into dst:
//
//	x0  = prediction of the clean sample, clamped to ±clip when clip > 0
//	eps = (x - sqrt(acp)*x0) / sqrt(1-acp)
//	dst = sqrt(acpPrev)*x0 + sqrt(1-acpPrev)*eps
//
// acp is alphas_cumprod at the current timestep, acpPrev at the next one.
// dst, x and modelOut may alias.
func DDIMStep(dst, x, modelOut []float32, acp, acpPrev float64, pred string, clip float64) {
	a, b := vpX0(pred, acp)
	sa, sb := math.Sqrt(acp), math.Sqrt(1-acp)
	spa, spb := math.Sqrt(acpPrev), math.Sqrt(1-acpPrev)
	x, modelOut = x[:len(dst)], modelOut[:len(dst)]
	if clip <= 0 {
		// dst = spa*x0 + spb*(x - sa*x0)/sb, with x0 = a*x + b*m.
		k := spa - spb*sa/sb
		cx := float32(k*a + spb/sb)
		cm := float32(k * b)
		for i := range dst {
			dst[i] = cx*x[i] + cm*modelOut[i]
		}
		return
	}
	fa, fb, lim := float32(a), float32(b), float32(clip)
	fsa, finvsb := float32(sa), float32(1/sb)
	fspa, fspb := float32(spa), float32(spb)
	for i := range dst {
		x0 := clamp(fa*x[i]+fb*modelOut[i], lim)
		eps := (x[i] - fsa*x0) * finvsb
		dst[i] = fspa*x0 + fspb*eps
	}
}

// clamp limits v to [-lim, lim]; NaN passes through as torch.clamp lets it.
func clamp(v, lim float32) float32 {
	if v > lim {
		return lim
	}
	if v < -lim {
		return -lim
	}
	return v
}
