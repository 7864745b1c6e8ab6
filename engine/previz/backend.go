package previz

import (
	"context"
	"time"

	"kino/engine"
	"kino/engine/foley"
	"kino/engine/scene"
)

// Backend is Kino's built-in procedural previz engine. It is safe for
// concurrent use and holds no state between generations.
type Backend struct{}

var (
	_ engine.Backend     = (*Backend)(nil)
	_ engine.Interpreter = (*Backend)(nil)
)

// New returns the previz backend.
func New() *Backend { return &Backend{} }

// Name is "previz".
func (*Backend) Name() string { return "previz" }

// Capabilities: deterministic, lazy frames, with sound; no neural models.
func (*Backend) Capabilities() engine.Capabilities {
	return engine.Capabilities{Deterministic: true, LazyFrames: true, Audio: true}
}

// Interpret reports which words of the prompt the previz engine uses.
func (*Backend) Interpret(req engine.Request) engine.Interpretation {
	if norm, _, err := req.Normalize(); err == nil {
		req = norm
	}
	return scene.Interpret(req)
}

// Generate reads the request into a scene plan, schedules its events,
// speaks its dialogue (the picture's lip motion needs it), prepares the
// clip's fixed state, and returns a clip that renders each frame only
// when it is asked for. Progress reports stages "plan" and "ready".
func (b *Backend) Generate(ctx context.Context, req engine.Request, progress engine.ProgressFunc) (engine.Clip, error) {
	start := time.Now()
	if progress == nil {
		progress = func(engine.Progress) {}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	norm, notes, err := req.Normalize()
	if err != nil {
		return nil, err
	}
	plan := scene.Parse(norm)
	events := scene.Events(&plan, norm.Seed, norm.Frames(), norm.Duration.Rate)
	progress(engine.Progress{Stage: "plan", Step: 1, Total: 2, Elapsed: time.Since(start)})
	var dlg *foley.Dialogue
	var env map[string][]float32
	if len(norm.Dialogue) > 0 {
		if dlg, err = foley.SpeakDialogue(ctx, norm); err != nil {
			return nil, err
		}
		env = dlg.Envelope
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := newStage(ctx, norm, plan, events, env)
	if err != nil {
		return nil, err
	}
	progress(engine.Progress{Stage: "ready", Step: 2, Total: 2, Elapsed: time.Since(start)})
	return &clip{
		st:  st,
		ctx: context.WithoutCancel(ctx),
		req: norm, dlg: dlg,
		info: engine.ClipInfo{
			Width: norm.Width, Height: norm.Height, Frames: norm.Frames(),
			Rate: norm.Duration.Rate, Backend: b.Name(), Seed: norm.Seed, Notes: append(notes, st.notes...),
		},
	}, nil
}
