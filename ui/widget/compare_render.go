package widget

import (
	"fmt"
	"image"
	"sync/atomic"
	"time"

	"kino/engine/audio"
	"kino/project"
	"kino/ui/playback"
)

// compareSession is one run of the comparison's playback: a goroutine
// that reads the sound position of the take listened to, asks the clock
// for the frame, renders that frame of both takes into reused buffers
// and posts the pair to the UI. A frame is skipped, never delayed, when
// rendering or the UI falls behind.
type compareSession struct {
	stop    chan struct{}
	stopped atomic.Bool
	busy    atomic.Bool // a posted pair waits for the UI
}

// comparePlan is what a session plays, fixed when it starts.
type comparePlan struct {
	takes  [2]*project.Take
	rate   project.Rate
	total  int64
	from   int64
	listen int
}

// compareTick is how often a session looks at the sound position.
const compareTick = 4 * time.Millisecond

func (c *CompareView) plan() comparePlan {
	t := c.transport
	return comparePlan{takes: c.takes(), rate: t.rate, total: t.total, from: t.frame, listen: t.listen}
}

// localFrame is plan p's frame of side i at transport frame f.
func (p comparePlan) localFrame(i int, f int64) int64 {
	tk := p.takes[i]
	local := project.Frames(f, p.rate).Rescale(tk.Rate).Frames
	return min(max(local, 0), max(tk.Frames-1, 0))
}

func (c *CompareView) stopSession() {
	if s := c.sess; s != nil && !s.stopped.Load() {
		s.stopped.Store(true)
		close(s.stop)
	}
}

func (c *CompareView) startSession() {
	c.stopSession()
	if c.closed || c.clips == nil {
		return
	}
	s := &compareSession{stop: make(chan struct{})}
	c.sess = s
	out := c.out
	if out == nil {
		out = &playback.WallClock{}
	}
	c.work.Add(1)
	go c.run(s, c.plan(), out)
}

// soundOf loads take t's soundtrack (silence when t is nil).
func (c *CompareView) soundOf(t *project.Take) func() (audio.PCM, error) {
	if t == nil {
		return nil
	}
	return func() (audio.PCM, error) {
		clip, err := c.clips.get(t)
		if err != nil {
			return audio.PCM{}, err
		}
		st, err := clip.Soundtrack()
		if err != nil {
			return audio.PCM{}, fmt.Errorf("loading the sound of take %d: %w", t.ID, err)
		}
		return st.Mix, nil
	}
}

func (c *CompareView) run(s *compareSession, p comparePlan, out playback.Output) {
	defer c.work.Done()
	if p.total <= 0 {
		return
	}
	sound := playback.NewSequence([]playback.Part{{
		Length: project.Frames(p.total, p.rate).Samples(playback.SampleRate),
		Load:   c.soundOf(p.takes[p.listen]),
	}}, playback.SamplesFor(p.from, p.rate, playback.SampleRate))
	stream, err := out.Start(sound)
	if err != nil {
		msg := "No sound: the takes play silent and follow the wall clock.\n(" + err.Error() + ")"
		c.post(func() { c.setSoundNotice(msg) })
		stream, _ = (&playback.WallClock{}).Start(nil)
	}
	defer func() { stream.Close() }()
	clock := playback.NewClock(p.rate, playback.SampleRate, p.from, false)

	var ring [3][2]*image.RGBA
	next := 0
	soundFailed := false
	ticker := time.NewTicker(compareTick)
	defer ticker.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-ticker.C:
		}
		if c.gone != nil && c.gone() {
			return
		}
		if err := stream.Err(); err != nil && !soundFailed {
			soundFailed = true
			msg := "Sound stopped: " + err.Error()
			c.post(func() { c.setSoundNotice(msg) })
		}
		f, changed, _ := clock.Next(stream.Played())
		if f >= p.total {
			last := p.total - 1
			c.post(func() {
				if c.sess == s && !c.closed {
					c.pause()
					c.cue(last)
				}
			})
			return
		}
		if !changed || s.busy.Load() {
			continue
		}
		var imgs [2]image.Image
		var errs [2]error
		for i := range p.takes {
			if p.takes[i] != nil {
				imgs[i], errs[i] = renderTake(c.clips, p.takes[i], p.localFrame(i, f), &ring[next][i])
			}
		}
		next = (next + 1) % len(ring)
		s.busy.Store(true)
		c.post(func() {
			s.busy.Store(false)
			if c.sess == s && !s.stopped.Load() && !c.closed {
				c.display(f, imgs, errs)
			}
		})
	}
}

// renderTake draws frame local of take t into *buf, allocating the
// buffer only when it is missing or of another size.
func renderTake(clips *clipCache, t *project.Take, local int64, buf **image.RGBA) (image.Image, error) {
	clip, err := clips.get(t)
	if err != nil {
		return nil, err
	}
	info := clip.Info()
	if info.Frames <= 0 || info.Width <= 0 || info.Height <= 0 {
		return nil, fmt.Errorf("take %d has no pictures", t.ID)
	}
	b := *buf
	if b == nil || b.Rect.Dx() != info.Width || b.Rect.Dy() != info.Height {
		b = image.NewRGBA(image.Rect(0, 0, info.Width, info.Height))
		*buf = b
	}
	i := int(min(local, int64(info.Frames-1)))
	if err := clip.RenderFrame(i, b); err != nil {
		return nil, fmt.Errorf("showing frame %d of take %d: %w", i, t.ID, err)
	}
	return b, nil
}

// compareStills renders the frame shown while paused. One render runs at
// a time, into the pair of buffers that is not on screen; requests made
// meanwhile are folded into the newest.
type compareStills struct {
	busy bool
	gen  uint64 // bumped by every request
	bufs [2][2]*image.RGBA
	next int
}

// showStill shows the current frame of both takes while paused.
func (c *CompareView) showStill() {
	if c.clips == nil || c.closed || c.transport.playing {
		return
	}
	c.still.gen++
	if !c.still.busy {
		c.renderStill()
	}
}

func (c *CompareView) renderStill() {
	st := &c.still
	st.busy = true
	gen, slot, bufs := st.gen, st.next, st.bufs[st.next]
	p := c.plan()
	c.work.Add(1)
	go func() {
		defer c.work.Done()
		var imgs [2]image.Image
		var errs [2]error
		for i := range p.takes {
			if p.takes[i] != nil {
				imgs[i], errs[i] = renderTake(c.clips, p.takes[i], p.localFrame(i, p.from), &bufs[i])
			}
		}
		c.post(func() {
			st.busy = false
			if c.closed {
				return
			}
			st.bufs[slot] = bufs
			switch {
			case c.transport.playing:
			case st.gen != gen:
				c.renderStill() // a newer frame was asked for meanwhile: same slot
			default:
				st.next = 1 - slot // slot is on screen now
				c.display(p.from, imgs, errs)
			}
		})
	}()
}

// Close stops playback and, once no frame is being rendered, closes the
// takes' clips. The buffers go with the view.
func (c *CompareView) Close() {
	if c.closed {
		return
	}
	c.closed = true
	c.stopSession()
	c.transport.playing = false
	c.still.bufs = [2][2]*image.RGBA{}
	if c.clips == nil {
		c.released = true
		return
	}
	go func() {
		c.work.Wait()
		c.clips.close()
		c.post(func() { c.released = true })
	}()
}
