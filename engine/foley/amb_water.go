package foley

import (
	"kino/engine/rng"
)

// underwater is the muffled pressure of deep water: a heavy low rumble
// that slowly surges.
func underwater(r *rng.Rand, level float64) source {
	return func(n int) layer {
		a, b := lpCoef(120), lpCoef(420)
		g0 := float32(level*0.07) * lp2Comp(a)
		gw := float32(level*0.012) * lp2Comp(b)
		surge := newWander(r, 2, 6)
		st := &lp2Stereo{nl: newNoise(r)}
		st.nr = newNoise(r)
		var wl, wr float32
		return layerFunc(func(out []float32, at int) {
			l1, l2, r1, r2, nl, nr := st.l1, st.l2, st.r1, st.r2, st.nl, st.nr
			xl, xr := wl, wr
			end := at + len(out)/2
			for i0 := at; i0 < end; i0 += ctrl {
				s := float32(0.55 + 0.45*surge.next())
				g, w := g0*s, gw*s
				for i := i0; i < min(i0+ctrl, end); i++ {
					x := nl.next()
					l1 += a * (x - l1)
					l2 += a * (l1 - l2)
					xl += b * (x - xl)
					y := nr.next()
					r1 += a * (y - r1)
					r2 += a * (r1 - r2)
					xr += b * (y - xr)
					out[2*(i-at)] += g*l2 + w*(xl-l2)
					out[2*(i-at)+1] += g*r2 + w*(xr-r2)
				}
			}
			st.l1, st.l2, st.r1, st.r2, st.nl, st.nr = l1, l2, r1, r2, nl, nr
			wl, wr = xl, xr
		})
	}
}

// bubbles rise in streams of a few to a dozen, each a short sine whose
// pitch climbs as it decays; about density streams a second.
func bubbles(r *rng.Rand, level, density float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var ts []tone
		for t := r.Range(0, 0.6); t < dur; t += r.Range(0.3, 1.7) / density {
			p := r.Range(-0.8, 0.8)
			base := r.Range(350, 1300)
			at := t
			for k := 2 + r.Intn(10); k > 0; k-- {
				l := r.Range(0.03, 0.07)
				f := base * r.Range(0.8, 1.25)
				ts = append(ts, tone{at: secs(at), length: secs(l), f0: f, f1: f * r.Range(1.3, 1.8),
					amp: level * 0.1 * r.Range(0.3, 1), pan: p, env: shape{attack: 0.001, tau: l / 3, release: 0.005}})
				at += r.Range(0.025, 0.09)
			}
		}
		return newCues(n, tones(ts))
	}
}
