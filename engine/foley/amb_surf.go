package foley

import (
	"math"

	"kino/engine/rng"
)

// wave is one breaker: its swell rises over rise seconds from start, then
// it crashes and washes out with time constant tau.
type wave struct{ start, rise, tau, amp float64 }

// swells schedules breakers every 6..12 s across dur seconds.
func swells(r *rng.Rand, dur float64) []wave {
	var ws []wave
	for t := -r.Range(0, 9); t < dur+1; t += r.Range(6, 12) {
		ws = append(ws, wave{start: t, rise: r.Range(2, 3.5), tau: r.Range(1.6, 2.6), amp: r.Range(0.75, 1)})
	}
	return ws
}

// swellAt is the surf's loudness at t seconds: a quiet floor plus every
// breaker's rise and wash.
func swellAt(ws []wave, t float64) float64 {
	const floor = 0.1
	e := floor
	for _, w := range ws {
		u := t - w.start
		switch {
		case u < 0 || u > w.rise+8*w.tau:
		case u < w.rise:
			e += w.amp * smoothstep(u/w.rise)
		default:
			e += w.amp * math.Exp(-(u-w.rise)/w.tau)
		}
	}
	return min(e, 1.2)
}

// surf is the sea on a beach: low-passed noise that swells with each
// breaker and brightens as it crashes, with a hiss of foam at the crash.
func surf(r *rng.Rand, level float64) source {
	return func(n int) layer {
		ws := swells(r, float64(n)/sr)
		st := &lp2Stereo{nl: newNoise(r)}
		st.nr = newNoise(r)
		var hl, hr float32
		foam := lpCoef(6000)
		const rmsAt1 = 0.07
		return layerFunc(func(out []float32, at int) {
			l1, l2, r1, r2, nl, nr := st.l1, st.l2, st.r1, st.r2, st.nl, st.nr
			fl, fr := hl, hr
			end := at + len(out)/2
			for i0 := at; i0 < end; i0 += ctrl {
				env := swellAt(ws, float64(i0)/sr)
				a := lpCoef(220 + 1800*env*env)
				g := float32(level*rmsAt1*env) * lp2Comp(a)
				hiss := float32(level * rmsAt1 * 0.8 * env * env * env)
				for i := i0; i < min(i0+ctrl, end); i++ {
					x := nl.next()
					l1 += a * (x - l1)
					l2 += a * (l1 - l2)
					fl += foam * (x - l1 - fl)
					out[2*(i-at)] += g*l2 + hiss*fl
					y := nr.next()
					r1 += a * (y - r1)
					r2 += a * (r1 - r2)
					fr += foam * (y - r1 - fr)
					out[2*(i-at)+1] += g*r2 + hiss*fr
				}
			}
			st.l1, st.l2, st.r1, st.r2, st.nl, st.nr = l1, l2, r1, r2, nl, nr
			hl, hr = fl, fr
		})
	}
}
