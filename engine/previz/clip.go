package previz

import (
	"context"
	"image"
	"sync"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/foley"
	"kino/project"
)

// clip is a generated previz shot. Frames are drawn on demand straight
// from the frame index (nothing carries over between frames), so frames
// may be asked for in any order and from several goroutines at once.
type clip struct {
	st   *stage
	ctx  context.Context // the request's context without its cancellation
	req  engine.Request
	dlg  *foley.Dialogue
	info engine.ClipInfo

	once   sync.Once
	snd    *audio.Soundtrack
	sndErr error
}

var _ engine.Clip = (*clip)(nil)

func (c *clip) Info() engine.ClipInfo { return c.info }

// Frame renders frame i into a new image.
func (c *clip) Frame(i int) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, c.st.w, c.st.h))
	if err := c.RenderFrame(i, img); err != nil {
		return nil, err
	}
	return img, nil
}

// RenderFrame draws frame i into dst, which must be the clip's size.
func (c *clip) RenderFrame(i int, dst *image.RGBA) error {
	if i < 0 || i >= c.st.frames {
		return project.Errorf(project.EINVALID, "frame %d is outside the clip's %d frames", i, c.st.frames)
	}
	if dst == nil || dst.Rect.Dx() != c.st.w || dst.Rect.Dy() != c.st.h {
		return project.Errorf(project.EINVALID, "the frame buffer must be %dx%d", c.st.w, c.st.h)
	}
	c.st.render(i, dst)
	return nil
}

// Soundtrack renders the clip's sound once, on first use.
func (c *clip) Soundtrack() (*audio.Soundtrack, error) {
	c.once.Do(func() { c.snd, c.sndErr = c.soundtrack() })
	return c.snd, c.sndErr
}

// soundtrack is the call into the foley package: dialogue (already
// spoken for the lip motion, if any), effects on the picture's events,
// ambience and music.
func (c *clip) soundtrack() (*audio.Soundtrack, error) {
	return foley.Render(c.ctx, c.req, &c.st.plan, c.st.events, c.dlg)
}
