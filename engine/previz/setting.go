package previz

import (
	"math"

	"kino/engine/previz/raster"
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
		hz = hz.Mix(pal.fogCol, pal.fog)
	}
	ridge := func(rd *ridge, base raster.RGB, haze float64) {
		rd.tint(base, key, hz, haze)
		if pal.horizonGlow > 0 && pal.sunShow {
			rd.rim, rd.rimA = pal.glowCol.Mix(raster.RGB{R: 255, G: 255, B: 255}, 0.2), int(150*pal.horizonGlow)
		}
		st.ridges = append(st.ridges, rd)
	}
	g := &st.gr
	g.uScale, g.vScale, g.amp = 40, 14, 30
	lit := func(c raster.RGB) raster.RGB { return c.Lit(key) }
	groundCols := func(far, near raster.RGB, amp int) {
		g.far, g.near, g.amp = lit(far).Mix(hz, 0.35), lit(near), amp
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
		g.far, g.near = lit(raster.RGB{R: 232, G: 238, B: 248}).Mix(hz, 0.3), lit(raster.RGB{R: 222, G: 230, B: 242})
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
func (st *stage) classicSetting(r *rng.Rand, ridge func(*ridge, raster.RGB, float64), scatter scatterFunc, groundCols func(far, near raster.RGB, amp int), hz raster.RGB) {
	pal := &st.pal
	key := pal.key
	g := &st.gr
	lit := func(c raster.RGB) raster.RGB { return c.Lit(key) }
	zs := st.zScale()
	switch st.plan.Setting {
	case scene.SettingBeach:
		hd := hills(r, lFar, 0.045)
		c := r.Range(0, hd.period)
		for i := range hd.heights {
			x := float64(i) / heightN * hd.period
			d := math.Abs(x - c)
			d = math.Min(d, hd.period-d)
			hd.heights[i] *= float32(1 - raster.Smoothstep(0.3, 0.9, d))
		}
		ridge(hd, raster.RGB{R: 84, G: 108, B: 112}, 0.55)
		g.kind = gBeach
		groundCols(raster.RGB{R: 232, G: 210, B: 164}, raster.RGB{R: 226, G: 196, B: 140}, 22)
		g.seaFar = lit(raster.RGB{R: 70, G: 120, B: 160}).Mix(hz, 0.45)
		g.seaNear = lit(raster.RGB{R: 30, G: 146, B: 160})
		g.foam = lit(raster.RGB{R: 250, G: 250, B: 246})
		g.wet = lit(raster.RGB{R: 176, G: 152, B: 112})
		target := map[bool]float64{true: 0.76, false: 0.72}[st.frame.feet > 1.5]
		if st.frame.feet > 3 {
			target = 0.88
		}
		g.shore = raster.Clampf((target-st.frame.horizon)/(st.frame.feet-st.frame.horizon), 0.04, 0.9)
		scatter(kPalm, 2, 1.4, 3.0, 1.8, 2.6, true)
		scatter(kRock, 2, 1.2, 2.5, 0.15, 0.3, true)
	case scene.SettingCity:
		ridge(skyline(r, lFar, 0.42, 0.05, 0.14, 0.016), raster.RGB{R: 72, G: 80, B: 100}, 0.35)
		ridge(skyline(r, lMid, 0.26, 0.1, 0.24, 0.028), raster.RGB{R: 54, G: 58, B: 74}, 0.12)
		for _, rd := range st.ridges {
			rd.rimA = 0
			rd.winLit = raster.RGB{R: 255, G: 214, B: 140}
			rd.winDark = lit(raster.RGB{R: 70, G: 86, B: 110}).Mix(pal.skyMid, 0.3)
			rd.litFraction = 0.12
			if pal.night || st.plan.Time == scene.Dusk {
				rd.litFraction = 0.55
				rd.winDark = raster.RGB{R: 14, G: 16, B: 24}
			}
		}
		g.kind = gStreet
		groundCols(raster.RGB{R: 66, G: 68, B: 72}, raster.RGB{R: 56, G: 56, B: 60}, 18)
		g.walk = lit(raster.RGB{R: 128, G: 124, B: 118})
		g.line = lit(raster.RGB{R: 230, G: 200, B: 90})
		g.kerb = 0.9
		for i := 0; i < 5; i++ {
			for _, side := range []float64{-1, 1} {
				z := (1.3 + float64(i)*1.6) * zs
				st.things = append(st.things, &thing{kind: kLamp, x: side * (g.kerb + 0.1), z: z, size: 2.4, seed: r.Uint64()})
			}
		}
	case scene.SettingForest:
		ridge(conifers(r, lFar, 0.03, 0.16, 0.07), raster.RGB{R: 58, G: 92, B: 86}, 0.45)
		ridge(conifers(r, lMid, 0.05, 0.3, 0.1), raster.RGB{R: 28, G: 56, B: 36}, 0.12)
		groundCols(raster.RGB{R: 82, G: 90, B: 50}, raster.RGB{R: 66, G: 56, B: 34}, 40)
		scatter(kPine, 9, 1.3, 7, 3.2, 5, true)
		scatter(kBush, 5, 1.1, 4, 0.3, 0.6, true)
	case scene.SettingMountains:
		m := mountains(r, lFar, 0.36)
		m.kind, m.snowline = rSnow, 0.2
		ridge(m, raster.RGB{R: 118, G: 134, B: 168}, 0.4)
		m.snow = raster.RGB{R: 240, G: 244, B: 250}.Lit(key).Mix(hz, 0.3)
		ridge(hills(r, lMid, 0.1), raster.RGB{R: 72, G: 98, B: 74}, 0.2)
		groundCols(raster.RGB{R: 112, G: 136, B: 76}, raster.RGB{R: 86, G: 108, B: 58}, 34)
		scatter(kRock, 6, 1.1, 5, 0.15, 0.5, true)
		scatter(kPine, 4, 2, 6, 2.5, 4, true)
	case scene.SettingDesert:
		ridge(mesas(r, lFar, 0.13), raster.RGB{R: 196, G: 134, B: 96}, 0.4)
		ridge(dunes(r, lMid, 0.06), raster.RGB{R: 224, G: 172, B: 112}, 0.12)
		groundCols(raster.RGB{R: 234, G: 194, B: 136}, raster.RGB{R: 220, G: 172, B: 112}, 24)
		g.uScale, g.vScale = 18, 30
		scatter(kCactus, 3, 1.3, 5, 1.2, 2.2, true)
		scatter(kRock, 3, 1.1, 4, 0.15, 0.35, true)
	case scene.SettingSnow:
		m := mountains(r, lFar, 0.26)
		m.kind, m.snowline = rSnow, 0.02
		ridge(m, raster.RGB{R: 150, G: 162, B: 190}, 0.35)
		m.snow = raster.RGB{R: 236, G: 242, B: 250}.Lit(key).Mix(hz, 0.25)
		ridge(conifers(r, lMid, 0.02, 0.12, 0.06), raster.RGB{R: 36, G: 58, B: 58}, 0.15)
		groundCols(raster.RGB{R: 232, G: 238, B: 248}, raster.RGB{R: 222, G: 230, B: 242}, 14)
		scatter(kPine, 5, 1.5, 6, 2.5, 4, true)
		for _, t := range st.things {
			t.c[0] = raster.RGB{R: 250, G: 250, B: 255}
		}
	case scene.SettingPark:
		ridge(roundTrees(r, lFar, 0.02, 0.09, 0.14), raster.RGB{R: 72, G: 106, B: 78}, 0.35)
		groundCols(raster.RGB{R: 110, G: 160, B: 70}, raster.RGB{R: 66, G: 132, B: 44}, 30)
		scatter(kTree, 6, 1.5, 6, 2.2, 3.2, true)
		scatter(kBench, 1, 1.3, 2, 0.5, 0.5, true)
		scatter(kLamp, 2, 1.4, 4, 2.2, 2.4, true)
	case scene.SettingInterior, scene.SettingOffice:
		office := st.plan.Setting == scene.SettingOffice
		st.back = bWall
		st.wall.office = office
		wk := raster.Light{R: 1.0, G: 0.95, B: 0.88}
		switch {
		case pal.night:
			wk = raster.Light{R: 0.92, G: 0.74, B: 0.54}
		case st.plan.Time == scene.GoldenHour:
			wk = raster.Light{R: 1.05, G: 0.82, B: 0.62}
		case st.plan.Time == scene.Dusk:
			wk = raster.Light{R: 0.8, G: 0.7, B: 0.62}
		}
		if office {
			wk = wk.Mix(raster.Light{R: 0.95, G: 0.98, B: 1.02}, 0.6)
		}
		pal.key = wk
		wallC := raster.RGB{R: 214, G: 196, B: 170}
		floorFar, floorNear := raster.RGB{R: 150, G: 100, B: 62}, raster.RGB{R: 128, G: 82, B: 50}
		if office {
			wallC = raster.RGB{R: 200, G: 206, B: 212}
			floorFar, floorNear = raster.RGB{R: 96, G: 100, B: 110}, raster.RGB{R: 84, G: 88, B: 98}
		}
		st.wall.top, st.wall.bot = wallC.Lit(wk).Scale(0.82), wallC.Lit(wk)
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
		g.far, g.near, g.amp = floorFar.Lit(wk), floorNear.Lit(wk), 20
		g.seam = floorNear.Lit(wk).Scale(0.6)
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
		pal.key = raster.Light{R: 0.78, G: 0.62, B: 0.86}
		g.kind = gStage
		g.far, g.near, g.amp = raster.RGB{R: 34, G: 28, B: 40}, raster.RGB{R: 52, G: 46, B: 56}, 10
		for _, side := range []float64{-1, 1} {
			st.things = append(st.things, &thing{kind: kSpeaker, x: side * 1.05 * zs, z: 1.25 * zs, size: 0.7, seed: r.Uint64()})
		}
		pal.rain, pal.snow = 0, 0
		pal.fog, pal.fogCol = 0.12, raster.RGB{R: 90, G: 60, B: 120}
	case scene.SettingSpace:
		st.back = bSpace
		pal.key = raster.Light{R: 1.0, G: 0.98, B: 0.95}
		pal.skyTop, pal.skyMid, pal.skyLow = raster.RGB{R: 2, G: 2, B: 8}, raster.RGB{R: 4, G: 4, B: 14}, raster.RGB{R: 10, G: 8, B: 26}
		pal.sunShow, pal.moon, pal.horizonGlow = false, false, 0
		pal.rain, pal.snow, pal.fog = 0, 0, 0
		g.kind = gPlain
		g.far, g.near, g.amp = raster.RGB{R: 112, G: 112, B: 118}, raster.RGB{R: 150, G: 148, B: 146}, 40
		g.uScale, g.vScale = 30, 24
		st.nebula = true
		st.planet = &planetSpec{
			x: math.Copysign(r.Range(0.35, 0.65), r.Float64()-0.5), e: r.Range(0.28, 0.45), r: r.Range(0.12, 0.2),
			c1: raster.HSV(r.Range(0, 360), 0.5, 0.85), c2: raster.HSV(r.Range(0, 360), 0.35, 0.55),
			lx: -0.6, ly: -0.5,
		}
		scatter(kRock, 5, 1.1, 5, 0.15, 0.45, true)
	case scene.SettingUnderwater:
		st.back = bWater
		pal.key = raster.Light{R: 0.52, G: 0.8, B: 0.9}
		pal.skyTop, pal.skyMid, pal.skyLow = raster.RGB{R: 90, G: 190, B: 214}, raster.RGB{R: 34, G: 120, B: 160}, raster.RGB{R: 12, G: 64, B: 104}
		if pal.night {
			pal.skyTop, pal.skyMid, pal.skyLow = raster.RGB{R: 14, G: 40, B: 60}, raster.RGB{R: 6, G: 24, B: 44}, raster.RGB{R: 4, G: 14, B: 30}
			pal.key = raster.Light{R: 0.22, G: 0.36, B: 0.45}
		}
		pal.sunShow, pal.moon, pal.horizonGlow, pal.stars = false, false, 0, 0
		pal.rain, pal.snow, pal.fog = 0, 0, 0
		hz = pal.skyLow
		ridge(mountains(r, lFar, 0.14), raster.RGB{R: 30, G: 86, B: 112}, 0.6)
		ridge(roundTrees(r, lMid, 0.0, 0.07, 0.08), raster.RGB{R: 56, G: 96, B: 110}, 0.35)
		g.kind = gSeabed
		g.far, g.near, g.amp = raster.RGB{R: 120, G: 150, B: 140}, raster.RGB{R: 196, G: 186, B: 142}.Lit(pal.key), 26
		scatter(kKelp, 6, 1.2, 5, 1.2, 2.2, true)
		scatter(kCoral, 5, 1.1, 4, 0.25, 0.5, true)
	default: // field
		ridge(hills(r, lFar, 0.075), raster.RGB{R: 98, G: 136, B: 122}, 0.45)
		ridge(roundTrees(r, lMid, 0.0, 0.045, 0.1), raster.RGB{R: 48, G: 82, B: 42}, 0.15)
		groundCols(raster.RGB{R: 130, G: 162, B: 86}, raster.RGB{R: 74, G: 126, B: 46}, 34)
		scatter(kTree, 3, 2.2, 7, 2.4, 3.4, true)
		scatter(kBush, 4, 1.2, 4, 0.3, 0.6, true)
	}
}

// wrapSpan is the width (frame heights, at the subject's depth) over which
// standing scenery repeats under long camera moves.
const wrapSpan = 4.0
