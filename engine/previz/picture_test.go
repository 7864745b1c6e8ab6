package previz

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"kino/engine/scene"
	"kino/project"
)

func TestSunsetWarmsTheUpperSky(t *testing.T) {
	for _, tc := range []struct {
		tod  scene.TimeOfDay
		warm bool
	}{{scene.GoldenHour, true}, {scene.Day, false}} {
		st := newTestStage(t, scenePlan(scene.SettingField, tc.tod, scene.Clear, project.SizeWide, project.MoveStatic, ""), opts{})
		img := frameOf(t, st, 10)
		r, _, b := meanRGB(img, 0, st.h/3)
		if tc.warm && !(r > b+20) {
			t.Errorf("%s: top third mean R %.0f, B %.0f; want a warm sky (R well above B)", tc.tod, r, b)
		}
		if !tc.warm && !(b > r+20) {
			t.Errorf("%s: top third mean R %.0f, B %.0f; want a blue sky", tc.tod, r, b)
		}
	}
}

func TestNightIsDark(t *testing.T) {
	day := meanLuma(frameOf(t, newTestStage(t, scenePlan(scene.SettingField, scene.Day, scene.Clear, project.SizeWide, project.MoveStatic, "", person(scene.Stand)), opts{}), 5))
	night := meanLuma(frameOf(t, newTestStage(t, scenePlan(scene.SettingField, scene.Night, scene.Clear, project.SizeWide, project.MoveStatic, "", person(scene.Stand)), opts{}), 5))
	if night > 45 || night > day*0.4 {
		t.Errorf("mean luma: night %.1f, day %.1f; want night below 45 and under 40%% of day", night, day)
	}
}

func TestBeachHasSandAndWaterBelow(t *testing.T) {
	water := func(c color.RGBA) bool { return int(c.B) > int(c.R)+25 && int(c.G) > int(c.R)+15 }
	sand := func(c color.RGBA) bool {
		return c.R > 150 && int(c.R) > int(c.B)+35 && int(c.G) > int(c.B)+15
	}
	for _, size := range []project.ShotSize{project.SizeWide, project.SizeMedium} {
		st := newTestStage(t, scenePlan(scene.SettingBeach, scene.Day, scene.Clear, size, project.MoveStatic, "", person(scene.Stand)), opts{})
		img := frameOf(t, st, 12)
		y0 := st.h * 2 / 3
		area := st.w * (st.h - y0)
		nw, ns := count(img, y0, st.h, water), count(img, y0, st.h, sand)
		if nw*100 < area*3 || ns*100 < area*15 {
			t.Errorf("%s beach, lower third: %d water and %d sand pixels of %d; want at least 3%% water and 15%% sand", size, nw, ns, area)
		}
	}
	// A field has neither.
	st := newTestStage(t, scenePlan(scene.SettingField, scene.Day, scene.Clear, project.SizeWide, project.MoveStatic, ""), opts{})
	img := frameOf(t, st, 12)
	if n := count(img, st.h*2/3, st.h, water); n > 0 {
		t.Errorf("a field shows %d water pixels", n)
	}
}

// bright and saturated: a firework star.
func burstPixel(c color.RGBA) bool {
	return max(c.R, c.G, c.B) >= 180 && saturation(c) >= 0.4
}

func TestFireworksBurstInTheirHue(t *testing.T) {
	p := scenePlan(scene.SettingField, scene.Night, scene.Clear, project.SizeWide, project.MoveStatic, "")
	p.Effects = []scene.Effect{scene.Fireworks}
	ev := []scene.Event{{Kind: scene.EventFireworkBurst, Frame: 36, X: 0.5, Y: 0.22, Distance: 600, Size: 1, Hue: 120}}
	st := newTestStage(t, p, opts{w: 640, h: 360, frames: 120, events: ev})
	top := st.h / 2
	before := count(frameOf(t, st, 10), 0, top, burstPixel)
	after := frameOf(t, st, 42)
	n := count(after, 0, top, burstPixel)
	if before > 20 || n < 400 {
		t.Fatalf("bright saturated sky pixels: %d before the burst, %d after; want few before and at least 400 after", before, n)
	}
	// The stars are the event's hue: green dominates.
	var g, rb int
	count(after, 0, top, func(c color.RGBA) bool {
		if burstPixel(c) {
			if c.G > c.R && c.G > c.B {
				g++
			} else {
				rb++
			}
		}
		return false
	})
	if g < 3*rb {
		t.Errorf("burst pixels: %d green-dominant, %d not; want the event's green hue", g, rb)
	}
	// The shell rises before it bursts: a bright trail below the burst.
	rising := frameOf(t, st, 30)
	bright := count(rising, 0, st.h, func(c color.RGBA) bool { return c.R > 200 && c.G > 140 })
	if bright == 0 {
		t.Error("no rising shell before the burst")
	}
	// Long after, the burst has faded.
	if late := count(frameOf(t, st, 119), 0, top, burstPixel); late > n/10 {
		t.Errorf("%d burst pixels 3.5 s after the burst; want it faded", late)
	}
}

// streaks counts thin near-vertical bright lines in rows y0..y1: pixels
// brighter than the pixels two to each side, continued by such a pixel in
// the row above (within one pixel).
func streaks(img interface {
	At(x, y int) color.Color
}, w, y0, y1 int, luma func(x, y int) float64) int {
	line := func(x, y int) bool {
		l := luma(x, y)
		return l-luma(x-2, y) >= 5 && l-luma(x+2, y) >= 5
	}
	n := 0
	for y := y0 + 1; y < y1; y++ {
		for x := 3; x < w-3; x++ {
			if line(x, y) && (line(x-1, y-1) || line(x, y-1) || line(x+1, y-1)) {
				n++
			}
		}
	}
	return n
}

func TestRainDrawsStreaks(t *testing.T) {
	measure := func(w scene.Weather) int {
		st := newTestStage(t, scenePlan(scene.SettingField, scene.Day, w, project.SizeWide, project.MoveStatic, ""), opts{w: 640, h: 360})
		img := frameOf(t, st, 20)
		return streaks(img, st.w, 0, st.h/2, func(x, y int) float64 { return lumaAt(img, x, y) })
	}
	rain, dry := measure(scene.Rain), measure(scene.Clouds)
	if rain < 300 || rain < 8*dry {
		t.Errorf("streak pixels: rain %d, overcast without rain %d; want rain ≥ 300 and 8 times more", rain, dry)
	}
}

func TestPanDirection(t *testing.T) {
	// Camera pans left → the picture moves right, and the reverse.
	for _, tc := range []struct {
		move project.CameraMove
		sign int
	}{{project.MovePanLeft, 1}, {project.MovePanRight, -1}, {project.MoveStatic, 0}} {
		st := newTestStage(t, scenePlan(scene.SettingMountains, scene.Day, scene.Clear, project.SizeWide, tc.move, ""), opts{w: 320, h: 180, frames: 120})
		a, b := frameOf(t, st, 50), frameOf(t, st, 58)
		// The band around the horizon: mountains and the ground just below.
		hz := int(st.frame.horizon * float64(st.h))
		s := shiftX(a, b, hz-40, hz+20, 24)
		switch {
		case tc.sign > 0 && s <= 0, tc.sign < 0 && s >= 0, tc.sign == 0 && s != 0:
			t.Errorf("%s: estimated motion %+d px over 8 frames; want sign %+d", tc.move, s, tc.sign)
		}
	}
}

func TestTiltUpLowersTheHorizon(t *testing.T) {
	st := newTestStage(t, scenePlan(scene.SettingField, scene.Day, scene.Clear, project.SizeWide, project.MoveTiltUp, ""), opts{frames: 96})
	// The first row (from the top) that is mostly ground-coloured.
	horizon := func(i int) int {
		img := frameOf(t, st, i)
		for y := 0; y < st.h; y++ {
			r, g, b := meanRGB(img, y, y+1)
			if g > b && g > r {
				return y
			}
		}
		return st.h
	}
	if h0, h1 := horizon(0), horizon(95); h1 <= h0+5 {
		t.Errorf("tilt up: horizon row %d at the start, %d at the end; want it to move down", h0, h1)
	}
}

func TestNoirIsBlackAndWhite(t *testing.T) {
	sats := func(style project.Style) float64 {
		st := newTestStage(t, scenePlan(scene.SettingBeach, scene.GoldenHour, scene.Clear, project.SizeWide, project.MoveStatic, style, person(scene.Stand)), opts{})
		img := frameOf(t, st, 3)
		s := 0.0
		for y := 0; y < st.h; y++ {
			for x := 0; x < st.w; x++ {
				s += saturation(img.RGBAAt(x, y))
			}
		}
		return s / float64(st.w*st.h)
	}
	if noir, colour := sats(project.StyleNoir), sats(""); noir > 0.01 || colour < 0.2 {
		t.Errorf("mean saturation: noir %.3f, natural %.3f; want noir near zero", noir, colour)
	}
}

func TestStylesChangeTheLook(t *testing.T) {
	base := newTestStage(t, scenePlan(scene.SettingCity, scene.Dusk, scene.Clear, project.SizeMedium, project.MoveStatic, "", person(scene.Stand)), opts{})
	ref := frameOf(t, base, 4)
	for _, s := range project.Styles {
		st := newTestStage(t, scenePlan(scene.SettingCity, scene.Dusk, scene.Clear, project.SizeMedium, project.MoveStatic, s, person(scene.Stand)), opts{})
		img := frameOf(t, st, 4)
		if bytes.Equal(img.Pix, ref.Pix) {
			t.Errorf("style %s changed nothing", s)
		}
	}
	// Cinematic letterboxes: the top rows are black.
	st := newTestStage(t, scenePlan(scene.SettingCity, scene.Day, scene.Clear, project.SizeWide, project.MoveStatic, project.StyleCinematic), opts{})
	if r, g, b := meanRGB(frameOf(t, st, 0), 0, 3); r+g+b != 0 {
		t.Errorf("cinematic top rows mean (%.0f,%.0f,%.0f); want letterbox black", r, g, b)
	}
}

func TestSameSeedSameFramesOtherSeedOthers(t *testing.T) {
	p := scenePlan(scene.SettingBeach, scene.Night, scene.Rain, project.SizeWide, project.MoveHandheld, project.StyleVintage, person(scene.Walk))
	p.Effects = []scene.Effect{scene.Fireworks, scene.Confetti}
	a := frameOf(t, newTestStage(t, p, opts{seed: 5}), 30)
	b := frameOf(t, newTestStage(t, p, opts{seed: 5}), 30)
	c := frameOf(t, newTestStage(t, p, opts{seed: 6}), 30)
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("the same seed gave different frames")
	}
	if bytes.Equal(a.Pix, c.Pix) {
		t.Error("another seed gave the same frame")
	}
}

func TestBandSplitDoesNotChangePixels(t *testing.T) {
	p := scenePlan(scene.SettingStage, scene.Night, scene.Clear, project.SizeMedium, project.MoveOrbit, project.StyleNeon, person(scene.Dance))
	p.Effects = []scene.Effect{scene.Confetti, scene.Sparks}
	st := newTestStage(t, p, opts{w: 200, h: 150})
	var ref []byte
	for _, n := range []int{1, 2, 3, 7} {
		img := frameOf(t, st, 0) // warm the pool
		fs := st.pool.Get().(*frameState)
		fs.setup(20)
		st.drawBands(fs, img.Pix, img.Stride, n)
		st.pool.Put(fs)
		if ref == nil {
			ref = append([]byte(nil), img.Pix...)
		} else if !bytes.Equal(ref, img.Pix) {
			t.Errorf("%d bands drew different pixels from 1 band", n)
		}
	}
}

func TestFramesDoNotDependOnEarlierFrames(t *testing.T) {
	p := scenePlan(scene.SettingSnow, scene.Dusk, scene.Snow, project.SizeWide, project.MoveDollyIn, "", person(scene.Run))
	p.Effects = []scene.Effect{scene.Sparks}
	st := newTestStage(t, p, opts{frames: 100})
	cold := frameOf(t, st, 90)
	for i := 0; i < 90; i += 7 {
		frameOf(t, st, i)
	}
	if !bytes.Equal(cold.Pix, frameOf(t, st, 90).Pix) {
		t.Error("frame 90 changed after rendering earlier frames")
	}
}

func TestEverySettingTimeAndMoveRenders(t *testing.T) {
	settings := scene.Settings
	times := []scene.TimeOfDay{scene.Dawn, scene.Day, scene.GoldenHour, scene.Dusk, scene.Night}
	weathers := []scene.Weather{scene.Clear, scene.Clouds, scene.Rain, scene.Snow, scene.Fog, scene.Storm}
	subjects := []scene.Subject{
		person(scene.Walk),
		{Kind: scene.KindPerson, Name: "woman", Count: 3, Action: scene.Dance, HeldBy: -1},
		{Kind: scene.KindAnimal, Name: "dog", Count: 1, Action: scene.Run, HeldBy: -1},
		{Kind: scene.KindAnimal, Name: "seagull", Count: 3, Action: scene.Stand, HeldBy: -1},
		{Kind: scene.KindAnimal, Name: "fish", Count: 2, Action: scene.Stand, HeldBy: -1},
		{Kind: scene.KindProp, Name: "glass", Count: 1, HeldBy: 0, Detail: "wine"},
		{Kind: scene.KindProp, Name: "car", Count: 1, HeldBy: -1},
		{Kind: scene.KindProp, Name: "boat", Count: 1, HeldBy: -1},
		{Kind: scene.KindProp, Name: "campfire", Count: 1, HeldBy: -1},
		{Kind: scene.KindProp, Name: "umbrella", Count: 1, HeldBy: 1},
	}
	for k, set := range settings {
		tod := times[k%len(times)]
		w := weathers[k%len(weathers)]
		move := project.CameraMoves[k%len(project.CameraMoves)]
		size := project.ShotSizes[k%len(project.ShotSizes)]
		style := project.Style("")
		if k%3 == 0 {
			style = project.Styles[k/3%len(project.Styles)]
		}
		p := scenePlan(set, tod, w, size, move, style, subjects...)
		p.Effects = []scene.Effect{scene.Effect([]string{"fireworks", "confetti", "sparks", "stars", "bubbles", "lightning"}[k%6])}
		st := newTestStage(t, p, opts{w: 160, h: 90, frames: 60})
		for _, i := range []int{0, 31, 59} {
			img := frameOf(t, st, i)
			lo, hi := 255.0, 0.0
			for y := 0; y < st.h; y += 3 {
				for x := 0; x < st.w; x += 3 {
					l := lumaAt(img, x, y)
					lo, hi = min(lo, l), max(hi, l)
				}
			}
			if hi-lo < 10 {
				t.Errorf("%s/%s/%s/%s frame %d is flat (luma %.0f..%.0f)", set, tod, w, move, i, lo, hi)
			}
		}
	}
}

func TestLightningFlashesAndStrikes(t *testing.T) {
	p := scenePlan(scene.SettingField, scene.Day, scene.Storm, project.SizeWide, project.MoveStatic, "")
	ev := []scene.Event{{Kind: scene.EventLightning, Frame: 20, X: 0.4, Y: 0.2, Distance: 900, Size: 1}}
	st := newTestStage(t, p, opts{w: 320, h: 180, frames: 60, events: ev})
	before, strike, after := frameOf(t, st, 18), frameOf(t, st, 20), frameOf(t, st, 40)
	sky := st.h / 3
	lb, ls, la := meanLumaRows(before, 0, sky), meanLumaRows(strike, 0, sky), meanLumaRows(after, 0, sky)
	if ls < lb+40 || la > lb+5 {
		t.Errorf("sky luma before %.0f, at the strike %.0f, later %.0f; want a bright flash that passes", lb, ls, la)
	}
	// The bolt: a thin line of (nearly) saturated white, much brighter
	// than the flashed sky three pixels to either side. Rain streaks would
	// pass for one, so this part is checked under clouds without rain.
	p.Weather = scene.Clouds
	dry := newTestStage(t, p, opts{w: 320, h: 180, frames: 60, events: ev})
	bolt := func(img *image.RGBA) int {
		n := 0
		for y := 0; y < st.h/2; y++ {
			for x := 3; x < st.w-3; x++ {
				l := lumaAt(img, x, y)
				if l >= 240 && l-lumaAt(img, x-3, y) >= 25 && l-lumaAt(img, x+3, y) >= 25 {
					n++
				}
			}
		}
		return n
	}
	if nb, ns := bolt(frameOf(t, dry, 18)), bolt(frameOf(t, dry, 21)); ns < 30 || nb > 0 {
		t.Errorf("bolt line pixels: %d before the strike, %d at it; want none, then a bolt", nb, ns)
	}
	// A storm is darker than a clear day.
	clear := frameOf(t, newTestStage(t, scenePlan(scene.SettingField, scene.Day, scene.Clear, project.SizeWide, project.MoveStatic, ""), opts{w: 320, h: 180}), 18)
	if lc := meanLumaRows(clear, 0, st.h); lb > 0.7*lc {
		t.Errorf("storm luma %.0f vs clear %.0f; want the storm darker", lb, lc)
	}
}

func meanLumaRows(img *image.RGBA, y0, y1 int) float64 {
	s := 0.0
	for y := y0; y < y1; y++ {
		for x := 0; x < img.Rect.Dx(); x++ {
			s += lumaAt(img, x, y)
		}
	}
	return s / float64((y1-y0)*img.Rect.Dx())
}
