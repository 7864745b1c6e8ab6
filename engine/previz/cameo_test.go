package previz

import (
	"image"
	"image/color"
	"math"
	"testing"

	"kino/engine"
	"kino/engine/previz/raster"
	"kino/engine/scene"
	"kino/project"
)

// magentaFigure is a reference image with no alpha: a magenta figure
// (head and body) on a plain white background.
func magentaFigure(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cx := float64(w) / 2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{255, 255, 255, 255}
			dx, dy := float64(x)+0.5-cx, float64(y)+0.5-0.17*float64(h)
			head := dx*dx+dy*dy < math.Pow(0.11*float64(h), 2)
			body := y > int(0.3*float64(h)) && y < int(0.97*float64(h)) && math.Abs(dx) < 0.25*float64(w)
			if head || body {
				c = color.RGBA{230, 20, 220, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func isMagenta(c color.RGBA) bool { return c.R > 150 && c.B > 150 && c.G < 100 }

func cameoPlan(size project.ShotSize, move project.CameraMove) scene.Plan {
	return scenePlan(scene.SettingField, scene.Day, scene.Clear, size, move, "",
		scene.Subject{Kind: scene.KindCameo, Name: "Ana", Handle: "@ana", Count: 1, Action: scene.Stand, HeldBy: -1})
}

func anaCast() []engine.CastCameo {
	return []engine.CastCameo{{Handle: "@ana", Name: "Ana", Image: magentaFigure(200, 400)}}
}

// magentaStats returns the count, centroid and bounding box of magenta pixels.
func magentaStats(img *image.RGBA) (n int, cx, cy float64, box image.Rectangle) {
	b := img.Rect
	box = image.Rectangle{Min: b.Max, Max: b.Min}
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			if isMagenta(img.RGBAAt(x, y)) {
				n++
				cx, cy = cx+float64(x), cy+float64(y)
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if n > 0 {
		cx, cy = cx/float64(n), cy/float64(n)
	}
	return
}

func TestCameoStandsWhereItShould(t *testing.T) {
	st := newTestStage(t, cameoPlan(project.SizeWide, project.MoveStatic), opts{w: 640, h: 360, cast: anaCast()})
	img := frameOf(t, st, 12)
	n, cx, cy, box := magentaStats(img)
	if n < 500 {
		t.Fatalf("only %d magenta pixels; the cameo should be visible", n)
	}
	h := float64(st.h)
	if math.Abs(cx-float64(st.w)/2) > 0.2*h {
		t.Errorf("the cameo's centre is at x=%.0f; want it near the frame's centre %d", cx, st.w/2)
	}
	feet := st.frame.feet * h
	if float64(box.Max.Y) < feet-0.05*h || float64(box.Max.Y) > feet+0.05*h {
		t.Errorf("the cameo's feet are at row %d; want them on the ground near row %.0f", box.Max.Y, feet)
	}
	if cy > feet || cy < st.frame.horizon*h-0.1*h {
		t.Errorf("the cameo's centre row %.0f is not between the horizon and its feet", cy)
	}
	// The white background is gone: inside the cameo's box, almost no
	// pure white remains.
	white := 0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			if c := img.RGBAAt(x, y); c.R > 240 && c.G > 240 && c.B > 240 {
				white++
			}
		}
	}
	if white*50 > n {
		t.Errorf("%d white pixels inside the cameo's box (%d magenta); the background was not removed", white, n)
	}
}

func TestCloseUpShowsTheCameoBigger(t *testing.T) {
	sizes := map[project.ShotSize]int{}
	for _, size := range project.ShotSizes {
		st := newTestStage(t, cameoPlan(size, project.MoveStatic), opts{w: 320, h: 180, cast: anaCast()})
		sizes[size], _, _, _ = magentaStats(frameOf(t, st, 6))
	}
	if !(2*sizes[project.SizeCloseUp] > 3*sizes[project.SizeMedium] && sizes[project.SizeMedium] > 2*sizes[project.SizeWide] && sizes[project.SizeWide] > 50) {
		t.Errorf("magenta pixels: wide %d, medium %d, close-up %d; want each clearly bigger", sizes[project.SizeWide], sizes[project.SizeMedium], sizes[project.SizeCloseUp])
	}
	// A close-up shows head and shoulders: the head's top is near the top
	// of the frame and the figure runs off the bottom.
	st := newTestStage(t, cameoPlan(project.SizeCloseUp, project.MoveStatic), opts{w: 320, h: 180, cast: anaCast()})
	_, _, _, box := magentaStats(frameOf(t, st, 6))
	if box.Min.Y > st.h/4 || box.Max.Y < st.h-2 {
		t.Errorf("close-up cameo spans rows %d..%d of %d; want head near the top and body off the bottom", box.Min.Y, box.Max.Y, st.h)
	}
}

func TestDollyInGrowsTheCameo(t *testing.T) {
	st := newTestStage(t, cameoPlan(project.SizeWide, project.MoveDollyIn), opts{w: 320, h: 180, frames: 96, cast: anaCast()})
	n0, _, _, _ := magentaStats(frameOf(t, st, 0))
	n1, _, _, _ := magentaStats(frameOf(t, st, 95))
	if float64(n1) < 1.3*float64(n0) {
		t.Errorf("dolly in: %d magenta pixels at the start, %d at the end; want the cameo to grow", n0, n1)
	}
}

func TestSpeechMovesTheCameosMouth(t *testing.T) {
	const frames = 24
	loud := make([]float32, frames)
	for i := range loud {
		loud[i] = 1
	}
	quiet := newTestStage(t, cameoPlan(project.SizeCloseUp, project.MoveStatic), opts{frames: frames, cast: anaCast()})
	talk := newTestStage(t, cameoPlan(project.SizeCloseUp, project.MoveStatic), opts{frames: frames, cast: anaCast(), env: map[string][]float32{"@ana": loud}})
	a, b := frameOf(t, quiet, 10), frameOf(t, talk, 10)
	diff, low := 0, 0
	// The head's rows: the figure's head is its top 30% (the image's
	// head disc ends at 28% of its height).
	var neck float64
	for _, th := range talk.things {
		if th.act != nil && th.act.cut != nil {
			d := 1 / th.z
			P := talk.frame.k * (talk.refL - talk.hzL) * d * float64(talk.h) * th.size
			feet := float64(talk.h)/2 + (talk.hzL+(talk.refL-talk.hzL)*d)*float64(talk.h)
			neck = feet - P + 0.35*P
		}
	}
	for y := 0; y < talk.h; y++ {
		for x := 0; x < talk.w; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				diff++
				if float64(y) > neck {
					low++
				}
			}
		}
	}
	if diff < 20 || low > diff/20 {
		t.Errorf("speaking changed %d pixels, %d of them below the neck (row %.0f); want a visible change confined to the head", diff, low, neck)
	}
}

func TestCutoutMethods(t *testing.T) {
	// Plain background, no alpha: flood fill.
	c := raster.MakeCutout(magentaFigure(100, 200), 200)
	if c.Method != "flood" || !c.Full {
		t.Fatalf("magenta figure: method %q, full %v; want flood fill of a whole body", c.Method, c.Full)
	}
	corner := c.Pix[3]
	mid := c.Pix[((c.H/2)*c.W+c.W/2)*4+3]
	if corner != 0 || mid != 255 {
		t.Errorf("alpha: corner %d, middle %d; want 0 and 255", corner, mid)
	}
	if c.Neck < 0.05 || c.Neck > 0.3 || math.Abs(c.HeadX-0.5) > 0.1 {
		t.Errorf("head analysis: neck %.2f, head x %.2f", c.Neck, c.HeadX)
	}
	// Real transparency is used as it is.
	n := image.NewNRGBA(image.Rect(0, 0, 80, 80))
	for y := 20; y < 60; y++ {
		for x := 30; x < 50; x++ {
			n.SetNRGBA(x, y, color.NRGBA{10, 200, 30, 255})
		}
	}
	if c := raster.MakeCutout(n, 80); c.Method != "alpha" || c.W != 20 || c.H != 40 {
		t.Errorf("transparent image: method %q, cropped to %dx%d; want alpha, 20x40", c.Method, c.W, c.H)
	}
	// A busy picture has no plain background: an oval portrait.
	busy := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for i := range busy.Pix {
		busy.Pix[i] = uint8(raster.Hash64(uint64(i)))
		if i%4 == 3 {
			busy.Pix[i] = 255
		}
	}
	if c := raster.MakeCutout(busy, 64); c.Method != "oval" {
		t.Errorf("noise image: method %q; want the oval fallback", c.Method)
	}
	// A head-and-shoulders image is a bust.
	bust := image.NewRGBA(image.Rect(0, 0, 200, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			c := color.RGBA{250, 250, 250, 255}
			dx, dy := float64(x-100), float64(y-70)
			if dx*dx+dy*dy < 45*45 || (y > 120 && math.Abs(dx) < 80) {
				c = color.RGBA{40, 90, 200, 255}
			}
			bust.SetRGBA(x, y, c)
		}
	}
	if c := raster.MakeCutout(bust, 200); c.Full || c.Neck < 0.3 || c.Neck > 0.75 {
		t.Errorf("bust image: full %v, neck %.2f; want a bust with its neck mid-height", c.Full, c.Neck)
	}
}
