package previz

import (
	"math"

	"kino/engine/rng"
	"kino/engine/scene"
)

// outdoors builds the exteriors of the places screenplays use most: water
// with a shore (harbour, lake, coast, bridge), roads, farms, castles,
// churches, airfields, railways, rooftops and jungle. ridge adds a
// silhouette; sc scatters standing scenery.
func (st *stage) outdoors(r *rng.Rand, ridge func(*ridge, rgb, float64), sc scatterFunc, groundCols func(far, near rgb, amp int)) {
	g := &st.gr
	pal := &st.pal
	key := pal.key
	lit := func(c rgb) rgb { return c.lit(key) }
	zs := st.zScale()
	switch st.plan.Setting {
	case scene.SettingHarbour:
		ridge(houses(r, lFar, 0.07), rgb{120, 110, 104}, 0.4)
		st.water(rgb{58, 96, 112}, rgb{40, 82, 96}, rgb{150, 146, 138}, 0.78, true, 0.5)
		for _, side := range []float64{-1, 1} {
			st.things = append(st.things, &thing{kind: kCrane, x: side * r.Range(1.2, 1.8) * 6 * zs, z: 6 * zs, size: 7, seed: r.Uint64()})
		}
		st.mooredBoats(r, 3)
		for i := 0; i < 4; i++ {
			st.things = append(st.things, &thing{kind: kBollard, x: (float64(i) - 1.5) * 0.7, z: 0.95 / st.gr.shore * 1.02, size: 0.18, seed: r.Uint64(), wrap: true})
		}
		if pal.night || st.plan.Time == scene.Dusk {
			sc(kLamp, 3, 1.1, 1.3, 2.2, 2.4, true)
		}
	case scene.SettingLake:
		ridge(hills(r, lFar, 0.06), rgb{90, 120, 110}, 0.45)
		ridge(roundTrees(r, lMid, 0.0, 0.05, 0.09), rgb{44, 80, 44}, 0.2)
		st.water(rgb{96, 136, 150}, rgb{60, 110, 120}, rgb{96, 140, 60}, 0.8, false, 0.35)
		sc(kReeds, 5, 1.0/st.gr.shore*1.05, 1.3, 0.4, 0.6, true)
		sc(kTree, 2, 1.1, 1.3, 2.4, 3, true)
	case scene.SettingCoast:
		hd := hills(r, lMid, 0.2)
		side := 1.0
		if r.Float64() < 0.5 {
			side = -1
		}
		for i := range hd.heights {
			x := float64(i) / heightN * hd.period
			u := math.Mod(x/hd.period+1, 1) // 0..1 across the period
			// A headland on one side: high, with a sheer face towards the sea.
			f := smoothstep(0.42, 0.52, u) * (1 - smoothstep(0.9, 0.98, u))
			if side < 0 {
				f = smoothstep(0.02, 0.1, u) * (1 - smoothstep(0.48, 0.58, u))
			}
			hd.heights[i] = float32(float64(hd.heights[i])*0.6*f + 0.12*f)
		}
		hd.hmax = 0.32
		ridge(hd, rgb{120, 112, 98}, 0.1)
		st.water(rgb{44, 84, 112}, rgb{30, 66, 92}, rgb{96, 128, 70}, 0.84, false, 1)
		// The lighthouse stands on the headland's highest point in view.
		best, bx := 0.0, 0.0
		for x := -0.75; x <= 0.75; x += 0.01 {
			if hv := hd.heightAt(x); hv > best {
				best, bx = hv, x
			}
		}
		st.tower = &towerSpec{layer: lMid, x: bx, top: best, h: 0.24, ridge: hd}
		sc(kRock, 3, 1.1, 1.4, 0.15, 0.3, true)
	case scene.SettingBridge:
		ridge(skyline(r, lFar, 0.3, 0.05, 0.14, 0.016), rgb{80, 88, 104}, 0.4)
		if rd := st.ridges[len(st.ridges)-1]; pal.night || st.plan.Time == scene.Dusk {
			rd.rimA, rd.winLit, rd.winDark, rd.litFraction = 0, rgb{255, 214, 140}, rgb{14, 16, 24}, 0.45
		}
		st.water(rgb{70, 100, 116}, rgb{52, 84, 98}, rgb{84, 86, 92}, 0.72, true, 0.4)
		g.deck = true
		st.gr.bands = append(st.gr.bands, strip{kind: bandRoad, d0: st.gr.shore * 1.04, d1: st.gr.shore * 1.45})
		for i := 0; i < 9; i++ {
			st.things = append(st.things, &thing{kind: kRailPost, x: (float64(i) - 4) * 0.5, z: 1 / st.gr.shore, size: 0.45, seed: r.Uint64(), wrap: true})
		}
	case scene.SettingRoad, scene.SettingCar:
		ridge(hills(r, lFar, 0.06), rgb{104, 132, 120}, 0.45)
		ridge(roundTrees(r, lMid, 0.0, 0.04, 0.1), rgb{52, 86, 46}, 0.15)
		groundCols(rgb{128, 156, 86}, rgb{80, 126, 50}, 30)
		if st.plan.Setting == scene.SettingCar {
			g.kind = gStreet
			g.walk = lit(rgb{112, 140, 70})
			g.line = lit(rgb{236, 236, 230})
			g.kerb = 0.55
			st.drive = 1.4
			return
		}
		st.addBand(bandRoad, 0.36, 0.62)
		sc(kPole, 4, 2.2, 2.6, 1.6, 1.8, false)
		sc(kTree, 3, 3, 7, 2.4, 3.2, true)
	case scene.SettingFarm:
		ridge(hills(r, lFar, 0.07), rgb{110, 136, 110}, 0.45)
		groundCols(rgb{170, 160, 90}, rgb{120, 140, 60}, 36)
		g.rows = true
		st.things = append(st.things, &thing{kind: kBarn, x: math.Copysign(r.Range(0.45, 0.65), r.Float64()-0.5) * 4 * zs, z: 4 * zs, size: 2.2, seed: r.Uint64()})
		st.things = append(st.things, &thing{kind: kWindmill, x: -math.Copysign(0.55, st.things[len(st.things)-1].x) * 7 * zs, z: 7 * zs, size: 4.5, seed: r.Uint64()})
		sc(kFence, 6, 1.5, 1.8, 0.35, 0.35, false)
		sc(kHay, 3, 1.3, 3, 0.35, 0.45, true)
	case scene.SettingCastle:
		ridge(hills(r, lFar, 0.06), rgb{98, 126, 112}, 0.45)
		ridge(castleWalls(r, lMid), rgb{128, 122, 112}, 0.12)
		groundCols(rgb{120, 148, 80}, rgb{90, 118, 58}, 30)
		if pal.night || st.plan.Time == scene.Dusk {
			sc(kTorch, 4, 1.4, 2.5, 0.9, 0.9, true)
		}
	case scene.SettingChurch:
		ridge(hills(r, lFar, 0.05), rgb{104, 134, 116}, 0.45)
		ridge(churchSkyline(r, lMid), rgb{150, 140, 128}, 0.12)
		groundCols(rgb{124, 156, 84}, rgb{78, 124, 48}, 30)
		sc(kGravestone, 5, 1.3, 3, 0.3, 0.4, true)
	case scene.SettingAirport:
		ridge(terminal(r, lFar), rgb{170, 176, 186}, 0.35)
		groundCols(rgb{120, 122, 124}, rgb{98, 100, 102}, 12)
		st.addBand(bandRunway, 0.3, 0.55)
		st.things = append(st.things, &thing{kind: kTowerCtl, x: 0.62 * 6 * zs, z: 6 * zs, size: 4.2, seed: r.Uint64()})
		st.things = append(st.things, &thing{kind: kPlane, x: -0.4 * 4.5 * zs, z: 4.5 * zs, size: 1.6, seed: r.Uint64()})
		if pal.night || st.plan.Time == scene.Dusk {
			// Floodlit apron.
			groundCols(rgb{150, 150, 150}, rgb{130, 130, 132}, 12)
			sc(kLamp, 4, 1.3, 2.6, 2.6, 2.8, true)
		}
	case scene.SettingTrain:
		ridge(hills(r, lFar, 0.07), rgb{104, 132, 120}, 0.45)
		ridge(roundTrees(r, lMid, 0.0, 0.04, 0.1), rgb{52, 86, 46}, 0.15)
		groundCols(rgb{128, 156, 86}, rgb{80, 126, 50}, 30)
		st.addBand(bandRails, 0.36, 0.5)
		sc(kPole, 5, 2.3, 2.5, 1.5, 1.6, false)
	case scene.SettingRooftop:
		ridge(skyline(r, lFar, 0.34, 0.05, 0.14, 0.016), rgb{86, 94, 114}, 0.35)
		ridge(skyline(r, lMid, 0.16, 0.12, 0.3, 0.03), rgb{62, 66, 82}, 0.12)
		for _, rd := range st.ridges {
			rd.rimA = 0
			rd.winLit, rd.winDark, rd.litFraction = rgb{255, 214, 140}, lit(rgb{70, 86, 110}).mix(pal.skyMid, 0.3), 0.15
			if pal.night || st.plan.Time == scene.Dusk {
				rd.litFraction, rd.winDark = 0.55, rgb{14, 16, 24}
			}
		}
		ridge(parapet(lMid), rgb{60, 58, 58}, 0.05)
		g.kind = gPlain
		// The roof catches the city's glow at night.
		roof := rgb{150, 140, 128}.lit(key)
		if pal.night || st.plan.Time == scene.Dusk {
			roof = roof.mix(rgb{120, 96, 70}, 0.5)
		}
		g.far, g.near, g.amp = roof, roof.scale(0.85), 26
		sc(kChimney, 2, 1.3, 3, 0.7, 0.9, true)
		sc(kAntenna, 1, 2, 3.5, 1.6, 2, true)
		sc(kVent, 2, 1.2, 2.5, 0.3, 0.4, true)
	case scene.SettingJungle:
		pal.fog, pal.fogCol = math.Max(pal.fog, 0.22), rgb{120, 150, 120}
		ridge(roundTrees(r, lFar, 0.05, 0.22, 0.12), rgb{50, 90, 60}, 0.4)
		ridge(roundTrees(r, lMid, 0.08, 0.36, 0.16), rgb{24, 60, 30}, 0.12)
		groundCols(rgb{60, 90, 40}, rgb{40, 64, 28}, 40)
		sc(kPalm, 4, 1.3, 4, 2, 3, true)
		sc(kFern, 8, 1.05, 3, 0.35, 0.6, true)
		st.vines = true
	}
}

// water makes the ground open water out to a shore near the camera: the
// far and near water colours, the land's colour, where the shore lies (a
// fraction of the frame height, as for a beach), whether it is a straight
// quay or a natural bank, and how rough the water is (0..1).
func (st *stage) water(far, near, land rgb, target float64, straight bool, rough float64) {
	g := &st.gr
	pal := &st.pal
	key := pal.key
	hz := pal.skyLow
	g.kind = gBeach
	g.seaFar = far.lit(key).mix(hz, 0.4)
	g.seaNear = near.lit(key)
	g.far, g.near, g.amp = land.lit(key).mix(hz, 0.3), land.lit(key), 24
	g.wet = land.lit(key).scale(0.75)
	g.foam = g.wet
	if !straight {
		g.foam = rgb{236, 236, 230}.lit(key)
	}
	g.straight, g.rough = straight, rough
	if st.frame.feet > 1.5 {
		target = math.Min(0.9, target+0.06)
	}
	g.shore = clampf((target-st.frame.horizon)/(st.frame.feet-st.frame.horizon), 0.04, 0.9)
}

// mooredBoats rocks n boats on a harbour's water.
func (st *stage) mooredBoats(r *rng.Rand, n int) {
	for i := 0; i < n; i++ {
		z := r.Range(1.6, 4) / st.gr.shore
		st.things = append(st.things, &thing{kind: kBoat, x: r.Range(-1, 1) * st.aspect / 2 * z, z: z, size: 1, seed: r.Uint64(), wrap: true})
	}
}

// houses: a row of small harbour houses with pitched roofs.
func houses(r *rng.Rand, l layer, amp float64) *ridge {
	rd := newRidge(l, 6)
	type house struct{ x, w, h float64 }
	var hs []house
	for x := 0.0; x < rd.period; {
		w := r.Range(0.08, 0.16)
		hs = append(hs, house{x, w, amp * r.Range(0.5, 1)})
		x += w
	}
	rd.sample(func(x float64) float64 {
		for _, h := range hs {
			if x >= h.x && x < h.x+h.w {
				q := math.Abs((x-h.x)/h.w-0.5) * 2
				return h.h * (1 - 0.35*q)
			}
		}
		return amp * 0.4
	})
	return rd
}

// castleWalls: curtain walls with crenellations and round towers.
func castleWalls(r *rng.Rand, l layer) *ridge {
	rd := newRidge(l, 6)
	c := math.Mod(r.Range(-0.4, 0.4)+rd.period, rd.period) // in view at the start
	rd.sample(func(x float64) float64 {
		d := math.Abs(x - c)
		d = math.Min(d, rd.period-d)
		if d > 0.9 {
			return 0
		}
		h := 0.13
		for _, tx := range []float64{-0.75, -0.25, 0.3, 0.8} {
			if math.Abs(d*math.Copysign(1, x-c)-tx) < 0.06 {
				h = 0.22
			}
		}
		if math.Mod(x*60, 2) < 1 {
			h += 0.012
		}
		return h
	})
	return rd
}

// churchSkyline: a church with a steeple among low houses.
func churchSkyline(r *rng.Rand, l layer) *ridge {
	rd := newRidge(l, 6)
	c := math.Mod(r.Range(-0.4, 0.4)+rd.period, rd.period) // in view at the start
	rd.sample(func(x float64) float64 {
		d := x - c
		if d > rd.period/2 {
			d -= rd.period
		} else if d < -rd.period/2 {
			d += rd.period
		}
		switch {
		case math.Abs(d) < 0.035:
			return 0.34 - math.Abs(d)*5 // the spire
		case math.Abs(d) < 0.05:
			return 0.2
		case d > 0 && d < 0.32:
			return 0.12 - 0.1*math.Abs(d-0.16) // the nave's roof
		case math.Abs(d) < 0.8:
			return 0.05 + 0.02*math.Sin(d*40)
		}
		return 0
	})
	return rd
}

// terminal: a long low airport terminal.
func terminal(r *rng.Rand, l layer) *ridge {
	rd := newRidge(l, 6)
	c := math.Mod(r.Range(-0.4, 0.4)+rd.period, rd.period) // in view at the start
	rd.sample(func(x float64) float64 {
		d := math.Abs(x - c)
		d = math.Min(d, rd.period-d)
		if d < 1.2 {
			return 0.05 + 0.01*math.Cos(d*3)
		}
		return 0.008
	})
	return rd
}

// parapet: the low wall round a rooftop, just above the horizon.
func parapet(l layer) *ridge {
	rd := newRidge(l, 6)
	rd.sample(func(float64) float64 { return 0.025 })
	return rd
}
