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
	norm, plan, events, err := readScene(ctx, req)
	if err != nil {
		return nil, err
	}
	return Render(ctx, norm, plan, events, nil)
}

// SoundStream is Soundtrack made block by block (see Stream): the same
// samples in memory that does not grow with the shot's length.
func SoundStream(ctx context.Context, req engine.Request) (*Stream, error) {
	norm, plan, events, err := readScene(ctx, req)
	if err != nil {
		return nil, err
	}
	return NewStream(ctx, norm, plan, events, nil)
}

// readScene normalises req, reads its scene and schedules its events.
func readScene(ctx context.Context, req engine.Request) (engine.Request, *scene.Plan, []scene.Event, error) {
	if err := ctx.Err(); err != nil {
		return engine.Request{}, nil, nil, err
	}
	norm, _, err := req.Normalize()
	if err != nil {
		return engine.Request{}, nil, nil, err
	}
	plan := scene.Parse(norm)
	events := scene.Events(&plan, norm.Seed, norm.Frames(), norm.Duration.Rate)
	return norm, &plan, events, nil
}
