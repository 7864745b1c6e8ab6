package foley

import (
	"context"

	"kino/engine/rng"
)

// windKind is the character of the wind; a higher kind wins when several
// parts of a plan ask for wind.
type windKind int

const (
	windOpen    windKind = iota // grassland: broad, soft
	windLeaves                  // forest and park: rustling, brighter
	windDry                     // desert: hissing sand
	windMuffled                 // snow: low and soft
	windHowl                    // mountains and storms: resonant gusts
)

type windParams struct{ fcLo, fcHi, q, body float64 }

var windTypes = map[windKind]windParams{
	windOpen:    {250, 900, 0.8, 0.5},
	windLeaves:  {700, 2800, 0.6, 0.15},
	windDry:     {450, 1700, 1.2, 0.3},
	windMuffled: {140, 420, 0.7, 0.6},
	windHowl:    {280, 1000, 4, 0.5},
}

// wind is band-passed noise whose loudness and centre frequency follow
// slow random gusts; left and right use independent noise and slightly
// different centres, so it is wide.
func wind(r *rng.Rand, level float64, kind windKind) source {
	p := windTypes[kind]
	return func(ctx context.Context, out []float32) error {
		n := len(out) / 2
		gust := newWander(r, 1.2, 4)
		nl, nr := newNoise(r), newNoise(r)
		var fl, fr svf
		const rmsAt1 = 0.045
		for i0 := 0; i0 < n; i0 += ctrl {
			if i0%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			gv := gust.next()
			fc := p.fcLo + (p.fcHi-p.fcLo)*gv
			fl.tune(fc*0.92, p.q)
			fr.tune(fc*1.08, p.q)
			g := float32(level*rmsAt1*(0.25+0.75*gv*gv)) * bpComp(fc, p.q)
			gb, body := g*fl.k, g*float32(p.body)
			for i := i0; i < min(i0+ctrl, n); i++ {
				lo, ba := fl.step(nl.next())
				out[2*i] += gb*ba + body*lo
				lo, ba = fr.step(nr.next())
				out[2*i+1] += gb*ba + body*lo
			}
		}
		return nil
	}
}
