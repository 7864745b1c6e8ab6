package foley

import (
	"kino/engine/rng"
)

// roomTone is the sound of a quiet room: low air noise and the hum of the
// ventilation (mains hum and harmonics); an office adds the fan's broader
// rush.
// roomState is a room tone carried from block to block.
type roomState struct {
	lp2Stereo
	p1, p2, p3 uint32
	fan        svf
	nf         noise
}

func roomTone(r *rng.Rand, level float64, hvac bool) source {
	return func(n int) layer {
		a := lpCoef(380)
		air := float32(level*0.012) * lp2Comp(a)
		var fan svf
		fan.tune(260, 0.7)
		fanG := float32(0)
		if hvac {
			fanG = float32(level*0.012) * bpComp(260, 0.7) * fan.k
		}
		mains := 60.0
		if r.Float64() < 0.5 {
			mains = 50
		}
		i1, i2, i3 := inc(mains), inc(2*mains), inc(3*mains)
		h1, h2, h3 := float32(level*0.004), float32(level*0.003), float32(level*0.0015)
		if hvac {
			h1, h2, h3 = h1*1.6, h2*1.6, h3*1.6
		}
		st := &roomState{fan: fan}
		st.nl, st.nr, st.nf = newNoise(r), newNoise(r), newNoise(r)
		return layerFunc(func(out []float32, at int) {
			l1, l2, r1, r2, nl, nr := st.l1, st.l2, st.r1, st.r2, st.nl, st.nr
			p1, p2, p3, fan, nf := st.p1, st.p2, st.p3, st.fan, st.nf
			for k := 0; k < len(out); k += 2 {
				hum := h1*sineTab.at(p1) + h2*sineTab.at(p2) + h3*sineTab.at(p3)
				p1, p2, p3 = p1+i1, p2+i2, p3+i3
				_, fb := fan.step(nf.next())
				c := hum + fanG*fb
				x := nl.next()
				l1 += a * (x - l1)
				l2 += a * (l1 - l2)
				y := nr.next()
				r1 += a * (y - r1)
				r2 += a * (r1 - r2)
				out[k] += air*l2 + c
				out[k+1] += air*r2 + c
			}
			st.l1, st.l2, st.r1, st.r2, st.nl, st.nr = l1, l2, r1, r2, nl, nr
			st.p1, st.p2, st.p3, st.fan, st.nf = p1, p2, p3, fan, nf
		})
	}
}

// typing is someone at a keyboard nearby: bursts of key clicks, a few a
// second, with pauses between.
func typing(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		p := r.Range(-0.6, 0.6)
		var bs []burst
		for t := r.Range(0, 2); t < dur; t += r.Range(1.5, 5) {
			end := t + r.Range(0.8, 3)
			for k := t; k < end && k < dur; k += r.Range(0.07, 0.2) {
				bs = append(bs, burst{
					at: secs(k), length: secs(0.012), fc: r.Range(1800, 3200), q: 1.2, kind: bandPass,
					amp: level * 0.4 * r.Range(0.5, 1), pan: p,
					env: shape{attack: 0.0003, tau: 0.002, release: 0.002}, seed: newNoise(r),
				})
			}
		}
		return newCues(n, bursts(bs))
	}
}
