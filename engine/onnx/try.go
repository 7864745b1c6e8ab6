package onnx

import (
	"context"
	"fmt"
	"image"
	"time"

	"kino/engine"
)

// TryOptions is one still `kino models try` makes.
type TryOptions struct {
	Prompt, NegativePrompt string
	Seed                   uint64
	// Steps and Guidance: 0 for the pack's defaults (SamplingDefaults).
	Steps    int
	Guidance float64
	// Width and Height: 0 for the pack's native square.
	Width, Height int
	Session       SessionConfig
	Progress      engine.ProgressFunc
}

// TryResult is the still and what it took.
type TryResult struct {
	Image *image.RGBA
	// Steps, Guidance, Width and Height are what was used.
	Steps         int
	Guidance      float64
	Width, Height int
	// Load is the time spent creating the sessions (not in Stats.Wall).
	Load  time.Duration
	Stats Stats
	// Provider is the execution provider the UNet ran on ("CUDA", "CPU").
	Provider string
	// Notes say what a person should know (a video pack's first frame).
	Notes []string
}

// Try generates one still with the pack in dir: what a person runs to see
// a pack work, and what tests and benchmarks use. A video pack makes its
// shortest clip and gives its first frame.
func Try(ctx context.Context, dir string, opt TryOptions) (*TryResult, error) {
	pack, err := OpenPack(dir)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	pl, err := LoadPipeline(pack, opt.Session)
	if err != nil {
		return nil, err
	}
	defer pl.Close()
	return pl.Try(ctx, opt, time.Since(start))
}

// Try generates one still with the pipeline (see the package function).
func (pl *Pipeline) Try(ctx context.Context, opt TryOptions, load time.Duration) (*TryResult, error) {
	pack := pl.Pack
	kind, err := pack.SamplerKind("")
	if err != nil {
		return nil, err
	}
	def := pack.SamplingDefaults(kind)
	res := &TryResult{Steps: firstPositive(opt.Steps, def.Steps), Guidance: opt.Guidance, Load: load, Provider: pl.Provider}
	if opt.Guidance <= 0 {
		res.Guidance = def.Guidance
	}
	w, h := opt.Width, opt.Height
	if w == 0 && h == 0 {
		w, h = generationSize(pl.Spec.UNet, pack.Native, pack.Multiple, 1, 1)
	}
	if w <= 0 || h <= 0 || w%pack.Multiple != 0 || h%pack.Multiple != 0 {
		return nil, fmt.Errorf("size %dx%d: this pack's UNet needs sides that are multiples of %d (it halves the latent %d times)", w, h, pack.Multiple, log2(pack.Multiple/LatentScale))
	}
	res.Width, res.Height = w, h
	frames := 1
	if u := pl.Spec.UNet; u.Video && u.Frames > 1 {
		frames = int(u.Frames)
		res.Notes = append(res.Notes, fmt.Sprintf("a video pack: made its %d frames and kept the first", frames))
	}
	p := Params{Prompt: opt.Prompt, NegativePrompt: opt.NegativePrompt, Seed: opt.Seed, Steps: res.Steps, Guidance: res.Guidance,
		Sampler: kind, Width: w, Height: h, Frames: frames, Progress: opt.Progress}
	if p.NegativePrompt == "" {
		p.NegativePrompt = pack.Manifest.NegativePrompt
	}
	out, err := pl.Generate(ctx, p)
	if err != nil {
		return nil, err
	}
	res.Image, res.Stats = out.Frames[0], out.Stats
	res.Notes = append(res.Notes, pack.Notes...)
	res.Notes = append(res.Notes, pl.Notes...)
	return res, nil
}

func log2(n int) int {
	k := 0
	for n > 1 {
		n >>= 1
		k++
	}
	return k
}

// Try generates one still with the installed pack model, on the
// backend's shared sessions: a pack the studio has loaded is not loaded
// again (Result.Load is then the wait for it, near zero).
func (b *Backend) Try(ctx context.Context, model string, opt TryOptions) (*TryResult, error) {
	b.Rescan()
	pack, err := b.pick(model)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	lp, err := b.acquire(pack)
	if err != nil {
		return nil, err
	}
	defer b.release(pack.Dir, lp)
	return lp.pl.Try(ctx, opt, time.Since(start))
}
