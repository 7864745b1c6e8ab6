package schedule

import "math"

// eulerX0 returns a and b with x0 = a*x + b*m for a model output m at noise
// level sigma in Euler (variance-exploding) space, where x = x0 + sigma*eps.
func eulerX0(pred string, sigma float64) (a, b float64) {
	switch pred {
	case PredictV:
		return 1 / (sigma*sigma + 1), -sigma / math.Sqrt(sigma*sigma+1)
	case PredictSample:
		return 0, 1
	default: // epsilon
		return 1, -sigma
	}
}

// EulerStep writes the Euler update from sigma to sigmaNext into dst:
//
//	x0 = prediction of the clean sample from (x, modelOut)
//	d  = (x - x0) / sigma
//	dst = x + d * (sigmaNext - sigma)
//
// dst, x and modelOut may alias; they must have the same length.
func EulerStep(dst, x, modelOut []float32, sigma, sigmaNext float64, pred string) {
	a, b := eulerX0(pred, sigma)
	dt := sigmaNext - sigma
	// dst = x + (x - a*x - b*m)/sigma*dt = cx*x + cm*m
	cx := float32(1 + (1-a)*dt/sigma)
	cm := float32(-b * dt / sigma)
	x, modelOut = x[:len(dst)], modelOut[:len(dst)]
	for i := range dst {
		dst[i] = cx*x[i] + cm*modelOut[i]
	}
}

// AncestralSigmas splits the move from sigma to sigmaNext into a
// deterministic part down to sigmaDown and fresh noise of size sigmaUp:
//
//	up   = sqrt(next^2 * (sigma^2 - next^2) / sigma^2)
//	down = sqrt(next^2 - up^2)
func AncestralSigmas(sigma, sigmaNext float64) (up, down float64) {
	up = math.Sqrt(sigmaNext * sigmaNext * (sigma*sigma - sigmaNext*sigmaNext) / (sigma * sigma))
	down = math.Sqrt(max(sigmaNext*sigmaNext-up*up, 0))
	return up, down
}

// EulerAncestralStep writes the Euler ancestral update into dst: an Euler
// step from sigma to sigmaDown plus noise*sigmaUp (see AncestralSigmas).
// noise holds unit Gaussian samples. All slices may alias except noise.
func EulerAncestralStep(dst, x, modelOut, noise []float32, sigma, sigmaNext float64, pred string) {
	up, down := AncestralSigmas(sigma, sigmaNext)
	a, b := eulerX0(pred, sigma)
	dt := down - sigma
	cx := float32(1 + (1-a)*dt/sigma)
	cm := float32(-b * dt / sigma)
	cn := float32(up)
	x, modelOut, noise = x[:len(dst)], modelOut[:len(dst)], noise[:len(dst)]
	for i := range dst {
		dst[i] = cx*x[i] + cm*modelOut[i] + cn*noise[i]
	}
}
