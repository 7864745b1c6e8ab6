package foley

import (
	"math"

	"kino/engine/rng"
	"kino/engine/scene"
	"kino/project"
)

// fireworks gives every burst its report where the picture shows it, late
// by its distance: a low thump and a bang (duller when far), a rolling
// echo, often the crackle of its stars, and sometimes the launch whistle
// rising to it.
func fireworks(r *rng.Rand, rate project.Rate, evs []scene.Event) source {
	return func(n int) layer {
		var cs []cue
		for _, ev := range evs {
			at := arrival(ev, rate)
			size := math.Max(0.3, math.Min(ev.Size, 2))
			if ev.Size == 0 {
				size = 1
			}
			g := math.Min(1, 0.75*size*loudness(ev.Distance, 200))
			p := 0.8 * (2*ev.X - 1)
			fc := math.Max(500, math.Min(5000, 5000*200/math.Max(ev.Distance, 1)))
			// Random choices are drawn for every burst, heard or not, so one
			// burst's fate never shifts another's sound.
			whistle, rise := r.Float64() < 0.35, r.Range(1.1, 1.9)
			crackles, crackleAt, crackleLen := r.Float64() < 0.55 || size > 1.1, r.Range(0.3, 0.7), r.Range(0.9, 1.8)
			nz1, nz2, nz3, nz4 := newNoise(r), newNoise(r), newNoise(r), newNoise(r)
			if at >= n || at+secs(2.5) < 0 {
				continue
			}
			if whistle {
				w0 := at - secs(rise)
				cs = append(cs,
					&tone{at: w0, length: secs(rise), f0: 900, f1: 2600, fmRate: 13, fmDepth: 60,
						amp: g * 0.1, pan: p * 0.7, env: shape{attack: rise * 0.4, release: 0.04}},
					&burst{at: w0, length: secs(rise), fc: 3000, q: 0.9, kind: bandPass, amp: g * 0.05, pan: p * 0.7,
						env: shape{attack: rise * 0.5, release: 0.04}, seed: nz4},
					&tone{at: w0, length: secs(0.15), f0: 130, f1: 60, amp: g * 0.2, pan: p * 0.7,
						env: shape{attack: 0.002, tau: 0.04, release: 0.02}})
			}
			cs = append(cs,
				&tone{at: at, length: secs(0.9), f0: 95, f1: 38, glide: 0.25, amp: g * 0.85, pan: p,
					env: shape{attack: 0.002, tau: 0.2, release: 0.1}},
				&burst{at: at, length: secs(0.35), fc: fc, q: 0.7, kind: lowPass,
					amp: g * 0.3 * math.Sqrt(3*sr/(math.Pi*fc)), pan: p,
					env: shape{attack: 0.0008, tau: 0.05, release: 0.05}, seed: nz1},
				&burst{at: at + secs(0.05), length: secs(2.2), fc: 180, q: 0.7, kind: lowPass,
					amp: g * 0.09 * math.Sqrt(3*sr/(math.Pi*180)), pan: -p * 0.5,
					env: shape{attack: 0.08, tau: 0.6, release: 0.3}, seed: nz2})
			if crackles {
				cs = append(cs, &crackle{at: at + secs(crackleAt), length: secs(crackleLen), perSec: 900 * size, tau: crackleLen / 2.5,
					fc: math.Min(3500, fc), amp: g * 0.5, pan: p, nz: nz3})
			}
		}
		return newCues(n, cs)
	}
}
