package foley

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/scene"
)

// Stream is a clip's soundtrack made block by block: the samples Render
// makes, in memory that does not grow with the clip's length.
//
// Two things in a soundtrack depend on all of it: the music's level
// (learnt from the whole bed) and the one gain that keeps the mix at or
// below -1 dBFS (learnt from the whole mix). A Stream learns them by
// making the sound without keeping it, the music once and then all of it,
// in the background from the moment it is made (a take's pictures are
// drawn meanwhile); Read waits for that, then makes the sound again, block
// by block, with both gains known.
type Stream struct {
	t      *track
	ctx    context.Context
	cancel context.CancelFunc

	ready chan struct{} // closed once the look-ahead is over
	level musicLevel
	gain  float32
	err   error

	pass   *making
	closed bool
}

var _ audio.Stream = (*Stream)(nil)

// NewStream starts making the soundtrack Render makes for the same
// arguments (see Render), block by block. Cancelling ctx, or Close, stops
// it.
func NewStream(ctx context.Context, req engine.Request, plan *scene.Plan, events []scene.Event, dlg *Dialogue) (*Stream, error) {
	t, err := newTrack(ctx, req, plan, events, dlg)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Stream{t: t, ctx: ctx, cancel: cancel, ready: make(chan struct{})}
	go s.lookAhead()
	return s, nil
}

// lookAhead learns the music's level and the mix's gain.
func (s *Stream) lookAhead() {
	defer close(s.ready)
	n := s.t.n
	m := newMusicBed(n, s.t.req.Seed, s.t.plan, s.t.plan.Style)
	buf := make([]float32, 2*min(block, n))
	for at := 0; at < n; at += block {
		if s.err = s.ctx.Err(); s.err != nil {
			return
		}
		b := buf[:2*min(block, n-at)]
		clear(b)
		m.pre(b, at)
		s.level.measure(b)
	}
	p := s.t.newPass(s.ctx, s.level)
	defer p.close()
	var b audio.Block
	var pk float32
	for {
		peak, err := p.next(&b, 1)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.err = err
			return
		}
		pk = max(pk, peak)
	}
	s.gain = mixGain(pk, mixCeiling)
}

// Len returns the soundtrack's length in sample frames.
func (s *Stream) Len() int64 { return int64(s.t.n) }

// Missing lists the lines that could not be spoken.
func (s *Stream) Missing() []string { return s.t.missing() }

// Read fills b with the next block of the soundtrack (see audio.Stream).
// The first call waits for the look-ahead.
func (s *Stream) Read(b *audio.Block) error {
	if s.closed {
		return errors.New("reading the soundtrack: the stream is closed")
	}
	if s.pass == nil {
		select {
		case <-s.ready:
		case <-s.ctx.Done():
			return s.ctx.Err()
		}
		if s.err != nil {
			return fmt.Errorf("rendering the soundtrack: %w", s.err)
		}
		s.pass = s.t.newPass(s.ctx, s.level)
	}
	_, err := s.pass.next(b, s.gain)
	return err
}

// Close stops making the soundtrack and waits for the work in the
// background to end.
func (s *Stream) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.cancel()
	<-s.ready
	if s.pass != nil {
		s.pass.close()
	}
	return nil
}

// making is one making of the soundtrack, block by block: its three beds
// each on a goroutine of its own, a few blocks ahead, and the dialogue,
// ducking and mix as the blocks are read.
type making struct {
	t             *track
	ctx           context.Context
	eff, amb, mus *blocks
	speech        []float32
	duck          ducker
	at            int
}

func (t *track) newPass(ctx context.Context, level musicLevel) *making {
	b := t.beds()
	return &making{
		t: t, ctx: ctx, duck: newDucker(),
		speech: make([]float32, min(block, t.n)),
		eff:    startBlocks(ctx, t.n, b.effect),
		amb:    startBlocks(ctx, t.n, b.ambient),
		mus:    startBlocks(ctx, t.n, func(out []float32, at int) { b.tune(out, at, level) }),
	}
}

// next fills b with the next block: the stems, ducked and scaled by
// gain, and their sum, whose peak it returns.
func (p *making) next(b *audio.Block, gain float32) (float32, error) {
	if p.at >= p.t.n {
		b.SetFrames(0)
		return 0, io.EOF
	}
	e, a, m := p.eff.next(), p.amb.next(), p.mus.next()
	if e == nil || a == nil || m == nil {
		if err := p.ctx.Err(); err != nil {
			return 0, err
		}
		return 0, errors.New("rendering the soundtrack: a bed ended early")
	}
	k := len(e) / 2
	speech := p.speech[:k]
	p.t.dlg.Read(speech, p.at)
	p.duck.run(speech, a, m)
	b.SetFrames(k)
	d := b.Stems[0]
	for i, s := range speech {
		d[2*i], d[2*i+1] = s, s
	}
	copy(b.Stems[1], e)
	copy(b.Stems[2], a)
	copy(b.Stems[3], m)
	p.eff.done(e)
	p.amb.done(a)
	p.mus.done(m)
	for i := range b.Stems {
		scale(b.Stems[i], gain)
	}
	pk := sumStems(b.Mix, b.Stems[:]...)
	p.at += k
	return pk, nil
}

func (p *making) close() {
	p.eff.close()
	p.amb.close()
	p.mus.close()
}

// blocksAhead is how many blocks a bed makes ahead of its reader.
const blocksAhead = 4

// blocks makes one stem of a clip of n frames block by block on a
// goroutine of its own, a few blocks ahead of its reader.
type blocks struct {
	full, free chan []float32
	stop       chan struct{}
	ended      chan struct{} // closed when the goroutine has ended
	once       sync.Once
}

// startBlocks starts filling blocks of a clip of n frames with fill
// (which adds into zeroed interleaved stereo), in order. Cancelling ctx
// stops it.
func startBlocks(ctx context.Context, n int, fill func(out []float32, at int)) *blocks {
	b := &blocks{full: make(chan []float32, blocksAhead), free: make(chan []float32, blocksAhead+1),
		stop: make(chan struct{}), ended: make(chan struct{})}
	for range blocksAhead + 1 {
		b.free <- make([]float32, 2*min(block, n))
	}
	go func() {
		defer close(b.ended)
		defer close(b.full)
		for at := 0; at < n; at += block {
			if ctx.Err() != nil {
				return
			}
			var buf []float32
			select {
			case buf = <-b.free:
			case <-b.stop:
				return
			}
			buf = buf[:2*min(block, n-at)]
			clear(buf)
			fill(buf, at)
			select {
			case b.full <- buf:
			case <-b.stop:
				return
			}
		}
	}()
	return b
}

// next returns the next block, or nil when there is none (the end, or
// the context was cancelled).
func (b *blocks) next() []float32 {
	select {
	case buf, ok := <-b.full:
		if ok {
			return buf
		}
	case <-b.stop:
	}
	return nil
}

// done gives a block back once it has been read.
func (b *blocks) done(buf []float32) { b.free <- buf[:cap(buf)] }

// close stops the goroutine and waits for it to end.
func (b *blocks) close() {
	b.once.Do(func() { close(b.stop) })
	<-b.ended
}
