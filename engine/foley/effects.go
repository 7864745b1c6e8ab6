package foley

import (
	"context"
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
}

func (c *crackle) render(out []float32) {
	n := len(out) / 2
	var f svf
	f.tune(c.fc, 1.1)
	gl, gr := pan(c.pan)
	g := float32(c.amp) * f.k
	gl, gr = gl*g, gr*g
	p := float32(c.perSec / sr)
	dec := float32(1)
	if c.tau > 0 {
		dec = decay(c.tau)
	}
	nz := c.nz
	j1 := min(c.length, n-c.at)
	for j := 0; j < j1; j++ {
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
		out[2*i] += gl * b
		out[2*i+1] += gr * b
	}
}

// sparkler is a steady fizz of bright crackle.
func sparkler(r *rng.Rand, level float64) source {
	return func(ctx context.Context, out []float32) error {
		n := len(out) / 2
		p := r.Range(-0.3, 0.3)
		for at := 0; at < n; at += secs(1) {
			if err := ctx.Err(); err != nil {
				return err
			}
			c := crackle{at: at, length: min(secs(1), n-at), perSec: r.Range(250, 450), fc: 4500, amp: level * 0.7, pan: p, nz: newNoise(r)}
			c.render(out)
		}
		return nil
	}
}

// poppers are party poppers going off early in the shot, throwing the
// confetti: a sharp pop with a small thump.
func poppers(r *rng.Rand, level float64) source {
	return func(ctx context.Context, out []float32) error {
		t := r.Range(0.1, 0.4)
		for k := 1 + r.Intn(2); k > 0; k-- {
			p := r.Range(-0.6, 0.6)
			b := burst{at: secs(t), length: secs(0.09), fc: 1300, q: 0.8, kind: bandPass, amp: level * 0.9, pan: p,
				env: shape{attack: 0.0005, tau: 0.012, release: 0.01}, seed: newNoise(r)}
			b.render(out)
			th := tone{at: secs(t), length: secs(0.07), f0: 320, f1: 120, amp: level * 0.25, pan: p,
				env: shape{attack: 0.001, tau: 0.02, release: 0.01}}
			th.render(out)
			t += r.Range(0.25, 0.8)
		}
		return nil
	}
}

// loudness is how loud a report at distance d metres is relative to one at
// ref metres: a little gentler than the inverse-distance law, so far
// bursts stay audible in a mix.
func loudness(d, ref float64) float64 { return math.Pow(ref/math.Max(d, 10), 0.8) }
