package foley

import (
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
	return func(n int) layer {
		gust := newWander(r, 1.2, 4)
		st := &lp2Stereo{nl: newNoise(r)}
		st.nr = newNoise(r)
		var filters [2]svf
		const rmsAt1 = 0.045
		return layerFunc(func(out []float32, at int) {
			nl, nr := st.nl, st.nr
			fl, fr := filters[0], filters[1]
			end := at + len(out)/2
			for i0 := at; i0 < end; i0 += ctrl {
				gv := gust.next()
				fc := p.fcLo + (p.fcHi-p.fcLo)*gv
				fl.tune(fc*0.92, p.q)
				fr.tune(fc*1.08, p.q)
				g := float32(level*rmsAt1*(0.25+0.75*gv*gv)) * bpComp(fc, p.q)
				gb, body := g*fl.k, g*float32(p.body)
				for i := i0; i < min(i0+ctrl, end); i++ {
					lo, ba := fl.step(nl.next())
					out[2*(i-at)] += gb*ba + body*lo
					lo, ba = fr.step(nr.next())
					out[2*(i-at)+1] += gb*ba + body*lo
				}
			}
			st.nl, st.nr = nl, nr
			filters[0], filters[1] = fl, fr
		})
	}
}
