package onnx

import (
	"context"
	"fmt"
	"image"
	"time"

	"kino/engine"
	"kino/engine/schedule"
)

// Params is one generation. The backend fills it from a request and the
// pack's defaults; every field it needs must be set.
type Params struct {
	Prompt, NegativePrompt string
	Seed                   uint64
	Steps                  int
	// Guidance is the classifier-free guidance scale; at 1 or below the
	// negative prompt is not evaluated at all.
	Guidance float64
	Sampler  schedule.Kind
	// Width and Height are the generated frames' size in pixels, multiples
	// of 8 (the UNet's own fixed size when it has one).
	Width, Height int
	// Frames is how many frames to generate: keyframes for an image UNet,
	// frames at the model's rate for a video UNet.
	Frames int
	// Init, when set, makes this a refine (SDEdit): it gives the input image
	// of generated frame i, which is encoded, noised to Strength and
	// denoised.
	Init     func(i int) (image.Image, error)
	Strength float64
	// ContextFrames and Overlap shape a video UNet's context windows
	// (0: 16 frames overlapping by 4; a fixed frame axis wins).
	ContextFrames, Overlap int
	// DecodeChunk is how many frames one VAE decoder call takes when its
	// batch is dynamic (0: 4), so memory stays bounded.
	DecodeChunk int
	Progress    engine.ProgressFunc

	// beforeRun and afterRun are called around each model run (tests).
	beforeRun func(role string)
	afterRun  func(role string, err error)
	// onText and onLatent observe a generation (tests): the text
	// encoder's rows, and the latent before the first step (step -1) and
	// after each step.
	onText   func(rows [][]float32)
	onLatent func(step int, x []float32)
}

// Result is a finished generation.
type Result struct {
	// Frames are the generated frames, Width x Height each.
	Frames []*image.RGBA
	// Latents is the final latent, frame-major ([frame][4][h][w]), in the
	// UNet's (scaled) latent space.
	Latents []float32
	Stats   Stats
}

// Stats measures a generation.
type Stats struct {
	// Wall is the whole call; InRun the part spent inside ONNX Runtime Run.
	Wall, InRun time.Duration
	// Runs counts model runs, UNetRuns those of the UNet.
	Runs, UNetRuns int
	// TensorBytes is the Go-side memory the generation held at its peak:
	// its tensors, latent buffers and output frames.
	TensorBytes int64
}

// Default context window of video UNets.
const (
	DefaultContextFrames = 16
	DefaultOverlap       = 4
	defaultDecodeChunk   = 4
)

// gen is one Generate call in progress.
type gen struct {
	pl     *Pipeline
	p      Params
	rc     *runCtx
	ts     *tensorSet
	s      *schedule.Sampler
	start  time.Time
	h, w   int // latent size
	fs     int // floats per latent frame: 4*h*w
	rows   [][]float32
	hidden int
	g      float32
	bufs   int64 // bytes of Go buffers besides tensors
}

// Generate runs the pipeline. It returns ctx's error promptly when ctx is
// cancelled, between steps or inside a model run.
func (pl *Pipeline) Generate(ctx context.Context, p Params) (*Result, error) {
	if err := pl.check(&p); err != nil {
		return nil, err
	}
	s, err := schedule.New(p.Sampler, pl.Pack.Scheduler, p.Steps)
	if err != nil {
		return nil, err
	}
	rc, err := newRunCtx(ctx)
	if err != nil {
		return nil, err
	}
	rc.beforeRun, rc.afterRun = p.beforeRun, p.afterRun
	g := &gen{pl: pl, p: p, rc: rc, ts: pl.takeTensors(), s: s, start: time.Now(),
		h: p.Height / LatentScale, w: p.Width / LatentScale, g: float32(p.Guidance)}
	g.fs = 4 * g.h * g.w
	defer func() {
		pl.putTensors(g.ts)
		_ = rc.close() // fails only on already destroyed options
	}()
	res, err := g.run()
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		return nil, err
	}
	res.Stats.Wall = time.Since(g.start)
	res.Stats.InRun = time.Duration(rc.inRun.Load())
	res.Stats.Runs = int(rc.runs.Load())
	return res, nil
}

// check validates p against the pack's models and fills in the defaults
// that depend on them.
func (pl *Pipeline) check(p *Params) error {
	u := pl.Spec.UNet
	switch {
	case p.Steps < 1:
		return fmt.Errorf("%d steps: need at least one", p.Steps)
	case p.Frames < 1:
		return fmt.Errorf("%d frames: need at least one", p.Frames)
	case p.Width < LatentScale || p.Height < LatentScale || p.Width%LatentScale != 0 || p.Height%LatentScale != 0:
		return fmt.Errorf("frame size %dx%d is not a positive multiple of %d", p.Width, p.Height, LatentScale)
	case u.Height >= 0 && int64(p.Height/LatentScale) != u.Height, u.Width >= 0 && int64(p.Width/LatentScale) != u.Width:
		return fmt.Errorf("frame size %dx%d does not fit the UNet, whose latents are %sx%s (frames 8 times that)", p.Width, p.Height, dimName(u.Width), dimName(u.Height))
	case p.Init != nil && pl.enc == nil:
		return errNoEncoder
	case p.Init != nil && (p.Strength <= 0 || p.Strength > 1):
		return fmt.Errorf("refine strength %g is outside (0, 1]", p.Strength)
	}
	if p.ContextFrames <= 0 {
		p.ContextFrames = DefaultContextFrames
	}
	if p.Overlap <= 0 {
		p.Overlap = min(DefaultOverlap, p.ContextFrames/2)
	}
	if u.Video && u.Frames > 0 {
		p.ContextFrames = int(u.Frames)
		p.Overlap = min(p.Overlap, p.ContextFrames/2)
	}
	if p.DecodeChunk <= 0 {
		p.DecodeChunk = defaultDecodeChunk
	}
	return nil
}

func (g *gen) run() (*Result, error) {
	p := g.p
	useCFG := p.Guidance > 1
	texts := []string{p.Prompt}
	if useCFG {
		texts = []string{p.NegativePrompt, p.Prompt}
	}
	n := p.Frames * g.fs
	x := make([]float32, n)
	noise := make([]float32, n)
	g.bufs = int64(3 * 4 * n) // x, noise, guided output
	rng := schedule.NewNoise(p.Seed)
	// Draw the starting noise while the text encoder runs and the tensors
	// are prepared.
	noiseDone := make(chan struct{})
	go func() {
		defer close(noiseDone)
		if p.Init == nil {
			rng.Fill(x)
			sigma := float32(g.s.InitNoiseSigma())
			for i := range x {
				x[i] *= sigma
			}
		}
	}()
	defer func() { <-noiseDone }()
	var err error
	if g.rows, g.hidden, err = g.encodeText(texts); err != nil {
		return nil, err
	}
	if p.onText != nil {
		p.onText(g.rows)
	}
	eps := make([]float32, n)
	den, err := g.newDenoiser(eps)
	if err != nil {
		return nil, err
	}
	if err := den.prepare(); err != nil {
		return nil, err
	}
	<-noiseDone
	first := 0
	if p.Init != nil {
		z, err := g.encodeFrames()
		if err != nil {
			return nil, err
		}
		first = startStep(p.Steps, p.Strength)
		if first < p.Steps {
			rng.Fill(noise)
			noiseTo(x, z, noise, g.s, g.pl.Pack.Scheduler, first)
		} else {
			copy(x, z)
		}
	}
	// Allocate the output frames (one buffer, frame after frame) while the
	// UNet runs, so the decode stage does not wait for the memory.
	fb := 4 * p.Width * p.Height
	frames := make([]*image.RGBA, p.Frames)
	var pix []byte
	framesReady := make(chan struct{})
	go func() {
		defer close(framesReady)
		pix = make([]byte, p.Frames*fb)
		for i := 0; i < len(pix); i += 4096 {
			pix[i] = 0 // fault the pages in now
		}
		for f := range frames {
			frames[f] = &image.RGBA{Pix: pix[f*fb : (f+1)*fb : (f+1)*fb], Stride: 4 * p.Width, Rect: image.Rect(0, 0, p.Width, p.Height)}
		}
	}()
	defer func() { <-framesReady }()
	ts := g.s.Timesteps()
	total := p.Steps - first
	if p.onLatent != nil {
		p.onLatent(first-1, x)
	}
	var preview []float32
	for i := first; i < p.Steps; i++ {
		if err := g.rc.ctx.Err(); err != nil {
			return nil, err
		}
		if err := den.eval(x, i, ts[i]); err != nil {
			return nil, err
		}
		if p.Progress != nil {
			// The middle frame's model input, before the step changes x.
			mid := p.Frames / 2
			preview = append(preview[:0], x[mid*g.fs:(mid+1)*g.fs]...)
			g.s.ScaleInput(preview, preview, i)
		}
		if g.s.NeedsNoise(i) {
			rng.Fill(noise)
		}
		if err := g.s.Step(x, eps, noise, i); err != nil {
			return nil, err
		}
		if p.onLatent != nil {
			p.onLatent(i, x)
		}
		if p.Progress != nil {
			p.Progress(engine.Progress{Stage: "denoise", Step: i - first + 1, Total: total,
				Elapsed: time.Since(g.start), Preview: previewImage(preview, g.w, g.h)})
		}
	}
	<-framesReady
	if err := g.decode(x, frames, pix); err != nil {
		return nil, err
	}
	return &Result{Frames: frames, Latents: x, Stats: Stats{UNetRuns: den.runs, TensorBytes: g.ts.bytes() + g.bufs}}, nil
}
