package export

import (
	"context"
	"fmt"
	"math"

	"kino/engine"
	"kino/engine/speech"
	"kino/project"
)

// Stem files an export writes, in order: the engine's four stems and
// "other", which holds any sound that belongs to none of them (a stored
// take keeps only its mix, for example). The mix is always the sum of all
// five.
var stemNames = [5]string{string(engine.StemDialogue), string(engine.StemEffects), string(engine.StemAmbience), string(engine.StemMusic), "other"}

const stemOther = 4

// audioBlock is a run of 48 kHz stereo samples, interleaved.
type audioBlock struct {
	mix   []float32
	stems [5][]float32 // filled only by a mixer made with stems
}

func (b *audioBlock) resize(n int, stems bool) {
	b.mix = grow(b.mix, 2*n)
	if stems {
		for i := range b.stems {
			b.stems[i] = grow(b.stems[i], 2*n)
		}
	}
}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return make([]float32, n)
	}
	return s[:n]
}

// mixer streams the timeline's sound: each shot's soundtrack in its place,
// padded with silence or cut to the shot's length, plus the music and
// voice-over clips (music on the music stem, voice-over on the dialogue
// stem). Only one shot's soundtrack is held at a time; a music clip is held
// while it plays.
type mixer struct {
	shots     []mixShot
	beds      []*mixBed
	total     int64 // sample frames
	pos       int64
	withStems bool
	gain      float32
	cur       int // index of the loaded shot, -1 for none
	sound     loadedSound
	notes     []string
	noted     map[string]bool
}

type mixShot struct {
	start, end  int64 // sample frames from the export's start
	number      int
	clip        engine.Clip
	placeholder bool
}

type mixBed struct {
	start   int64
	gain    float32
	stem    int
	name    string
	open    func() (engine.PCM, error)
	pcm     []float32 // stereo, 48 kHz, while loaded
	loaded  bool
	done    bool
	samples int64
}

// loadedSound is one shot's soundtrack as 48 kHz stereo.
type loadedSound struct {
	mix      []float32
	stems    [4][]float32
	hasStems bool
}

// newMixer prepares t's sound. Sample positions come from exact frame
// counts, so shot boundaries never drift.
func newMixer(t *Timeline, withStems bool) *mixer {
	m := &mixer{withStems: withStems, gain: 1, cur: -1, noted: map[string]bool{}}
	var frames int64
	for _, s := range t.Shots {
		start := project.Frames(frames, t.Rate).Samples(engine.SampleRate)
		frames += s.frames(t.Rate)
		end := project.Frames(frames, t.Rate).Samples(engine.SampleRate)
		_, isPH := s.Clip.(*Placeholder)
		m.shots = append(m.shots, mixShot{start: start, end: end, number: s.Shot.Number(), clip: s.Clip, placeholder: isPH})
	}
	m.total = project.Frames(frames, t.Rate).Samples(engine.SampleRate)
	for _, a := range t.Audio {
		stem := 3 // music
		if a.Clip.Lane == project.LaneVoiceOver {
			stem = 0 // dialogue
		}
		st := a.Clip.Start.Rescale(t.Rate)
		start := st.Samples(engine.SampleRate)
		if st.Frames < 0 {
			start = -project.Frames(-st.Frames, t.Rate).Samples(engine.SampleRate)
		}
		m.beds = append(m.beds, &mixBed{
			start: start, gain: float32(math.Pow(10, a.Clip.GainDB/20)), stem: stem,
			name: a.Clip.Name, open: a.Open,
		})
	}
	return m
}

// reset rewinds to the start.
func (m *mixer) reset() {
	m.pos, m.cur, m.sound = 0, -1, loadedSound{}
	for _, b := range m.beds {
		b.pcm, b.loaded, b.done = nil, false, false
	}
}

// normalise runs through the whole timeline once when music or voice-over
// clips are laid over the shots, and lowers everything (mix and stems
// alike, so the mix stays their sum) when their sum would clip.
func (m *mixer) normalise(ctx context.Context) error {
	if len(m.beds) == 0 {
		return nil
	}
	withStems := m.withStems
	m.withStems = false
	defer func() { m.withStems = withStems; m.reset() }()
	var b audioBlock
	var peak float32
	for m.pos < m.total {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := int(min(engine.SampleRate, m.total-m.pos))
		if err := m.read(&b, n); err != nil {
			return err
		}
		for _, v := range b.mix {
			peak = max(peak, float32(math.Abs(float64(v))))
		}
	}
	const ceiling = 0.999
	if peak > ceiling {
		m.gain = ceiling / peak
		m.note(fmt.Sprintf("the music and voice-over clips made the mix peak at %+.1f dBFS, so all sound was lowered by %.1f dB to avoid clipping", 20*math.Log10(float64(peak)), -20*math.Log10(float64(m.gain))))
	}
	return nil
}

func (m *mixer) note(s string) {
	if !m.noted[s] {
		m.noted[s] = true
		m.notes = append(m.notes, s)
	}
}

// read fills b with the next n sample frames.
func (m *mixer) read(b *audioBlock, n int) error {
	b.resize(n, m.withStems)
	clear(b.mix)
	if m.withStems {
		for i := range b.stems {
			clear(b.stems[i])
		}
	}
	from, to := m.pos, m.pos+int64(n)
	for k := range m.shots {
		s := &m.shots[k]
		lo, hi := max(from, s.start), min(to, s.end)
		if lo >= hi || s.placeholder {
			continue
		}
		if err := m.load(k); err != nil {
			return err
		}
		m.addShot(b, int(lo-from), int(lo-s.start), int(hi-lo))
	}
	for _, bed := range m.beds {
		if err := m.addBed(b, bed, from, to); err != nil {
			return err
		}
	}
	if m.gain != 1 {
		scale(b.mix, m.gain)
		if m.withStems {
			for i := range b.stems {
				scale(b.stems[i], m.gain)
			}
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

// addShot adds n frames of the loaded shot from offset src to b at dst.
func (m *mixer) addShot(b *audioBlock, dst, src, n int) {
	snd := &m.sound
	copyPadded(b.mix[2*dst:2*(dst+n)], snd.mix, 2*src)
	if !m.withStems {
		return
	}
	other := b.stems[stemOther][2*dst : 2*(dst+n)]
	copy(other, b.mix[2*dst:2*(dst+n)])
	if !snd.hasStems {
		return
	}
	for i := range 4 {
		out := b.stems[i][2*dst : 2*(dst+n)]
		copyPadded(out, snd.stems[i], 2*src)
		for j, v := range out {
			other[j] -= v
		}
	}
}

// copyPadded copies src[off:] into dst, with silence past src's end.
func copyPadded(dst, src []float32, off int) {
	n := 0
	if off < len(src) {
		n = copy(dst, src[off:])
	}
	clear(dst[n:])
}

// load makes shot k's soundtrack the loaded one.
func (m *mixer) load(k int) error {
	if m.cur == k {
		return nil
	}
	m.cur, m.sound = -1, loadedSound{}
	s := m.shots[k]
	st, err := s.clip.Soundtrack()
	if err != nil {
		return fmt.Errorf("shot %d: reading its sound: %w", s.number, err)
	}
	if st == nil {
		return fmt.Errorf("shot %d: its clip has no soundtrack", s.number)
	}
	for _, miss := range st.Missing {
		m.note(fmt.Sprintf("shot %d: %s", s.number, miss))
	}
	mix, err := to48kStereo(st.Mix)
	if err != nil {
		return fmt.Errorf("shot %d: %w", s.number, err)
	}
	m.sound.mix = mix
	if m.withStems && len(st.Stems) > 0 {
		m.sound.hasStems = true
		for i, name := range engine.Stems {
			p, ok := st.Stems[name]
			if !ok {
				continue
			}
			if m.sound.stems[i], err = to48kStereo(p); err != nil {
				return fmt.Errorf("shot %d, %s stem: %w", s.number, name, err)
			}
		}
	}
	if m.withStems && len(st.Stems) == 0 {
		m.note(fmt.Sprintf("shot %d has no separate stems (a stored take keeps only its mix); its sound is in the \"other\" stem", s.number))
	}
	m.cur = k
	return nil
}

// addBed adds the part of a music or voice-over clip that falls in
// [from, to) to b, loading it on first use and letting it go once past.
func (m *mixer) addBed(b *audioBlock, bed *mixBed, from, to int64) error {
	if bed.done || bed.start >= to {
		return nil
	}
	if !bed.loaded {
		pcm, err := bed.open()
		if err != nil {
			return fmt.Errorf("audio clip %q: %w", bed.name, err)
		}
		if bed.pcm, err = to48kStereo(pcm); err != nil {
			return fmt.Errorf("audio clip %q: %w", bed.name, err)
		}
		bed.loaded = true
		bed.samples = int64(len(bed.pcm) / 2)
	}
	lo, hi := max(from, bed.start), min(to, bed.start+bed.samples)
	for t := lo; t < hi; t++ {
		i, j := 2*(t-from), 2*(t-bed.start)
		l, r := bed.pcm[j]*bed.gain, bed.pcm[j+1]*bed.gain
		b.mix[i] += l
		b.mix[i+1] += r
		if m.withStems {
			b.stems[bed.stem][i] += l
			b.stems[bed.stem][i+1] += r
		}
	}
	if bed.start+bed.samples <= to {
		bed.pcm, bed.done = nil, true
	}
	return nil
}

// to48kStereo returns pcm as 48 kHz stereo: mono is spread to both sides,
// channels past two are dropped, and other rates are resampled.
func to48kStereo(p engine.PCM) ([]float32, error) {
	if p.Channels < 1 && len(p.Samples) == 0 {
		return nil, nil
	}
	return speech.ToStereo(p.Samples, p.Channels, p.Rate, engine.SampleRate)
}
