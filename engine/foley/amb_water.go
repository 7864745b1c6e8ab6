package foley

import (
	"context"

	"kino/engine/rng"
)

// underwater is the muffled pressure of deep water: a heavy low rumble
// that slowly surges.
func underwater(r *rng.Rand, level float64) source {
	return func(ctx context.Context, out []float32) error {
		n := len(out) / 2
		a, b := lpCoef(120), lpCoef(420)
		g0 := float32(level*0.07) * lp2Comp(a)
		gw := float32(level*0.012) * lp2Comp(b)
		surge := newWander(r, 2, 6)
		nl, nr := newNoise(r), newNoise(r)
		var l1, l2, r1, r2, wl, wr float32
		for i0 := 0; i0 < n; i0 += ctrl {
			if i0%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			s := float32(0.55 + 0.45*surge.next())
			g, w := g0*s, gw*s
			for i := i0; i < min(i0+ctrl, n); i++ {
				x := nl.next()
				l1 += a * (x - l1)
				l2 += a * (l1 - l2)
				wl += b * (x - wl)
				y := nr.next()
				r1 += a * (y - r1)
				r2 += a * (r1 - r2)
				wr += b * (y - wr)
				out[2*i] += g*l2 + w*(wl-l2)
				out[2*i+1] += g*r2 + w*(wr-r2)
			}
		}
		return nil
	}
}

// bubbles rise in streams of a few to a dozen, each a short sine whose
// pitch climbs as it decays; about density streams a second.
func bubbles(r *rng.Rand, level, density float64) source {
	return func(ctx context.Context, out []float32) error {
		dur := float64(len(out)/2) / sr
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
		return oneShots(ctx, out, ts)
	}
}
