package foley

import (
	"math"

	"kino/engine/rng"
	"kino/engine/scene"
)

// bellTab is a bell's inharmonic partials (hum, prime, tierce, quint,
// nominal), folded onto harmonics of a low fundamental.
var bellTab = makeHarmonic(8, func(k int) float64 {
	switch k {
	case 1:
		return 0.6
	case 2:
		return 1
	case 3:
		return 0.5
	case 4:
		return 0.7
	case 5:
		return 0.25
	}
	return 0.1
})

// spotSounds are the sounds the prompt names, each on its own stream: a
// church bell tolling, a telephone ringing, horns, a siren's wail, an
// alarm, a dog barking, a howl, an engine, knocks, a whistle, a crash, a
// creak, a clock ticking, applause, gunshots, beeps, a splash.
func spotSounds(seed uint64, plan *scene.Plan) []source {
	var srcs []source
	for _, s := range plan.Sounds {
		r := rng.Derive(seed, "foley/effects/sound/"+string(s))
		if src := spot(r, s); src != nil {
			srcs = append(srcs, src)
		}
	}
	if plan.Has(scene.Fire) {
		srcs = append(srcs, fireSound(rng.Derive(seed, "foley/effects/fire"), 1))
	}
	return append(srcs, vehicleSounds(seed, plan)...)
}

// vehicleSounds are the vehicles the plan moves: cars and trucks passing
// (their pitch falling as they go by), a boat's or a ship's engine, a
// train's wheels, a plane's roar, a helicopter's rotor.
func vehicleSounds(seed uint64, plan *scene.Plan) []source {
	var srcs []source
	for _, s := range plan.Subjects {
		if s.Kind != scene.KindProp || !scene.IsVehicle(s.Name) {
			continue
		}
		moving := s.Action == scene.Walk || s.Action == scene.Run || s.Action == scene.Fly
		r := rng.Derive(seed, "foley/effects/vehicle/"+s.Name)
		level := 1.0
		if s.Action == scene.Run {
			level = 1.6
		}
		switch s.Name {
		case "car", "taxi", "truck", "bus", "police car", "tractor", "motorcycle":
			if !moving || plan.Setting == scene.SettingCar {
				continue
			}
			srcs = append(srcs, passes(r, level, max(1, min(s.Count, 4))))
		case "boat", "ship":
			if moving {
				srcs = append(srcs, drone(r, 0.6*level, 60, 1))
			}
		case "train":
			if moving && !(plan.Setting == scene.SettingTrain && plan.Indoors) {
				srcs = append(srcs, clack(r, 0.9*level, 0.5))
			}
		case "plane":
			srcs = append(srcs, jets(r, level))
		case "helicopter":
			srcs = append(srcs, rotor(r, level))
		}
	}
	return srcs
}

// passes are count vehicles driving by, one after another.
func passes(r *rng.Rand, level float64, count int) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var cs []cue
		for k := 0; k < count; k++ {
			dir := 1.0
			if r.Float64() < 0.5 {
				dir = -1
			}
			t := r.Range(-0.5, math.Max(0, dur-2))
			cs = append(cs, &pass{at: secs(t), length: secs(r.Range(2.5, 4)), fc: r.Range(400, 800), amp: level * 0.12, dir: dir, nz: newNoise(r)})
		}
		return newCues(n, cs)
	}
}

// rotor is a helicopter's blades chopping the air, about 5 times a second.
func rotor(r *rng.Rand, level float64) source {
	return func(n int) layer {
		dur := float64(n) / sr
		var bs []burst
		for t := 0.0; t < dur; t += 0.19 {
			bs = append(bs, burst{at: secs(t), length: secs(0.08), fc: 180, q: 0.9, kind: lowPass, amp: level * 1.2, pan: 0.2,
				env: shape{attack: 0.003, tau: 0.03, release: 0.02}, seed: newNoise(r)})
		}
		return newCues(n, bursts(bs))
	}
}

// spot returns the source for one spot sound.
func spot(r *rng.Rand, s scene.Sound) source {
	every := func(first, lo, hi float64, f func(t float64, ts *[]tone, bs *[]burst)) source {
		return func(n int) layer {
			dur := float64(n) / sr
			var ts []tone
			var bs []burst
			for t := r.Range(0, first); t < dur; t += r.Range(lo, hi) {
				f(t, &ts, &bs)
			}
			return newCues(n, shots(ts, bs))
		}
	}
	p := r.Range(-0.6, 0.6)
	nb := func(at, length, fc, q float64, k filterKind, amp, tau float64) burst {
		return burst{at: secs(at), length: secs(length), fc: fc, q: q, kind: k, amp: amp, pan: p,
			env: shape{attack: 0.001, tau: tau, release: 0.01}, seed: newNoise(r)}
	}
	switch s {
	case scene.SoundBell:
		f := r.Range(180, 320)
		return every(0.5, 1.8, 2.6, func(t float64, ts *[]tone, _ *[]burst) {
			*ts = append(*ts, tone{at: secs(t), length: secs(2.4), f0: f, f1: f, tab: bellTab, amp: 0.12, pan: p, env: shape{attack: 0.003, tau: 0.9, release: 0.3}})
		})
	case scene.SoundRing:
		return every(0.3, 3, 3.2, func(t float64, ts *[]tone, _ *[]burst) {
			for k := 0; k < 2; k++ {
				*ts = append(*ts, tone{at: secs(t + 0.55*float64(k)), length: secs(0.4), f0: 440, f1: 440, fmRate: 20, fmDepth: 60,
					amp: 0.07, pan: p, env: shape{attack: 0.005, release: 0.02}})
			}
		})
	case scene.SoundHorn:
		return every(0.3, 1.5, 3, func(t float64, ts *[]tone, _ *[]burst) {
			f := r.Range(360, 480)
			l := r.Range(0.3, 0.7)
			for _, m := range []float64{1, 1.26} {
				*ts = append(*ts, tone{at: secs(t), length: secs(l), f0: f * m, f1: f * m, tab: hollow, amp: 0.08, pan: p, env: shape{attack: 0.012, release: 0.04}})
			}
		})
	case scene.SoundSiren:
		return func(n int) layer {
			dur := float64(n) / sr
			ts := []tone{{at: 0, length: secs(dur), f0: 900, f1: 900, fmRate: 0.45, fmDepth: 280, tab: hollow, amp: 0.05, pan: p, env: shape{attack: 0.3, release: 0.3}}}
			return newCues(n, tones(ts))
		}
	case scene.SoundAlarm:
		return every(0, 0.5, 0.5, func(t float64, ts *[]tone, _ *[]burst) {
			*ts = append(*ts, tone{at: secs(t), length: secs(0.25), f0: 1800, f1: 1800, tab: hollow, amp: 0.04, pan: p, env: shape{attack: 0.003, release: 0.01}})
		})
	case scene.SoundBark:
		return every(0.5, 1.2, 3, func(t float64, _ *[]tone, bs *[]burst) {
			for k := 0; k < 1+r.Intn(3); k++ {
				*bs = append(*bs, nb(t+0.22*float64(k), 0.14, r.Range(500, 800), 1.4, bandPass, 0.9, 0.05))
			}
		})
	case scene.SoundHowl:
		return every(0.5, 4, 6, func(t float64, ts *[]tone, _ *[]burst) {
			*ts = append(*ts, tone{at: secs(t), length: secs(2.2), f0: 380, f1: 620, glide: 0.8, fmRate: 5, fmDepth: 12, amp: 0.06, pan: p, env: shape{attack: 0.3, release: 0.9}})
		})
	case scene.SoundEngine:
		return drone(r, 1.3, 45, 2)
	case scene.SoundKnock:
		return every(0.4, 1.5, 3.5, func(t float64, _ *[]tone, bs *[]burst) {
			for k := 0; k < 1+r.Intn(3); k++ {
				*bs = append(*bs, nb(t+0.18*float64(k), 0.08, r.Range(150, 300), 1.2, lowPass, 1.2, 0.02))
			}
		})
	case scene.SoundWhistle:
		return every(0.5, 2.5, 5, func(t float64, ts *[]tone, _ *[]burst) {
			f := r.Range(1800, 2600)
			*ts = append(*ts, tone{at: secs(t), length: secs(0.7), f0: f, f1: f * 1.2, fmRate: 6, fmDepth: 30, amp: 0.05, pan: p, env: shape{attack: 0.03, release: 0.1}})
		})
	case scene.SoundCrash:
		return every(0.8, 4, 7, func(t float64, _ *[]tone, bs *[]burst) {
			*bs = append(*bs, nb(t, 0.9, 3000, 0.7, highPass, 0.5, 0.25), nb(t, 0.3, 120, 0.8, lowPass, 1.5, 0.08))
		})
	case scene.SoundCreak:
		return every(0.5, 2.5, 5, func(t float64, ts *[]tone, _ *[]burst) {
			*ts = append(*ts, tone{at: secs(t), length: secs(0.8), f0: 220, f1: 310, fmRate: 35, fmDepth: 60, tab: hollow, amp: 0.04, pan: p, env: shape{attack: 0.05, release: 0.2}})
		})
	case scene.SoundTick:
		return every(0, 1, 1, func(t float64, _ *[]tone, bs *[]burst) {
			*bs = append(*bs, nb(t, 0.03, 3500, 2, bandPass, 1.5, 0.006))
		})
	case scene.SoundApplause:
		return every(0, 0.005, 0.03, func(t float64, _ *[]tone, bs *[]burst) {
			b := nb(t, 0.015, r.Range(1000, 3000), 1, bandPass, 0.25*r.Range(0.3, 1), 0.004)
			b.pan = r.Range(-0.9, 0.9)
			*bs = append(*bs, b)
		})
	case scene.SoundGunshot:
		return every(0.5, 1.5, 4, func(t float64, _ *[]tone, bs *[]burst) {
			*bs = append(*bs, nb(t, 0.35, 1500, 0.6, highPass, 0.9, 0.06), nb(t, 0.25, 90, 0.8, lowPass, 2, 0.05))
		})
	case scene.SoundBeep:
		return beeps(r, 1.2, 1, 1200)
	case scene.SoundSplash:
		return every(0.5, 2, 4, func(t float64, _ *[]tone, bs *[]burst) {
			*bs = append(*bs, nb(t, 0.5, 1400, 0.8, bandPass, 0.8, 0.15))
		})
	}
	return nil
}
