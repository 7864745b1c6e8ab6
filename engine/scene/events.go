package scene

import (
	"math"
	"slices"

	"kino/engine/rng"
	"kino/project"
)

// Event timing, in seconds.
const (
	// FireworkLead is the earliest a burst may come: the renderer shows
	// each shell rising for a moment before it bursts.
	FireworkLead = 0.3
	// Bursts come every 0.6 to 1.5 seconds.
	fireworkGapMin, fireworkGapMax = 0.6, 1.5
	// The first strike comes within 0.4 to 2.5 seconds, then one every 3
	// to 8 seconds.
	lightningFirstMin, lightningFirstMax = 0.4, 2.5
	lightningGapMin, lightningGapMax     = 3.0, 8.0
)

// Events schedules the plan's firework bursts and lightning strikes over a
// clip of frames frames at rate, sorted by frame. The schedule depends only
// on the plan's effects, seed, frames and rate: the same seed gives the
// same events, and the picture and the sound both follow it. Fireworks and
// lightning draw from separate streams of rng.Derive(seed, "events"), so
// adding a storm does not move the fireworks.
func Events(p *Plan, seed uint64, frames int, rate project.Rate) []Event {
	if p == nil || frames <= 0 {
		return nil
	}
	fps := 24.0
	if rate.Validate() == nil {
		fps = rate.FPS()
	}
	base := rng.Derive(seed, "events")
	fw := rng.New(base.Uint64())
	lt := rng.New(base.Uint64())
	dur := float64(frames) / fps
	var out []Event
	if p.Has(Fireworks) {
		for t := FireworkLead + fw.Range(0, 0.5); t < dur; t += fw.Range(fireworkGapMin, fireworkGapMax) {
			out = append(out, Event{
				Kind:     EventFireworkBurst,
				Frame:    frameAt(t, fps, frames),
				X:        fw.Range(0.1, 0.9),
				Y:        fw.Range(0.08, 0.4),
				Distance: fw.Range(200, 1500),
				Size:     fw.Range(0.6, 1.4),
				Hue:      fw.Range(0, 360),
			})
		}
	}
	if p.Has(Lightning) || p.Weather == Storm {
		for t := lt.Range(lightningFirstMin, lightningFirstMax); t < dur; t += lt.Range(lightningGapMin, lightningGapMax) {
			out = append(out, Event{
				Kind:     EventLightning,
				Frame:    frameAt(t, fps, frames),
				X:        lt.Range(0.05, 0.95),
				Y:        lt.Range(0.02, 0.2),
				Distance: lt.Range(500, 5000),
				Size:     lt.Range(0.5, 1.5),
				Hue:      lt.Range(200, 240), // blue-white
			})
		}
	}
	slices.SortStableFunc(out, func(a, b Event) int { return a.Frame - b.Frame })
	return out
}

// frameAt returns the frame that shows time t, within the clip.
func frameAt(t, fps float64, frames int) int {
	f := int(math.Ceil(t*fps - 1e-9))
	return min(max(f, 0), frames-1)
}
