package previz

import (
	"context"
	"image"
	"time"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/foley"
	"kino/engine/scene"
	"kino/project"
)

// Pictures are the frames of a previz shot, without its sound: the scene
// read from the request, its scheduled events, the dialogue spoken for the
// lip motion and the stage, each made once. Frames are drawn on demand
// straight from the frame index (nothing carries over between frames), so
// they may be asked for in any order and from several goroutines at once.
type Pictures struct {
	st    *stage
	req   engine.Request // normalised
	dlg   *foley.Dialogue
	notes []string
}

// Frames is previz's frames-only entry, for an engine that makes its own
// pictures from previz's (a neural take refines them): it reads req into
// a scene plan, schedules its events, speaks the dialogue (the lip motion
// needs it) and builds the stage, once. No sound is made unless
// Soundtrack is asked for.
func Frames(ctx context.Context, req engine.Request) (*Pictures, error) {
	return prepare(ctx, req, nil)
}

// prepare is Frames with progress: stages "plan" and "ready".
func prepare(ctx context.Context, req engine.Request, progress engine.ProgressFunc) (*Pictures, error) {
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
	return &Pictures{st: st, req: norm, dlg: dlg, notes: append(notes, st.notes...)}, nil
}

// Size returns the frames' width and height and how many there are.
func (p *Pictures) Size() (w, h, frames int) { return p.st.w, p.st.h, p.st.frames }

// Notes are what a person should know about the pictures (a clamped
// prompt, a cameo image that could not be cut out).
func (p *Pictures) Notes() []string { return append([]string(nil), p.notes...) }

// Frame renders frame i into a new image.
func (p *Pictures) Frame(i int) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, p.st.w, p.st.h))
	if err := p.RenderFrame(i, img); err != nil {
		return nil, err
	}
	return img, nil
}

// RenderFrame draws frame i into dst, which must be the frames' size.
func (p *Pictures) RenderFrame(i int, dst *image.RGBA) error {
	if i < 0 || i >= p.st.frames {
		return project.Errorf(project.EINVALID, "frame %d is outside the clip's %d frames", i, p.st.frames)
	}
	if dst == nil || dst.Rect.Dx() != p.st.w || dst.Rect.Dy() != p.st.h {
		return project.Errorf(project.EINVALID, "the frame buffer must be %dx%d", p.st.w, p.st.h)
	}
	p.st.render(i, dst)
	return nil
}

// Soundtrack makes the sound that goes with the pictures from what they
// were made of (the scene plan, its events and the dialogue already
// spoken), without reading the scene or speaking again: the same samples
// as foley.Soundtrack for the request. Each call renders it anew.
func (p *Pictures) Soundtrack(ctx context.Context) (*audio.Soundtrack, error) {
	return foley.Render(ctx, p.req, &p.st.plan, p.st.events, p.dlg)
}

// SoundStream is Soundtrack made block by block (see foley.Stream): the
// same samples, in memory that does not grow with the shot's length.
func (p *Pictures) SoundStream(ctx context.Context) (audio.Stream, error) {
	s, err := foley.NewStream(ctx, p.req, &p.st.plan, p.st.events, p.dlg)
	if err != nil {
		return nil, err
	}
	return s, nil
}
