package schedule

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestAlphasCumprodScaledLinear(t *testing.T) {
	cfg := DefaultConfig()
	acp := AlphasCumprod(cfg)
	if len(acp) != 1000 {
		t.Fatalf("len %d", len(acp))
	}
	if !near(acp[0], 1-0.00085, 1e-15) {
		t.Errorf("acp[0] = %.17g, want 1-0.00085", acp[0])
	}
	// beta_1 = (sqrt(0.00085) + (sqrt(0.012)-sqrt(0.00085))/999)^2
	b1 := math.Pow(math.Sqrt(0.00085)+(math.Sqrt(0.012)-math.Sqrt(0.00085))/999, 2)
	if !near(acp[1], (1-0.00085)*(1-b1), 1e-15) {
		t.Errorf("acp[1] = %.17g", acp[1])
	}
	for i := 1; i < len(acp); i++ {
		if acp[i] >= acp[i-1] {
			t.Fatalf("acp not decreasing at %d", i)
		}
	}
	// Published Stable Diffusion noise levels (k-diffusion): sigma_min
	// 0.0292, sigma_max 14.6146.
	s := TrainSigmas(acp)
	if !near(s[0], 0.0292, 5e-5) || !near(s[999], 14.6146, 5e-4) {
		t.Errorf("sigma range %.5f..%.5f, want 0.0292..14.6146", s[0], s[999])
	}
}

func TestAlphasCumprodLinearAndCosine(t *testing.T) {
	cfg := DefaultConfig()
	cfg.BetaSchedule, cfg.BetaStart, cfg.BetaEnd = BetaLinear, 0.0001, 0.02
	acp := AlphasCumprod(cfg)
	if !near(acp[0], 0.9999, 1e-15) || !near(acp[1], 0.9999*(1-(0.0001+0.0199/999)), 1e-15) {
		t.Errorf("linear acp[0..1] = %.17g %.17g", acp[0], acp[1])
	}
	if !near(Betas(cfg)[999], 0.02, 1e-18) {
		t.Errorf("last linear beta %g", Betas(cfg)[999])
	}

	// The cosine schedule telescopes: acp[t] = alphaBar((t+1)/N) / alphaBar(0)
	// wherever no beta was clipped at 0.999.
	cfg.BetaSchedule = BetaSquaredCos
	acp = AlphasCumprod(cfg)
	alphaBar := func(x float64) float64 { return math.Pow(math.Cos((x+0.008)/1.008*math.Pi/2), 2) }
	for _, i := range []int{0, 10, 500, 900} {
		if want := alphaBar(float64(i+1)/1000) / alphaBar(0); !near(acp[i], want, 1e-12) {
			t.Errorf("cosine acp[%d] = %.15g, want %.15g", i, acp[i], want)
		}
	}

	cfg.TrainedBetas = make([]float64, 1000)
	for i := range cfg.TrainedBetas {
		cfg.TrainedBetas[i] = 0.01
	}
	if acp := AlphasCumprod(cfg); !near(acp[9], math.Pow(0.99, 10), 1e-14) {
		t.Errorf("trained betas acp[9] = %g", acp[9])
	}
}

func equalFloats(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d (%v)", name, len(got), len(want), got)
	}
	for i := range got {
		if !near(got[i], want[i], tol) {
			t.Fatalf("%s[%d] = %.9g, want %.9g (all %v)", name, i, got[i], want[i], got)
		}
	}
}

func TestTimestepSpacing(t *testing.T) {
	cfg := DefaultConfig() // leading, steps_offset 1
	ts, err := Timesteps(cfg, 50)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]float64, 50)
	for i := range want {
		want[i] = float64(981 - 20*i)
	}
	equalFloats(t, "leading 50", ts, want, 0)

	cfg.TimestepSpacing, cfg.StepsOffset = SpacingTrailing, 0
	ts, _ = Timesteps(cfg, 4)
	equalFloats(t, "trailing 4", ts, []float64{999, 749, 499, 249}, 0)
	// arange(1000, 0, -333.33) = 1000, 666.67, 333.33 -> round -> minus 1.
	ts, _ = DDIMTimesteps(cfg, 3)
	equalFloats(t, "trailing 3", ts, []float64{999, 666, 332}, 0)
	// 1000 - 3*62.5 = 812.5 rounds half to even: 812, minus 1.
	ts, _ = Timesteps(cfg, 16)
	if ts[1] != 937 || ts[3] != 811 {
		t.Errorf("trailing 16: %v", ts[:4])
	}
	// numpy.arange would yield 62 values for 61 steps, the last being -1;
	// the schedule keeps exactly one timestep per step.
	ts, _ = Timesteps(cfg, 61)
	if len(ts) != 61 || ts[0] != 999 || ts[60] != math.RoundToEven(1000.0/61)-1 {
		t.Errorf("trailing 61: len %d, first %g, last %g", len(ts), ts[0], ts[len(ts)-1])
	}

	cfg.TimestepSpacing = SpacingLinspace
	ts, _ = Timesteps(cfg, 4)
	equalFloats(t, "linspace 4", ts, []float64{999, 666, 333, 0}, 0)
	ts, _ = Timesteps(cfg, 30)
	if ts[0] != 999 || ts[29] != 0 || !near(ts[1], 28*999.0/29, 1e-4) || ts[1] == math.Round(ts[1]) {
		t.Errorf("linspace 30 Euler: %v", ts[:3])
	}
	if float64(float32(ts[1])) != ts[1] {
		t.Errorf("linspace timesteps are not float32 values: %.17g", ts[1])
	}
	ts, _ = DDIMTimesteps(cfg, 30)
	if ts[1] != 965 || ts[2] != 930 {
		t.Errorf("linspace 30 DDIM: %v", ts[:3])
	}

	cfg = DefaultConfig()
	for _, steps := range []int{0, -3, 1001} {
		if _, err := Timesteps(cfg, steps); err == nil {
			t.Errorf("%d steps accepted", steps)
		}
	}
	if _, err := Timesteps(cfg, 1000); err == nil {
		t.Error("leading 1000 steps with steps_offset 1 reaches timestep 1000 but was accepted")
	}
}

func TestLCMTimesteps(t *testing.T) {
	cfg := DefaultConfig()
	for steps, want := range map[int][]float64{
		1: {999},
		2: {999, 499},
		4: {999, 759, 499, 259},
		8: {999, 879, 759, 639, 499, 379, 259, 139},
	} {
		ts, err := LCMTimesteps(cfg, steps)
		if err != nil {
			t.Fatal(err)
		}
		equalFloats(t, "lcm", ts, want, 0)
	}
	if _, err := LCMTimesteps(cfg, 51); err == nil {
		t.Error("51 LCM steps accepted with 50 original steps")
	}
}

func TestSigmas(t *testing.T) {
	train := TrainSigmas(AlphasCumprod(DefaultConfig()))
	sig := Sigmas(train, []float64{999, 500.25, 1, 0, -3, 1200})
	want := []float64{train[999], 0.75*train[500] + 0.25*train[501], train[1], train[0], train[0], train[999], 0}
	equalFloats(t, "sigmas", sig, want, 1e-12)

	if got := InitNoiseSigma(SpacingLeading, sig); !near(got, math.Sqrt(train[999]*train[999]+1), 1e-12) {
		t.Errorf("leading init sigma %g", got)
	}
	for _, sp := range []string{SpacingTrailing, SpacingLinspace} {
		if got := InitNoiseSigma(sp, sig); got != train[999] {
			t.Errorf("%s init sigma %g", sp, got)
		}
	}

	x := []float32{2, -4}
	dst := make([]float32, 2)
	ScaleModelInput(dst, x, math.Sqrt(3)) // divide by sqrt(3+1) = 2
	if !near(float64(dst[0]), 1, 1e-6) || !near(float64(dst[1]), -2, 1e-6) {
		t.Errorf("ScaleModelInput = %v", dst)
	}
}

func TestKarrasAndSigmaToT(t *testing.T) {
	ks := KarrasSigmas(0.1, 10, 5, 7)
	if !near(ks[0], 10, 1e-12) || !near(ks[4], 0.1, 1e-12) {
		t.Fatalf("Karras endpoints %v", ks)
	}
	mid := math.Pow((math.Pow(10, 1.0/7)+math.Pow(0.1, 1.0/7))/2, 7)
	if !near(ks[2], mid, 1e-12) {
		t.Errorf("Karras middle %g, want %g", ks[2], mid)
	}

	train := TrainSigmas(AlphasCumprod(DefaultConfig()))
	logs := make([]float64, len(train))
	for i, s := range train {
		logs[i] = math.Log(s)
	}
	for _, tt := range []float64{0, 1, 250, 998, 999} {
		if got := SigmaToT(train[int(tt)], logs); !near(got, tt, 1e-9) {
			t.Errorf("SigmaToT(sigma(%g)) = %g", tt, got)
		}
	}
	s := math.Exp(0.7*logs[400] + 0.3*logs[401])
	if got := SigmaToT(s, logs); !near(got, 400.3, 1e-9) {
		t.Errorf("SigmaToT between 400 and 401 = %g", got)
	}
	if SigmaToT(train[0]/2, logs) != 0 || SigmaToT(train[999]*2, logs) != 999 {
		t.Error("SigmaToT does not clamp")
	}

	cfg := DefaultConfig()
	cfg.UseKarrasSigmas, cfg.TimestepSpacing = true, SpacingLinspace
	s2, err := New(Euler, cfg, 10)
	if err != nil {
		t.Fatal(err)
	}
	sig, ts := s2.Sigmas(), s2.Timesteps()
	if !near(sig[0], train[999], 1e-9) || !near(sig[9], train[0], 1e-9) || sig[10] != 0 {
		t.Errorf("Karras sampler sigmas %v", sig)
	}
	if !near(ts[0], 999, 1e-6) || !near(ts[9], 0, 1e-6) || ts[5] == math.Round(ts[5]) {
		t.Errorf("Karras sampler timesteps %v", ts)
	}
}

func TestFlowSigmas(t *testing.T) {
	cfg := DefaultConfig()
	sig, _ := FlowSigmas(cfg, 4)
	equalFloats(t, "flow shift 1", sig, []float64{1, 0.75, 0.5, 0.25, 0}, 1e-15)
	cfg.Shift = 3 // 3s/(1+2s)
	sig, _ = FlowSigmas(cfg, 4)
	equalFloats(t, "flow shift 3", sig, []float64{1, 0.9, 0.75, 0.5, 0}, 1e-15)
	s, err := New(FlowEuler, cfg, 4)
	if err != nil {
		t.Fatal(err)
	}
	equalFloats(t, "flow timesteps", s.Timesteps(), []float64{1000, 900, 750, 500}, 1e-12)
	if s.InitNoiseSigma() != 1 {
		t.Errorf("flow init sigma %g", s.InitNoiseSigma())
	}
}
