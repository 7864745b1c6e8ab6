package widget

import (
	"testing"

	"kino/project"
)

func geomOf(rate project.Rate, zoom float64, frames ...int64) *timeGeom {
	g := &timeGeom{rate: rate, zoom: zoom, starts: []int64{0}}
	for _, f := range frames {
		g.starts = append(g.starts, g.starts[len(g.starts)-1]+f)
	}
	return g
}

func TestGeomCardAtAndVisible(t *testing.T) {
	g := geomOf(project.Rate{Num: 24, Den: 1}, 24, 48, 24, 96) // 1 px per frame
	cases := []struct {
		x    float64
		want int
	}{{-1, -1}, {0, 0}, {47.9, 0}, {48, 1}, {71, 1}, {72, 2}, {167, 2}, {168, -1}}
	for _, c := range cases {
		if got := g.cardAt(c.x); got != c.want {
			t.Errorf("cardAt(%v) = %d, want %d", c.x, got, c.want)
		}
	}
	g.scroll = 50
	if got := g.cardAt(0); got != 1 {
		t.Errorf("scrolled cardAt(0) = %d, want 1", got)
	}
	first, last := g.visible(30) // frames 50..80
	if first != 1 || last != 3 {
		t.Errorf("visible = [%d,%d), want [1,3)", first, last)
	}
}

func TestSnapDurationWholeFramesAndSeconds(t *testing.T) {
	r := project.Rate{Num: 24, Den: 1}
	ppf := 2.0 // 48 px per second
	cases := []struct {
		name    string
		orig    int64
		dx      float64
		seconds bool
		want    int64
	}{
		{"whole frames", 48, 20, false, 58},
		{"part frames round to the nearest", 48, 21.2, false, 59}, // 58.6 frames
		{"shrinks to one frame minimum", 10, -500, false, 1},
		{"modifier snaps to whole seconds", 48, 21, true, 48},
		{"modifier snaps up", 48, 30, true, 72},
		{"near a second snaps without modifier", 48, 45, false, 72}, // 70.5 frames, 1.5 frames = 3 px from 72
		{"far from a second stays on frames", 48, 30, false, 63},
	}
	for _, c := range cases {
		if got := snapDuration(c.orig, c.dx, ppf, r, c.seconds); got != c.want {
			t.Errorf("%s: snapDuration(%d, %v) = %d, want %d", c.name, c.orig, c.dx, got, c.want)
		}
	}
	// At 29.97 fps a whole second is still a whole number of frames.
	ntsc := project.Rate{Num: 30000, Den: 1001}
	if got := snapDuration(60, 100, 1, ntsc, true); got != project.Seconds(5, ntsc).Frames {
		t.Errorf("NTSC snap = %d, want %d (5 s)", got, project.Seconds(5, ntsc).Frames)
	}
}

func TestDropIndex(t *testing.T) {
	starts := []int64{0, 10, 20, 30, 40}
	cases := []struct {
		from int
		pos  float64
		want int
	}{
		{0, 5, 0}, {0, 16, 1}, {0, 26, 2}, {0, 100, 3},
		{3, 0, 0}, {3, 14, 1}, {2, 25, 2},
	}
	for _, c := range cases {
		if got := dropIndex(starts, c.from, c.pos); got != c.want {
			t.Errorf("dropIndex(from %d, at %v) = %d, want %d", c.from, c.pos, got, c.want)
		}
	}
}
