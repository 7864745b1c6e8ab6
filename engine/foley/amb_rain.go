package foley

import (
	"kino/engine/rng"
)

// rain is a dense hiss of band-passed noise (1.2 to 9 kHz) with a low body, plus single
// drops (short rising plinks) at about 30 a second times density. Heard
// from inside (muffled), the hiss is low-passed and drops become dull taps
// on the window.
// rainState is the rain's hiss carried from block to block.
type rainState struct {
	hl, hr, tl, tr, ul, ur, b1, b2, c1, c2 float32
	nl, nr                                 noise
}

func rain(r *rng.Rand, level, density float64, muffled bool) source {
	return func(n int) layer {
		hpA, topA, bodyA := lpCoef(1200), lpCoef(9000), lpCoef(450)
		hiss, body := float32(level*0.11), float32(level*0.05)*lp2Comp(bodyA)
		if muffled {
			hpA, topA = lpCoef(150), lpCoef(900)
			hiss *= 0.6
		}
		swell := newWander(r, 1.5, 5)
		nl, nr := newNoise(r), newNoise(r)
		// The drops are drawn after the hiss's swells.
		swell.detach(n)
		dur := float64(n) / sr
		rate, fLo, fHi, amp := 30*density, 2200.0, 5200.0, level*0.07
		if muffled {
			rate, fLo, fHi, amp = 8*density, 700, 1500, level*0.05
		}
		var ts []tone
		for t := r.Range(0, 1/rate); t < dur; t += r.Range(0.2, 1.8) / rate {
			f := r.Range(fLo, fHi)
			ts = append(ts, tone{
				at: secs(t), length: secs(0.025), f0: f, f1: f * 1.35,
				amp: amp * r.Range(0.15, 1), pan: r.Range(-1, 1),
				env: shape{attack: 0.0004, tau: 0.005, release: 0.004},
			})
		}
		st := &rainState{nl: nl, nr: nr}
		hissLayer := layerFunc(func(out []float32, at int) {
			hl, hr, tl, tr, ul, ur, b1, b2, c1, c2 := st.hl, st.hr, st.tl, st.tr, st.ul, st.ur, st.b1, st.b2, st.c1, st.c2
			nl, nr := st.nl, st.nr
			end := at + len(out)/2
			for i0 := at; i0 < end; i0 += ctrl {
				k := float32(0.8 + 0.4*swell.next())
				gh, gb := hiss*k, body*k
				for i := i0; i < min(i0+ctrl, end); i++ {
					x := nl.next()
					hl += hpA * (x - hl)
					tl += topA * (x - hl - tl)
					ul += topA * (tl - ul)
					b1 += bodyA * (x - b1)
					b2 += bodyA * (b1 - b2)
					out[2*(i-at)] += gh*ul + gb*b2
					y := nr.next()
					hr += hpA * (y - hr)
					tr += topA * (y - hr - tr)
					ur += topA * (tr - ur)
					c1 += bodyA * (y - c1)
					c2 += bodyA * (c1 - c2)
					out[2*(i-at)+1] += gh*ur + gb*c2
				}
			}
			st.hl, st.hr, st.tl, st.tr, st.ul, st.ur, st.b1, st.b2, st.c1, st.c2 = hl, hr, tl, tr, ul, ur, b1, b2, c1, c2
			st.nl, st.nr = nl, nr
		})
		return layers{hissLayer, newCues(n, tones(ts))}
	}
}
