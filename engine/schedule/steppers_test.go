package schedule

import (
	"math"
	"strings"
	"testing"
)

const latentSize = 4 * 8 * 8

// gaussian returns n seeded unit Gaussian samples.
func gaussian(seed uint64, n int) []float32 {
	v := make([]float32, n)
	NewNoise(seed).Fill(v)
	return v
}

func maxDiff(a, b []float32) float64 {
	d := 0.0
	for i := range a {
		d = max(d, math.Abs(float64(a[i])-float64(b[i])))
	}
	return d
}

func TestStepClosedForms(t *testing.T) {
	x, m := []float32{1}, []float32{0.5}
	dst := make([]float32, 1)

	// Euler, epsilon: x + eps*(next - sigma) = 1 + 0.5*(1-2).
	EulerStep(dst, x, m, 2, 1, PredictEpsilon)
	if !near(float64(dst[0]), 0.5, 1e-7) {
		t.Errorf("Euler = %g", dst[0])
	}
	// Euler, sample: x0 = 0.5, d = (1-0.5)/2, x + d*(1-2) = 0.75.
	EulerStep(dst, x, m, 2, 1, PredictSample)
	if !near(float64(dst[0]), 0.75, 1e-7) {
		t.Errorf("Euler sample = %g", dst[0])
	}

	// Euler ancestral from 2 to 1: up = sqrt(1*(4-1)/4), down = 0.5.
	up, down := AncestralSigmas(2, 1)
	if !near(up, math.Sqrt(0.75), 1e-15) || !near(down, 0.5, 1e-15) {
		t.Errorf("AncestralSigmas = %g %g", up, down)
	}
	EulerAncestralStep(dst, x, m, []float32{0.3}, 2, 1, PredictEpsilon)
	if want := 1 + 0.5*(0.5-2) + math.Sqrt(0.75)*0.3; !near(float64(dst[0]), want, 1e-6) {
		t.Errorf("Euler ancestral = %g, want %g", dst[0], want)
	}
	if up, down := AncestralSigmas(2, 0); up != 0 || down != 0 {
		t.Errorf("AncestralSigmas to 0 = %g %g", up, down)
	}

	// DDIM from acp 0.5 to 0.8 with epsilon 0.5.
	DDIMStep(dst, x, m, 0.5, 0.8, PredictEpsilon, 0)
	x0 := (1 - math.Sqrt(0.5)*0.5) / math.Sqrt(0.5)
	if want := math.Sqrt(0.8)*x0 + math.Sqrt(0.2)*0.5; !near(float64(dst[0]), want, 1e-6) {
		t.Errorf("DDIM = %g, want %g", dst[0], want)
	}
	// With clipping the predicted x0 (here 3) is clamped to 1 and the noise
	// re-derived from it.
	DDIMStep(dst, []float32{1}, []float32{3}, 0.5, 0.8, PredictSample, 1)
	eps := (1 - math.Sqrt(0.5)*1) / math.Sqrt(0.5)
	if want := math.Sqrt(0.8)*1 + math.Sqrt(0.2)*eps; !near(float64(dst[0]), want, 1e-6) {
		t.Errorf("DDIM clipped = %g, want %g", dst[0], want)
	}

	// LCM boundary condition at t = 999 with timestep_scaling 10.
	cSkip, cOut := LCMScalings(999, 10)
	if !near(cSkip, 0.25/(9990*9990+0.25), 1e-20) || !near(cOut, 9990/math.Sqrt(9990*9990+0.25), 1e-15) {
		t.Errorf("LCMScalings(999) = %g %g", cSkip, cOut)
	}
	if cSkip, cOut := LCMScalings(0, 10); cSkip != 1 || cOut != 0 {
		t.Errorf("LCMScalings(0) = %g %g", cSkip, cOut)
	}
	LCMDenoise(dst, x, m, 0.5, 0.2, 0.9, PredictEpsilon, 0)
	if want := 0.9*x0 + 0.2*1; !near(float64(dst[0]), want, 1e-6) {
		t.Errorf("LCM denoised = %g, want %g", dst[0], want)
	}
	LCMRenoise(dst, []float32{2}, []float32{-1}, 0.64)
	if !near(float64(dst[0]), 0.8*2-0.6, 1e-6) {
		t.Errorf("LCM renoise = %g", dst[0])
	}

	// Flow matching: x + (next - sigma) * v.
	FlowEulerStep(dst, x, m, 0.75, 0.5)
	if !near(float64(dst[0]), 1-0.25*0.5, 1e-7) {
		t.Errorf("flow = %g", dst[0])
	}
}

// run drives s with a model that knows the clean sample x0 and answers with
// the exact prediction for the current latent; noise comes from seed 99.
func run(t *testing.T, s *Sampler, x []float32, model func(x []float32, i int) []float32) []float32 {
	t.Helper()
	rng := NewNoise(99)
	z := make([]float32, len(x))
	in := make([]float32, len(x))
	for i := range s.Timesteps() {
		s.ScaleInput(in, x, i)
		var noise []float32
		if s.NeedsNoise(i) {
			rng.Fill(z)
			noise = z
		}
		if err := s.Step(x, model(x, i), noise, i); err != nil {
			t.Fatal(err)
		}
	}
	return x
}

func TestEulerRecoversCleanSample(t *testing.T) {
	x0 := gaussian(1, latentSize)
	for _, kind := range []Kind{Euler, EulerAncestral} {
		for _, pred := range []string{PredictEpsilon, PredictV, PredictSample} {
			for _, spacing := range []string{SpacingLeading, SpacingTrailing, SpacingLinspace} {
				cfg := DefaultConfig()
				cfg.PredictionType, cfg.TimestepSpacing = pred, spacing
				s, err := New(kind, cfg, 20)
				if err != nil {
					t.Fatal(err)
				}
				sig := s.Sigmas()
				// x = x0 + sigma_0 * eps
				x := gaussian(2, latentSize)
				for i := range x {
					x[i] = x0[i] + float32(sig[0])*x[i]
				}
				out := make([]float32, latentSize)
				got := run(t, s, x, func(x []float32, i int) []float32 {
					sigma := sig[i]
					for j := range x {
						eps := (float64(x[j]) - float64(x0[j])) / sigma
						switch pred {
						case PredictEpsilon:
							out[j] = float32(eps)
						case PredictV: // in the model's scaled space
							sa, sb := 1/math.Sqrt(sigma*sigma+1), sigma/math.Sqrt(sigma*sigma+1)
							out[j] = float32(sa*eps - sb*float64(x0[j]))
						default:
							out[j] = x0[j]
						}
					}
					return out
				})
				if d := maxDiff(got, x0); d > 2e-4 {
					t.Errorf("%s %s %s: final differs from x0 by %g", kind, pred, spacing, d)
				}
			}
		}
	}
}

func TestEulerAncestralAddsNoise(t *testing.T) {
	cfg := DefaultConfig()
	s, err := New(EulerAncestral, cfg, 10)
	if err != nil {
		t.Fatal(err)
	}
	sig := s.Sigmas()
	x := gaussian(3, latentSize)
	eps := append([]float32(nil), x...)
	noise := gaussian(4, latentSize)
	if err := s.Step(x, eps, noise, 0); err != nil {
		t.Fatal(err)
	}
	up, down := AncestralSigmas(sig[0], sig[1])
	for j := range x {
		want := float64(eps[j]) + float64(eps[j])*(down-sig[0]) + up*float64(noise[j])
		if !near(float64(x[j]), want, 1e-4) {
			t.Fatalf("x[%d] = %g, want %g", j, x[j], want)
		}
	}
	if err := s.Step(x, eps, nil, 1); err == nil || !strings.Contains(err.Error(), "noise") {
		t.Errorf("missing noise error = %v", err)
	}
}

func TestDDIMRecoversCleanSample(t *testing.T) {
	x0 := gaussian(5, latentSize)
	for _, pred := range []string{PredictEpsilon, PredictV, PredictSample} {
		cfg := DefaultConfig()
		cfg.PredictionType, cfg.SetAlphaToOne = pred, true
		s, err := New(DDIM, cfg, 25)
		if err != nil {
			t.Fatal(err)
		}
		acp := AlphasCumprod(cfg)
		ts := s.Timesteps()
		a0 := acp[int(ts[0])]
		x := gaussian(6, latentSize)
		for i := range x {
			x[i] = float32(math.Sqrt(a0))*x0[i] + float32(math.Sqrt(1-a0))*x[i]
		}
		out := make([]float32, latentSize)
		got := run(t, s, x, func(x []float32, i int) []float32 {
			a := acp[int(ts[i])]
			sa, sb := math.Sqrt(a), math.Sqrt(1-a)
			for j := range x {
				eps := (float64(x[j]) - sa*float64(x0[j])) / sb
				switch pred {
				case PredictEpsilon:
					out[j] = float32(eps)
				case PredictV:
					out[j] = float32(sa*eps - sb*float64(x0[j]))
				default:
					out[j] = x0[j]
				}
			}
			return out
		})
		if d := maxDiff(got, x0); d > 2e-4 {
			t.Errorf("DDIM %s: final differs from x0 by %g", pred, d)
		}
	}
}

func TestDDIMStepTargets(t *testing.T) {
	cfg := DefaultConfig() // leading, offset 1, set_alpha_to_one false
	s, err := New(DDIM, cfg, 50)
	if err != nil {
		t.Fatal(err)
	}
	acp := AlphasCumprod(cfg)
	// Step 0 goes from t=981 to 961; the last (t=1) to the final alpha, which
	// is acp[0] without set_alpha_to_one.
	if s.acp[0] != acp[981] || s.acpPrev[0] != acp[961] || s.acpPrev[49] != acp[0] {
		t.Errorf("DDIM alphas %g->%g, last ->%g", s.acp[0], s.acpPrev[0], s.acpPrev[49])
	}
	cfg.SetAlphaToOne = true
	s, _ = New(DDIM, cfg, 50)
	if s.acpPrev[49] != 1 {
		t.Errorf("set_alpha_to_one: last target %g", s.acpPrev[49])
	}
	if s.InitNoiseSigma() != 1 {
		t.Errorf("DDIM init sigma %g", s.InitNoiseSigma())
	}
}

func TestLCMSampler(t *testing.T) {
	cfg := DefaultConfig()
	s, err := New(LCM, cfg, 4)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, true, true, false} {
		if s.NeedsNoise(i) != want {
			t.Errorf("NeedsNoise(%d) = %v", i, !want)
		}
	}
	acp := AlphasCumprod(cfg)
	x0 := gaussian(7, latentSize)
	x := gaussian(8, latentSize)
	a := acp[999]
	for i := range x {
		x[i] = float32(math.Sqrt(a))*x0[i] + float32(math.Sqrt(1-a))*x[i]
	}
	ts := s.Timesteps()
	var last []float32
	out := make([]float32, latentSize)
	got := run(t, s, x, func(x []float32, i int) []float32 {
		a := acp[int(ts[i])]
		sa, sb := math.Sqrt(a), math.Sqrt(1-a)
		last = append(last[:0], x...)
		for j := range x {
			out[j] = float32((float64(x[j]) - sa*float64(x0[j])) / sb)
		}
		return out
	})
	// The last step returns the denoised sample: c_out*x0 + c_skip*x at t=259.
	cSkip, cOut := LCMScalings(259, 10)
	want := make([]float32, latentSize)
	for j := range want {
		want[j] = float32(cOut*float64(x0[j]) + cSkip*float64(last[j]))
	}
	if d := maxDiff(got, want); d > 1e-4 {
		t.Errorf("LCM final differs from the boundary-condition output by %g", d)
	}
	if d := maxDiff(got, x0); d > 1e-4 {
		t.Errorf("LCM final differs from x0 by %g", d)
	}

	// One intermediate step by hand: denoise at t=759, renoise to t=499.
	x = gaussian(11, latentSize)
	m := gaussian(12, latentSize)
	z := gaussian(13, latentSize)
	want = make([]float32, latentSize)
	cSkip, cOut = LCMScalings(759, 10)
	a, b := acp[759], acp[499]
	for j := range want {
		x0 := (float64(x[j]) - math.Sqrt(1-a)*float64(m[j])) / math.Sqrt(a)
		den := cOut*x0 + cSkip*float64(x[j])
		want[j] = float32(math.Sqrt(b)*den + math.Sqrt(1-b)*float64(z[j]))
	}
	if err := s.Step(x, m, z, 1); err != nil {
		t.Fatal(err)
	}
	if d := maxDiff(x, want); d > 1e-4 {
		t.Errorf("LCM step 1 differs from the closed form by %g", d)
	}
}

func TestFlowRecoversCleanSample(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Shift = 3
	s, err := New(FlowEuler, cfg, 8)
	if err != nil {
		t.Fatal(err)
	}
	x0 := gaussian(9, latentSize)
	eps := gaussian(10, latentSize)
	x := append([]float32(nil), eps...) // sigma 1: pure noise
	v := make([]float32, latentSize)
	for j := range v {
		v[j] = eps[j] - x0[j]
	}
	got := run(t, s, x, func([]float32, int) []float32 { return v })
	if d := maxDiff(got, x0); d > 1e-5 {
		t.Errorf("flow final differs from x0 by %g", d)
	}
}

func TestSamplerErrors(t *testing.T) {
	cfg := DefaultConfig()
	if _, err := New("heun", cfg, 10); err == nil {
		t.Error("unknown sampler accepted")
	}
	bad := cfg
	bad.TimestepSpacing = "odd"
	if _, err := New(Euler, bad, 10); err == nil {
		t.Error("invalid config accepted")
	}
	if _, err := New(Euler, cfg, 0); err == nil {
		t.Error("0 steps accepted")
	}
	if _, err := New(LCM, cfg, 60); err == nil {
		t.Error("60 LCM steps accepted")
	}
	s, _ := New(Euler, cfg, 10)
	x := make([]float32, 8)
	if err := s.Step(x, make([]float32, 7), nil, 0); err == nil {
		t.Error("short model output accepted")
	}
	if err := s.Step(x, make([]float32, 8), nil, 10); err == nil {
		t.Error("step 10 of 10 accepted")
	}
	if err := s.Step(x, make([]float32, 8), nil, -1); err == nil {
		t.Error("step -1 accepted")
	}
	ts := s.Timesteps()
	ts[0] = -42
	if s.Timesteps()[0] == -42 {
		t.Error("Timesteps exposes the sampler's own slice")
	}
}
