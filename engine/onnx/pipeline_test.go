package onnx

import (
	"context"
	"math"
	"sync"
	"testing"

	"kino/engine"
	"kino/engine/schedule"
)

// pipelines caches loaded pipelines per pack: the process has one ONNX
// Runtime environment and the tests share it.
var pipelines = struct {
	sync.Mutex
	m map[string]*Pipeline
}{m: map[string]*Pipeline{}}

// requireRuntime loads ONNX Runtime or fails the test saying how to get it.
func requireRuntime(t testing.TB) *Runtime {
	t.Helper()
	path, tried, err := FindLibrary()
	if err != nil {
		t.Fatalf("ONNX Runtime library not found: %v; run `make deps` (or set %s); searched %v", err, EnvLibrary, tried)
	}
	rt, err := LoadFrom(path)
	if err != nil {
		t.Fatalf("loading ONNX Runtime: %v (run `make deps`)", err)
	}
	return rt
}

func loadTestPipeline(t testing.TB, name string) *Pipeline {
	t.Helper()
	requireRuntime(t)
	pipelines.Lock()
	defer pipelines.Unlock()
	if pl, ok := pipelines.m[name]; ok {
		return pl
	}
	pack, err := OpenPack(packDir(name))
	if err != nil {
		t.Fatalf("opening pack: %v", err)
	}
	pl, err := LoadPipeline(pack, SessionConfig{Policy: PolicyCPU})
	if err != nil {
		t.Fatalf("loading pipeline: %v", err)
	}
	pipelines.m[name] = pl
	return pl
}

const (
	testPrompt   = "a cat on the beach at sunset"
	testNegative = "blurry"
)

// expectGeneration runs the pipeline and compares its final latent and
// frames with the independent reference.
func expectGeneration(t *testing.T, c refCase, p Params) *Result {
	t.Helper()
	pl := loadTestPipeline(t, c.pack)
	res, err := pl.Generate(context.Background(), p)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	h, w := p.Height/8, p.Width/8
	fs := 4 * h * w
	useCFG := p.Guidance > 1
	cc := refCond(refText(t, c, p.Prompt))
	var cu [4]float64
	if useCFG {
		cu = refCond(refText(t, c, p.NegativePrompt))
	}
	s, err := schedule.New(p.Sampler, pl.Pack.Scheduler, p.Steps)
	if err != nil {
		t.Fatal(err)
	}
	rng := schedule.NewNoise(p.Seed)
	noise := make([]float32, p.Frames*fs)
	rng.Fill(noise)
	x := make([]float64, len(noise))
	sigma := float32(s.InitNoiseSigma())
	for i, v := range noise {
		x[i] = float64(v * sigma)
	}
	refRun(t, c, p.Sampler, pl.Pack.Scheduler, p.Steps, 0, x, fs, cu, cc, p.Guidance, rng)
	compareLatents(t, c, res.Latents, x)
	compareFrames(t, c, res, x, w, h, float64(pl.Scale))
	return res
}

func compareLatents(t *testing.T, c refCase, got []float32, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("latent has %d values, want %d", len(got), len(want))
	}
	tol := 2e-5
	if c.half {
		tol = 4e-3
	}
	bad := 0
	for i := range want {
		if d := math.Abs(float64(got[i]) - want[i]); d > tol*(1+math.Abs(want[i])) || math.IsNaN(float64(got[i])) {
			if bad < 5 {
				t.Errorf("latent[%d] = %.7g, want %.7g (diff %.2g)", i, got[i], want[i], d)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d latent values differ from the reference", bad, len(want))
	}
}

func compareFrames(t *testing.T, c refCase, res *Result, x []float64, w, h int, scale float64) {
	t.Helper()
	fs := 4 * w * h
	if len(res.Frames) != len(x)/fs {
		t.Fatalf("%d frames, want %d", len(res.Frames), len(x)/fs)
	}
	tol := 1
	if c.half {
		tol = 2
	}
	for f, img := range res.Frames {
		if img.Rect.Dx() != 8*w || img.Rect.Dy() != 8*h {
			t.Fatalf("frame %d is %v, want %dx%d", f, img.Rect, 8*w, 8*h)
		}
		want := refDecode(c, x[f*fs:(f+1)*fs], w, h, scale)
		for i, v := range want {
			if d := int(img.Pix[i]) - int(v); d > tol || d < -tol {
				t.Fatalf("frame %d byte %d (x %d y %d) = %d, want %d", f, i, (i/4)%(8*w), (i/4)/(8*w), img.Pix[i], v)
			}
		}
	}
}

func TestPipelineMatchesReference(t *testing.T) {
	cases := []struct {
		name string
		c    refCase
		p    Params
	}{
		{"image fp32 dynamic batch, euler", refCase{pack: "tiny-sd", hidden: 8},
			Params{Steps: 4, Guidance: 7.5, Sampler: schedule.Euler, Width: 64, Height: 48, Frames: 3}},
		{"image fp32 dynamic batch, no guidance", refCase{pack: "tiny-sd", hidden: 8},
			Params{Steps: 3, Guidance: 1, Sampler: schedule.Euler, Width: 32, Height: 32, Frames: 1}},
		{"image fp32 batch 1, ddim, int64 timestep", refCase{pack: "tiny-sd-b1", hidden: 8, intT: true},
			Params{Steps: 5, Guidance: 5, Sampler: schedule.DDIM, Width: 64, Height: 64, Frames: 2}},
		{"image fp16 batch 2, euler ancestral", refCase{pack: "tiny-sd-fp16", hidden: 8, half: true},
			Params{Steps: 4, Guidance: 6, Sampler: schedule.EulerAncestral, Width: 64, Height: 64, Frames: 2}},
		{"image fp16 batch 2, no guidance", refCase{pack: "tiny-sd-fp16", hidden: 8, half: true},
			Params{Steps: 2, Guidance: 0, Sampler: schedule.DDIM, Width: 16, Height: 24, Frames: 1}},
		{"video fp32 dynamic, lcm, two windows", refCase{pack: "tiny-video", hidden: 8, intT: true},
			Params{Steps: 4, Guidance: 2, Sampler: schedule.LCM, Width: 32, Height: 32, Frames: 20}},
		{"video fp32 dynamic, euler, one window", refCase{pack: "tiny-video", hidden: 8, intT: true},
			Params{Steps: 3, Guidance: 7, Sampler: schedule.Euler, Width: 16, Height: 16, Frames: 5}},
		{"video fp16 16 fixed frames batch 1, ddim, three windows", refCase{pack: "tiny-video-fp16", hidden: 8, half: true},
			Params{Steps: 3, Guidance: 4, Sampler: schedule.DDIM, Width: 64, Height: 64, Frames: 33}},
		{"video fp16 16 fixed frames, padded window", refCase{pack: "tiny-video-fp16", hidden: 8, half: true},
			Params{Steps: 2, Guidance: 3, Sampler: schedule.Euler, Width: 64, Height: 64, Frames: 5}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.p.Prompt, tc.p.NegativePrompt, tc.p.Seed = testPrompt, testNegative, 42
			var events []engine.Progress
			tc.p.Progress = func(p engine.Progress) { events = append(events, p) }
			res := expectGeneration(t, tc.c, tc.p)
			denoise, decode := 0, 0
			for _, e := range events {
				switch e.Stage {
				case "denoise":
					denoise++
					if e.Step != denoise || e.Total != tc.p.Steps {
						t.Errorf("denoise progress %d/%d, want %d/%d", e.Step, e.Total, denoise, tc.p.Steps)
					}
					if e.Preview == nil || e.Preview.Bounds().Dx() != tc.p.Width/8 {
						t.Errorf("denoise progress without a latent-sized preview: %v", e.Preview)
					}
				case "decode":
					decode++
				}
			}
			if denoise != tc.p.Steps || decode != tc.p.Frames {
				t.Errorf("progress: %d denoise and %d decode events, want %d and %d", denoise, decode, tc.p.Steps, tc.p.Frames)
			}
			if res.Stats.InRun <= 0 || res.Stats.InRun > res.Stats.Wall {
				t.Errorf("time inside Run %v is not within the wall time %v", res.Stats.InRun, res.Stats.Wall)
			}
		})
	}
}

// TestGuidanceBatchModesAgree runs the same generation on a UNet with a
// dynamic batch (guidance as one batch-2 call) and one fixed at batch 1
// (two calls per step): the results must agree.
func TestGuidanceBatchModesAgree(t *testing.T) {
	p := Params{Prompt: testPrompt, NegativePrompt: testNegative, Seed: 7, Steps: 4, Guidance: 7.5,
		Sampler: schedule.Euler, Width: 64, Height: 64, Frames: 2}
	one, err := loadTestPipeline(t, "tiny-sd").Generate(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	two, err := loadTestPipeline(t, "tiny-sd-b1").Generate(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if one.Stats.UNetRuns != p.Steps*p.Frames || two.Stats.UNetRuns != 2*p.Steps*p.Frames {
		t.Errorf("UNet runs: %d with a dynamic batch and %d with batch 1; want %d and %d",
			one.Stats.UNetRuns, two.Stats.UNetRuns, p.Steps*p.Frames, 2*p.Steps*p.Frames)
	}
	for i := range one.Latents {
		if d := math.Abs(float64(one.Latents[i] - two.Latents[i])); d > 1e-5*(1+math.Abs(float64(one.Latents[i]))) {
			t.Fatalf("latent[%d]: %g in one batch-2 call, %g in two batch-1 calls", i, one.Latents[i], two.Latents[i])
		}
	}
}

func TestPipelineIsReproducible(t *testing.T) {
	pl := loadTestPipeline(t, "tiny-video")
	p := Params{Prompt: testPrompt, Seed: 99, Steps: 3, Guidance: 3, Sampler: schedule.EulerAncestral, Width: 16, Height: 16, Frames: 4}
	a, err := pl.Generate(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pl.Generate(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Latents {
		if a.Latents[i] != b.Latents[i] {
			t.Fatalf("same seed, latent[%d] %g then %g", i, a.Latents[i], b.Latents[i])
		}
	}
	p.Seed = 100
	c, err := pl.Generate(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for i := range a.Latents {
		if a.Latents[i] == c.Latents[i] {
			same++
		}
	}
	if same > len(a.Latents)/10 {
		t.Errorf("seeds 99 and 100 share %d of %d latent values", same, len(a.Latents))
	}
}
