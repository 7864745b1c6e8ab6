package previz

import (
	"math"

	"kino/engine/rng"
	"kino/engine/scene"
)

// setting builds the backdrop, scenery silhouettes, ground and standing
// scenery (trees, lamps, rocks, furniture) for the plan's setting.
func (st *stage) setting() {
	r := rng.Derive(st.seed, "setting")
	pal := &st.pal
	key := pal.key
	hz := pal.skyLow
	if pal.fog > 0 {
		hz = hz.mix(pal.fogCol, pal.fog)
	}
	ridge := func(rd *ridge, base rgb, haze float64) {
		rd.tint(base, key, hz, haze)
		if pal.horizonGlow > 0 && pal.sunShow {
			rd.rim, rd.rimA = pal.glowCol.mix(rgb{255, 255, 255}, 0.2), int(150*pal.horizonGlow)
		}
		st.ridges = append(st.ridges, rd)
	}
	g := &st.gr
	g.uScale, g.vScale, g.amp = 40, 14, 30
	lit := func(c rgb) rgb { return c.lit(key) }
	groundCols := func(far, near rgb, amp int) {
		g.far, g.near, g.amp = lit(far).mix(hz, 0.35), lit(near), amp
	}
	// scatter adds n standing scenery things of kind k between depths
	// z0 and z1, spread over the wrap period, avoiding the centre where
	// the subjects stand when clear is set.
	zs := st.zScale()
	scatter := func(k thingKind, n int, z0, z1, s0, s1 float64, clear bool) {
		z0, z1 = z0*zs, z1*zs
		for i := 0; i < n; i++ {
			z := z0 * math.Pow(z1/z0, r.Float64())
			x := r.Range(-wrapSpan/2, wrapSpan/2)
			if clear && math.Abs(x) < 0.35 {
				x = math.Copysign(0.35+r.Range(0, 0.8), x)
			}
			st.things = append(st.things, &thing{kind: k, x: x * z, z: z, size: r.Range(s0, s1), seed: r.Uint64(), wrap: true})
		}
	}
	spec, isRoom := rooms[st.plan.Setting]
	isRoom = isRoom && (st.plan.Indoors || !st.plan.Setting.HasInside())
	switch {
	case isRoom:
		st.room(spec, r, scatter)
	case newOutdoor[st.plan.Setting]:
		st.outdoors(r, ridge, scatter, groundCols)
	default:
		st.classicSetting(r, ridge, scatter, groundCols, hz)
	}
	st.bandThings()
	if st.plan.Setting == scene.SettingSnow || st.plan.Weather == scene.Snow && st.back == bSky && st.plan.Setting != scene.SettingBeach && st.plan.Setting != scene.SettingCity && g.kind != gBeach {
		// Snow lies on the ground when it snows outdoors.
		g.far, g.near = lit(rgb{232, 238, 248}).mix(hz, 0.3), lit(rgb{222, 230, 242})
		g.amp = 14
	}
	if st.pal.night && g.kind != gStage {
		g.amp = g.amp * 2 / 3
	}
}

// newOutdoor are the exteriors built by outdoors.
var newOutdoor = map[scene.Setting]bool{
	scene.SettingHarbour: true, scene.SettingLake: true, scene.SettingCoast: true, scene.SettingBridge: true,
	scene.SettingRoad: true, scene.SettingCar: true, scene.SettingFarm: true, scene.SettingCastle: true,
	scene.SettingChurch: true, scene.SettingAirport: true, scene.SettingTrain: true, scene.SettingRooftop: true,
	scene.SettingJungle: true,
}

// classicSetting builds the first thirteen settings.
func (st *stage) classicSetting(r *rng.Rand, ridge func(*ridge, rgb, float64), scatter scatterFunc, groundCols func(far, near rgb, amp int), hz rgb) {
	pal := &st.pal
	key := pal.key
	g := &st.gr
	lit := func(c rgb) rgb { return c.lit(key) }
	zs := st.zScale()
	switch st.plan.Setting {
	case scene.SettingBeach:
		hd := hills(r, lFar, 0.045)
		c := r.Range(0, hd.period)
		for i := range hd.heights {
			x := float64(i) / heightN * hd.period
			d := math.Abs(x - c)
			d = math.Min(d, hd.period-d)
			hd.heights[i] *= float32(1 - smoothstep(0.3, 0.9, d))
		}
		ridge(hd, rgb{84, 108, 112}, 0.55)
		g.kind = gBeach
		groundCols(rgb{232, 210, 164}, rgb{226, 196, 140}, 22)
		g.seaFar = lit(rgb{70, 120, 160}).mix(hz, 0.45)
		g.seaNear = lit(rgb{30, 146, 160})
		g.foam = lit(rgb{250, 250, 246})
		g.wet = lit(rgb{176, 152, 112})
		target := map[bool]float64{true: 0.76, false: 0.72}[st.frame.feet > 1.5]
		if st.frame.feet > 3 {
			target = 0.88
		}
		g.shore = clampf((target-st.frame.horizon)/(st.frame.feet-st.frame.horizon), 0.04, 0.9)
		scatter(kPalm, 2, 1.4, 3.0, 1.8, 2.6, true)
		scatter(kRock, 2, 1.2, 2.5, 0.15, 0.3, true)
	case scene.SettingCity:
		ridge(skyline(r, lFar, 0.42, 0.05, 0.14, 0.016), rgb{72, 80, 100}, 0.35)
		ridge(skyline(r, lMid, 0.26, 0.1, 0.24, 0.028), rgb{54, 58, 74}, 0.12)
		for _, rd := range st.ridges {
			rd.rimA = 0
			rd.winLit = rgb{255, 214, 140}
			rd.winDark = lit(rgb{70, 86, 110}).mix(pal.skyMid, 0.3)
			rd.litFraction = 0.12
			if pal.night || st.plan.Time == scene.Dusk {
				rd.litFraction = 0.55
				rd.winDark = rgb{14, 16, 24}
			}
		}
		g.kind = gStreet
		groundCols(rgb{66, 68, 72}, rgb{56, 56, 60}, 18)
		g.walk = lit(rgb{128, 124, 118})
		g.line = lit(rgb{230, 200, 90})
		g.kerb = 0.9
		for i := 0; i < 5; i++ {
			for _, side := range []float64{-1, 1} {
				z := (1.3 + float64(i)*1.6) * zs
				st.things = append(st.things, &thing{kind: kLamp, x: side * (g.kerb + 0.1), z: z, size: 2.4, seed: r.Uint64()})
			}
		}
	case scene.SettingForest:
		ridge(conifers(r, lFar, 0.03, 0.16, 0.07), rgb{58, 92, 86}, 0.45)
		ridge(conifers(r, lMid, 0.05, 0.3, 0.1), rgb{28, 56, 36}, 0.12)
		groundCols(rgb{82, 90, 50}, rgb{66, 56, 34}, 40)
		scatter(kPine, 9, 1.3, 7, 3.2, 5, true)
		scatter(kBush, 5, 1.1, 4, 0.3, 0.6, true)
	case scene.SettingMountains:
		m := mountains(r, lFar, 0.36)
		m.kind, m.snowline = rSnow, 0.2
		ridge(m, rgb{118, 134, 168}, 0.4)
		m.snow = rgb{240, 244, 250}.lit(key).mix(hz, 0.3)
		ridge(hills(r, lMid, 0.1), rgb{72, 98, 74}, 0.2)
		groundCols(rgb{112, 136, 76}, rgb{86, 108, 58}, 34)
		scatter(kRock, 6, 1.1, 5, 0.15, 0.5, true)
		scatter(kPine, 4, 2, 6, 2.5, 4, true)
	case scene.SettingDesert:
		ridge(mesas(r, lFar, 0.13), rgb{196, 134, 96}, 0.4)
		ridge(dunes(r, lMid, 0.06), rgb{224, 172, 112}, 0.12)
		groundCols(rgb{234, 194, 136}, rgb{220, 172, 112}, 24)
		g.uScale, g.vScale = 18, 30
		scatter(kCactus, 3, 1.3, 5, 1.2, 2.2, true)
		scatter(kRock, 3, 1.1, 4, 0.15, 0.35, true)
	case scene.SettingSnow:
		m := mountains(r, lFar, 0.26)
		m.kind, m.snowline = rSnow, 0.02
		ridge(m, rgb{150, 162, 190}, 0.35)
		m.snow = rgb{236, 242, 250}.lit(key).mix(hz, 0.25)
		ridge(conifers(r, lMid, 0.02, 0.12, 0.06), rgb{36, 58, 58}, 0.15)
		groundCols(rgb{232, 238, 248}, rgb{222, 230, 242}, 14)
		scatter(kPine, 5, 1.5, 6, 2.5, 4, true)
		for _, t := range st.things {
			t.c[0] = rgb{250, 250, 255}
		}
	case scene.SettingPark:
		ridge(roundTrees(r, lFar, 0.02, 0.09, 0.14), rgb{72, 106, 78}, 0.35)
		groundCols(rgb{110, 160, 70}, rgb{66, 132, 44}, 30)
		scatter(kTree, 6, 1.5, 6, 2.2, 3.2, true)
		scatter(kBench, 1, 1.3, 2, 0.5, 0.5, true)
		scatter(kLamp, 2, 1.4, 4, 2.2, 2.4, true)
	case scene.SettingInterior, scene.SettingOffice:
		office := st.plan.Setting == scene.SettingOffice
		st.back = bWall
		st.wall.office = office
		wk := light{1.0, 0.95, 0.88}
		switch {
		case pal.night:
			wk = light{0.92, 0.74, 0.54}
		case st.plan.Time == scene.GoldenHour:
			wk = light{1.05, 0.82, 0.62}
		case st.plan.Time == scene.Dusk:
			wk = light{0.8, 0.7, 0.62}
		}
		if office {
			wk = wk.mix(light{0.95, 0.98, 1.02}, 0.6)
		}
		pal.key = wk
		wallC := rgb{214, 196, 170}
		floorFar, floorNear := rgb{150, 100, 62}, rgb{128, 82, 50}
		if office {
			wallC = rgb{200, 206, 212}
			floorFar, floorNear = rgb{96, 100, 110}, rgb{84, 88, 98}
		}
		st.wall.top, st.wall.bot = wallC.lit(wk).scale(0.82), wallC.lit(wk)
		n := 1 + r.Intn(2)
		for i := 0; i < n; i++ {
			cx := r.Range(-0.7, 0.7)
			if n == 2 {
				cx = (float64(i) - 0.5) * r.Range(1.0, 1.3)
			}
			st.wall.windows = append(st.wall.windows, wallWindow{cx - 0.22, cx + 0.22, st.hzL - 0.62, st.hzL - 0.16})
		}
		g.kind = gFloor
		if office {
			g.kind = gPlain
		}
		g.far, g.near, g.amp = floorFar.lit(wk), floorNear.lit(wk), 20
		g.seam = floorNear.lit(wk).scale(0.6)
		if office {
			scatter(kDesk, 4, 1.3, 4, 0.45, 0.45, true)
			scatter(kPlant, 2, 1.2, 3, 0.5, 0.7, true)
		} else {
			scatter(kSofa, 1, 1.6, 2.4, 0.5, 0.5, true)
			scatter(kFloorLamp, 1, 1.3, 2.2, 0.95, 0.95, true)
			scatter(kPlant, 1, 1.2, 2.2, 0.5, 0.7, true)
		}
		pal.rain, pal.snow, pal.fog = 0, 0, 0
	case scene.SettingStage:
		st.back = bStage
		pal.key = light{0.78, 0.62, 0.86}
		g.kind = gStage
		g.far, g.near, g.amp = rgb{34, 28, 40}, rgb{52, 46, 56}, 10
		for _, side := range []float64{-1, 1} {
			st.things = append(st.things, &thing{kind: kSpeaker, x: side * 1.05 * zs, z: 1.25 * zs, size: 0.7, seed: r.Uint64()})
		}
		pal.rain, pal.snow = 0, 0
		pal.fog, pal.fogCol = 0.12, rgb{90, 60, 120}
	case scene.SettingSpace:
		st.back = bSpace
		pal.key = light{1.0, 0.98, 0.95}
		pal.skyTop, pal.skyMid, pal.skyLow = rgb{2, 2, 8}, rgb{4, 4, 14}, rgb{10, 8, 26}
		pal.sunShow, pal.moon, pal.horizonGlow = false, false, 0
		pal.rain, pal.snow, pal.fog = 0, 0, 0
		g.kind = gPlain
		g.far, g.near, g.amp = rgb{112, 112, 118}, rgb{150, 148, 146}, 40
		g.uScale, g.vScale = 30, 24
		st.nebula = true
		st.planet = &planetSpec{
			x: math.Copysign(r.Range(0.35, 0.65), r.Float64()-0.5), e: r.Range(0.28, 0.45), r: r.Range(0.12, 0.2),
			c1: hsv(r.Range(0, 360), 0.5, 0.85), c2: hsv(r.Range(0, 360), 0.35, 0.55),
			lx: -0.6, ly: -0.5,
		}
		scatter(kRock, 5, 1.1, 5, 0.15, 0.45, true)
	case scene.SettingUnderwater:
		st.back = bWater
		pal.key = light{0.52, 0.8, 0.9}
		pal.skyTop, pal.skyMid, pal.skyLow = rgb{90, 190, 214}, rgb{34, 120, 160}, rgb{12, 64, 104}
		if pal.night {
			pal.skyTop, pal.skyMid, pal.skyLow = rgb{14, 40, 60}, rgb{6, 24, 44}, rgb{4, 14, 30}
			pal.key = light{0.22, 0.36, 0.45}
		}
		pal.sunShow, pal.moon, pal.horizonGlow, pal.stars = false, false, 0, 0
		pal.rain, pal.snow, pal.fog = 0, 0, 0
		hz = pal.skyLow
		ridge(mountains(r, lFar, 0.14), rgb{30, 86, 112}, 0.6)
		ridge(roundTrees(r, lMid, 0.0, 0.07, 0.08), rgb{56, 96, 110}, 0.35)
		g.kind = gSeabed
		g.far, g.near, g.amp = rgb{120, 150, 140}, rgb{196, 186, 142}.lit(pal.key), 26
		scatter(kKelp, 6, 1.2, 5, 1.2, 2.2, true)
		scatter(kCoral, 5, 1.1, 4, 0.25, 0.5, true)
	default: // field
		ridge(hills(r, lFar, 0.075), rgb{98, 136, 122}, 0.45)
		ridge(roundTrees(r, lMid, 0.0, 0.045, 0.1), rgb{48, 82, 42}, 0.15)
		groundCols(rgb{130, 162, 86}, rgb{74, 126, 46}, 34)
		scatter(kTree, 3, 2.2, 7, 2.4, 3.4, true)
		scatter(kBush, 4, 1.2, 4, 0.3, 0.6, true)
	}
}

// wrapSpan is the width (frame heights, at the subject's depth) over which
// standing scenery repeats under long camera moves.
const wrapSpan = 4.0
