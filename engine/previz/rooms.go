package previz

import (
	"kino/engine/rng"
	"kino/engine/scene"
)

// roomSpec is how one kind of room looks: its walls, floor, light, windows
// and what stands in it.
type roomSpec struct {
	wall                rgb
	floorFar, floorNear rgb
	floor               groundKind // gFloor (planks), gPlain, gTiles, gStone
	key                 light      // the room's own light by day
	nightKey            light      // and after dark (lamps, candles)
	windows             int        // how many
	winTop, winBot      float64    // window top and bottom, frame heights above the horizon
	winW                float64    // window half width
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
	scene.SettingKitchen: {wall: rgb{226, 222, 206}, floorFar: rgb{176, 170, 160}, floorNear: rgb{150, 144, 134}, floor: gTiles,
		key: light{1.02, 1.0, 0.95}, nightKey: light{0.95, 0.8, 0.6}, windows: 1, winTop: 0.6, winBot: 0.3, winW: 0.2, wallDecor: wTiles,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kCounter, -0.45, 1.7, 0.5)
			st.backThing(kStove, 0.3, 1.7, 0.5)
			st.backThing(kFridge, 0.75, 1.8, 0.95)
			sc(kTable, 1, 1.3, 1.8, 0.44, 0.44, true)
		}},
	scene.SettingBedroom: {wall: rgb{206, 200, 222}, floorFar: rgb{150, 104, 70}, floorNear: rgb{126, 84, 54}, floor: gFloor,
		key: light{1.0, 0.96, 0.92}, nightKey: light{0.7, 0.66, 0.8}, windows: 1, winTop: 0.62, winBot: 0.22, winW: 0.22,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kBed, -0.3, 1.45, 0.42)
			st.backThing(kFloorLamp, 0.5, 1.6, 0.95)
			sc(kPlant, 1, 1.2, 2.0, 0.5, 0.6, true)
		}},
	scene.SettingLivingRoom: {wall: rgb{222, 204, 170}, floorFar: rgb{150, 100, 62}, floorNear: rgb{128, 82, 50}, floor: gFloor,
		key: light{1.0, 0.95, 0.88}, nightKey: light{0.92, 0.74, 0.54}, windows: 2, winTop: 0.62, winBot: 0.18, winW: 0.2,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kSofa, -0.25, 1.55, 0.5)
			st.backThing(kTV, 0.6, 1.8, 0.55)
			sc(kFloorLamp, 1, 1.3, 2.2, 0.95, 0.95, true)
			sc(kPlant, 1, 1.2, 2.2, 0.5, 0.7, true)
		}},
	scene.SettingBar: {wall: rgb{120, 78, 52}, floorFar: rgb{90, 60, 40}, floorNear: rgb{74, 48, 32}, floor: gFloor,
		key: light{0.95, 0.78, 0.6}, nightKey: light{0.85, 0.62, 0.42}, windows: 1, winTop: 0.55, winBot: 0.25, winW: 0.16,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kShelf, -0.1, 2.1, 0.9)
			st.backThing(kCounter, -0.1, 1.75, 0.5)
			for i := 0; i < 3; i++ {
				st.backThing(kStool, -0.6+0.5*float64(i), 1.45, 0.36)
			}
			sc(kTable, 2, 1.2, 2.0, 0.44, 0.44, true)
		}},
	scene.SettingHospital: {wall: rgb{200, 222, 210}, floorFar: rgb{190, 196, 192}, floorNear: rgb{170, 178, 174}, floor: gTiles,
		key: light{0.96, 1.0, 1.02}, nightKey: light{0.6, 0.72, 0.78}, windows: 1, winTop: 0.6, winBot: 0.25, winW: 0.24,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kHospitalBed, -0.3, 1.45, 0.45)
			st.backThing(kMonitor, 0.3, 1.55, 0.75)
			st.backThing(kCurtain, 0.75, 1.8, 1.05)
		}},
	scene.SettingClassroom: {wall: rgb{232, 220, 180}, floorFar: rgb{160, 120, 80}, floorNear: rgb{140, 100, 64}, floor: gFloor,
		key: light{1.0, 1.0, 0.96}, nightKey: light{0.8, 0.8, 0.8}, windows: 2, winTop: 0.62, winBot: 0.25, winW: 0.16,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kBlackboard, 0, 2.3, 0.75)
			for row := 0; row < 2; row++ {
				for i := 0; i < 3; i++ {
					st.backThing(kTable, -0.9+0.9*float64(i), 1.3+0.45*float64(row), 0.3)
				}
			}
		}},
	scene.SettingWarehouse: {wall: rgb{150, 152, 156}, floorFar: rgb{120, 120, 118}, floorNear: rgb{100, 100, 98}, floor: gPlain,
		key: light{0.86, 0.9, 0.96}, nightKey: light{0.5, 0.54, 0.62}, windows: 3, winTop: 0.95, winBot: 0.78, winW: 0.18,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kRack, -0.7, 2.3, 1.2)
			st.backThing(kRack, 0.7, 2.3, 1.2)
			sc(kCrate, 5, 1.3, 3.5, 0.3, 0.55, true)
			sc(kBarrel, 2, 1.3, 3, 0.35, 0.35, true)
		}},
	scene.SettingChurch: {wall: rgb{196, 186, 168}, floorFar: rgb{150, 144, 136}, floorNear: rgb{126, 120, 112}, floor: gStone,
		key: light{0.9, 0.86, 0.8}, nightKey: light{0.7, 0.56, 0.4}, windows: 3, winTop: 0.95, winBot: 0.35, winW: 0.09, arched: true, view: vColored, wallDecor: wStone,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kAltar, 0, 2.5, 0.5)
			for row := 0; row < 3; row++ {
				for _, side := range []float64{-1, 1} {
					st.backThing(kPew, side*0.75, 1.3+0.4*float64(row), 0.35)
				}
			}
		}},
	scene.SettingCastle: {wall: rgb{150, 144, 134}, floorFar: rgb{120, 112, 100}, floorNear: rgb{100, 92, 82}, floor: gStone,
		key: light{0.9, 0.8, 0.68}, nightKey: light{0.85, 0.62, 0.4}, windows: 2, winTop: 0.9, winBot: 0.45, winW: 0.08, arched: true, wallDecor: wStone,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			st.backThing(kHearth, 0.55, 2.1, 0.6)
			st.backThing(kBanner, -0.5, 2.3, 0.9)
			st.backThing(kLongTable, -0.2, 1.5, 0.44)
		}},
	scene.SettingFarm: {wall: rgb{140, 96, 60}, floorFar: rgb{170, 150, 90}, floorNear: rgb{150, 126, 74}, floor: gPlain,
		key: light{0.95, 0.86, 0.72}, nightKey: light{0.7, 0.52, 0.34}, windows: 1, winTop: 0.7, winBot: 0.45, winW: 0.12, wallDecor: wPlanks,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			sc(kHay, 4, 1.3, 3.2, 0.35, 0.45, true)
			sc(kLamp, 1, 1.6, 2.5, 0.8, 0.8, true)
		}},
	scene.SettingAirport: {wall: rgb{210, 214, 220}, floorFar: rgb{200, 200, 204}, floorNear: rgb{176, 178, 184}, floor: gTiles,
		key: light{1.0, 1.0, 1.02}, nightKey: light{0.8, 0.8, 0.86}, windows: 3, winTop: 0.9, winBot: 0.02, winW: 0.3, view: vTarmac,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			sc(kSeatRow, 3, 1.4, 3, 0.4, 0.4, true)
		}},
	scene.SettingTrain: {wall: rgb{170, 160, 140}, floorFar: rgb{90, 84, 80}, floorNear: rgb{76, 70, 66}, floor: gPlain,
		key: light{1.0, 0.98, 0.94}, nightKey: light{0.85, 0.82, 0.7}, windows: 3, winTop: 0.6, winBot: 0.22, winW: 0.22, view: vLand, wallDecor: wPanels,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			for i := 0; i < 3; i++ {
				st.backThing(kSeatRow, -1.1+1.1*float64(i), 1.35, 0.4)
			}
		}},
	scene.SettingSubway: {wall: rgb{196, 200, 196}, floorFar: rgb{110, 112, 116}, floorNear: rgb{92, 94, 98}, floor: gPlain,
		key: light{0.98, 1.0, 1.0}, nightKey: light{0.9, 0.95, 0.95}, windows: 3, winTop: 0.6, winBot: 0.25, winW: 0.2, view: vTunnel, wallDecor: wPanels,
		dress: func(st *stage, r *rng.Rand, sc scatterFunc) {
			for i := 0; i < 3; i++ {
				st.backThing(kSeatRow, -1.1+1.1*float64(i), 1.35, 0.4)
			}
		}},
	scene.SettingCave: {wall: rgb{92, 80, 70}, floorFar: rgb{80, 70, 62}, floorNear: rgb{66, 58, 52}, floor: gPlain,
		key: light{0.55, 0.5, 0.46}, nightKey: light{0.45, 0.4, 0.36}, wallDecor: wRock,
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
		wk = wk.mix(light{1.05, 0.82, 0.62}, 0.5)
	}
	pal.key = wk
	st.wall.top, st.wall.bot = spec.wall.lit(wk).scale(0.8), spec.wall.lit(wk)
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
	g.far, g.near, g.amp = spec.floorFar.lit(wk), spec.floorNear.lit(wk), 18
	g.seam = spec.floorNear.lit(wk).scale(0.65)
	if spec.view == vColored {
		for k := 0; k < 6; k++ {
			st.glass = append(st.glass, hsv(float64(k)*60+20, 0.75, 0.95).lit(wk))
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
