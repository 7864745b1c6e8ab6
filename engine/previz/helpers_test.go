package previz

import (
	"context"
	"image"
	"image/color"
	"math"
	"testing"

	"kino/engine"
	"kino/engine/scene"
	"kino/project"
)

// scenePlan is a hand-built plan (tests do not depend on the prompt
// parser's word lists).
func scenePlan(set scene.Setting, tod scene.TimeOfDay, w scene.Weather, size project.ShotSize, move project.CameraMove, style project.Style, subjects ...scene.Subject) scene.Plan {
	return scene.Plan{
		Setting: set, Time: tod, Weather: w, Subjects: subjects,
		Camera: project.Camera{Size: size, Move: move}, Style: style,
		Mood: scene.Calm, Language: "en",
	}
}

func person(action scene.Action) scene.Subject {
	return scene.Subject{Kind: scene.KindPerson, Name: "person", Count: 1, Action: action, HeldBy: -1}
}

// opts tune a test render.
type opts struct {
	w, h, frames int
	seed         uint64
	cast         []engine.CastCameo
	env          map[string][]float32
	events       []scene.Event
	noEvents     bool
}

// newTestStage prepares a clip from a hand-built plan.
func newTestStage(t testing.TB, p scene.Plan, o opts) *stage {
	t.Helper()
	if o.w == 0 {
		o.w, o.h = 320, 180
	}
	if o.frames == 0 {
		o.frames = 48
	}
	if o.seed == 0 {
		o.seed = 7
	}
	req := engine.DefaultRequest()
	req.Width, req.Height, req.Seed = o.w, o.h, o.seed
	req.Duration = project.Frames(int64(o.frames), project.DefaultRate)
	req.Cast = o.cast
	norm, _, err := req.Normalize()
	if err != nil {
		t.Fatalf("normalising the test request: %v", err)
	}
	ev := o.events
	if ev == nil && !o.noEvents {
		ev = scene.Events(&p, o.seed, o.frames, project.DefaultRate)
	}
	st, err := newStage(context.Background(), norm, p, ev, o.env)
	if err != nil {
		t.Fatalf("preparing the stage: %v", err)
	}
	return st
}

// frameOf renders frame i of st.
func frameOf(t testing.TB, st *stage, i int) *image.RGBA {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, st.w, st.h))
	c := &clip{Pictures: &Pictures{st: st}}
	if err := c.RenderFrame(i, img); err != nil {
		t.Fatalf("rendering frame %d: %v", i, err)
	}
	return img
}

// meanRGB is the mean colour of rows y0..y1 (all columns).
func meanRGB(img *image.RGBA, y0, y1 int) (r, g, b float64) {
	n := 0.0
	for y := y0; y < y1; y++ {
		for x := 0; x < img.Rect.Dx(); x++ {
			i := img.PixOffset(x, y)
			r += float64(img.Pix[i])
			g += float64(img.Pix[i+1])
			b += float64(img.Pix[i+2])
			n++
		}
	}
	return r / n, g / n, b / n
}

func lumaAt(img *image.RGBA, x, y int) float64 {
	i := img.PixOffset(x, y)
	return 0.299*float64(img.Pix[i]) + 0.587*float64(img.Pix[i+1]) + 0.114*float64(img.Pix[i+2])
}

func meanLuma(img *image.RGBA) float64 {
	s := 0.0
	b := img.Rect
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			s += lumaAt(img, x, y)
		}
	}
	return s / float64(b.Dx()*b.Dy())
}

// saturation is (max-min)/max of a pixel, 0 for black.
func saturation(c color.RGBA) float64 {
	mx := math.Max(float64(c.R), math.Max(float64(c.G), float64(c.B)))
	mn := math.Min(float64(c.R), math.Min(float64(c.G), float64(c.B)))
	if mx == 0 {
		return 0
	}
	return (mx - mn) / mx
}

// count returns how many pixels in rows y0..y1 satisfy f.
func count(img *image.RGBA, y0, y1 int, f func(c color.RGBA) bool) int {
	n := 0
	for y := y0; y < y1; y++ {
		for x := 0; x < img.Rect.Dx(); x++ {
			if f(img.RGBAAt(x, y)) {
				n++
			}
		}
	}
	return n
}

// shiftX estimates the horizontal motion from a to b over rows y0..y1:
// the shift (pixels, + right) that minimises the mean absolute luma
// difference between a moved by it and b.
func shiftX(a, b *image.RGBA, y0, y1, maxShift int) int {
	w := a.Rect.Dx()
	best, bestErr := 0, math.Inf(1)
	for s := -maxShift; s <= maxShift; s++ {
		e, n := 0.0, 0
		for y := y0; y < y1; y++ {
			for x := maxShift; x < w-maxShift; x++ {
				e += math.Abs(lumaAt(a, x, y) - lumaAt(b, x+s, y))
				n++
			}
		}
		if e /= float64(n); e < bestErr {
			best, bestErr = s, e
		}
	}
	return best
}
