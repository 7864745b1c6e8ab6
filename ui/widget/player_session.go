package widget

import (
	"image"
	"io"
	"sync/atomic"
	"time"

	"kino/project"
	"kino/ui/playback"
)

// session is one run of playback: a goroutine that reads the sound
// position, asks the clock for the frame, renders it into one of three
// reused buffers and posts it to the UI. A frame is skipped, never
// delayed, when rendering or the UI falls behind.
type session struct {
	stop    chan struct{}
	stopped atomic.Bool
	volume  atomic.Uint64 // math.Float64bits
	stream  atomic.Pointer[streamBox]
	// busy is set while a posted frame waits for the UI.
	busy    atomic.Bool
	shown   atomic.Int64
	dropped atomic.Int64
}

type streamBox struct{ s playback.Stream }

func (s *session) setVolume(v float64) {
	if b := s.stream.Load(); b != nil {
		b.s.SetVolume(v)
	}
}

// Stats returns the frames shown and skipped by the current or last
// session.
func (p *Player) Stats() (shown, dropped int64) {
	if p.sess == nil {
		return 0, 0
	}
	return p.sess.shown.Load(), p.sess.dropped.Load()
}

func (p *Player) stopSession() {
	if p.sess != nil && !p.sess.stopped.Load() {
		p.sess.stopped.Store(true)
		close(p.sess.stop)
	}
}

// tickEvery is how often the session looks at the sound position.
const tickEvery = 4 * time.Millisecond

func (p *Player) startSession() {
	p.stopSession()
	s := &session{stop: make(chan struct{})}
	p.sess = s
	prog, from, speed, loop, vol := p.prog, p.frame, p.speed, p.loop, p.volume
	out := p.out
	if out == nil || speed != 1 {
		out = &playback.WallClock{Speed: float64(speed)}
	}
	over := overlays(p.audio, prog, p.offset, p.audioSrc, func(c project.AudioClip, err error) {
		p.post(func() { p.clipFailed(c, err) })
	})
	go p.run(s, prog, over, from, speed, loop, vol, out)
}

func (p *Player) run(s *session, prog program, over []playback.Overlay, from int64, speed int, loop bool, vol float64, out playback.Output) {
	total := prog.total()
	if total == 0 {
		return
	}
	parts := prog.parts(p.clips)
	reverse := speed < 0
	begin := func(at int64) (*playback.Clock, playback.Stream) {
		var src io.Reader
		if !reverse {
			seq := playback.NewMix(parts, over, playback.SamplesFor(at, prog.rate, playback.SampleRate))
			if len(over) > 0 {
				seq.SoftLimit() // clips over takes can pass full scale
			}
			src = seq
		}
		st, err := out.Start(src)
		if err != nil {
			msg := "No sound: the preview is silent and follows the wall clock.\n(" + err.Error() + ")"
			p.post(func() { p.setNotice(msg) })
			st, _ = (&playback.WallClock{}).Start(nil)
		}
		st.SetVolume(vol)
		s.stream.Store(&streamBox{st})
		return playback.NewClock(prog.rate, playback.SampleRate, at, reverse), st
	}
	clock, stream := begin(from)
	defer func() { stream.Close() }()

	var ring [3]*image.RGBA
	next := 0
	ticker := time.NewTicker(tickEvery)
	defer ticker.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-ticker.C:
		}
		if err := stream.Err(); err != nil {
			// A failed device stops counting: go on silently from the
			// frame heard last, on the wall clock, rather than hang.
			msg := "Sound stopped (" + err.Error() + "); the preview goes on silently, following the wall clock"
			p.post(func() { p.setNotice(msg) })
			at := clock.FrameAt(stream.Played())
			stream.Close()
			out = &playback.WallClock{Reason: err.Error()}
			clock, stream = begin(at)
			continue
		}
		f, changed, skipped := clock.Next(stream.Played())
		s.dropped.Add(skipped)
		if !reverse && f >= total || reverse && f < 0 {
			if loop && !reverse {
				stream.Close()
				clock, stream = begin(0)
				continue
			}
			last := min(max(f, 0), total-1)
			p.post(func() {
				if p.sess == s {
					p.Pause()
					p.Cue(last + p.offset)
				}
			})
			return
		}
		if !changed {
			continue
		}
		if s.busy.Load() {
			s.dropped.Add(1)
			continue
		}
		i, local := prog.locate(f)
		seg := prog.segs[i]
		var img image.Image
		var err error
		if seg.Take != nil {
			clip, cerr := p.clips.get(seg.Take)
			err = cerr
			if err == nil {
				info := clip.Info()
				buf := ring[next]
				if buf == nil || buf.Rect.Dx() != info.Width || buf.Rect.Dy() != info.Height {
					buf = image.NewRGBA(image.Rect(0, 0, info.Width, info.Height))
					ring[next] = buf
				}
				if err = clip.RenderFrame(int(min(local, int64(info.Frames-1))), buf); err == nil {
					img = buf
					next = (next + 1) % len(ring)
				}
			}
		}
		s.busy.Store(true)
		s.shown.Add(1)
		p.post(func() {
			s.busy.Store(false)
			if p.sess == s && !s.stopped.Load() {
				p.display(f, img, err)
			}
		})
	}
}
