package foley

import (
	"context"
	"math"

	"kino/engine/rng"
	"kino/engine/scene"
	"kino/project"
)

// bump is one roll of a thunder rumble.
type bump struct{ t, tau, amp float64 }

// roll is a thunder rumble: two-pole low-passed noise under an envelope of
// several rolls, decorrelated between left and right.
type roll struct {
	at, length int
	fc, amp    float64
	bumps      []bump
	nl, nr     noise
}

func (t *roll) render(ctx context.Context, out []float32) error {
	n := len(out) / 2
	a := lpCoef(t.fc)
	g := float32(t.amp) * lp2Comp(a)
	var l1, l2, r1, r2 float32
	nl, nr := t.nl, t.nr
	fade := secs(1)
	for j0 := 0; j0 < t.length; j0 += ctrl {
		if j0%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if t.at+j0 >= n {
			return nil
		}
		s := float64(j0) / sr
		var e float64
		for _, b := range t.bumps {
			if u := s - b.t; u > 0 {
				e += b.amp * smoothstep(u/0.12) * math.Exp(-u/b.tau)
			}
		}
		if k := t.length - j0; k < fade {
			e *= smoothstep(float64(k) / float64(fade))
		}
		ge := g * float32(math.Min(e, 1.3))
		for j := j0; j < min(j0+ctrl, t.length); j++ {
			l1 += a * (nl.next() - l1)
			l2 += a * (l1 - l2)
			r1 += a * (nr.next() - r1)
			r2 += a * (r1 - r2)
			i := t.at + j
			if i < 0 || i >= n {
				continue
			}
			out[2*i] += ge * l2
			out[2*i+1] += ge * r2
		}
	}
	return nil
}

// thunder follows each lightning strike after its distance at the speed
// of sound (three seconds a kilometre): near strikes crack sharply before
// the rumble; far ones only rumble, lower and longer.
func thunder(r *rng.Rand, rate project.Rate, evs []scene.Event) source {
	return func(ctx context.Context, out []float32) error {
		for _, ev := range evs {
			if err := ctx.Err(); err != nil {
				return err
			}
			at := arrival(ev, rate)
			d := math.Max(ev.Distance, 100)
			size := ev.Size
			if size <= 0 {
				size = 1
			}
			g := math.Min(1, 0.8*size*loudness(d, 700))
			p := 0.7 * (2*ev.X - 1)
			length := r.Range(4, 6) + math.Min(d/1500, 3)
			bs := make([]bump, 3+r.Intn(4))
			for k := range bs {
				bs[k] = bump{t: r.Range(0, length*0.55), tau: r.Range(0.4, 1.3), amp: r.Range(0.4, 1)}
			}
			bs[0] = bump{t: math.Min(0.3, d/10000), tau: r.Range(0.8, 1.6), amp: 1}
			rumble := roll{at: at, length: secs(length), fc: math.Max(70, math.Min(380, 380*math.Sqrt(700/d))),
				amp: g * 0.3, bumps: bs, nl: newNoise(r), nr: newNoise(r)}
			nz1, nz2 := newNoise(r), newNoise(r)
			gap := r.Range(0.03, 0.08)
			if at >= len(out)/2 || at+rumble.length < 0 {
				continue
			}
			if d < 2000 {
				c := g * (2000 - d) / 1500
				for k, nz := range []noise{nz1, nz2} {
					b := burst{at: at + k*secs(gap), length: secs(0.3), fc: 1400, q: 0.7, kind: highPass,
						amp: c * 0.45 / float64(k+1), pan: p, env: shape{attack: 0.001, tau: 0.05, release: 0.05}, seed: nz}
					b.render(out)
				}
			}
			if err := rumble.render(ctx, out); err != nil {
				return err
			}
		}
		return nil
	}
}
