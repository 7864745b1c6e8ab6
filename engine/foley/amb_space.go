package foley

import (
	"context"

	"kino/engine/rng"
)

// spaceDrone is the hum of space in film: a low root, fifth and octave,
// detuned between left and right so they beat slowly, swelling gently,
// over a faint deep rumble.
func spaceDrone(r *rng.Rand, level float64) source {
	return func(ctx context.Context, out []float32) error {
		n := len(out) / 2
		f := r.Range(41, 55)
		det := r.Range(0.1, 0.25)
		var il, ir [3]uint32
		var pl, pr [3]uint32
		mult := [3]float64{1, 1.5, 2}
		amps := [3]float32{1, 0.5, 0.35}
		for k := range il {
			il[k], ir[k] = inc(f*mult[k]-det), inc(f*mult[k]+det)
			pl[k], pr[k] = uint32(r.Uint64()), uint32(r.Uint64())
		}
		swell := newWander(r, 3, 8)
		a := lpCoef(70)
		gn := float32(level*0.01) * lp2Comp(a)
		nl, nr := newNoise(r), newNoise(r)
		var l1, l2, r1, r2 float32
		for i0 := 0; i0 < n; i0 += ctrl {
			if i0%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			g := float32(level * 0.022 * (0.5 + 0.5*swell.next()))
			a0, a1, a2 := g*amps[0], g*amps[1], g*amps[2]
			for i := i0; i < min(i0+ctrl, n); i++ {
				sl := a0*sineTab.at(pl[0]) + a1*softSaw.at(pl[1]) + a2*sineTab.at(pl[2])
				sr := a0*sineTab.at(pr[0]) + a1*softSaw.at(pr[1]) + a2*sineTab.at(pr[2])
				pl[0], pl[1], pl[2] = pl[0]+il[0], pl[1]+il[1], pl[2]+il[2]
				pr[0], pr[1], pr[2] = pr[0]+ir[0], pr[1]+ir[1], pr[2]+ir[2]
				l1 += a * (nl.next() - l1)
				l2 += a * (l1 - l2)
				r1 += a * (nr.next() - r1)
				r2 += a * (r1 - r2)
				out[2*i] += sl + gn*l2
				out[2*i+1] += sr + gn*r2
			}
		}
		return nil
	}
}
