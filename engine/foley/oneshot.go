package foley

import "math"

// hzToPhase converts Hz to a phase increment per sample (2^32 per cycle).
const hzToPhase = float32(4294967296.0 / sr)

// shape is a one-shot's amplitude envelope: a smoothstep rise over attack,
// an exponential decay with time constant tau while it lasts (0: none),
// and a smoothstep fall over the last release seconds.
type shape struct {
	attack, tau, release float64
}

// tone is a pitched one-shot: a wavetable oscillator gliding from f0 to f1
// Hz over glide seconds (0: the whole length), with optional vibrato,
// panned and enveloped. Bird chirps, gull cries, horns, whistles, bubbles,
// drops and the thump of a firework are all tones.
type tone struct {
	at, length      int // start and length in samples
	f0, f1, glide   float64
	fmRate, fmDepth float64 // vibrato rate and depth in Hz
	tab             *table  // nil: sine
	amp, pan        float64
	env             shape
	st              toneState
}

// play state of a tone.
type toneState struct {
	tab                      *table
	gl, gr, invAtt, invRel   float32
	dec, f0, f1, df, fmDepth float32
	att, rel, glideN, j, j1  int
	fmInc, ph, fph           uint32
	lvl                      float32
}

func (t *tone) span() (int, int) { return t.at, t.at + t.length }

// begin readies the tone to play, cut to the clip's n frames.
func (t *tone) begin(n int) bool {
	if t.length <= 0 || t.at >= n || t.at+t.length <= 0 || t.amp == 0 {
		return false
	}
	s := &t.st
	s.tab = t.tab
	if s.tab == nil {
		s.tab = sineTab
	}
	gl, gr := pan(t.pan)
	amp := float32(t.amp)
	s.gl, s.gr = gl*amp, gr*amp
	s.att = max(1, secs(t.env.attack))
	s.rel = max(1, secs(t.env.release))
	s.invAtt, s.invRel = 1/float32(s.att), 1/float32(s.rel)
	s.dec = float32(1)
	if t.env.tau > 0 {
		s.dec = decay(t.env.tau)
	}
	s.glideN = t.length
	if t.glide > 0 {
		s.glideN = max(1, secs(t.glide))
	}
	s.f0, s.f1 = float32(t.f0), float32(t.f1)
	s.df = (s.f1 - s.f0) / float32(s.glideN)
	s.fmInc = inc(t.fmRate)
	s.fmDepth = float32(t.fmDepth)
	s.j = max(0, -t.at)
	s.j1 = min(t.length, n-t.at)
	s.lvl = float32(1)
	if s.j > 0 {
		s.lvl = float32(math.Pow(float64(s.dec), float64(s.j)))
	}
	s.ph, s.fph = 0, 0
	return true
}

// play adds the tone's frames before clip frame hi into out, which holds
// clip frames from at on.
func (t *tone) play(out []float32, at, hi int) bool {
	s := &t.st
	tab, gl, gr, att, rel, invAtt, invRel := s.tab, s.gl, s.gr, s.att, s.rel, s.invAtt, s.invRel
	dec, glideN, f0, f1, df, fmInc, fmDepth := s.dec, s.glideN, s.f0, s.f1, s.df, s.fmInc, s.fmDepth
	lvl, ph, fph := s.lvl, s.ph, s.fph
	end := min(s.j1, hi-t.at)
	j := s.j
	for ; j < end; j++ {
		f := f1
		if j < glideN {
			f = f0 + df*float32(j)
		}
		if fmDepth != 0 {
			f += fmDepth * sineTab.at(fph)
			fph += fmInc
		}
		if f > 0 {
			ph += uint32(f * hzToPhase)
		}
		e := lvl
		lvl *= dec
		if j < att {
			u := float32(j) * invAtt
			e *= u * u * (3 - 2*u)
		}
		if k := t.length - j; k < rel {
			u := float32(k) * invRel
			e *= u * u * (3 - 2*u)
		}
		smp := tab.at(ph) * e
		i := 2 * (t.at + j - at)
		out[i] += smp * gl
		out[i+1] += smp * gr
	}
	s.j, s.lvl, s.ph, s.fph = j, lvl, ph, fph
	return j >= s.j1
}

// filterKind picks a state-variable filter output.
type filterKind uint8

const (
	lowPass filterKind = iota
	bandPass
	highPass
)

// burst is a filtered-noise one-shot: clicks, taps, hats, the bang of a
// firework, the crack of near lightning, a car's tyre noise.
type burst struct {
	at, length int
	fc, q      float64
	kind       filterKind
	amp, pan   float64
	env        shape
	seed       noise
	st         burstState
}

// play state of a burst.
type burstState struct {
	f                      svf
	gl, gr, invAtt, invRel float32
	dec, lvl               float32
	att, rel, j, j1        int
	nz                     noise
}

func (b *burst) span() (int, int) { return b.at, b.at + b.length }

// begin readies the burst to play, cut to the clip's n frames.
func (b *burst) begin(n int) bool {
	if b.length <= 0 || b.at >= n || b.at+b.length <= 0 || b.amp == 0 {
		return false
	}
	s := &b.st
	s.f = svf{}
	s.f.tune(b.fc, b.q)
	gain := b.amp
	if b.kind == bandPass {
		gain /= b.q // unity gain at the centre
	}
	gl, gr := pan(b.pan)
	g := float32(gain)
	s.gl, s.gr = gl*g, gr*g
	s.att = max(1, secs(b.env.attack))
	s.rel = max(1, secs(b.env.release))
	s.invAtt, s.invRel = 1/float32(s.att), 1/float32(s.rel)
	s.dec = float32(1)
	if b.env.tau > 0 {
		s.dec = decay(b.env.tau)
	}
	s.nz = b.seed
	s.lvl = float32(1)
	s.j, s.j1 = 0, min(b.length, n-b.at)
	return true
}

// play adds the burst's frames before clip frame hi into out, which holds
// clip frames from at on. Frames before the clip's start are made (the
// filter and envelope run on) but not added.
func (b *burst) play(out []float32, at, hi int) bool {
	s := &b.st
	f, gl, gr, att, rel, invAtt, invRel, dec := s.f, s.gl, s.gr, s.att, s.rel, s.invAtt, s.invRel, s.dec
	nz, lvl, k := s.nz, s.lvl, f.k
	end := min(s.j1, hi-b.at)
	j := s.j
	for ; j < end; j++ {
		x := nz.next()
		low, band := f.step(x)
		var smp float32
		switch b.kind {
		case lowPass:
			smp = low
		case bandPass:
			smp = band
		default:
			smp = x - k*band - low
		}
		e := lvl
		lvl *= dec
		if j < att {
			u := float32(j) * invAtt
			e *= u * u * (3 - 2*u)
		}
		if r := b.length - j; r < rel {
			u := float32(r) * invRel
			e *= u * u * (3 - 2*u)
		}
		i := b.at + j
		if i < 0 {
			continue
		}
		smp *= e
		out[2*(i-at)] += smp * gl
		out[2*(i-at)+1] += smp * gr
	}
	s.f, s.nz, s.lvl, s.j = f, nz, lvl, j
	return j >= s.j1
}
