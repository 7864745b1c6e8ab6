package previz

import (
	"math"

	"kino/engine/previz/raster"
	"kino/engine/rng"
	"kino/engine/scene"
)

// outdoors builds the exteriors of the places screenplays use most: water
// with a shore (harbour, lake, coast, bridge), roads, farms, castles,
// churches, airfields, railways, rooftops and jungle. ridge adds a
// silhouette; sc scatters standing scenery.
func (st *stage) outdoors(r *rng.Rand, ridge func(*ridge, raster.RGB, float64), sc scatterFunc, groundCols func(far, near raster.RGB, amp int)) {
	g := &st.gr
	pal := &st.pal
	key := pal.key
	lit := func(c raster.RGB) raster.RGB { return c.Lit(key) }
	zs := st.zScale()
	switch st.plan.Setting {
	case scene.SettingHarbour:
		ridge(houses(r, lFar, 0.07), raster.RGB{R: 120, G: 110, B: 104}, 0.4)
		st.water(raster.RGB{R: 58, G: 96, B: 112}, raster.RGB{R: 40, G: 82, B: 96}, raster.RGB{R: 150, G: 146, B: 138}, 0.78, true, 0.5)
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
		ridge(hills(r, lFar, 0.06), raster.RGB{R: 90, G: 120, B: 110}, 0.45)
		ridge(roundTrees(r, lMid, 0.0, 0.05, 0.09), raster.RGB{R: 44, G: 80, B: 44}, 0.2)
		st.water(raster.RGB{R: 96, G: 136, B: 150}, raster.RGB{R: 60, G: 110, B: 120}, raster.RGB{R: 96, G: 140, B: 60}, 0.8, false, 0.35)
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
			f := raster.Smoothstep(0.42, 0.52, u) * (1 - raster.Smoothstep(0.9, 0.98, u))
			if side < 0 {
				f = raster.Smoothstep(0.02, 0.1, u) * (1 - raster.Smoothstep(0.48, 0.58, u))
			}
			hd.heights[i] = float32(float64(hd.heights[i])*0.6*f + 0.12*f)
		}
		hd.hmax = 0.32
		ridge(hd, raster.RGB{R: 120, G: 112, B: 98}, 0.1)
		st.water(raster.RGB{R: 44, G: 84, B: 112}, raster.RGB{R: 30, G: 66, B: 92}, raster.RGB{R: 96, G: 128, B: 70}, 0.84, false, 1)
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
		ridge(skyline(r, lFar, 0.3, 0.05, 0.14, 0.016), raster.RGB{R: 80, G: 88, B: 104}, 0.4)
		if rd := st.ridges[len(st.ridges)-1]; pal.night || st.plan.Time == scene.Dusk {
			rd.rimA, rd.winLit, rd.winDark, rd.litFraction = 0, raster.RGB{R: 255, G: 214, B: 140}, raster.RGB{R: 14, G: 16, B: 24}, 0.45
		}
		st.water(raster.RGB{R: 70, G: 100, B: 116}, raster.RGB{R: 52, G: 84, B: 98}, raster.RGB{R: 84, G: 86, B: 92}, 0.72, true, 0.4)
		g.deck = true
		st.gr.bands = append(st.gr.bands, strip{kind: bandRoad, d0: st.gr.shore * 1.04, d1: st.gr.shore * 1.45})
		for i := 0; i < 9; i++ {
			st.things = append(st.things, &thing{kind: kRailPost, x: (float64(i) - 4) * 0.5, z: 1 / st.gr.shore, size: 0.45, seed: r.Uint64(), wrap: true})
		}
	case scene.SettingRoad, scene.SettingCar:
		ridge(hills(r, lFar, 0.06), raster.RGB{R: 104, G: 132, B: 120}, 0.45)
		ridge(roundTrees(r, lMid, 0.0, 0.04, 0.1), raster.RGB{R: 52, G: 86, B: 46}, 0.15)
		groundCols(raster.RGB{R: 128, G: 156, B: 86}, raster.RGB{R: 80, G: 126, B: 50}, 30)
		if st.plan.Setting == scene.SettingCar {
			g.kind = gStreet
			g.walk = lit(raster.RGB{R: 112, G: 140, B: 70})
			g.line = lit(raster.RGB{R: 236, G: 236, B: 230})
			g.kerb = 0.55
			st.drive = 1.4
			return
		}
		st.addBand(bandRoad, 0.36, 0.62)
		sc(kPole, 4, 2.2, 2.6, 1.6, 1.8, false)
		sc(kTree, 3, 3, 7, 2.4, 3.2, true)
	case scene.SettingFarm:
		ridge(hills(r, lFar, 0.07), raster.RGB{R: 110, G: 136, B: 110}, 0.45)
		groundCols(raster.RGB{R: 170, G: 160, B: 90}, raster.RGB{R: 120, G: 140, B: 60}, 36)
		g.rows = true
		st.things = append(st.things, &thing{kind: kBarn, x: math.Copysign(r.Range(0.45, 0.65), r.Float64()-0.5) * 4 * zs, z: 4 * zs, size: 2.2, seed: r.Uint64()})
		st.things = append(st.things, &thing{kind: kWindmill, x: -math.Copysign(0.55, st.things[len(st.things)-1].x) * 7 * zs, z: 7 * zs, size: 4.5, seed: r.Uint64()})
		sc(kFence, 6, 1.5, 1.8, 0.35, 0.35, false)
		sc(kHay, 3, 1.3, 3, 0.35, 0.45, true)
	case scene.SettingCastle:
		ridge(hills(r, lFar, 0.06), raster.RGB{R: 98, G: 126, B: 112}, 0.45)
		ridge(castleWalls(r, lMid), raster.RGB{R: 128, G: 122, B: 112}, 0.12)
		groundCols(raster.RGB{R: 120, G: 148, B: 80}, raster.RGB{R: 90, G: 118, B: 58}, 30)
		if pal.night || st.plan.Time == scene.Dusk {
			sc(kTorch, 4, 1.4, 2.5, 0.9, 0.9, true)
		}
	case scene.SettingChurch:
		ridge(hills(r, lFar, 0.05), raster.RGB{R: 104, G: 134, B: 116}, 0.45)
		ridge(churchSkyline(r, lMid), raster.RGB{R: 150, G: 140, B: 128}, 0.12)
		groundCols(raster.RGB{R: 124, G: 156, B: 84}, raster.RGB{R: 78, G: 124, B: 48}, 30)
		sc(kGravestone, 5, 1.3, 3, 0.3, 0.4, true)
	case scene.SettingAirport:
		ridge(terminal(r, lFar), raster.RGB{R: 170, G: 176, B: 186}, 0.35)
		groundCols(raster.RGB{R: 120, G: 122, B: 124}, raster.RGB{R: 98, G: 100, B: 102}, 12)
		st.addBand(bandRunway, 0.3, 0.55)
		st.things = append(st.things, &thing{kind: kTowerCtl, x: 0.62 * 6 * zs, z: 6 * zs, size: 4.2, seed: r.Uint64()})
		st.things = append(st.things, &thing{kind: kPlane, x: -0.4 * 4.5 * zs, z: 4.5 * zs, size: 1.6, seed: r.Uint64()})
		if pal.night || st.plan.Time == scene.Dusk {
			// Floodlit apron.
			groundCols(raster.RGB{R: 150, G: 150, B: 150}, raster.RGB{R: 130, G: 130, B: 132}, 12)
			sc(kLamp, 4, 1.3, 2.6, 2.6, 2.8, true)
		}
	case scene.SettingTrain:
		ridge(hills(r, lFar, 0.07), raster.RGB{R: 104, G: 132, B: 120}, 0.45)
		ridge(roundTrees(r, lMid, 0.0, 0.04, 0.1), raster.RGB{R: 52, G: 86, B: 46}, 0.15)
		groundCols(raster.RGB{R: 128, G: 156, B: 86}, raster.RGB{R: 80, G: 126, B: 50}, 30)
		st.addBand(bandRails, 0.36, 0.5)
		sc(kPole, 5, 2.3, 2.5, 1.5, 1.6, false)
	case scene.SettingRooftop:
		ridge(skyline(r, lFar, 0.34, 0.05, 0.14, 0.016), raster.RGB{R: 86, G: 94, B: 114}, 0.35)
		ridge(skyline(r, lMid, 0.16, 0.12, 0.3, 0.03), raster.RGB{R: 62, G: 66, B: 82}, 0.12)
		for _, rd := range st.ridges {
			rd.rimA = 0
			rd.winLit, rd.winDark, rd.litFraction = raster.RGB{R: 255, G: 214, B: 140}, lit(raster.RGB{R: 70, G: 86, B: 110}).Mix(pal.skyMid, 0.3), 0.15
			if pal.night || st.plan.Time == scene.Dusk {
				rd.litFraction, rd.winDark = 0.55, raster.RGB{R: 14, G: 16, B: 24}
			}
		}
		ridge(parapet(lMid), raster.RGB{R: 60, G: 58, B: 58}, 0.05)
		g.kind = gPlain
		// The roof catches the city's glow at night.
		roof := raster.RGB{R: 150, G: 140, B: 128}.Lit(key)
		if pal.night || st.plan.Time == scene.Dusk {
			roof = roof.Mix(raster.RGB{R: 120, G: 96, B: 70}, 0.5)
		}
		g.far, g.near, g.amp = roof, roof.Scale(0.85), 26
		sc(kChimney, 2, 1.3, 3, 0.7, 0.9, true)
		sc(kAntenna, 1, 2, 3.5, 1.6, 2, true)
		sc(kVent, 2, 1.2, 2.5, 0.3, 0.4, true)
	case scene.SettingJungle:
		pal.fog, pal.fogCol = math.Max(pal.fog, 0.22), raster.RGB{R: 120, G: 150, B: 120}
		ridge(roundTrees(r, lFar, 0.05, 0.22, 0.12), raster.RGB{R: 50, G: 90, B: 60}, 0.4)
		ridge(roundTrees(r, lMid, 0.08, 0.36, 0.16), raster.RGB{R: 24, G: 60, B: 30}, 0.12)
		groundCols(raster.RGB{R: 60, G: 90, B: 40}, raster.RGB{R: 40, G: 64, B: 28}, 40)
		sc(kPalm, 4, 1.3, 4, 2, 3, true)
		sc(kFern, 8, 1.05, 3, 0.35, 0.6, true)
		st.vines = true
	}
}

// water makes the ground open water out to a shore near the camera: the
// far and near water colours, the land's colour, where the shore lies (a
// fraction of the frame height, as for a beach), whether it is a straight
// quay or a natural bank, and how rough the water is (0..1).
func (st *stage) water(far, near, land raster.RGB, target float64, straight bool, rough float64) {
	g := &st.gr
	pal := &st.pal
	key := pal.key
	hz := pal.skyLow
	g.kind = gBeach
	g.seaFar = far.Lit(key).Mix(hz, 0.4)
	g.seaNear = near.Lit(key)
	g.far, g.near, g.amp = land.Lit(key).Mix(hz, 0.3), land.Lit(key), 24
	g.wet = land.Lit(key).Scale(0.75)
	g.foam = g.wet
	if !straight {
		g.foam = raster.RGB{R: 236, G: 236, B: 230}.Lit(key)
	}
	g.straight, g.rough = straight, rough
	if st.frame.feet > 1.5 {
		target = math.Min(0.9, target+0.06)
	}
	g.shore = raster.Clampf((target-st.frame.horizon)/(st.frame.feet-st.frame.horizon), 0.04, 0.9)
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
