package previz

import (
	"kino/engine/rng"
	"kino/engine/scene"
)

// palette is a clip's light: sky colours, the key light that tints
// everything lit, the sun or moon, clouds and fog. It follows the plan's
// time of day and weather.
type palette struct {
	skyTop, skyMid, skyLow rgb // sky gradient, from zenith to horizon
	key                    light
	// subj lights people, animals and props: the key light, lifted at
	// dusk and night (practicals and moonlight) so an animatic's
	// characters stay readable.
	subj  light
	night bool

	sunShow, moon bool
	sunX          float64 // sun/moon position, layer x (frame heights from centre)
	sunElev       float64 // height above the horizon, frame heights
	sunR          float64 // disc radius, frame heights
	sunCol        rgb
	glowCol       rgb
	glowR         float64
	glowA         int
	horizonGlow   float64 // extra warm glow along the horizon (dusk, sunset)

	stars float64 // star density factor, 0..1

	cloudCover           float64 // 0..1
	cloudLit, cloudShade rgb
	cloudAlpha           float64

	fogCol rgb
	fog    float64 // 0..1

	// rain, snow: particle density factors; storm darkens everything.
	rain, snow float64
	storm      bool
}

// timeLight is the base light for each time of day.
var timeLight = map[scene.TimeOfDay]struct {
	top, mid, low rgb
	key           light
	sunElev, sunR float64
	sun, glow     rgb
	glowA         int
	horizon       float64
}{
	scene.Day:        {rgb{52, 112, 204}, rgb{108, 162, 228}, rgb{192, 214, 236}, light{1.0, 0.98, 0.95}, 0.42, 0.035, rgb{255, 252, 238}, rgb{255, 244, 210}, 90, 0},
	scene.GoldenHour: {rgb{124, 82, 124}, rgb{238, 136, 82}, rgb{255, 198, 116}, light{1.08, 0.78, 0.56}, 0.07, 0.05, rgb{255, 214, 140}, rgb{255, 150, 60}, 170, 0.6},
	scene.Dawn:       {rgb{74, 94, 164}, rgb{214, 152, 164}, rgb{255, 204, 164}, light{1.0, 0.86, 0.8}, 0.05, 0.045, rgb{255, 226, 194}, rgb{255, 170, 140}, 140, 0.4},
	scene.Dusk:       {rgb{22, 30, 78}, rgb{62, 70, 140}, rgb{210, 120, 110}, light{0.56, 0.56, 0.78}, -0.06, 0.045, rgb{255, 170, 120}, rgb{255, 120, 90}, 120, 0.5},
	scene.Night:      {rgb{3, 5, 16}, rgb{8, 14, 36}, rgb{22, 32, 60}, light{0.26, 0.3, 0.46}, 0.36, 0.03, rgb{236, 236, 222}, rgb{120, 140, 190}, 60, 0},
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
	pal.cloudLit = pal.skyLow.mix(rgb{255, 255, 255}, 0.55).mix(pal.glowCol, 0.25)
	pal.cloudShade = pal.skyMid.mix(rgb{120, 120, 130}, 0.4)
	if pal.night {
		pal.cloudLit = rgb{52, 58, 80}
		pal.cloudShade = rgb{20, 24, 38}
	}
	grey := func(c rgb, t, dark float64) rgb { return c.desat(t).scale(dark) }
	switch p.Weather {
	case scene.Clouds:
		pal.cloudCover = 0.55
		pal.skyTop, pal.skyMid, pal.skyLow = grey(pal.skyTop, 0.35, 0.95), grey(pal.skyMid, 0.35, 0.95), grey(pal.skyLow, 0.3, 0.97)
		pal.key = pal.key.mix(light{0.9, 0.9, 0.92}, 0.3).mul(0.92)
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
		pal.key = pal.key.mix(light{0.8, 0.82, 0.86}, 0.6).mul(dark + 0.1)
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
		pal.skyTop, pal.skyMid, pal.skyLow = pal.skyTop.mix(rgb{178, 184, 198}, 0.6), pal.skyMid.mix(rgb{196, 200, 210}, 0.6), pal.skyLow.mix(rgb{214, 216, 222}, 0.6)
		if pal.night {
			pal.skyTop, pal.skyMid, pal.skyLow = rgb{14, 16, 26}, rgb{26, 30, 44}, rgb{44, 48, 64}
		}
		pal.cloudLit, pal.cloudShade = pal.skyLow.scale(1.05), pal.skyMid.scale(0.85)
		pal.key = pal.key.mix(light{0.95, 0.96, 1.0}, 0.5)
		pal.sunShow = false
		pal.glowA /= 3
		pal.stars = 0
		pal.snow = 1
		pal.fog = 0.1
		pal.fogCol = pal.skyLow
	case scene.Fog:
		pal.cloudCover = 0.3
		pal.fog = 0.55
		pal.fogCol = pal.skyLow.desat(0.5).mix(rgb{200, 204, 208}, 0.35)
		if pal.night {
			pal.fogCol = rgb{40, 44, 56}
		}
		pal.key = pal.key.mul(0.88)
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
func (pal *palette) skyTable() []rgb {
	t := make([]rgb, skyLen)
	for i := range t {
		e := skyMinE + float64(i)/skySteps
		var c rgb
		switch {
		case e <= 0:
			c = pal.skyLow
		case e < 0.32:
			c = pal.skyLow.mix(pal.skyMid, smoothstep(0, 0.32, e))
		default:
			c = pal.skyMid.mix(pal.skyTop, smoothstep(0.32, 1.0, e))
		}
		if pal.horizonGlow > 0 {
			g := pal.horizonGlow * (1 - smoothstep(-0.05, 0.2, e))
			c = c.mix(pal.glowCol, g*0.5)
		}
		t[i] = c
	}
	return t
}

// skyAt looks up the sky colour at elevation e.
func skyAt(t []rgb, e float64) rgb {
	i := int((e - skyMinE) * skySteps)
	if i < 0 {
		i = 0
	}
	if i >= len(t) {
		i = len(t) - 1
	}
	return t[i]
}
