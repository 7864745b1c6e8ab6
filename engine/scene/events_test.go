package scene

import (
	"math"
	"reflect"
	"testing"

	"kino/engine"
	"kino/project"
)

func planOf(prompt string) Plan { return Parse(engine.Request{Prompt: prompt}) }

func TestEventsDeterministic(t *testing.T) {
	p := planOf("fireworks over the city in a thunderstorm")
	a := Events(&p, 7, 24*30, project.DefaultRate)
	b := Events(&p, 7, 24*30, project.DefaultRate)
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Fatalf("the same seed gave %d and %d events, or different ones", len(a), len(b))
	}
	c := Events(&p, 8, 24*30, project.DefaultRate)
	if reflect.DeepEqual(a, c) {
		t.Fatal("seeds 7 and 8 gave the same events")
	}
	for i := 1; i < len(a); i++ {
		if a[i].Frame < a[i-1].Frame {
			t.Fatalf("events not sorted by frame: %d after %d", a[i].Frame, a[i-1].Frame)
		}
	}
}

func TestEventsFireworksSpacingAndRanges(t *testing.T) {
	p := planOf(seedDE)
	for _, rate := range []project.Rate{project.DefaultRate, project.Rate2997, project.Rate60} {
		fps := rate.FPS()
		frames := int(60 * fps)
		for seed := uint64(0); seed < 50; seed++ {
			ev := Events(&p, seed, frames, rate)
			if n := len(ev); n < 40 || n > 100 {
				t.Fatalf("rate %s seed %d: %d bursts in 60 s, want one every 0.6-1.5 s", rate, seed, n)
			}
			if min := int(math.Ceil(FireworkLead * fps)); ev[0].Frame < min {
				t.Errorf("rate %s seed %d: first burst at frame %d, before %d", rate, seed, ev[0].Frame, min)
			}
			for i, e := range ev {
				if e.Kind != EventFireworkBurst {
					t.Fatalf("a %s event in a plan without a storm", e.Kind)
				}
				if e.Frame < 0 || e.Frame >= frames || e.X < 0.1 || e.X > 0.9 || e.Y < 0.08 || e.Y > 0.4 ||
					e.Distance < 200 || e.Distance > 1500 || e.Hue < 0 || e.Hue >= 360 || e.Size < 0.5 || e.Size > 1.5 {
					t.Fatalf("burst out of range: %+v", e)
				}
				if i > 0 {
					gap := float64(e.Frame-ev[i-1].Frame) / fps
					if gap < 0.6-1/fps || gap > 1.5+1/fps {
						t.Fatalf("rate %s seed %d: bursts %.2f s apart, want 0.6-1.5 s", rate, seed, gap)
					}
				}
			}
		}
	}
}

func TestEventsLightning(t *testing.T) {
	for _, prompt := range []string{"a thunderstorm", "Blitze über der Stadt", "Gewitter"} {
		p := planOf(prompt)
		for seed := uint64(0); seed < 30; seed++ {
			ev := Events(&p, seed, 24*60, project.DefaultRate)
			if len(ev) < 7 || len(ev) > 21 {
				t.Fatalf("%q seed %d: %d strikes in 60 s, want one every 3-8 s", prompt, seed, len(ev))
			}
			if ev[0].Frame > int(2.5*24)+1 {
				t.Errorf("%q seed %d: first strike at frame %d; a 5-second clip would see none", prompt, seed, ev[0].Frame)
			}
			for i, e := range ev {
				if e.Kind != EventLightning || e.Distance < 500 || e.Distance > 5000 || e.X < 0 || e.X > 1 || e.Y < 0 || e.Y > 1 {
					t.Fatalf("bad strike %+v", e)
				}
				if i > 0 {
					if gap := float64(e.Frame-ev[i-1].Frame) / 24; gap < 3-1.0/24 || gap > 8+1.0/24 {
						t.Fatalf("strikes %.2f s apart, want 3-8 s", gap)
					}
				}
			}
		}
	}
}

func TestEventsStreamsAreIndependent(t *testing.T) {
	calm, stormy := planOf("fireworks"), planOf("fireworks in a thunderstorm")
	a := Events(&calm, 3, 24*20, project.DefaultRate)
	var b []Event
	for _, e := range Events(&stormy, 3, 24*20, project.DefaultRate) {
		if e.Kind == EventFireworkBurst {
			b = append(b, e)
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("adding a storm moved the fireworks")
	}
	if len(b) == len(Events(&stormy, 3, 24*20, project.DefaultRate)) {
		t.Error("the stormy plan has no lightning")
	}
}

func TestEventsNone(t *testing.T) {
	p := planOf("a quiet beach")
	if ev := Events(&p, 1, 24*60, project.DefaultRate); len(ev) != 0 {
		t.Errorf("%d events for a quiet beach", len(ev))
	}
	f := planOf("fireworks")
	if ev := Events(&f, 1, 0, project.DefaultRate); ev != nil {
		t.Errorf("events for zero frames: %v", ev)
	}
	if ev := Events(nil, 1, 100, project.DefaultRate); ev != nil {
		t.Errorf("events for no plan: %v", ev)
	}
	// A clip too short for a burst has none; a zero rate falls back to 24 fps.
	if ev := Events(&f, 1, 5, project.DefaultRate); len(ev) != 0 {
		t.Errorf("bursts in a 5-frame clip: %v", ev)
	}
	if ev := Events(&f, 1, 240, project.Rate{}); len(ev) == 0 {
		t.Error("no bursts at a zero rate")
	}
}
