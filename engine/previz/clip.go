package previz

import (
	"context"
	"sync"

	"kino/engine"
	"kino/engine/audio"
)

// clip is a generated previz shot: its Pictures, and the sound that goes
// with them, made once on first use.
type clip struct {
	*Pictures
	ctx  context.Context // the request's context without its cancellation
	info engine.ClipInfo

	once   sync.Once
	snd    *audio.Soundtrack
	sndErr error
}

var (
	_ engine.Clip    = (*clip)(nil)
	_ audio.Streamer = (*clip)(nil)
)

func (c *clip) Info() engine.ClipInfo { return c.info }

// Soundtrack renders the clip's sound once, on first use: dialogue
// (already spoken for the lip motion, if any), effects on the picture's
// events, ambience and music.
func (c *clip) Soundtrack() (*audio.Soundtrack, error) {
	c.once.Do(func() { c.snd, c.sndErr = c.Pictures.Soundtrack(c.ctx) })
	return c.snd, c.sndErr
}

// SoundStream makes the clip's sound block by block, in memory that does
// not grow with the shot's length: the samples Soundtrack holds.
func (c *clip) SoundStream(ctx context.Context) (audio.Stream, error) {
	return c.Pictures.SoundStream(ctx)
}
