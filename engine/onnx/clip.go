package onnx

import (
	"context"
	"fmt"
	"image"
	"sync"

	"kino/engine"
	"kino/engine/audio"
)

// clip is a generated neural clip: the generated frames, each shown for the
// clip frames the frame map gives it, scaled to cover the clip's size (the
// part outside its aspect ratio cropped, centred; never stretched).
type clip struct {
	info   engine.ClipInfo
	frames []*image.RGBA
	fmap   frameMap
	sound  *audio.Soundtrack

	// The last generated frame scaled to the clip's size: a video model's
	// frame is shown for several clip frames in a row, so players asking
	// for consecutive frames scale each generated frame once.
	mu         sync.Mutex
	scaled     *image.RGBA
	scaledFrom int
}

var _ engine.Clip = (*clip)(nil)

func (c *clip) Info() engine.ClipInfo {
	info := c.info
	info.Notes = append([]string(nil), c.info.Notes...)
	return info
}

func (c *clip) Frame(i int) (image.Image, error) {
	dst := image.NewRGBA(image.Rect(0, 0, c.info.Width, c.info.Height))
	if err := c.RenderFrame(i, dst); err != nil {
		return nil, err
	}
	return dst, nil
}

func (c *clip) RenderFrame(i int, dst *image.RGBA) error {
	if i < 0 || i >= c.info.Frames {
		return fmt.Errorf("frame %d is outside the clip's %d frames", i, c.info.Frames)
	}
	if dst.Rect.Dx() != c.info.Width || dst.Rect.Dy() != c.info.Height {
		return fmt.Errorf("frame buffer is %dx%d, the clip is %dx%d", dst.Rect.Dx(), dst.Rect.Dy(), c.info.Width, c.info.Height)
	}
	g := c.fmap.generated(i)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.scaled == nil || c.scaledFrom != g {
		if c.scaled == nil {
			c.scaled = image.NewRGBA(image.Rect(0, 0, c.info.Width, c.info.Height))
		}
		scaleRGBA(c.scaled, coverCrop(c.frames[g], c.info.Width, c.info.Height))
		c.scaledFrom = g
	}
	scaleRGBA(dst, c.scaled) // same size: a copy
	return nil
}

func (c *clip) Soundtrack() (*audio.Soundtrack, error) { return c.sound, nil }

// makeSound asks the configured source for the take's sound; without one,
// or when it fails, the clip is silent and says why.
func (c *clip) makeSound(ctx context.Context, source func(context.Context, engine.Request) (*audio.Soundtrack, error), req engine.Request) error {
	if source != nil {
		st, err := source(ctx, req)
		if err == nil && st != nil {
			c.sound = st
			return nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err == nil {
			err = fmt.Errorf("the sound source gave nothing")
		}
		c.sound = silence(req)
		c.sound.Missing = append(c.sound.Missing, fmt.Sprintf("sound: %v", err))
		c.info.Notes = append(c.info.Notes, fmt.Sprintf("silent: making the sound failed: %v", err))
		return nil
	}
	c.sound = silence(req)
	c.sound.Missing = append(c.sound.Missing, "sound: this backend has no sound source")
	return nil
}

// silence is a silent 48 kHz stereo soundtrack as long as the request,
// with its four (silent) stems, so the take stores stems like any other.
func silence(req engine.Request) *audio.Soundtrack {
	n := req.Duration.Samples(audio.SampleRate)
	quiet := func() audio.PCM { return audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: make([]float32, 2*n)} }
	st := &audio.Soundtrack{Mix: quiet(), Stems: map[audio.Stem]audio.PCM{}}
	for _, name := range audio.Stems {
		st.Stems[name] = quiet()
	}
	return st
}

// coverCrop returns the centred part of src with the aspect ratio w:h:
// what scaling src to cover a w x h frame shows.
func coverCrop(src *image.RGBA, w, h int) *image.RGBA {
	b := src.Rect
	sw, sh := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 || sw <= 0 || sh <= 0 {
		return src
	}
	cw, ch := sw, sh
	switch {
	case int64(sw)*int64(h) > int64(sh)*int64(w): // wider: crop the sides
		cw = max(1, int((int64(sh)*int64(w)+int64(h)/2)/int64(h)))
	case int64(sw)*int64(h) < int64(sh)*int64(w): // taller: crop top and bottom
		ch = max(1, int((int64(sw)*int64(h)+int64(w)/2)/int64(w)))
	default:
		return src
	}
	x0, y0 := b.Min.X+(sw-cw)/2, b.Min.Y+(sh-ch)/2
	return src.SubImage(image.Rect(x0, y0, x0+cw, y0+ch)).(*image.RGBA)
}
