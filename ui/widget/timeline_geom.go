package widget

import (
	"math"
	"sort"

	"kino/project"
)

// Timeline geometry, in unscaled Fyne units.
const (
	rulerHeight  = 18
	trackHeight  = 78
	laneGap      = 4
	audioHeight  = 34
	scrollHeight = 6
	cardGap      = 2
	edgeGrab     = 7
	secondSnapPx = 6
)

// Timeline scales, in pixels per second: SetZoom keeps to MinZoom and
// MaxZoom, and a new timeline starts at DefaultZoom.
const (
	MinZoom     = 2
	MaxZoom     = 600
	DefaultZoom = 40
)

// timeGeom maps timeline frames to horizontal positions. starts holds
// each card's first frame and, last, the total (len = cards + 1).
type timeGeom struct {
	starts []int64
	rate   project.Rate
	zoom   float64 // pixels per second
	scroll float64 // pixels scrolled from frame 0
	reach  int64   // the frame the audio clips reach, which may pass the shots
}

func (g *timeGeom) pxPerFrame() float64 {
	if g.rate.Num <= 0 {
		return 0
	}
	return g.zoom * float64(g.rate.Den) / float64(g.rate.Num)
}

// x returns the on-screen position of frame f.
func (g *timeGeom) x(f int64) float64 { return float64(f)*g.pxPerFrame() - g.scroll }

// frameAt returns the frame under screen position x (rounded down, never
// negative).
func (g *timeGeom) frameAt(x float64) int64 {
	ppf := g.pxPerFrame()
	if ppf <= 0 {
		return 0
	}
	f := int64(math.Floor((x + g.scroll) / ppf))
	return max(f, 0)
}

// total returns the timeline's length in frames.
func (g *timeGeom) total() int64 {
	if len(g.starts) == 0 {
		return 0
	}
	return g.starts[len(g.starts)-1]
}

// contentWidth returns the width of the whole timeline (shots and audio
// clips) in pixels.
func (g *timeGeom) contentWidth() float64 { return float64(max(g.total(), g.reach)) * g.pxPerFrame() }

// cardAt returns the card under screen position x, or -1.
func (g *timeGeom) cardAt(x float64) int {
	n := len(g.starts) - 1
	if n <= 0 {
		return -1
	}
	pos := (x + g.scroll) / g.pxPerFrame()
	if pos < 0 || pos >= float64(g.starts[n]) {
		return -1
	}
	// The first card whose end is past pos.
	i := sort.Search(n, func(i int) bool { return float64(g.starts[i+1]) > pos })
	if i >= n {
		return -1
	}
	return i
}

// visible returns the range of cards [first, last) that intersect a view
// of the given width.
func (g *timeGeom) visible(width float64) (first, last int) {
	n := len(g.starts) - 1
	if n <= 0 || g.pxPerFrame() <= 0 {
		return 0, 0
	}
	lo := g.scroll / g.pxPerFrame()
	hi := (g.scroll + width) / g.pxPerFrame()
	first = sort.Search(n, func(i int) bool { return float64(g.starts[i+1]) > lo })
	last = sort.Search(n, func(i int) bool { return float64(g.starts[i]) >= hi })
	return first, max(last, first)
}

// clampScroll keeps the scroll inside the content for a view of width.
func (g *timeGeom) clampScroll(width float64) {
	maxScroll := g.contentWidth() + 80 - width
	g.scroll = max(0, min(g.scroll, maxScroll))
}

// snapDuration returns the length, in frames, of a card that was orig
// frames long after its right edge moved dx pixels at ppf pixels per
// frame. Lengths are whole frames and at least one frame. They snap to
// whole seconds when seconds is set, or when the edge is within
// secondSnapPx pixels of a whole second.
func snapDuration(orig int64, dx, ppf float64, rate project.Rate, seconds bool) int64 {
	if ppf <= 0 {
		return orig
	}
	exact := float64(orig) + dx/ppf
	frames := int64(math.Round(exact))
	// The nearest whole second, as frames at this (possibly fractional) rate.
	secs := int64(math.Round(exact * float64(rate.Den) / float64(rate.Num)))
	secFrames := project.Seconds(max(secs, 1), rate).Frames
	if seconds || math.Abs(float64(secFrames)-exact)*ppf <= secondSnapPx {
		frames = secFrames
	}
	maxFrames := project.Seconds(project.MaxShotDuration, rate).Frames
	return min(max(frames, 1), maxFrames)
}

// dropIndex returns where card from lands when dropped with its centre at
// frame pos: the number of other cards whose centre lies before pos.
func dropIndex(starts []int64, from int, pos float64) int {
	n := len(starts) - 1
	idx := 0
	for i := 0; i < n; i++ {
		if i == from {
			continue
		}
		mid := float64(starts[i]+starts[i+1]) / 2
		if mid < pos {
			idx++
		}
	}
	return idx
}

// snapStart returns the start, in frames, of a clip that started at orig
// after it moved dx pixels at ppf pixels per frame: a whole frame, never
// before 0, and a whole second when seconds is set.
func snapStart(orig int64, dx, ppf float64, rate project.Rate, seconds bool) int64 {
	if ppf <= 0 {
		return orig
	}
	exact := float64(orig) + dx/ppf
	frames := int64(math.Round(exact))
	if seconds && rate.Num > 0 {
		secs := int64(math.Round(exact * float64(rate.Den) / float64(rate.Num)))
		frames = project.Seconds(secs, rate).Frames
	}
	return max(frames, 0)
}
