package audio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
	"sync/atomic"
)

// Placement is one sound placed on a Mixer's timeline: a take's soundtrack
// filling its shot, or a music or voice-over clip laid over the shots.
type Placement struct {
	// Start is the timeline sample frame where the sound begins (negative
	// when it began before the timeline does).
	Start int64
	// Length, when above 0, is how long the placement lasts: the sound is
	// cut there and padded with silence when shorter, so a shot's sound
	// always fills its shot. 0 plays the sound to its own end.
	Length int64
	// Known is the sound's length in sample frames when it is known
	// without opening the sound (0: unknown). A placement known to have
	// ended before reading reaches it is passed over without opening it.
	Known int64
	// Gain scales the sound (1: as it is).
	Gain float32
	// To, when set, puts all of the sound on that stem (music clips on
	// the music stem, voice-over on the dialogue stem). Otherwise the
	// sound's own stems are kept, and sound without stems goes to the
	// block's Other.
	To Stem
	// Open returns the sound. A nil Open is silence. Sources that are
	// io.Closers are closed once reading has passed them.
	Open func() (Source, error)
}

// end returns where the placement stops, when that is known.
func (p *Placement) end(src Source) (int64, bool) {
	switch {
	case p.Length > 0:
		return p.Start + p.Length, true
	case src != nil:
		return p.Start + src.Len(), true
	case p.Known > 0:
		return p.Start + p.Known, true
	}
	return 0, false
}

// Policy is what a Mixer does to keep its output below full scale. Takes'
// soundtracks never clip, but music and voice-over clips laid over them
// can.
type Policy int

const (
	// PolicyNone passes the sum through as it is.
	PolicyNone Policy = iota
	// PolicyNormalise lowers everything (mix and stems alike, so the mix
	// stays their sum) by one gain when the sum would pass NormaliseCeiling.
	// It needs a look-ahead pass, Mixer.Normalise: export uses it.
	PolicyNormalise
	// PolicySoftLimit bends only the samples of the mix past -1 dBFS,
	// smoothly towards, and never to, full scale (see SoftClip). It needs
	// no look-ahead: the preview uses it.
	PolicySoftLimit
)

// NormaliseCeiling is the highest peak PolicyNormalise lets through.
const NormaliseCeiling = 0.999

// MixOptions tune a Mixer.
type MixOptions struct {
	// Length is the timeline's length in sample frames; reading ends there.
	Length int64
	// Policy keeps the output below full scale.
	Policy Policy
	// Stems makes Read fill the block's stems (and Other) too. The mix
	// of a sound that has stems is then the sum of its stems, in Stems
	// order, so the mix a block carries is exactly the sum of its stems
	// and Other.
	Stems bool
	// Lead, when above 0, opens a placement in the background once
	// reading comes within Lead sample frames of its start (the preview
	// uses 5 s); 0 opens placements when reading reaches them.
	Lead int64
	// Strict makes a placement that fails to open stop reading with its
	// error (export). Otherwise it plays as silence and Errors lists it
	// (preview).
	Strict bool
	// Name names placement i in errors ("shot 3"); nil leaves errors as
	// the placement's Open returned them.
	Name func(i int) string
}

// Block is a run of mixed sound, interleaved stereo.
type Block struct {
	Mix []float32
	// Stems and Other are filled only by a Mixer with MixOptions.Stems:
	// the four stems in Stems order, and the sound that belongs to none.
	Stems [4][]float32
	Other []float32
}

// Frames returns the number of sample frames in the block.
func (b *Block) Frames() int { return len(b.Mix) / 2 }

func (b *Block) resize(n int, stems bool) {
	b.Mix = grow(b.Mix, 2*n)
	if stems {
		for i := range b.Stems {
			b.Stems[i] = grow(b.Stems[i], 2*n)
		}
		b.Other = grow(b.Other, 2*n)
	}
}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// Mixer reads a timeline's sound block by block: each placement in its
// place, scaled by its gain, summed. A placement's sound is opened when
// reading reaches it (or Lead before) and let go once reading has passed
// it, so only the sounds that play at once are open. A Mixer is read from
// one goroutine at a time.
type Mixer struct {
	opts   MixOptions
	places []*placed
	pos    int64
	gain   float32
	peak   float32
	notes  []string
	// scratch for one placement's sound
	mix   []float32
	stems [4][]float32
}

type placed struct {
	Placement
	index   int
	started atomic.Bool
	once    sync.Once
	ready   chan struct{}
	src     Source
	err     error
	done    bool // reading has passed it; only the reading goroutine touches it
}

// open opens the placement once; later calls wait for the first.
func (p *placed) open() {
	p.started.Store(true)
	p.once.Do(func() {
		if p.Open != nil {
			p.src, p.err = p.Open()
		}
		close(p.ready)
	})
}

// prefetch opens the placement in the background.
func (p *placed) prefetch() {
	if p.started.Swap(true) {
		return
	}
	go p.open()
}

// failed returns the placement's open error once it has opened.
func (p *placed) failed() error {
	select {
	case <-p.ready:
		return p.err
	default:
		return nil
	}
}

// release lets the placement's sound go.
func (p *placed) release() {
	p.done = true
	select {
	case <-p.ready:
		if c, ok := p.src.(io.Closer); ok {
			c.Close()
		}
		p.src = nil
	default:
	}
}

// NewMixer returns a mixer of places over a timeline of opts.Length sample
// frames, reading from the start.
func NewMixer(places []Placement, opts MixOptions) *Mixer {
	m := &Mixer{opts: opts, gain: 1}
	for i, p := range places {
		m.places = append(m.places, &placed{Placement: p, index: i, ready: make(chan struct{})})
	}
	return m
}

// SetPolicy changes how the mixer keeps its output below full scale, from
// the next Read on.
func (m *Mixer) SetPolicy(p Policy) { m.opts.Policy = p }

// Len returns the timeline's length in sample frames.
func (m *Mixer) Len() int64 { return m.opts.Length }

// Pos returns the next sample frame Read reads.
func (m *Mixer) Pos() int64 { return m.pos }

// Gain returns the gain PolicyNormalise settled on (1 when nothing had to
// be lowered).
func (m *Mixer) Gain() float32 { return m.gain }

// Notes returns what a person should know about the mix, such as how much
// Normalise lowered it.
func (m *Mixer) Notes() []string { return m.notes }

// SeekTo makes the next Read start at sample frame pos. Placements already
// passed are not read again; seek only forward, or use a new Mixer.
func (m *Mixer) SeekTo(pos int64) {
	m.pos = min(max(pos, 0), m.opts.Length)
	if m.opts.Lead > 0 {
		for _, p := range m.places {
			end, known := p.end(nil)
			if p.Start < m.pos+m.opts.Lead && (!known || end > m.pos) && m.pos < m.opts.Length {
				p.prefetch()
			}
		}
	}
}

// Errors returns the open failures met so far, in placement order.
func (m *Mixer) Errors() []error {
	var errs []error
	for _, p := range m.places {
		if err := p.failed(); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// wrap names placement i in err, when MixOptions.Name is set.
func (m *Mixer) wrap(i int, err error) error {
	if m.opts.Name == nil {
		return err
	}
	return fmt.Errorf("%s: %w", m.opts.Name(i), err)
}

// Normalise reads the whole timeline once and, when the mix would peak
// above NormaliseCeiling, sets the one gain that keeps it below, applied
// to every later Read (mix and stems alike). It then rewinds: call it
// before the first Read. Only PolicyNormalise mixers normalise.
func (m *Mixer) Normalise(ctx context.Context) error {
	if m.opts.Policy != PolicyNormalise {
		return nil
	}
	probe := NewMixer(nil, MixOptions{Length: m.opts.Length, Strict: m.opts.Strict, Name: m.opts.Name})
	for _, p := range m.places {
		probe.places = append(probe.places, &placed{Placement: p.Placement, index: p.index, ready: make(chan struct{})})
	}
	var b Block
	var peak float32
	for probe.pos < probe.opts.Length {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := int(min(SampleRate, probe.opts.Length-probe.pos))
		if err := probe.Read(&b, n); err != nil {
			return err
		}
		peak = max(peak, Peak(b.Mix))
	}
	m.peak = peak
	if peak > NormaliseCeiling {
		m.gain = NormaliseCeiling / peak
		m.notes = append(m.notes, fmt.Sprintf("the music and voice-over clips made the mix peak at %+.1f dBFS, so all sound was lowered by %.1f dB to avoid clipping", 20*math.Log10(float64(peak)), -20*math.Log10(float64(m.gain))))
	}
	return nil
}

// Read fills b with the next n sample frames (fewer at the timeline's
// end; io.EOF once there is nothing left).
func (m *Mixer) Read(b *Block, n int) error {
	n = int(min(int64(n), m.opts.Length-m.pos))
	if n <= 0 {
		b.resize(0, m.opts.Stems)
		return io.EOF
	}
	stems := m.opts.Stems
	b.resize(n, stems)
	clear(b.Mix)
	if stems {
		for i := range b.Stems {
			clear(b.Stems[i])
		}
		clear(b.Other)
	}
	from, to := m.pos, m.pos+int64(n)
	for _, p := range m.places {
		if err := m.add(b, p, from, to); err != nil {
			return err
		}
	}
	switch {
	case m.opts.Policy == PolicyNormalise && m.gain != 1:
		scale(b.Mix, m.gain)
		if stems {
			for i := range b.Stems {
				scale(b.Stems[i], m.gain)
			}
			scale(b.Other, m.gain)
		}
	case m.opts.Policy == PolicySoftLimit:
		for i, v := range b.Mix {
			b.Mix[i] = SoftClip(v)
		}
	}
	m.pos = to
	return nil
}

func scale(s []float32, g float32) {
	for i := range s {
		s[i] *= g
	}
}

// add adds placement p's sound for [from, to) to b.
func (m *Mixer) add(b *Block, p *placed, from, to int64) error {
	if p.done {
		return nil
	}
	if end, known := p.end(nil); known && end <= from {
		p.release() // ended before this read: never opened
		return nil
	}
	if p.Start >= to {
		if m.opts.Lead > 0 && p.Start-to < m.opts.Lead {
			p.prefetch()
		}
		return nil
	}
	p.open()
	if p.err != nil {
		p.done = true
		if m.opts.Strict {
			return m.wrap(p.index, p.err)
		}
		return nil
	}
	end, _ := p.end(p.src)
	if p.src == nil || end <= from {
		p.release()
		return nil
	}
	lo, hi := max(from, p.Start), min(to, end)
	if lo < hi {
		if err := m.addRange(b, p, from, lo, hi); err != nil {
			return m.wrap(p.index, err)
		}
	}
	if end <= to {
		p.release()
	}
	return nil
}

// addRange adds frames [lo, hi) of the timeline from placement p.
func (m *Mixer) addRange(b *Block, p *placed, from, lo, hi int64) error {
	k := int(hi - lo)
	m.mix = grow(m.mix, 2*k)
	withStems := m.opts.Stems && p.To == "" && p.src.HasStems()
	var stems *[4][]float32
	if withStems {
		for i := range m.stems {
			m.stems[i] = grow(m.stems[i], 2*k)
		}
		stems = &m.stems
	}
	if err := p.src.ReadAt(m.mix, stems, lo-p.Start); err != nil {
		return err
	}
	g := p.Gain
	off := 2 * int(lo-from)
	out := b.Mix[off : off+2*k]
	if withStems {
		// The mix of a sound with stems is their sum, so the block's mix
		// is exactly the sum of its stems.
		for i := range m.stems {
			dst := b.Stems[i][off : off+2*k]
			for j, v := range m.stems[i] {
				v *= g
				dst[j] += v
				if i == 0 {
					m.mix[j] = v
				} else {
					m.mix[j] += v
				}
			}
		}
		for j, v := range m.mix {
			out[j] += v
		}
		return nil
	}
	for j, v := range m.mix {
		out[j] += v * g
	}
	if m.opts.Stems {
		dst := b.Other
		if i := StemIndex(p.To); i >= 0 {
			dst = b.Stems[i]
		}
		dst = dst[off : off+2*k]
		for j, v := range m.mix {
			dst[j] += v * g
		}
	}
	return nil
}

// ReadAll reads the mixer to its end in blocks of up to one second,
// handing each to fn.
func (m *Mixer) ReadAll(ctx context.Context, fn func(b *Block) error) error {
	var b Block
	for m.pos < m.opts.Length {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := m.Read(&b, SampleRate); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return err
		}
		if err := fn(&b); err != nil {
			return err
		}
	}
	return nil
}
