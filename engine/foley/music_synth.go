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

// renderNote adds one note of the score into out.
func renderNote(out []float32, nt *note, g *groove) {
	switch nt.inst {
	case instPad:
		sustained(out, nt, softSaw, g.padCut, g.padAttack, 0.8, 0.003)
	case instMuted:
		sustained(out, nt, hollow, 900, 0.03, 0.15, 0.001)
	case instArp:
		synthArp(out, nt)
	case instKick:
		t := tone{at: nt.at, length: secs(0.3), f0: 110, f1: 45, glide: 0.08, amp: nt.vel, pan: nt.pan,
			env: shape{attack: 0.001, tau: 0.1, release: 0.05}}
		t.render(out)
	case instTaiko:
		t := tone{at: nt.at, length: secs(0.8), f0: 80, f1: 52, glide: 0.2, amp: nt.vel, pan: nt.pan,
			env: shape{attack: 0.002, tau: 0.28, release: 0.1}}
		t.render(out)
		b := burst{at: nt.at, length: secs(0.12), fc: 320, q: 0.7, kind: lowPass, amp: nt.vel * 2.5, pan: nt.pan,
			env: shape{attack: 0.001, tau: 0.03, release: 0.03}, seed: nt.nz}
		b.render(out)
	case instHat:
		b := burst{at: nt.at, length: secs(0.06), fc: 7500, q: 0.7, kind: highPass, amp: nt.vel * 0.5, pan: nt.pan,
			env: shape{attack: 0.0005, tau: 0.015, release: 0.01}, seed: nt.nz}
		b.render(out)
	case instBrush:
		b := burst{at: nt.at, length: secs(0.28), fc: 3500, q: 0.6, kind: bandPass, amp: nt.vel * 0.6, pan: nt.pan,
			env: shape{attack: 0.06, tau: 0.09, release: 0.05}, seed: nt.nz}
		b.render(out)
	default:
		struck(out, nt, timbres[nt.inst])
	}
}

// struck renders a note of partials, damped after its length.
func struck(out []float32, nt *note, tb timbre) {
	n := len(out) / 2
	length := nt.length + secs(tb.release)
	if nt.at >= n {
		return
	}
	var incs [3]uint32
	var amps, decs [3]float32
	for k := range incs {
		f := nt.freq * tb.ratio[k]
		if f < sr*0.45 {
			incs[k], amps[k] = inc(f), float32(tb.amp[k])
		}
		decs[k] = decay(tb.tau[k])
	}
	gl, gr := pan(nt.pan)
	v := float32(nt.vel)
	gl, gr = gl*v, gr*v
	att, rel := max(1, secs(tb.attack)), max(1, secs(tb.release))
	var p0, p1, p2 uint32
	e0, e1, e2 := amps[0], amps[1], amps[2]
	for j := 0; j < min(length, n-nt.at); j++ {
		s := e0*sineTab.at(p0) + e1*sineTab.at(p1) + e2*sineTab.at(p2)
		p0, p1, p2 = p0+incs[0], p1+incs[1], p2+incs[2]
		e0, e1, e2 = e0*decs[0], e1*decs[1], e2*decs[2]
		if j < att {
			s *= float32(j) / float32(att)
		}
		if k := length - j; k < rel {
			s *= float32(k) / float32(rel)
		}
		i := 2 * (nt.at + j)
		out[i] += s * gl
		out[i+1] += s * gr
	}
}

// sustained renders a held note: two slightly detuned wavetable
// oscillators (one per side, for width) through a one-pole low-pass, with
// a slow attack and a release after the note's length.
func sustained(out []float32, nt *note, tab *table, cut, attack, release, detune float64) {
	n := len(out) / 2
	if nt.at >= n {
		return
	}
	length := nt.length + secs(release)
	i1, i2 := inc(nt.freq*(1+detune)), inc(nt.freq*(1-detune))
	a := lpCoef(math.Min(cut, nt.freq*8))
	gl, gr := pan(nt.pan)
	v := float32(nt.vel)
	gl, gr = gl*v, gr*v
	att, rel := max(1, secs(attack)), max(1, secs(release))
	invAtt, invRel := 1/float32(att), 1/float32(rel)
	p1, p2 := uint32(nt.at*7919), uint32(nt.at*104729)
	var l, r float32
	for j := 0; j < min(length, n-nt.at); j++ {
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
		i := 2 * (nt.at + j)
		out[i] += e * gl * (0.8*l + 0.2*r)
		out[i+1] += e * gr * (0.2*l + 0.8*r)
	}
}

// synthArp renders a short synth note: a bright saw through a resonant
// low-pass whose cutoff snaps shut, the sound of an arpeggiator.
func synthArp(out []float32, nt *note) {
	n := len(out) / 2
	if nt.at >= n {
		return
	}
	length := nt.length + secs(0.05)
	ph, step := uint32(0), inc(nt.freq)
	var f svf
	gl, gr := pan(nt.pan)
	v := float32(nt.vel)
	dec := decay(0.18)
	lvl := float32(1)
	rel := secs(0.05)
	for j0 := 0; j0 < length && nt.at+j0 < n; j0 += ctrl {
		t := float64(j0) / sr
		f.tune(700+3300*math.Exp(-t/0.08), 1.6)
		for j := j0; j < min(j0+ctrl, length, n-nt.at); j++ {
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
			i := 2 * (nt.at + j)
			out[i] += lo * e * gl
			out[i+1] += lo * e * gr
		}
	}
}
