package onnx

import (
	"math"
	"path/filepath"
	"testing"

	"kino/engine/schedule"
	"kino/engine/tokenizer"
)

// This file computes, independently of the pipeline, what a generation on
// a tiny pack (packaging/make-tiny-packs.py) must give. The tiny models are
// linear maps whose weights follow closed formulas, restated here from the
// script's documentation:
//
//	last_hidden_state[t,d] = E[id_t,d] + P[t,d]
//	E[v,d] = ((7v+13d) mod 17 - 8)/16,  P[t,d] = ((5t+3d) mod 11 - 5)/32
//	out_sample = A*sample + (mean_t ehs) @ Wc + KT*timestep
//	Wc[d,k] = ((3d+5k) mod 7 - 3)/16,   A = 1/4, KT = 1/4096
//	VAE decoder: ConvTranspose stride 8, Wd[k,c,i,j] = ((5k+7c+3i+j) mod 13 - 6)/256, Bd[c] = (c-1)/8
//	VAE encoder: Conv stride 8, We[k,c,i,j] = ((3k+5c+i+7j) mod 11 - 5)/512, Be[k] = (k-1.5)/4
//
// The sampler updates are written out from the published formulas in
// float64; only the schedules (timesteps, sigmas, alphas_cumprod) come from
// package schedule, whose own tests check them against those formulas.

const (
	refA  = 0.25
	refKT = 1.0 / 4096
)

func refE(v, d int) float64  { return float64((7*v+13*d)%17-8) / 16 }
func refP(t, d int) float64  { return float64((5*t+3*d)%11-5) / 32 }
func refWc(d, k int) float64 { return float64((3*d+5*k)%7-3) / 16 }
func refWd(k, c, i, j int) float64 {
	return float64((5*k+7*c+3*i+j)%13-6) / 256
}
func refBd(c int) float64 { return float64(c-1) / 8 }
func refWe(k, c, i, j int) float64 {
	return float64((3*k+5*c+i+7*j)%11-5) / 512
}
func refBe(k int) float64 { return (float64(k) - 1.5) / 4 }

// refCase describes how the pack under test represents things.
type refCase struct {
	pack       string
	half       bool // float16 I/O
	intT       bool // integer timestep
	hidden     int
	encoderMix bool // latent_parameters (mean = first 4 channels)
}

func packDir(name string) string { return filepath.Join("testdata", "packs", name) }

// round16 rounds to float16 when the model's I/O is float16.
func (c refCase) round16(v float64) float64 {
	if !c.half {
		return float64(float32(v))
	}
	return float64(Float16Value(Float16Bits(float32(v))))
}

// refText returns the hidden states of text as the tiny text encoder
// computes them ([77][hidden]).
func refText(t *testing.T, c refCase, text string) [][]float64 {
	t.Helper()
	tok, err := tokenizer.LoadHF(filepath.Join(packDir(c.pack), FileVocab), filepath.Join(packDir(c.pack), FileMerges))
	if err != nil {
		t.Fatal(err)
	}
	ids, _, _ := tok.EncodePadded(text, SeqLen)
	h := make([][]float64, SeqLen)
	for i, id := range ids {
		h[i] = make([]float64, c.hidden)
		for d := range h[i] {
			h[i][d] = c.round16(refE(int(id), d) + refP(i, d))
		}
	}
	return h
}

// refCond returns the UNet's per-channel term (mean_t ehs) @ Wc.
func refCond(h [][]float64) [4]float64 {
	var out [4]float64
	for k := 0; k < 4; k++ {
		for d := range h[0] {
			m := 0.0
			for t := range h {
				m += h[t][d]
			}
			out[k] += m / float64(len(h)) * refWc(d, k)
		}
	}
	return out
}

// refEps returns the guided model output for scaled input xin (one latent
// frame, [4][hw]) at timestep ts.
func refEps(c refCase, xin []float64, ts float64, cu, cc [4]float64, guidance float64, cfg bool) []float64 {
	hw := len(xin) / 4
	if c.intT {
		ts = math.Trunc(ts)
	}
	ts = c.round16(ts)
	out := make([]float64, len(xin))
	for k := 0; k < 4; k++ {
		for i := 0; i < hw; i++ {
			x := c.round16(xin[k*hw+i])
			ec := c.round16(refA*x + cc[k] + refKT*ts)
			if !cfg {
				out[k*hw+i] = ec
				continue
			}
			eu := c.round16(refA*x + cu[k] + refKT*ts)
			out[k*hw+i] = eu + guidance*(ec-eu)
		}
	}
	return out
}

// refRun denoises x (all frames, [frame][4][hw]) from step first on, the
// way the named sampler's published update rule does, drawing ancestral
// noise from rng in frame-major order.
func refRun(t *testing.T, c refCase, kind schedule.Kind, cfg schedule.Config, steps, first int, x []float64, fs int,
	cu, cc [4]float64, guidance float64, rng *schedule.Noise) {
	t.Helper()
	s, err := schedule.New(kind, cfg, steps)
	if err != nil {
		t.Fatal(err)
	}
	ts, sig := s.Timesteps(), s.Sigmas()
	acp := schedule.AlphasCumprod(cfg)
	useCFG := guidance > 1
	noise := make([]float32, len(x))
	eps := make([]float64, len(x))
	for i := first; i < steps; i++ {
		scale := 1.0
		if kind == schedule.Euler || kind == schedule.EulerAncestral {
			scale = 1 / math.Sqrt(sig[i]*sig[i]+1)
		}
		for f := 0; f < len(x)/fs; f++ {
			xin := make([]float64, fs)
			for j := range xin {
				xin[j] = float64(float32(x[f*fs+j]) * float32(scale))
			}
			copy(eps[f*fs:], refEps(c, xin, ts[i], cu, cc, guidance, useCFG))
		}
		needNoise := kind == schedule.EulerAncestral || (kind == schedule.LCM && i < steps-1)
		if needNoise {
			rng.Fill(noise)
		}
		switch kind {
		case schedule.Euler: // x' = x + (sigma_next - sigma) * eps
			for j := range x {
				x[j] += (sig[i+1] - sig[i]) * eps[j]
			}
		case schedule.EulerAncestral:
			up := math.Sqrt(sig[i+1] * sig[i+1] * (sig[i]*sig[i] - sig[i+1]*sig[i+1]) / (sig[i] * sig[i]))
			down := math.Sqrt(sig[i+1]*sig[i+1] - up*up)
			for j := range x {
				x[j] += (down-sig[i])*eps[j] + up*float64(noise[j])
			}
		case schedule.DDIM: // x0 = (x - sqrt(1-a) eps)/sqrt(a); x' = sqrt(ap) x0 + sqrt(1-ap) eps
			a := acp[int(ts[i])]
			ap := acp[0] // set_alpha_to_one false
			if prev := int(ts[i]) - cfg.NumTrainTimesteps/steps; prev >= 0 {
				ap = acp[prev]
			}
			for j := range x {
				x0 := (x[j] - math.Sqrt(1-a)*eps[j]) / math.Sqrt(a)
				x[j] = math.Sqrt(ap)*x0 + math.Sqrt(1-ap)*eps[j]
			}
		case schedule.LCM:
			a := acp[int(ts[i])]
			st := ts[i] * cfg.TimestepScaling
			cSkip := 0.25 / (st*st + 0.25)
			cOut := st / math.Sqrt(st*st+0.25)
			for j := range x {
				x0 := (x[j] - math.Sqrt(1-a)*eps[j]) / math.Sqrt(a)
				x[j] = cOut*x0 + cSkip*x[j]
				if i < steps-1 {
					an := acp[int(ts[i+1])]
					x[j] = math.Sqrt(an)*x[j] + math.Sqrt(1-an)*float64(noise[j])
				}
			}
		default:
			t.Fatalf("no reference for sampler %s", kind)
		}
	}
}

// refDecode returns the RGBA bytes the tiny VAE decoder and Kino's
// post-processing give for one latent frame ([4][h][w], model space).
func refDecode(c refCase, z []float64, w, h int, scale float64) []uint8 {
	W, H := 8*w, 8*h
	pix := make([]uint8, 4*W*H)
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			for ch := 0; ch < 3; ch++ {
				v := refBd(ch)
				for k := 0; k < 4; k++ {
					zz := c.round16(z[k*w*h+(y/8)*w+x/8] / scale)
					v += zz * refWd(k, ch, y%8, x%8)
				}
				v = c.round16(v)
				u := math.Min(math.Max((v+1)/2, 0), 1)
				pix[4*(y*W+x)+ch] = uint8(math.Floor(u*255 + 0.5))
			}
			pix[4*(y*W+x)+3] = 255
		}
	}
	return pix
}

// refEncode returns the scaled latent the tiny VAE encoder gives for an
// image given as [-1,1] planes [3][H][W].
func refEncode(c refCase, planes []float64, W, H int, scale float64) []float64 {
	w, h := W/8, H/8
	z := make([]float64, 4*w*h)
	for k := 0; k < 4; k++ {
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				v := refBe(k)
				for ch := 0; ch < 3; ch++ {
					for i := 0; i < 8; i++ {
						for j := 0; j < 8; j++ {
							v += c.round16(planes[ch*W*H+(8*y+i)*W+8*x+j]) * refWe(k, ch, i, j)
						}
					}
				}
				z[k*w*h+y*w+x] = c.round16(v) * scale
			}
		}
	}
	return z
}
