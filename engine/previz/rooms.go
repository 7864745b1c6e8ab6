package previz

import (
	"kino/engine/previz/raster"
	"kino/engine/rng"
	"kino/engine/scene"
)

// roomSpec is how one kind of room looks: its walls, floor, light, windows
// and what stands in it.
type roomSpec struct {
	wall                raster.RGB
	floorFar, floorNear raster.RGB
	floor               groundKind   // gFloor (planks), gPlain, gTiles, gStone
	key                 raster.Light // the room's own light by day
	nightKey            raster.Light // and after dark (lamps, candles)
	windows             int          // how many
	winTop, winBot      float64      // window top and bottom, frame heights above the horizon
	winW                float64      // window half width
	arched              bool
	view                windowView
	wallDecor           wallKind
	dress               func(st *stage, r *rng.Rand, scatter scatterFunc)
}

// windowView is what a room's windows look out on.
type windowView uint8

const (
	vSky     windowView = iota // the sky
	vLand                      // fields and hills going by (a train)
	vTunnel                    // a dark tunnel with lights flashing past
	vTarmac                    // an airfield with a plane
	vColored                   // stained glass
)

// wallKind is a room's wall dressing.
type wallKind uint8

const (
	wPlain  wallKind = iota
	wTiles           // kitchen tiles
	wStone           // castle and church stone
	wPlanks          // a barn's boards
	wRock            // a cave
	wPanels          // a carriage's panels
)

type scatterFunc func(k thingKind, n int, z0, z1, s0, s1 float64, clear bool)

// rooms are the interiors drawn from a spec. The generic interior and the
// office keep their own code in setting.go.
var rooms = map[scene.Setting]roomSpec{
	scene.SettingKitchen: {wall: raster.RGB{R: 226, G: 222, B: 206}, floorFar: raster.RGB{R: 176, G: 170, B: 160}, floorNear: raster.RGB{R: 150, G: 144, B: 134}, floor: gTiles,
		key: raster.Light{R: 1.02, G: 1.0, B: 0.95}, nightKey: raster.Light{R: 0.95, G: 0.8, B: 0.6}, windows: 1, winTop: 0.6, winBot: 0.3, winW: 0.2, wallDecor: wTiles,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kCounter, -0.45, 1.7, 0.5)
			st.backThing(kStove, 0.3, 1.7, 0.5)
			st.backThing(kFridge, 0.75, 1.8, 0.95)
			sc(kTable, 1, 1.3, 1.8, 0.44, 0.44, true)
		}},
	scene.SettingBedroom: {wall: raster.RGB{R: 206, G: 200, B: 222}, floorFar: raster.RGB{R: 150, G: 104, B: 70}, floorNear: raster.RGB{R: 126, G: 84, B: 54}, floor: gFloor,
		key: raster.Light{R: 1.0, G: 0.96, B: 0.92}, nightKey: raster.Light{R: 0.7, G: 0.66, B: 0.8}, windows: 1, winTop: 0.62, winBot: 0.22, winW: 0.22,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kBed, -0.3, 1.45, 0.42)
			st.backThing(kFloorLamp, 0.5, 1.6, 0.95)
			sc(kPlant, 1, 1.2, 2.0, 0.5, 0.6, true)
		}},
	scene.SettingLivingRoom: {wall: raster.RGB{R: 222, G: 204, B: 170}, floorFar: raster.RGB{R: 150, G: 100, B: 62}, floorNear: raster.RGB{R: 128, G: 82, B: 50}, floor: gFloor,
		key: raster.Light{R: 1.0, G: 0.95, B: 0.88}, nightKey: raster.Light{R: 0.92, G: 0.74, B: 0.54}, windows: 2, winTop: 0.62, winBot: 0.18, winW: 0.2,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kSofa, -0.25, 1.55, 0.5)
			st.backThing(kTV, 0.6, 1.8, 0.55)
			sc(kFloorLamp, 1, 1.3, 2.2, 0.95, 0.95, true)
			sc(kPlant, 1, 1.2, 2.2, 0.5, 0.7, true)
		}},
	scene.SettingBar: {wall: raster.RGB{R: 120, G: 78, B: 52}, floorFar: raster.RGB{R: 90, G: 60, B: 40}, floorNear: raster.RGB{R: 74, G: 48, B: 32}, floor: gFloor,
		key: raster.Light{R: 0.95, G: 0.78, B: 0.6}, nightKey: raster.Light{R: 0.85, G: 0.62, B: 0.42}, windows: 1, winTop: 0.55, winBot: 0.25, winW: 0.16,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kShelf, -0.1, 2.1, 0.9)
			st.backThing(kCounter, -0.1, 1.75, 0.5)
			for i := 0; i < 3; i++ {
				st.backThing(kStool, -0.6+0.5*float64(i), 1.45, 0.36)
			}
			sc(kTable, 2, 1.2, 2.0, 0.44, 0.44, true)
		}},
	scene.SettingHospital: {wall: raster.RGB{R: 200, G: 222, B: 210}, floorFar: raster.RGB{R: 190, G: 196, B: 192}, floorNear: raster.RGB{R: 170, G: 178, B: 174}, floor: gTiles,
		key: raster.Light{R: 0.96, G: 1.0, B: 1.02}, nightKey: raster.Light{R: 0.6, G: 0.72, B: 0.78}, windows: 1, winTop: 0.6, winBot: 0.25, winW: 0.24,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kHospitalBed, -0.3, 1.45, 0.45)
			st.backThing(kMonitor, 0.3, 1.55, 0.75)
			st.backThing(kCurtain, 0.75, 1.8, 1.05)
		}},
	scene.SettingClassroom: {wall: raster.RGB{R: 232, G: 220, B: 180}, floorFar: raster.RGB{R: 160, G: 120, B: 80}, floorNear: raster.RGB{R: 140, G: 100, B: 64}, floor: gFloor,
		key: raster.Light{R: 1.0, G: 1.0, B: 0.96}, nightKey: raster.Light{R: 0.8, G: 0.8, B: 0.8}, windows: 2, winTop: 0.62, winBot: 0.25, winW: 0.16,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kBlackboard, 0, 2.3, 0.75)
			for row := 0; row < 2; row++ {
				for i := 0; i < 3; i++ {
					st.backThing(kTable, -0.9+0.9*float64(i), 1.3+0.45*float64(row), 0.3)
				}
			}
		}},
	scene.SettingWarehouse: {wall: raster.RGB{R: 150, G: 152, B: 156}, floorFar: raster.RGB{R: 120, G: 120, B: 118}, floorNear: raster.RGB{R: 100, G: 100, B: 98}, floor: gPlain,
		key: raster.Light{R: 0.86, G: 0.9, B: 0.96}, nightKey: raster.Light{R: 0.5, G: 0.54, B: 0.62}, windows: 3, winTop: 0.95, winBot: 0.78, winW: 0.18,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kRack, -0.7, 2.3, 1.2)
			st.backThing(kRack, 0.7, 2.3, 1.2)
			sc(kCrate, 5, 1.3, 3.5, 0.3, 0.55, true)
			sc(kBarrel, 2, 1.3, 3, 0.35, 0.35, true)
		}},
	scene.SettingChurch: {wall: raster.RGB{R: 196, G: 186, B: 168}, floorFar: raster.RGB{R: 150, G: 144, B: 136}, floorNear: raster.RGB{R: 126, G: 120, B: 112}, floor: gStone,
		key: raster.Light{R: 0.9, G: 0.86, B: 0.8}, nightKey: raster.Light{R: 0.7, G: 0.56, B: 0.4}, windows: 3, winTop: 0.95, winBot: 0.35, winW: 0.09, arched: true, view: vColored, wallDecor: wStone,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kAltar, 0, 2.5, 0.5)
			for row := 0; row < 3; row++ {
				for _, side := range []float64{-1, 1} {
					st.backThing(kPew, side*0.75, 1.3+0.4*float64(row), 0.35)
				}
			}
		}},
	scene.SettingCastle: {wall: raster.RGB{R: 150, G: 144, B: 134}, floorFar: raster.RGB{R: 120, G: 112, B: 100}, floorNear: raster.RGB{R: 100, G: 92, B: 82}, floor: gStone,
		key: raster.Light{R: 0.9, G: 0.8, B: 0.68}, nightKey: raster.Light{R: 0.85, G: 0.62, B: 0.4}, windows: 2, winTop: 0.9, winBot: 0.45, winW: 0.08, arched: true, wallDecor: wStone,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kHearth, 0.55, 2.1, 0.6)
			st.backThing(kBanner, -0.5, 2.3, 0.9)
			st.backThing(kLongTable, -0.2, 1.5, 0.44)
		}},
	scene.SettingFarm: {wall: raster.RGB{R: 140, G: 96, B: 60}, floorFar: raster.RGB{R: 170, G: 150, B: 90}, floorNear: raster.RGB{R: 150, G: 126, B: 74}, floor: gPlain,
		key: raster.Light{R: 0.95, G: 0.86, B: 0.72}, nightKey: raster.Light{R: 0.7, G: 0.52, B: 0.34}, windows: 1, winTop: 0.7, winBot: 0.45, winW: 0.12, wallDecor: wPlanks,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			sc(kHay, 4, 1.3, 3.2, 0.35, 0.45, true)
			sc(kLamp, 1, 1.6, 2.5, 0.8, 0.8, true)
		}},
	scene.SettingAirport: {wall: raster.RGB{R: 210, G: 214, B: 220}, floorFar: raster.RGB{R: 200, G: 200, B: 204}, floorNear: raster.RGB{R: 176, G: 178, B: 184}, floor: gTiles,
		key: raster.Light{R: 1.0, G: 1.0, B: 1.02}, nightKey: raster.Light{R: 0.8, G: 0.8, B: 0.86}, windows: 3, winTop: 0.9, winBot: 0.02, winW: 0.3, view: vTarmac,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			sc(kSeatRow, 3, 1.4, 3, 0.4, 0.4, true)
		}},
	scene.SettingTrain: {wall: raster.RGB{R: 170, G: 160, B: 140}, floorFar: raster.RGB{R: 90, G: 84, B: 80}, floorNear: raster.RGB{R: 76, G: 70, B: 66}, floor: gPlain,
		key: raster.Light{R: 1.0, G: 0.98, B: 0.94}, nightKey: raster.Light{R: 0.85, G: 0.82, B: 0.7}, windows: 3, winTop: 0.6, winBot: 0.22, winW: 0.22, view: vLand, wallDecor: wPanels,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			for i := 0; i < 3; i++ {
				st.backThing(kSeatRow, -1.1+1.1*float64(i), 1.35, 0.4)
			}
		}},
	scene.SettingSubway: {wall: raster.RGB{R: 196, G: 200, B: 196}, floorFar: raster.RGB{R: 110, G: 112, B: 116}, floorNear: raster.RGB{R: 92, G: 94, B: 98}, floor: gPlain,
		key: raster.Light{R: 0.98, G: 1.0, B: 1.0}, nightKey: raster.Light{R: 0.9, G: 0.95, B: 0.95}, windows: 3, winTop: 0.6, winBot: 0.25, winW: 0.2, view: vTunnel, wallDecor: wPanels,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			for i := 0; i < 3; i++ {
				st.backThing(kSeatRow, -1.1+1.1*float64(i), 1.35, 0.4)
			}
		}},
	scene.SettingCave: {wall: raster.RGB{R: 92, G: 80, B: 70}, floorFar: raster.RGB{R: 80, G: 70, B: 62}, floorNear: raster.RGB{R: 66, G: 58, B: 52}, floor: gPlain,
		key: raster.Light{R: 0.55, G: 0.5, B: 0.46}, nightKey: raster.Light{R: 0.45, G: 0.4, B: 0.36}, wallDecor: wRock,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			sc(kRock, 6, 1.1, 4, 0.2, 0.6, true)
			sc(kStalagmite, 5, 1.3, 5, 0.5, 1.1, true)
		}},
}

// room builds an interior from its spec.
func (st *stage) room(spec roomSpec, r *rng.Rand, sc scatterFunc) {
	pal := &st.pal
	st.back = bWall
	wk := spec.key
	if pal.night || st.plan.Time == scene.Dusk {
		wk = spec.nightKey
	} else if st.plan.Time == scene.GoldenHour {
		wk = wk.Mix(raster.Light{R: 1.05, G: 0.82, B: 0.62}, 0.5)
	}
	pal.key = wk
	st.wall.top, st.wall.bot = spec.wall.Lit(wk).Scale(0.8), spec.wall.Lit(wk)
	st.wall.kind, st.wall.view, st.wall.arched = spec.wallDecor, spec.view, spec.arched
	for i := 0; i < spec.windows; i++ {
		cx := 0.0
		if spec.windows > 1 {
			cx = (float64(i)/float64(spec.windows-1) - 0.5) * 1.6
		}
		cx += r.Range(-0.05, 0.05)
		st.wall.windows = append(st.wall.windows, wallWindow{cx - spec.winW, cx + spec.winW, st.hzL - spec.winTop, st.hzL - spec.winBot})
	}
	g := &st.gr
	g.kind = spec.floor
	g.far, g.near, g.amp = spec.floorFar.Lit(wk), spec.floorNear.Lit(wk), 18
	g.seam = spec.floorNear.Lit(wk).Scale(0.65)
	if spec.view == vColored {
		for k := 0; k < 6; k++ {
			st.glass = append(st.glass, raster.HSV(float64(k)*60+20, 0.75, 0.95).Lit(wk))
		}
	}
	if spec.dress != nil {
		spec.dress(st, r, sc)
	}
	pal.rain, pal.snow, pal.fog = 0, 0, 0
}

// backThing stands a piece of furniture at layer x (frame heights across
// at the main subject's distance) and depth z (main-subject distances),
// size person heights tall.
func (st *stage) backThing(k thingKind, x, z, size float64) {
	// Rooms are smaller than the world outside: furniture stands a little
	// nearer and larger than its nominal place.
	z = (1 + (z-1)*0.7) * st.zScale()
	st.things = append(st.things, &thing{kind: k, x: x * z, z: z, size: size * 1.3, seed: st.seed ^ uint64(k)<<8 ^ uint64(len(st.things))})
}
