package foley

import (
	"context"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/scene"
)

// Soundtrack makes the sound of req on its own, for an engine that makes
// its own pictures (a neural take): it reads the scene, schedules its
// events and speaks the dialogue once, and renders the soundtrack a previz
// clip of req has, sample for sample, without drawing anything. req need
// not be normalised.
func Soundtrack(ctx context.Context, req engine.Request) (*audio.Soundtrack, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	norm, _, err := req.Normalize()
	if err != nil {
		return nil, err
	}
	plan := scene.Parse(norm)
	events := scene.Events(&plan, norm.Seed, norm.Frames(), norm.Duration.Rate)
	return Render(ctx, norm, &plan, events, nil)
}
