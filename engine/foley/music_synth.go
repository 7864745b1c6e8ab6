package foley

import "math"

// timbre is a struck or plucked sound made of up to three sine partials,
// each decaying at its own rate.
type timbre struct {
	ratio, amp, tau [3]float64
	attack, release float64
}

var timbres = map[instrument]timbre{
	instPluck: {ratio: [3]float64{1, 2, 3}, amp: [3]float64{1, 0.5, 0.25}, tau: [3]float64{0.6, 0.25, 0.12}, attack: 0.003, release: 0.08},
	instBass:  {ratio: [3]float64{1, 2, 3}, amp: [3]float64{1, 0.35, 0.1}, tau: [3]float64{0.9, 0.5, 0.3}, attack: 0.006, release: 0.06},
	instBell:  {ratio: [3]float64{1, 2.76, 5.4}, amp: [3]float64{1, 0.4, 0.2}, tau: [3]float64{1.4, 0.5, 0.25}, attack: 0.002, release: 0.3},
	instXylo:  {ratio: [3]float64{1, 3.93, 9.2}, amp: [3]float64{1, 0.35, 0.12}, tau: [3]float64{0.3, 0.08, 0.04}, attack: 0.001, release: 0.05},
}

// noteCues returns the sounds that play one note of the score, in the
// order they are added.
func noteCues(nt *note, g *groove) []cue {
	switch nt.inst {
	case instPad:
		return []cue{&held{nt: nt, tab: softSaw, cut: g.padCut, attack: g.padAttack, release: 0.8, detune: 0.003}}
	case instMuted:
		return []cue{&held{nt: nt, tab: hollow, cut: 900, attack: 0.03, release: 0.15, detune: 0.001}}
	case instArp:
		return []cue{&arp{nt: nt}}
	case instKick:
		return []cue{&tone{at: nt.at, length: secs(0.3), f0: 110, f1: 45, glide: 0.08, amp: nt.vel, pan: nt.pan,
			env: shape{attack: 0.001, tau: 0.1, release: 0.05}}}
	case instTaiko:
		return []cue{
			&tone{at: nt.at, length: secs(0.8), f0: 80, f1: 52, glide: 0.2, amp: nt.vel, pan: nt.pan,
				env: shape{attack: 0.002, tau: 0.28, release: 0.1}},
			&burst{at: nt.at, length: secs(0.12), fc: 320, q: 0.7, kind: lowPass, amp: nt.vel * 2.5, pan: nt.pan,
				env: shape{attack: 0.001, tau: 0.03, release: 0.03}, seed: nt.nz},
		}
	case instHat:
		return []cue{&burst{at: nt.at, length: secs(0.06), fc: 7500, q: 0.7, kind: highPass, amp: nt.vel * 0.5, pan: nt.pan,
			env: shape{attack: 0.0005, tau: 0.015, release: 0.01}, seed: nt.nz}}
	case instBrush:
		return []cue{&burst{at: nt.at, length: secs(0.28), fc: 3500, q: 0.6, kind: bandPass, amp: nt.vel * 0.6, pan: nt.pan,
			env: shape{attack: 0.06, tau: 0.09, release: 0.05}, seed: nt.nz}}
	default:
		return []cue{&struck{nt: nt, tb: timbres[nt.inst]}}
	}
}

// struck is a note of partials, damped after its length.
type struck struct {
	nt *note
	tb timbre
	// play state
	incs             [3]uint32
	decs             [3]float32
	gl, gr           float32
	att, rel, length int
	p0, p1, p2       uint32
	e0, e1, e2       float32
	j, j1            int
}

func (s *struck) span() (int, int) { return s.nt.at, s.nt.at + s.nt.length + secs(s.tb.release) }

// begin readies the note to play, cut to the clip's n frames.
func (s *struck) begin(n int) bool {
	nt, tb := s.nt, s.tb
	s.length = nt.length + secs(tb.release)
	if nt.at >= n {
		return false
	}
	var amps [3]float32
	for k := range s.incs {
		f := nt.freq * tb.ratio[k]
		if f < sr*0.45 {
			s.incs[k], amps[k] = inc(f), float32(tb.amp[k])
		}
		s.decs[k] = decay(tb.tau[k])
	}
	gl, gr := pan(nt.pan)
	v := float32(nt.vel)
	s.gl, s.gr = gl*v, gr*v
	s.att, s.rel = max(1, secs(tb.attack)), max(1, secs(tb.release))
	s.e0, s.e1, s.e2 = amps[0], amps[1], amps[2]
	s.j, s.j1 = 0, min(s.length, n-nt.at)
	return s.j1 > 0
}

// play adds the note's frames before clip frame hi into out, which holds
// clip frames from at on.
func (s *struck) play(out []float32, at, hi int) bool {
	incs, decs, gl, gr, att, rel, length := s.incs, s.decs, s.gl, s.gr, s.att, s.rel, s.length
	p0, p1, p2, e0, e1, e2 := s.p0, s.p1, s.p2, s.e0, s.e1, s.e2
	end := min(s.j1, hi-s.nt.at)
	j := s.j
	for ; j < end; j++ {
		x := e0*sineTab.at(p0) + e1*sineTab.at(p1) + e2*sineTab.at(p2)
		p0, p1, p2 = p0+incs[0], p1+incs[1], p2+incs[2]
		e0, e1, e2 = e0*decs[0], e1*decs[1], e2*decs[2]
		if j < att {
			x *= float32(j) / float32(att)
		}
		if k := length - j; k < rel {
			x *= float32(k) / float32(rel)
		}
		i := 2 * (s.nt.at + j - at)
		out[i] += x * gl
		out[i+1] += x * gr
	}
	s.p0, s.p1, s.p2, s.e0, s.e1, s.e2, s.j = p0, p1, p2, e0, e1, e2, j
	return j >= s.j1
}

// held is a held note: two slightly detuned wavetable oscillators (one
// per side, for width) through a one-pole low-pass, with a slow attack
// and a release after the note's length.
type held struct {
	nt                           *note
	tab                          *table
	cut, attack, release, detune float64
	// play state
	i1, i2, p1, p2            uint32
	a, gl, gr, invAtt, invRel float32
	l, r                      float32
	att, rel, length, j, j1   int
}

func (h *held) span() (int, int) { return h.nt.at, h.nt.at + h.nt.length + secs(h.release) }

// begin readies the note to play, cut to the clip's n frames.
func (h *held) begin(n int) bool {
	nt := h.nt
	if nt.at >= n {
		return false
	}
	h.length = nt.length + secs(h.release)
	h.i1, h.i2 = inc(nt.freq*(1+h.detune)), inc(nt.freq*(1-h.detune))
	h.a = lpCoef(math.Min(h.cut, nt.freq*8))
	gl, gr := pan(nt.pan)
	v := float32(nt.vel)
	h.gl, h.gr = gl*v, gr*v
	h.att, h.rel = max(1, secs(h.attack)), max(1, secs(h.release))
	h.invAtt, h.invRel = 1/float32(h.att), 1/float32(h.rel)
	h.p1, h.p2 = uint32(nt.at*7919), uint32(nt.at*104729)
	h.j, h.j1 = 0, min(h.length, n-nt.at)
	return h.j1 > 0
}

// play adds the note's frames before clip frame hi into out, which holds
// clip frames from at on.
func (h *held) play(out []float32, at, hi int) bool {
	tab, i1, i2, a, gl, gr := h.tab, h.i1, h.i2, h.a, h.gl, h.gr
	att, rel, invAtt, invRel, length := h.att, h.rel, h.invAtt, h.invRel, h.length
	p1, p2, l, r := h.p1, h.p2, h.l, h.r
	end := min(h.j1, hi-h.nt.at)
	j := h.j
	for ; j < end; j++ {
		l += a * (tab.at(p1) - l)
		r += a * (tab.at(p2) - r)
		p1 += i1
		p2 += i2
		e := float32(1)
		if j < att {
			u := float32(j) * invAtt
			e = u * u * (3 - 2*u)
		}
		if k := length - j; k < rel {
			u := float32(k) * invRel
			e *= u * u
		}
		i := 2 * (h.nt.at + j - at)
		out[i] += e * gl * (0.8*l + 0.2*r)
		out[i+1] += e * gr * (0.2*l + 0.8*r)
	}
	h.p1, h.p2, h.l, h.r, h.j = p1, p2, l, r, j
	return j >= h.j1
}

// arp is a short synth note: a bright saw through a resonant low-pass
// whose cutoff snaps shut, the sound of an arpeggiator.
type arp struct {
	nt *note
	// play state
	f                   svf
	ph, step            uint32
	gl, gr, v, dec, lvl float32
	length, rel, j, j1  int
}

func (s *arp) span() (int, int) { return s.nt.at, s.nt.at + s.nt.length + secs(0.05) }

// begin readies the note to play, cut to the clip's n frames.
func (s *arp) begin(n int) bool {
	nt := s.nt
	if nt.at >= n {
		return false
	}
	s.length = nt.length + secs(0.05)
	s.ph, s.step = 0, inc(nt.freq)
	s.f = svf{}
	s.gl, s.gr = pan(nt.pan)
	s.v = float32(nt.vel)
	s.dec = decay(0.18)
	s.lvl = float32(1)
	s.rel = secs(0.05)
	s.j, s.j1 = 0, min(s.length, n-nt.at)
	return s.j1 > 0
}

// play adds the note's frames before clip frame hi into out, which holds
// clip frames from at on. The filter closes every ctrl frames.
func (s *arp) play(out []float32, at, hi int) bool {
	f, ph, step, gl, gr, v, dec, lvl := s.f, s.ph, s.step, s.gl, s.gr, s.v, s.dec, s.lvl
	length, rel := s.length, s.rel
	end := min(s.j1, hi-s.nt.at)
	j := s.j
	for j < end {
		if j%ctrl == 0 {
			t := float64(j) / sr
			f.tune(700+3300*math.Exp(-t/0.08), 1.6)
		}
		stop := min((j/ctrl+1)*ctrl, end)
		for ; j < stop; j++ {
			lo, _ := f.step(brightSaw.at(ph))
			ph += step
			e := lvl * v
			lvl *= dec
			if j < 48 {
				e *= float32(j) / 48
			}
			if k := length - j; k < rel {
				e *= float32(k) / float32(rel)
			}
			i := 2 * (s.nt.at + j - at)
			out[i] += lo * e * gl
			out[i+1] += lo * e * gr
		}
	}
	s.f, s.ph, s.lvl, s.j = f, ph, lvl, j
	return j >= s.j1
}
