package foley

import (
	"math"

	"kino/engine/rng"
)

// talker is one voice in a crowd: noise shaped by a syllable-rate envelope
// and gated by a slow "talking or listening" wander.
type talker struct {
	nz    noise
	phase float64 // syllable cycle, 0..1
	rate  float64 // syllables per second
	talk  wander
}

// crowd is babble: per channel, voices talkers of amplitude-modulated noise
// at 3..6 syllables a second, alternately through two vowel-formant
// band-passes (about 550 Hz and 1400 Hz).
func crowd(r *rng.Rand, level float64, voices int) source {
	return func(n int) layer {
		var ts [2][]talker
		var fa, fb [2]svf
		for c := range ts {
			ts[c] = make([]talker, voices)
			for v := range ts[c] {
				ts[c][v] = talker{nz: newNoise(r), phase: r.Float64(), rate: r.Range(3, 6), talk: newWander(r, 1, 3.5)}
			}
			fa[c].tune(r.Range(480, 620), 1.6)
			fb[c].tune(r.Range(1250, 1550), 2)
		}
		ga := float32(level*0.055) * bpComp(550, 1.6) * fa[0].k / float32(math.Sqrt(float64(voices)))
		gb := float32(level*0.04) * bpComp(1400, 2) * fb[0].k / float32(math.Sqrt(float64(voices)))
		envs := make([]float32, voices)
		dt := float64(ctrl) / sr
		return layerFunc(func(out []float32, at int) {
			end := at + len(out)/2
			for i0 := at; i0 < end; i0 += ctrl {
				stop := min(i0+ctrl, end)
				for c := 0; c < 2; c++ {
					tk := ts[c]
					for v := range tk {
						t := &tk[v]
						t.phase += t.rate * dt
						if t.phase >= 1 {
							t.phase--
							t.rate = r.Range(3, 6)
						}
						s := math.Sin(math.Pi * t.phase)
						gate := smoothstep((t.talk.next() - 0.25) / 0.35)
						envs[v] = float32(s * s * (0.3 + 0.7*gate))
					}
					f1, f2 := &fa[c], &fb[c]
					for i := i0; i < stop; i++ {
						var a, b float32
						for v := range tk {
							x := envs[v] * tk[v].nz.next()
							if v&1 == 0 {
								a += x
							} else {
								b += x
							}
						}
						_, ba := f1.step(a)
						_, bb := f2.step(b)
						out[2*(i-at)+c] += ga*ba + gb*bb
					}
				}
			}
		})
	}
}
