package previz

import (
	"kino/engine/previz/raster"
	"kino/engine/rng"
	"kino/engine/scene"
)

// palette is a clip's light: sky colours, the key light that tints
// everything lit, the sun or moon, clouds and fog. It follows the plan's
// time of day and weather.
type palette struct {
	skyTop, skyMid, skyLow raster.RGB // sky gradient, from zenith to horizon
	key                    raster.Light
	// subj lights people, animals and props: the key light, lifted at
	// dusk and night (practicals and moonlight) so an animatic's
	// characters stay readable.
	subj  raster.Light
	night bool

	sunShow, moon bool
	sunX          float64 // sun/moon position, layer x (frame heights from centre)
	sunElev       float64 // height above the horizon, frame heights
	sunR          float64 // disc radius, frame heights
	sunCol        raster.RGB
	glowCol       raster.RGB
	glowR         float64
	glowA         int
	horizonGlow   float64 // extra warm glow along the horizon (dusk, sunset)

	stars float64 // star density factor, 0..1

	cloudCover           float64 // 0..1
	cloudLit, cloudShade raster.RGB
	cloudAlpha           float64

	fogCol raster.RGB
	fog    float64 // 0..1

	// rain, snow: particle density factors; storm darkens everything.
	rain, snow float64
	storm      bool
}

// timeLight is the base light for each time of day.
var timeLight = map[scene.TimeOfDay]struct {
	top, mid, low raster.RGB
	key           raster.Light
	sunElev, sunR float64
	sun, glow     raster.RGB
	glowA         int
	horizon       float64
}{
	scene.Day:        {raster.RGB{R: 52, G: 112, B: 204}, raster.RGB{R: 108, G: 162, B: 228}, raster.RGB{R: 192, G: 214, B: 236}, raster.Light{R: 1.0, G: 0.98, B: 0.95}, 0.42, 0.035, raster.RGB{R: 255, G: 252, B: 238}, raster.RGB{R: 255, G: 244, B: 210}, 90, 0},
	scene.GoldenHour: {raster.RGB{R: 124, G: 82, B: 124}, raster.RGB{R: 238, G: 136, B: 82}, raster.RGB{R: 255, G: 198, B: 116}, raster.Light{R: 1.08, G: 0.78, B: 0.56}, 0.07, 0.05, raster.RGB{R: 255, G: 214, B: 140}, raster.RGB{R: 255, G: 150, B: 60}, 170, 0.6},
	scene.Dawn:       {raster.RGB{R: 74, G: 94, B: 164}, raster.RGB{R: 214, G: 152, B: 164}, raster.RGB{R: 255, G: 204, B: 164}, raster.Light{R: 1.0, G: 0.86, B: 0.8}, 0.05, 0.045, raster.RGB{R: 255, G: 226, B: 194}, raster.RGB{R: 255, G: 170, B: 140}, 140, 0.4},
	scene.Dusk:       {raster.RGB{R: 22, G: 30, B: 78}, raster.RGB{R: 62, G: 70, B: 140}, raster.RGB{R: 210, G: 120, B: 110}, raster.Light{R: 0.56, G: 0.56, B: 0.78}, -0.06, 0.045, raster.RGB{R: 255, G: 170, B: 120}, raster.RGB{R: 255, G: 120, B: 90}, 120, 0.5},
	scene.Night:      {raster.RGB{R: 3, G: 5, B: 16}, raster.RGB{R: 8, G: 14, B: 36}, raster.RGB{R: 22, G: 32, B: 60}, raster.Light{R: 0.26, G: 0.3, B: 0.46}, 0.36, 0.03, raster.RGB{R: 236, G: 236, B: 222}, raster.RGB{R: 120, G: 140, B: 190}, 60, 0},
}

func newPalette(p *scene.Plan, seed uint64) palette {
	tl, ok := timeLight[p.Time]
	if !ok {
		tl = timeLight[scene.Day]
	}
	r := rng.Derive(seed, "palette")
	pal := palette{
		skyTop: tl.top, skyMid: tl.mid, skyLow: tl.low, key: tl.key,
		night:   p.Time == scene.Night,
		sunShow: true, moon: p.Time == scene.Night,
		sunElev: tl.sunElev, sunR: tl.sunR, sunCol: tl.sun, glowCol: tl.glow, glowA: tl.glowA,
		glowR: 0.35, horizonGlow: tl.horizon,
	}
	// The sun sits off to one side, seeded.
	side := 1.0
	if r.Float64() < 0.5 {
		side = -1
	}
	pal.sunX = side * r.Range(0.25, 0.6)
	if p.Time == scene.Dusk {
		pal.sunShow = false
	}
	switch p.Time {
	case scene.Night:
		pal.stars = 0.6
	case scene.Dusk:
		pal.stars = 0.15
	}
	if p.Has(scene.Stars) {
		pal.stars = min(1, pal.stars+0.6)
	}
	pal.cloudCover = 0.12 + 0.1*r.Float64()
	pal.cloudAlpha = 0.9
	pal.cloudLit = pal.skyLow.Mix(raster.RGB{R: 255, G: 255, B: 255}, 0.55).Mix(pal.glowCol, 0.25)
	pal.cloudShade = pal.skyMid.Mix(raster.RGB{R: 120, G: 120, B: 130}, 0.4)
	if pal.night {
		pal.cloudLit = raster.RGB{R: 52, G: 58, B: 80}
		pal.cloudShade = raster.RGB{R: 20, G: 24, B: 38}
	}
	grey := func(c raster.RGB, t, dark float64) raster.RGB { return c.Desat(t).Scale(dark) }
	switch p.Weather {
	case scene.Clouds:
		pal.cloudCover = 0.55
		pal.skyTop, pal.skyMid, pal.skyLow = grey(pal.skyTop, 0.35, 0.95), grey(pal.skyMid, 0.35, 0.95), grey(pal.skyLow, 0.3, 0.97)
		pal.key = pal.key.Mix(raster.Light{R: 0.9, G: 0.9, B: 0.92}, 0.3).Mul(0.92)
		pal.glowA = pal.glowA * 2 / 3
	case scene.Rain, scene.Storm:
		dark := 0.72
		if p.Weather == scene.Storm {
			dark = 0.45
			pal.storm = true
		}
		pal.cloudCover = 0.97
		pal.skyTop, pal.skyMid, pal.skyLow = grey(pal.skyTop, 0.75, dark), grey(pal.skyMid, 0.75, dark), grey(pal.skyLow, 0.7, dark)
		pal.cloudLit = grey(pal.cloudLit, 0.8, dark*0.95)
		pal.cloudShade = grey(pal.cloudShade, 0.8, dark*0.7)
		pal.key = pal.key.Mix(raster.Light{R: 0.8, G: 0.82, B: 0.86}, 0.6).Mul(dark + 0.1)
		pal.sunShow = false
		pal.glowA /= 4
		pal.horizonGlow *= 0.3
		pal.stars = 0
		pal.rain = 1
		if pal.storm {
			pal.rain = 1.6
		}
		pal.fog = 0.12
		pal.fogCol = pal.skyLow
	case scene.Snow:
		pal.cloudCover = 0.9
		pal.skyTop, pal.skyMid, pal.skyLow = pal.skyTop.Mix(raster.RGB{R: 178, G: 184, B: 198}, 0.6), pal.skyMid.Mix(raster.RGB{R: 196, G: 200, B: 210}, 0.6), pal.skyLow.Mix(raster.RGB{R: 214, G: 216, B: 222}, 0.6)
		if pal.night {
			pal.skyTop, pal.skyMid, pal.skyLow = raster.RGB{R: 14, G: 16, B: 26}, raster.RGB{R: 26, G: 30, B: 44}, raster.RGB{R: 44, G: 48, B: 64}
		}
		pal.cloudLit, pal.cloudShade = pal.skyLow.Scale(1.05), pal.skyMid.Scale(0.85)
		pal.key = pal.key.Mix(raster.Light{R: 0.95, G: 0.96, B: 1.0}, 0.5)
		pal.sunShow = false
		pal.glowA /= 3
		pal.stars = 0
		pal.snow = 1
		pal.fog = 0.1
		pal.fogCol = pal.skyLow
	case scene.Fog:
		pal.cloudCover = 0.3
		pal.fog = 0.55
		pal.fogCol = pal.skyLow.Desat(0.5).Mix(raster.RGB{R: 200, G: 204, B: 208}, 0.35)
		if pal.night {
			pal.fogCol = raster.RGB{R: 40, G: 44, B: 56}
		}
		pal.key = pal.key.Mul(0.88)
		pal.stars *= 0.2
		pal.glowR = 0.5
	}
	return pal
}

// skySteps is the sky table's resolution: entries per frame height of
// elevation, from skyMinE to skyMinE+skyLen/skySteps.
const (
	skySteps = 256
	skyLen   = 512
	skyMinE  = -0.25
)

// skyTable is the sky gradient by elevation above the horizon (in frame
// heights), warm near the horizon at sunset.
func (pal *palette) skyTable() []raster.RGB {
	t := make([]raster.RGB, skyLen)
	for i := range t {
		e := skyMinE + float64(i)/skySteps
		var c raster.RGB
		switch {
		case e <= 0:
			c = pal.skyLow
		case e < 0.32:
			c = pal.skyLow.Mix(pal.skyMid, raster.Smoothstep(0, 0.32, e))
		default:
			c = pal.skyMid.Mix(pal.skyTop, raster.Smoothstep(0.32, 1.0, e))
		}
		if pal.horizonGlow > 0 {
			g := pal.horizonGlow * (1 - raster.Smoothstep(-0.05, 0.2, e))
			c = c.Mix(pal.glowCol, g*0.5)
		}
		t[i] = c
	}
	return t
}

// skyAt looks up the sky colour at elevation e.
func skyAt(t []raster.RGB, e float64) raster.RGB {
	i := int((e - skyMinE) * skySteps)
	if i < 0 {
		i = 0
	}
	if i >= len(t) {
		i = len(t) - 1
	}
	return t[i]
}
