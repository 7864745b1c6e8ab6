package foley

import (
	"kino/engine/rng"
)

// shots returns a schedule of tones and noise bursts as cues, the tones
// first.
func shots(ts []tone, bs []burst) []cue { return append(tones(ts), bursts(bs)...) }

// lapping is small water slapping at a quay, a hull or a bank: soft
// low-passed splashes a second or so apart over a low wash.
func lapping(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var bs []burst
		for t := r.Range(0, 0.6); t < dur; t += r.Range(0.35, 1.3) {
			l := r.Range(0.15, 0.45)
			bs = append(bs, burst{at: secs(t), length: secs(l), fc: r.Range(280, 900), q: 0.9, kind: bandPass,
				amp: level * 0.35 * r.Range(0.4, 1), pan: r.Range(-0.8, 0.8), env: shape{attack: 0.03, tau: l / 3, release: 0.05}, seed: newNoise(r)})
		}
		return layers{newCues(n, bursts(bs)), underwater(r, level*0.25)(n)}
	}
}

// clinks are small hard knocks: glasses at a bar, rigging on masts, cups
// in a kitchen; about rate a second, pitched lo..hi Hz.
func clinks(r *rng.Rand, level, rate, lo, hi float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var ts []tone
		for t := r.Range(0, 1/rate); t < dur; t += r.Range(0.3, 1.7) / rate {
			f := r.Range(lo, hi)
			p := r.Range(-0.8, 0.8)
			for _, m := range []float64{1, 2.76} {
				ts = append(ts, tone{at: secs(t), length: secs(0.25), f0: f * m, f1: f * m,
					amp: level * 0.05 / m, pan: p, env: shape{attack: 0.001, tau: 0.06, release: 0.02}})
			}
		}
		return newCues(n, tones(ts))
	}
}

// drone is a steady engine or machine: a low hum with a few harmonics
// whose pitch wanders slightly, over low-passed rumble (road, rails).
func drone(r *rng.Rand, level, f0, rumble float64) source {
	return func(n int) layer {
		w := newWander(r, 1, 3)
		a := lpCoef(160)
		g := float32(level*0.05*rumble) * lp2Comp(a)
		st := &lp2Stereo{nl: newNoise(r)}
		st.nr = newNoise(r)
		var p1, p2, p3 uint32
		return layerFunc(func(out []float32, at int) {
			l1, l2, r1, r2, nl, nr := st.l1, st.l2, st.r1, st.r2, st.nl, st.nr
			end := at + len(out)/2
			for i0 := at; i0 < end; i0 += ctrl {
				f := f0 * (1 + 0.04*(w.next()-0.5))
				i1, i2, i3 := inc(f), inc(2*f), inc(3.02*f)
				h := float32(level * 0.02)
				q1, q2, q3 := p1, p2, p3
				for i := i0; i < min(i0+ctrl, end); i++ {
					s := h * (sineTab.at(q1) + 0.6*sineTab.at(q2) + 0.3*sineTab.at(q3))
					q1, q2, q3 = q1+i1, q2+i2, q3+i3
					x := nl.next()
					l1 += a * (x - l1)
					l2 += a * (l1 - l2)
					y := nr.next()
					r1 += a * (y - r1)
					r2 += a * (r1 - r2)
					out[2*(i-at)] += s + g*l2
					out[2*(i-at)+1] += s + g*r2
				}
				p1, p2, p3 = q1, q2, q3
			}
			st.l1, st.l2, st.r1, st.r2, st.nl, st.nr = l1, l2, r1, r2, nl, nr
		})
	}
}

// clack is a train's wheels over rail joints: a pair of knocks every
// period seconds, over a rumble.
func clack(r *rng.Rand, level, period float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var bs []burst
		for t := r.Range(0, period); t < dur; t += period {
			for _, d := range []float64{0, 0.13} {
				bs = append(bs, burst{at: secs(t + d), length: secs(0.09), fc: r.Range(500, 900), q: 1.6, kind: bandPass,
					amp: level * 2.5, pan: r.Range(-0.3, 0.3), env: shape{attack: 0.001, tau: 0.025, release: 0.02}, seed: newNoise(r)})
			}
		}
		return layers{newCues(n, bursts(bs)), drone(r, level*0.3, 48, 1)(n)}
	}
}

// beeps are an electronic tone every period seconds: a heart monitor.
func beeps(r *rng.Rand, level, period, f float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var ts []tone
		p := r.Range(-0.5, 0.5)
		for t := r.Range(0, period); t < dur; t += period {
			ts = append(ts, tone{at: secs(t), length: secs(0.12), f0: f, f1: f, amp: level * 0.05, pan: p, env: shape{attack: 0.004, release: 0.02}})
		}
		return newCues(n, tones(ts))
	}
}

// organ is a church organ holding soft chords that change every few
// seconds.
func organ(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var ts []tone
		roots := []float64{130.8, 146.8, 174.6, 196}
		for t := 0.0; t < dur; t += 4 {
			f := roots[r.Intn(len(roots))]
			for _, m := range []float64{1, 1.26, 1.5, 2} {
				ts = append(ts, tone{at: secs(t), length: secs(4.4), f0: f * m, f1: f * m, tab: hollow,
					amp: level * 0.018, pan: r.Range(-0.4, 0.4), env: shape{attack: 0.6, release: 0.8}})
			}
		}
		return newCues(n, tones(ts))
	}
}

// drips are water dripping in a cave: short rising blips.
func drips(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var ts []tone
		for t := r.Range(0, 1); t < dur; t += r.Range(0.4, 1.8) {
			f := r.Range(900, 2200)
			ts = append(ts, tone{at: secs(t), length: secs(0.07), f0: f, f1: f * 1.7, amp: level * 0.08 * r.Range(0.5, 1),
				pan: r.Range(-0.9, 0.9), env: shape{attack: 0.001, tau: 0.02, release: 0.01}})
		}
		return newCues(n, tones(ts))
	}
}

// fireSound is a fire: a low roar with pops and crackles.
func fireSound(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var bs []burst
		for t := r.Range(0, 0.1); t < dur; t += r.Range(0.01, 0.12) {
			big := r.Float64() < 0.08
			amp := level * 0.15 * r.Range(0.2, 1)
			if big {
				amp *= 2.5
			}
			bs = append(bs, burst{at: secs(t), length: secs(0.012), fc: r.Range(1500, 5000), q: 0.8, kind: highPass,
				amp: amp, pan: r.Range(-0.6, 0.6), env: shape{attack: 0.0005, tau: 0.003, release: 0.002}, seed: newNoise(r)})
		}
		return layers{newCues(n, bursts(bs)), drone(r, level*0.3, 35, 1.5)(n)}
	}
}

// chime is an airport's announcement: two or three soft notes every
// 8..16 seconds.
func chime(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var ts []tone
		for t := r.Range(0.5, 4); t < dur; t += r.Range(8, 16) {
			for k, f := range []float64{659.3, 523.3, 784} {
				ts = append(ts, tone{at: secs(t + 0.45*float64(k)), length: secs(1.2), f0: f, f1: f,
					amp: level * 0.04, pan: 0, env: shape{attack: 0.005, tau: 0.4, release: 0.1}})
			}
		}
		return newCues(n, tones(ts))
	}
}

// jets is the distant roar of aircraft taking off: slow swells of low
// noise.
func jets(r *rng.Rand, level float64) source {
	return func(n int) layer {
		w := newWander(r, 3, 8)
		a := lpCoef(700)
		g0 := float32(level*0.05) * lp2Comp(a)
		st := &lp2Stereo{nl: newNoise(r)}
		st.nr = newNoise(r)
		return layerFunc(func(out []float32, at int) {
			l1, l2, r1, r2, nl, nr := st.l1, st.l2, st.r1, st.r2, st.nl, st.nr
			end := at + len(out)/2
			for i0 := at; i0 < end; i0 += ctrl {
				e := w.next()
				g := g0 * float32(0.2+e*e)
				for i := i0; i < min(i0+ctrl, end); i++ {
					x := nl.next()
					l1 += a * (x - l1)
					l2 += a * (l1 - l2)
					y := nr.next()
					r1 += a * (y - r1)
					r2 += a * (r1 - r2)
					out[2*(i-at)] += g * l2
					out[2*(i-at)+1] += g * r2
				}
			}
			st.l1, st.l2, st.r1, st.r2, st.nl, st.nr = l1, l2, r1, r2, nl, nr
		})
	}
}

// flapping is flags and banners snapping in the wind: gusts of quick low
// flaps.
func flapping(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var bs []burst
		for t := r.Range(0, 1); t < dur; t += r.Range(1, 3) {
			p := r.Range(-0.7, 0.7)
			for k, end := t, t+r.Range(0.6, 1.6); k < end; k += r.Range(0.09, 0.2) {
				bs = append(bs, burst{at: secs(k), length: secs(0.06), fc: r.Range(200, 400), q: 1, kind: lowPass,
					amp: level * 0.6 * r.Range(0.4, 1), pan: p, env: shape{attack: 0.002, tau: 0.02, release: 0.01}, seed: newNoise(r)})
			}
		}
		return newCues(n, bursts(bs))
	}
}
