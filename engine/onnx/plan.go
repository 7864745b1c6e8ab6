package onnx

import (
	"fmt"
	"math"

	"kino/engine/schedule"
)

// Pure planning and arithmetic of the pipeline: nothing here touches ONNX
// Runtime, so all of it is unit-tested on its own.

// batchCalls splits rows (0..n-1) into model calls for a batch dimension
// that is dynamic (one call with every row) or fixed at k (calls of k rows;
// the last call is padded by repeating its last row, whose extra outputs are
// ignored).
func batchCalls(n int, batch int64) [][]int {
	if n <= 0 {
		return nil
	}
	if batch < 1 {
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		return [][]int{all}
	}
	k := int(batch)
	var calls [][]int
	for s := 0; s < n; s += k {
		c := make([]int, k)
		for j := range c {
			c[j] = min(s+j, n-1)
		}
		calls = append(calls, c)
	}
	return calls
}

// window is one context window of a video UNet call: frames start..start+n-1
// of the shot, fed as a window of length size (size > n pads the end by
// repeating the last frame; those outputs are dropped).
type window struct {
	start, n, size int
}

// contextWindows covers frames 0..frames-1 with windows of length context
// overlapping by overlap frames, the last aligned to the end. A model whose
// frame count is fixed at context gets a padded window when the shot is
// shorter; a dynamic model (fixed false) gets a window of the shot's length.
func contextWindows(frames, context, overlap int, fixed bool) ([]window, error) {
	if frames < 1 || context < 1 {
		return nil, fmt.Errorf("%d frames in windows of %d", frames, context)
	}
	if frames <= context {
		size := frames
		if fixed {
			size = context
		}
		return []window{{0, frames, size}}, nil
	}
	if overlap < 0 || overlap >= context {
		return nil, fmt.Errorf("overlap %d must be below the context of %d frames", overlap, context)
	}
	stride := context - overlap
	var ws []window
	for s := 0; ; s += stride {
		if s+context >= frames {
			ws = append(ws, window{frames - context, context, context})
			break
		}
		ws = append(ws, window{s, context, context})
	}
	return ws, nil
}

// windowWeight is how much frame j of a window of n frames counts when
// overlapping windows are averaged: rising from the edges to the middle,
// so each frame is led by the window that sees it with the most context.
func windowWeight(j, n int) float32 {
	return float32(min(j+1, n-j))
}

// guide writes classifier-free guidance into dst: uncond + g*(cond-uncond).
// dst may alias either input.
func guide(dst, uncond, cond []float32, g float32) {
	uncond, cond = uncond[:len(dst)], cond[:len(dst)]
	for i := range dst {
		u := uncond[i]
		dst[i] = u + g*(cond[i]-u)
	}
}

// startStep returns the first step of a refine run of strength in (0, 1]
// over steps steps, as diffusers' img2img computes it:
// steps - min(int(steps*strength), steps).
func startStep(steps int, strength float64) int {
	init := min(int(float64(steps)*strength), steps)
	return max(steps-init, 0)
}

// noiseTo writes into dst the clean latent z noised to the level of step i
// of s (cfg is s's schedule config): z + sigma*n for the Euler family,
// sqrt(acp)*z + sqrt(1-acp)*n for DDIM and LCM, (1-sigma)*z + sigma*n for
// flow matching. n holds unit Gaussian samples.
func noiseTo(dst, z, n []float32, s *schedule.Sampler, cfg schedule.Config, i int) {
	z, n = z[:len(dst)], n[:len(dst)]
	var a, b float32
	switch s.Kind() {
	case schedule.Euler, schedule.EulerAncestral:
		a, b = 1, float32(s.Sigmas()[i])
	case schedule.FlowEuler:
		sig := s.Sigmas()[i]
		a, b = float32(1-sig), float32(sig)
	default:
		acp := schedule.AlphasCumprod(cfg)[int(s.Timesteps()[i])]
		a, b = float32(math.Sqrt(acp)), float32(math.Sqrt(1-acp))
	}
	for k := range dst {
		dst[k] = a*z[k] + b*n[k]
	}
}
