package foley

import (
	"kino/engine/rng"
)

// species is how one kind of bird sings: a chirp's pitch, sweep, length,
// vibrato and the gap between chirps of a phrase.
type species struct {
	f0, sweep        float64 // Hz
	lenLo, lenHi     float64 // seconds
	fmRate, fmDepth  float64
	gapLo, gapHi     float64
	notesLo, notesHi int
}

func newSpecies(r *rng.Rand) species {
	s := species{
		f0:      r.Range(2300, 5200),
		sweep:   r.Range(-1800, 1800),
		lenLo:   r.Range(0.03, 0.07),
		gapLo:   r.Range(0.03, 0.1),
		notesLo: 2 + r.Intn(3),
	}
	s.lenHi = s.lenLo + r.Range(0.02, 0.09)
	s.gapHi = s.gapLo + r.Range(0.03, 0.12)
	s.notesHi = s.notesLo + 1 + r.Intn(4)
	if r.Float64() < 0.5 {
		s.fmRate, s.fmDepth = r.Range(18, 60), r.Range(80, 450)
	}
	return s
}

// birds are phrases of short FM chirps from a few species, at random
// places in the stereo field, about density phrases a second.
func birds(r *rng.Rand, level, density float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		kinds := []species{newSpecies(r), newSpecies(r), newSpecies(r)}
		var ts []tone
		for t := r.Range(0, 1.2); t < dur; t += r.Range(0.4, 2.4) / density {
			sp := kinds[r.Intn(len(kinds))]
			p := r.Range(-0.85, 0.85)
			amp := level * 0.09 * r.Range(0.3, 1)
			notes := sp.notesLo + r.Intn(sp.notesHi-sp.notesLo+1)
			at := t
			for k := 0; k < notes; k++ {
				l := r.Range(sp.lenLo, sp.lenHi)
				f0 := sp.f0 * r.Range(0.94, 1.06)
				ts = append(ts, tone{
					at: secs(at), length: secs(l),
					f0: f0, f1: max(900, f0+sp.sweep*r.Range(0.7, 1.1)),
					fmRate: sp.fmRate, fmDepth: sp.fmDepth,
					amp: amp, pan: p,
					env: shape{attack: l * 0.4, release: l * 0.5},
				})
				at += l + r.Range(sp.gapLo, sp.gapHi)
			}
		}
		return newCues(n, tones(ts))
	}
}

// gulls cry now and then over a beach: falling, slightly rough "kee-ow"s.
func gulls(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var ts []tone
		for t := r.Range(0.5, 5); t < dur; t += r.Range(4, 12) {
			p := r.Range(-0.9, 0.9)
			amp := level * 0.12 * r.Range(0.5, 1)
			at := t
			for k := 1 + r.Intn(3); k > 0; k-- {
				l := r.Range(0.22, 0.4)
				f := r.Range(1100, 1500)
				ts = append(ts, tone{
					at: secs(at), length: secs(l), f0: f, f1: f * 0.72,
					fmRate: r.Range(25, 40), fmDepth: 35, tab: softSaw,
					amp: amp, pan: p, env: shape{attack: 0.03, release: l * 0.45},
				})
				at += l + r.Range(0.08, 0.2)
			}
		}
		return newCues(n, tones(ts))
	}
}

// crickets chirp at night: trains of three short 4-5 kHz pulses, two
// insects on either side.
func crickets(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var ts []tone
		for c := 0; c < 2; c++ {
			f := r.Range(4200, 4900)
			p := r.Range(0.3, 0.8)
			if c == 0 {
				p = -p
			}
			period := r.Range(0.38, 0.7)
			amp := level * 0.09 * r.Range(0.6, 1)
			for t := r.Range(0, period); t < dur; t += period * r.Range(0.97, 1.03) {
				for k := 0; k < 3; k++ {
					ts = append(ts, tone{
						at: secs(t + float64(k)*0.028), length: secs(0.014), f0: f, f1: f,
						amp: amp, pan: p, env: shape{attack: 0.003, release: 0.006},
					})
				}
			}
		}
		return newCues(n, tones(ts))
	}
}
