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
}

// render adds the tone into the interleaved stereo buffer out, cut to its
// bounds.
func (t *tone) render(out []float32) {
	n := len(out) / 2
	if t.length <= 0 || t.at >= n || t.at+t.length <= 0 || t.amp == 0 {
		return
	}
	tab := t.tab
	if tab == nil {
		tab = sineTab
	}
	gl, gr := pan(t.pan)
	amp := float32(t.amp)
	gl, gr = gl*amp, gr*amp
	att := max(1, secs(t.env.attack))
	rel := max(1, secs(t.env.release))
	invAtt, invRel := 1/float32(att), 1/float32(rel)
	dec := float32(1)
	if t.env.tau > 0 {
		dec = decay(t.env.tau)
	}
	glideN := t.length
	if t.glide > 0 {
		glideN = max(1, secs(t.glide))
	}
	f0, f1 := float32(t.f0), float32(t.f1)
	df := (f1 - f0) / float32(glideN)
	fmInc := inc(t.fmRate)
	fmDepth := float32(t.fmDepth)
	j0 := max(0, -t.at)
	j1 := min(t.length, n-t.at)
	lvl := float32(1)
	if j0 > 0 {
		lvl = float32(math.Pow(float64(dec), float64(j0)))
	}
	var ph, fph uint32
	for j := j0; j < j1; j++ {
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
		s := tab.at(ph) * e
		i := 2 * (t.at + j)
		out[i] += s * gl
		out[i+1] += s * gr
	}
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
}

// render adds the burst into the interleaved stereo buffer out.
func (b *burst) render(out []float32) {
	n := len(out) / 2
	if b.length <= 0 || b.at >= n || b.at+b.length <= 0 || b.amp == 0 {
		return
	}
	var f svf
	f.tune(b.fc, b.q)
	gain := b.amp
	if b.kind == bandPass {
		gain /= b.q // unity gain at the centre
	}
	gl, gr := pan(b.pan)
	g := float32(gain)
	gl, gr = gl*g, gr*g
	att := max(1, secs(b.env.attack))
	rel := max(1, secs(b.env.release))
	invAtt, invRel := 1/float32(att), 1/float32(rel)
	dec := float32(1)
	if b.env.tau > 0 {
		dec = decay(b.env.tau)
	}
	nz := b.seed
	k := f.k
	lvl := float32(1)
	j1 := min(b.length, n-b.at)
	for j := 0; j < j1; j++ {
		x := nz.next()
		low, band := f.step(x)
		var s float32
		switch b.kind {
		case lowPass:
			s = low
		case bandPass:
			s = band
		default:
			s = x - k*band - low
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
		s *= e
		out[2*i] += s * gl
		out[2*i+1] += s * gr
	}
}
