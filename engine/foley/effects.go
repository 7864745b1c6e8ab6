package foley

import (
	"math"

	"kino/engine/rng"
	"kino/engine/scene"
	"kino/project"
)

// arrival is the sample at which an event's sound reaches the camera: the
// event's frame plus its distance at the speed of sound.
func arrival(ev scene.Event, rate project.Rate) int {
	at := project.Frames(int64(ev.Frame), rate).Samples(int64(sr))
	return int(at) + secs(max(0, ev.Distance)/scene.SpeedOfSound)
}

// effectSources turns the picture's events into spot effects (firework
// reports, thunder) and adds the plan's continuous effects (sparkler fizz,
// confetti poppers, bubbles).
func effectSources(seed uint64, rate project.Rate, plan *scene.Plan, events []scene.Event) []source {
	var srcs []source
	var bursts, strikes []scene.Event
	for _, ev := range events {
		switch ev.Kind {
		case scene.EventFireworkBurst:
			bursts = append(bursts, ev)
		case scene.EventLightning:
			strikes = append(strikes, ev)
		}
	}
	if len(bursts) > 0 {
		srcs = append(srcs, fireworks(rng.Derive(seed, "foley/effects/fireworks"), rate, bursts))
	}
	if len(strikes) > 0 {
		srcs = append(srcs, thunder(rng.Derive(seed, "foley/effects/thunder"), rate, strikes))
	}
	if plan.Has(scene.Sparks) {
		srcs = append(srcs, sparkler(rng.Derive(seed, "foley/effects/sparks"), 1))
	}
	if plan.Has(scene.Confetti) {
		srcs = append(srcs, poppers(rng.Derive(seed, "foley/effects/confetti"), 1))
	}
	if plan.Has(scene.Bubbles) && plan.Setting != scene.SettingUnderwater {
		srcs = append(srcs, bubbles(rng.Derive(seed, "foley/effects/bubbles"), 0.7, 1.2))
	}
	return append(srcs, spotSounds(seed, plan)...)
}

// saturate softly limits the effects stem: samples above knee are bent
// smoothly towards 1, so piled-up reports stay punchy instead of forcing
// the whole mix down.
func saturate(out []float32) {
	const knee = 0.5
	for i, x := range out {
		a := x
		if a < 0 {
			a = -a
		}
		if a <= knee {
			continue
		}
		u := (a - knee) / (1 - knee)
		y := knee + (1-knee)*u/(1+u)
		if x < 0 {
			y = -y
		}
		out[i] = y
	}
}

// crackle is a spray of tiny clicks (the crackling stars of a shell, a
// sparkler's fizz): random impulses through a band-pass, their density
// falling with time constant tau (0: steady).
type crackle struct {
	at, length int
	perSec     float64 // clicks a second at the start
	tau        float64
	fc         float64
	amp, pan   float64
	nz         noise
	st         crackleState
}

// play state of a crackle.
type crackleState struct {
	f      svf
	gl, gr float32
	p, dec float32
	j, j1  int
	nz     noise
}

func (c *crackle) span() (int, int) { return c.at, c.at + c.length }

// begin readies the crackle to play, cut to the clip's n frames.
func (c *crackle) begin(n int) bool {
	s := &c.st
	s.f = svf{}
	s.f.tune(c.fc, 1.1)
	gl, gr := pan(c.pan)
	g := float32(c.amp) * s.f.k
	s.gl, s.gr = gl*g, gr*g
	s.p = float32(c.perSec / sr)
	s.dec = float32(1)
	if c.tau > 0 {
		s.dec = decay(c.tau)
	}
	s.nz = c.nz
	s.j, s.j1 = 0, min(c.length, n-c.at)
	return s.j1 > 0
}

// play adds the crackle's frames before clip frame hi into out, which
// holds clip frames from at on.
func (c *crackle) play(out []float32, at, hi int) bool {
	s := &c.st
	f, gl, gr, p, dec, nz := s.f, s.gl, s.gr, s.p, s.dec, s.nz
	end := min(s.j1, hi-c.at)
	j := s.j
	for ; j < end; j++ {
		var x float32
		if nz.unit() < p {
			x = nz.next()
		}
		p *= dec
		_, b := f.step(x)
		i := c.at + j
		if i < 0 {
			continue
		}
		out[2*(i-at)] += gl * b
		out[2*(i-at)+1] += gr * b
	}
	s.f, s.p, s.nz, s.j = f, p, nz, j
	return j >= s.j1
}

// sparkler is a steady fizz of bright crackle.
func sparkler(r *rng.Rand, level float64) source {
	return func(n int) layer {
		p := r.Range(-0.3, 0.3)
		var cs []cue
		for at := 0; at < n; at += secs(1) {
			cs = append(cs, &crackle{at: at, length: min(secs(1), n-at), perSec: r.Range(250, 450), fc: 4500, amp: level * 0.7, pan: p, nz: newNoise(r)})
		}
		return newCues(n, cs)
	}
}

// poppers are party poppers going off early in the shot, throwing the
// confetti: a sharp pop with a small thump.
func poppers(r *rng.Rand, level float64) source {
	return func(n int) layer {
		var cs []cue
		t := r.Range(0.1, 0.4)
		for k := 1 + r.Intn(2); k > 0; k-- {
			p := r.Range(-0.6, 0.6)
			cs = append(cs, &burst{at: secs(t), length: secs(0.09), fc: 1300, q: 0.8, kind: bandPass, amp: level * 0.9, pan: p,
				env: shape{attack: 0.0005, tau: 0.012, release: 0.01}, seed: newNoise(r)})
			cs = append(cs, &tone{at: secs(t), length: secs(0.07), f0: 320, f1: 120, amp: level * 0.25, pan: p,
				env: shape{attack: 0.001, tau: 0.02, release: 0.01}})
			t += r.Range(0.25, 0.8)
		}
		return newCues(n, cs)
	}
}

// loudness is how loud a report at distance d metres is relative to one at
// ref metres: a little gentler than the inverse-distance law, so far
// bursts stay audible in a mix.
func loudness(d, ref float64) float64 { return math.Pow(ref/math.Max(d, 10), 0.8) }
