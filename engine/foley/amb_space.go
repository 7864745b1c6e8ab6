package foley

import (
	"kino/engine/rng"
)

// spaceDrone is the hum of space in film: a low root, fifth and octave,
// detuned between left and right so they beat slowly, swelling gently,
// over a faint deep rumble.
func spaceDrone(r *rng.Rand, level float64) source {
	return func(n int) layer {
		f := r.Range(41, 55)
		det := r.Range(0.1, 0.25)
		var il, ir [3]uint32
		var phases [2][3]uint32
		mult := [3]float64{1, 1.5, 2}
		amps := [3]float32{1, 0.5, 0.35}
		for k := range il {
			il[k], ir[k] = inc(f*mult[k]-det), inc(f*mult[k]+det)
			phases[0][k], phases[1][k] = uint32(r.Uint64()), uint32(r.Uint64())
		}
		swell := newWander(r, 3, 8)
		a := lpCoef(70)
		gn := float32(level*0.01) * lp2Comp(a)
		st := &lp2Stereo{nl: newNoise(r)}
		st.nr = newNoise(r)
		return layerFunc(func(out []float32, at int) {
			l1, l2, r1, r2, nl, nr := st.l1, st.l2, st.r1, st.r2, st.nl, st.nr
			pl, pr := phases[0], phases[1]
			end := at + len(out)/2
			for i0 := at; i0 < end; i0 += ctrl {
				g := float32(level * 0.022 * (0.5 + 0.5*swell.next()))
				a0, a1, a2 := g*amps[0], g*amps[1], g*amps[2]
				for i := i0; i < min(i0+ctrl, end); i++ {
					sl := a0*sineTab.at(pl[0]) + a1*softSaw.at(pl[1]) + a2*sineTab.at(pl[2])
					sr := a0*sineTab.at(pr[0]) + a1*softSaw.at(pr[1]) + a2*sineTab.at(pr[2])
					pl[0], pl[1], pl[2] = pl[0]+il[0], pl[1]+il[1], pl[2]+il[2]
					pr[0], pr[1], pr[2] = pr[0]+ir[0], pr[1]+ir[1], pr[2]+ir[2]
					l1 += a * (nl.next() - l1)
					l2 += a * (l1 - l2)
					r1 += a * (nr.next() - r1)
					r2 += a * (r1 - r2)
					out[2*(i-at)] += sl + gn*l2
					out[2*(i-at)+1] += sr + gn*r2
				}
			}
			st.l1, st.l2, st.r1, st.r2, st.nl, st.nr = l1, l2, r1, r2, nl, nr
			phases[0], phases[1] = pl, pr
		})
	}
}
