package onnx

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"sync"
	"time"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/schedule"
	"kino/project"
)

// BackendName is the ONNX backend's stable identifier.
const BackendName = "onnx"

// Backend settings that are not request fields (the request's defaults,
// steps and guidance included, are in package engine's defaults.go).
const (
	// DefaultVideoFPS is the rate a video pack generates at when its
	// kino-model.json does not say.
	DefaultVideoFPS = 8
	// DefaultIdleTimeout is how long an unused pack stays loaded.
	DefaultIdleTimeout = 5 * time.Minute
)

// Config configures the ONNX backend.
type Config struct {
	// Dirs are the models folders; nil means ModelDirs().
	Dirs []string
	// Session chooses the execution provider.
	Session SessionConfig
	// IdleTimeout is how long a pack's sessions stay loaded after their
	// last use, so GPU memory is returned (0: DefaultIdleTimeout; negative:
	// until Close).
	IdleTimeout time.Duration
	// Soundtrack makes a neural clip's sound when it refines no frames;
	// the app passes foley.Soundtrack. nil gives silent clips with a note.
	Soundtrack func(ctx context.Context, req engine.Request) (*audio.Soundtrack, error)
	// SoundStream makes the same sound block by block, so a take of any
	// length stores its sound in the same memory; the app passes
	// foley.SoundStream. nil: a take's sound is made whole.
	SoundStream func(ctx context.Context, req engine.Request) (audio.Stream, error)
	// Frames gives the frames to refine for a request (the app passes
	// previz.Frames, so the shot's cameos, camera move and lip motion carry
	// over); a refined take takes its sound from them too. nil: refine is
	// not offered and requests generate from text.
	Frames func(ctx context.Context, req engine.Request) (FrameSource, error)
	// Sampler overrides every pack's sampler ("" keeps theirs).
	Sampler string
}

// FrameSource is what a take refines: frames by clip index, and the sound
// that goes with them, made from what the frames were made of (the scene
// read and the dialogue spoken for them), so a refined take reads the
// scene and speaks its dialogue once.
type FrameSource interface {
	Frame(i int) (image.Image, error)
	Soundtrack(ctx context.Context) (*audio.Soundtrack, error)
}

// Backend generates clips with the diffusion model packs in the models
// folders. It implements engine.Backend and is safe for concurrent use.
type Backend struct {
	cfg Config

	mu       sync.Mutex
	packs    []*Pack
	rejected []Rejected
	loaded   map[string]*loadedPack
	closed   bool
}

var _ engine.Backend = (*Backend)(nil)

// loadedPack is a pack's pipeline, shared by the takes using it.
type loadedPack struct {
	ready chan struct{}
	pl    *Pipeline
	err   error
	stamp string // the files' sizes and times when loaded
	hash  string
	users int
	used  time.Time
	timer *time.Timer
}

// NewBackend returns a backend over cfg's models folders, scanned now (no
// model is loaded until a take needs it).
func NewBackend(cfg Config) *Backend {
	if cfg.Dirs == nil {
		cfg.Dirs = ModelDirs()
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	b := &Backend{cfg: cfg, loaded: map[string]*loadedPack{}}
	b.Rescan()
	return b
}

// Rescan reads the models folders again (Backend.Watch does on every
// change) and returns the usable packs and the rejected folders.
func (b *Backend) Rescan() ([]*Pack, []Rejected) {
	packs, rejected := ScanDirs(b.cfg.Dirs...)
	b.mu.Lock()
	b.packs, b.rejected = packs, rejected
	b.mu.Unlock()
	return packs, rejected
}

// Packs returns the usable packs and the rejected folders of the last scan.
func (b *Backend) Packs() ([]*Pack, []Rejected) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]*Pack(nil), b.packs...), append([]Rejected(nil), b.rejected...)
}

// Name returns "onnx".
func (b *Backend) Name() string { return BackendName }

// Capabilities reports a neural backend whose models are the usable packs.
// It does not claim determinism: GPU kernels may differ run to run.
func (b *Backend) Capabilities() engine.Capabilities {
	b.mu.Lock()
	defer b.mu.Unlock()
	models := make([]string, len(b.packs))
	for i, p := range b.packs {
		models[i] = p.Name
	}
	return engine.Capabilities{Neural: true, Audio: b.cfg.Soundtrack != nil, Models: models}
}

// pick returns the pack a request names, or the first one.
func (b *Backend) pick(name string) (*Pack, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.packs) == 0 {
		why := ""
		if len(b.rejected) > 0 {
			why = fmt.Sprintf(" (%d rejected: %v)", len(b.rejected), b.rejected[0].Err)
		}
		return nil, project.Errorf(project.ENOTFOUND, "no model packs installed in %s%s", strings.Join(b.cfg.Dirs, ", "), why)
	}
	if name == "" {
		return b.packs[0], nil
	}
	var names []string
	for _, p := range b.packs {
		if p.Name == name {
			return p, nil
		}
		names = append(names, p.Name)
	}
	for _, r := range b.rejected {
		if r.Name == name {
			return nil, project.WrapError(project.EINVALID, r.Err, "model %q cannot be used", name)
		}
	}
	return nil, project.Errorf(project.ENOTFOUND, "model %q is not installed (installed: %s)", name, strings.Join(names, ", "))
}

// Generate renders req with the pack it names: text-to-video with a video
// UNet, keyframes with an image UNet, refining the Frames source's frames
// when the request (or pack) asks for a strength.
func (b *Backend) Generate(ctx context.Context, req engine.Request, progress engine.ProgressFunc) (engine.Clip, error) {
	req, notes, err := req.Normalize()
	if err != nil {
		return nil, err
	}
	pack, err := b.pick(req.Model)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if progress != nil {
		progress(engine.Progress{Stage: "load", Total: 1})
	}
	lp, err := b.acquire(pack)
	if err != nil {
		return nil, err
	}
	defer b.release(pack.Dir, lp)
	if progress != nil {
		progress(engine.Progress{Stage: "load", Step: 1, Total: 1, Elapsed: time.Since(start)})
	}
	pl := lp.pl
	params, plan, src, more, err := b.plan(ctx, pl, req)
	if err != nil {
		return nil, err
	}
	notes = append(notes, more...)
	if progress != nil {
		params.Progress = func(p engine.Progress) {
			p.Elapsed = time.Since(start)
			progress(p)
		}
	}
	res, err := pl.Generate(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("generating with %s: %w", pack.Name, err)
	}
	c := &clip{frames: res.Frames, fmap: plan}
	c.info = engine.ClipInfo{
		Width: req.Width, Height: req.Height, Frames: req.Frames(), Rate: req.Duration.Rate,
		Backend: BackendName, Model: pack.Name, ModelHash: lp.hash, Seed: req.Seed,
		Notes: append(append(notes, pl.Notes...), pack.Notes...),
	}
	c.setSound(ctx, b.cfg, src, req)
	return c, nil
}

// plan turns a request into pipeline parameters, with notes on choices a
// person should know about, and the source of the frames it refines (nil
// when it refines none).
func (b *Backend) plan(ctx context.Context, pl *Pipeline, req engine.Request) (Params, frameMap, FrameSource, []string, error) {
	pack, spec := pl.Pack, pl.Spec
	m := pack.Manifest
	var notes []string
	kind, err := pack.SamplerKind(b.cfg.Sampler)
	if err != nil {
		return Params{}, frameMap{}, nil, nil, err
	}
	if _, known := schedule.KindForClass(pack.Scheduler.ClassName); !known && b.cfg.Sampler == "" && m.Scheduler == "" && pack.Scheduler.ClassName != "" {
		notes = append(notes, fmt.Sprintf("scheduler %s is not supported; sampled with Euler", pack.Scheduler.ClassName))
	}
	def := pack.SamplingDefaults(kind)
	p := Params{
		Prompt: req.Prompt, NegativePrompt: req.NegativePrompt, Seed: req.Seed,
		Steps: firstPositive(req.Steps, def.Steps), Guidance: firstPositiveF(req.Guidance, def.Guidance),
		Sampler: kind, ContextFrames: m.ContextFrames, Overlap: m.Overlap,
	}
	if p.NegativePrompt == "" {
		p.NegativePrompt = m.NegativePrompt
	}
	p.Width, p.Height = generationSize(spec.UNet, pack.Native, pack.Multiple, req.Width, req.Height)
	var fm frameMap
	if spec.UNet.Video {
		fm = videoFrameMap(req.Frames(), req.Duration.Rate, firstPositive(m.FPS, DefaultVideoFPS))
	} else {
		every := m.KeyframeEvery
		if every <= 0 {
			every = max(1, int(req.Duration.Rate.FPS()+0.5))
		}
		fm = keyframeMap(req.Frames(), every)
	}
	p.Frames = fm.gen
	if fm.gen == MaxGeneratedFrames {
		notes = append(notes, fmt.Sprintf("generated %d frames for %d, each held longer", fm.gen, req.Frames()))
	}
	strength := firstPositiveF(req.Strength, m.Strength, 0)
	var src FrameSource
	switch {
	case strength <= 0:
	case b.cfg.Frames == nil:
		notes = append(notes, "refine skipped: no previz frames to refine; generated from the prompt")
	case spec.Encoder == nil:
		notes = append(notes, "refine skipped: "+errNoEncoder.Error())
	default:
		if src, err = b.cfg.Frames(ctx, req); err == nil && src == nil {
			err = errors.New("the frame source gave nothing")
		}
		if err != nil {
			return Params{}, frameMap{}, nil, nil, fmt.Errorf("getting the frames to refine: %w", err)
		}
		p.Strength = strength
		p.Init = func(g int) (image.Image, error) { return src.Frame(fm.first(g)) }
	}
	return p, fm, src, notes, nil
}

func firstPositive(v ...int) int {
	for _, x := range v {
		if x > 0 {
			return x
		}
	}
	return 0
}

func firstPositiveF(v ...float64) float64 {
	for _, x := range v {
		if x > 0 {
			return x
		}
	}
	return 0
}
