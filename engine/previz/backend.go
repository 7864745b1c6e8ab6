package previz

import (
	"context"

	"kino/engine"
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
	p, err := prepare(ctx, req, progress)
	if err != nil {
		return nil, err
	}
	return &clip{
		Pictures: p,
		ctx:      context.WithoutCancel(ctx),
		info: engine.ClipInfo{
			Width: p.req.Width, Height: p.req.Height, Frames: p.req.Frames(),
			Rate: p.req.Duration.Rate, Backend: b.Name(), Seed: p.req.Seed, Notes: p.Notes(),
		},
	}, nil
}
