package foley

import (
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
	st         rollState
}

// play state of a roll.
type rollState struct {
	a, g               float32
	l1, l2, r1, r2, ge float32
	nl, nr             noise
	fade, j, j1        int
}

func (t *roll) span() (int, int) { return t.at, t.at + t.length }

// begin readies the rumble to play, cut to the clip's n frames.
func (t *roll) begin(n int) bool {
	s := &t.st
	s.a = lpCoef(t.fc)
	s.g = float32(t.amp) * lp2Comp(s.a)
	s.nl, s.nr = t.nl, t.nr
	s.fade = secs(1)
	s.j = 0
	// The rumble is made in control blocks of ctrl frames; it stops at
	// the first that starts at or past the clip's end.
	s.j1 = min(t.length, n-t.at)
	return s.j1 > 0
}

// play adds the rumble's frames before clip frame hi into out, which
// holds clip frames from at on.
func (t *roll) play(out []float32, at, hi int) bool {
	s := &t.st
	a, g, ge := s.a, s.g, s.ge
	l1, l2, r1, r2, nl, nr := s.l1, s.l2, s.r1, s.r2, s.nl, s.nr
	end := min(s.j1, hi-t.at)
	j := s.j
	for j < end {
		if j%ctrl == 0 {
			sec := float64(j) / sr
			var e float64
			for _, b := range t.bumps {
				if u := sec - b.t; u > 0 {
					e += b.amp * smoothstep(u/0.12) * math.Exp(-u/b.tau)
				}
			}
			if k := t.length - j; k < s.fade {
				e *= smoothstep(float64(k) / float64(s.fade))
			}
			ge = g * float32(math.Min(e, 1.3))
		}
		stop := min((j/ctrl+1)*ctrl, end)
		for ; j < stop; j++ {
			l1 += a * (nl.next() - l1)
			l2 += a * (l1 - l2)
			r1 += a * (nr.next() - r1)
			r2 += a * (r1 - r2)
			i := t.at + j
			if i < 0 {
				continue
			}
			out[2*(i-at)] += ge * l2
			out[2*(i-at)+1] += ge * r2
		}
	}
	s.ge, s.l1, s.l2, s.r1, s.r2, s.nl, s.nr, s.j = ge, l1, l2, r1, r2, nl, nr, j
	return j >= s.j1
}

// thunder follows each lightning strike after its distance at the speed
// of sound (three seconds a kilometre): near strikes crack sharply before
// the rumble; far ones only rumble, lower and longer.
func thunder(r *rng.Rand, rate project.Rate, evs []scene.Event) source {
	return func(n int) layer {
		var cs []cue
		for _, ev := range evs {
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
			rumble := &roll{at: at, length: secs(length), fc: math.Max(70, math.Min(380, 380*math.Sqrt(700/d))),
				amp: g * 0.3, bumps: bs, nl: newNoise(r), nr: newNoise(r)}
			nz1, nz2 := newNoise(r), newNoise(r)
			gap := r.Range(0.03, 0.08)
			if at >= n || at+rumble.length < 0 {
				continue
			}
			if d < 2000 {
				c := g * (2000 - d) / 1500
				for k, nz := range []noise{nz1, nz2} {
					cs = append(cs, &burst{at: at + k*secs(gap), length: secs(0.3), fc: 1400, q: 0.7, kind: highPass,
						amp: c * 0.45 / float64(k+1), pan: p, env: shape{attack: 0.001, tau: 0.05, release: 0.05}, seed: nz})
				}
			}
			cs = append(cs, rumble)
		}
		return newCues(n, cs)
	}
}
