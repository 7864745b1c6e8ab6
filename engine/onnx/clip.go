package onnx

import (
	"context"
	"errors"
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

	// The take's sound, made when it is first asked for: whole (held once
	// made) or block by block. Without a source it is silence.
	req       engine.Request
	whole     func() (*audio.Soundtrack, error)
	stream    func(ctx context.Context) (audio.Stream, error)
	soundOnce sync.Once
	sound     *audio.Soundtrack

	// The last generated frame scaled to the clip's size: a video model's
	// frame is shown for several clip frames in a row, so players asking
	// for consecutive frames scale each generated frame once.
	mu         sync.Mutex
	scaled     *image.RGBA
	scaledFrom int
}

var (
	_ engine.Clip    = (*clip)(nil)
	_ audio.Streamer = (*clip)(nil)
)

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

// soundStreamer is a FrameSource that can also make its sound block by
// block (previz's pictures can).
type soundStreamer interface {
	SoundStream(ctx context.Context) (audio.Stream, error)
}

// setSound chooses where the take's sound comes from: the frames it
// refines when it refines some (their sound is made from what they were
// made of), else the configured source. Nothing is made yet.
func (c *clip) setSound(ctx context.Context, cfg Config, src FrameSource, req engine.Request) {
	c.req = req
	bg := context.WithoutCancel(ctx)
	switch {
	case src != nil:
		c.whole = func() (*audio.Soundtrack, error) { return src.Soundtrack(bg) }
		if ss, ok := src.(soundStreamer); ok {
			c.stream = ss.SoundStream
		}
	case cfg.Soundtrack != nil:
		c.whole = func() (*audio.Soundtrack, error) { return cfg.Soundtrack(bg, req) }
		if cfg.SoundStream != nil {
			c.stream = func(ctx context.Context) (audio.Stream, error) { return cfg.SoundStream(ctx, req) }
		}
	}
}

// Soundtrack makes the take's sound whole, once; without a source, or
// when it fails, the clip is silent and says why.
func (c *clip) Soundtrack() (*audio.Soundtrack, error) {
	c.soundOnce.Do(func() {
		if c.whole == nil {
			c.sound = silence(c.req)
			c.sound.Missing = append(c.sound.Missing, noSource)
			return
		}
		st, err := c.whole()
		if err == nil && st == nil {
			err = errNoSound
		}
		if err != nil {
			st = silence(c.req)
			st.Missing = append(st.Missing, soundFailed(err))
		}
		c.sound = st
	})
	return c.sound, nil
}

// SoundStream makes the take's sound block by block when its source can
// (and holds it whole otherwise); without a source, or when it fails,
// the stream is silent and says why.
func (c *clip) SoundStream(ctx context.Context) (audio.Stream, error) {
	n := c.req.Duration.Samples(audio.SampleRate)
	switch {
	case c.stream != nil:
		s, err := c.stream(ctx)
		if err == nil && s == nil {
			err = errNoSound
		}
		if err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return nil, cerr
			}
			return audio.Silence(n, []string{soundFailed(err)}), nil
		}
		return s, nil
	case c.whole != nil:
		st, _ := c.Soundtrack()
		return audio.StreamOf(st)
	}
	return audio.Silence(n, []string{noSource}), nil
}

var errNoSound = errors.New("the sound source gave nothing")

// noSource is what a take without a sound source lacks.
const noSource = "sound: this backend has no sound source"

// soundFailed says that a take is silent because its sound failed.
func soundFailed(err error) string {
	return fmt.Sprintf("sound: making the sound failed, so the take is silent: %v", err)
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
