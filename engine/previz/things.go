package previz

import (
	"math"

	"kino/engine/scene"
)

// thing is anything standing on the ground (or flying over it): scenery,
// props, people, cameos and animals. x is its world position across (at
// depth z, in frame heights at the main subject's distance), z its depth
// (1: the main subject's distance; 2: twice as far), size its height in
// standing-person heights.
type thing struct {
	kind   thingKind
	name   string
	detail string
	x, z   float64
	size   float64
	air    float64 // height above the ground, person heights
	seed   uint64
	wrap   bool // scenery repeats across under long camera moves
	c      [3]rgb
	color  string // the colour the prompt gave it ("red")
	act    *actor // people, cameos and animals
	heldBy *actor
}

type thingKind uint8

const (
	kPerson thingKind = iota
	kCameo
	kAnimal
	kTree
	kPine
	kPalm
	kBush
	kRock
	kLamp
	kCactus
	kKelp
	kCoral
	kSofa
	kFloorLamp
	kPlant
	kDesk
	kSpeaker
	kBench
	kCar
	kBoat
	kBicycle
	kTent
	kCampfire
	kSnowman
	kPiano
	kTable
	kChair
	kUmbrella
	kBall
	kSurfboard
	kLantern
	kMicStand
	kBox
	// Furniture of the rooms screenplays use (furniture.go).
	kCounter
	kStove
	kFridge
	kBed
	kTV
	kShelf
	kStool
	kHospitalBed
	kMonitor
	kCurtain
	kBlackboard
	kRack
	kCrate
	kBarrel
	kAltar
	kPew
	kHearth
	kBanner
	kLongTable
	kHay
	kSeatRow
	kStalagmite
	// Outdoor scenery (outthings.go).
	kCrane
	kBollard
	kReeds
	kRailPost
	kPole
	kBarn
	kWindmill
	kFence
	kTorch
	kGravestone
	kTowerCtl
	kChimney
	kAntenna
	kVent
	kFern
	kStatue
	kStall
	kLighthouse
	// Vehicles (vehicles.go).
	kTruck
	kBus
	kTaxi
	kPoliceCar
	kTractor
	kMotorcycle
	kShip
	kTrain
	kPlane
	kHelicopter
	kBlaze // a fire burning on the ground
)

// propKinds maps the plan's prop names to what is drawn.
var propKinds = map[string]thingKind{
	"car": kCar, "boat": kBoat, "bicycle": kBicycle, "tent": kTent, "campfire": kCampfire,
	"snowman": kSnowman, "piano": kPiano, "table": kTable, "chair": kChair, "bench": kBench,
	"umbrella": kUmbrella, "ball": kBall, "surfboard": kSurfboard, "lantern": kLantern,
	"microphone": kMicStand, "palm tree": kPalm, "tree": kTree,
	"truck": kTruck, "bus": kBus, "taxi": kTaxi, "police car": kPoliceCar, "tractor": kTractor,
	"motorcycle": kMotorcycle, "ship": kShip, "train": kTrain, "plane": kPlane, "helicopter": kHelicopter,
	"crate": kCrate, "barrel": kBarrel, "lamp": kLamp, "lighthouse": kLighthouse, "crane": kCrane,
	"gravestone": kGravestone, "statue": kStatue, "stall": kStall, "desk": kDesk,
}

// propSize is a standing prop's height in person heights.
var propSize = map[thingKind]float64{
	kCar: 0.85, kBoat: 1.0, kBicycle: 0.6, kTent: 0.8, kCampfire: 0.3, kSnowman: 0.95,
	kPiano: 0.62, kTable: 0.44, kChair: 0.52, kBench: 0.5, kUmbrella: 1.3, kBall: 0.13,
	kSurfboard: 1.1, kLantern: 0.2, kMicStand: 0.9, kPalm: 2.2, kTree: 2.6, kBox: 0.3,
	kTruck: 1.15, kBus: 1.35, kTaxi: 0.85, kPoliceCar: 0.85, kTractor: 1.0, kMotorcycle: 0.65,
	kShip: 2.4, kTrain: 1.5, kPlane: 1.6, kHelicopter: 1.0, kCrate: 0.45, kBarrel: 0.5, kLamp: 2.3,
	kLighthouse: 5, kCrane: 7, kGravestone: 0.4, kStatue: 1.6, kStall: 1.2, kDesk: 0.45,
}

// lit returns a colour under the clip's key light.
func (fs *frameState) lit(c rgb) rgb { return c.lit(fs.st.pal.subj) }

// thingOps draws every ground thing, far to near, and its contact shadow.
func (fs *frameState) thingOps() {
	st := fs.st
	w, h := float64(st.w), float64(st.h)
	for _, t := range st.things {
		if t.heldBy != nil || t.act != nil && t.act.inCar {
			continue // drawn in its holder's hand, or in the car (overlayOps)
		}
		x, air := t.x, t.air
		if t.act != nil {
			x, air = t.act.pos(fs, t)
		}
		sx, sy, ph := fs.place(x, t.z, air, t.wrap)
		s := ph * t.size
		reach := s*1.6 + ph*0.5
		if kw := s * 1.6; t.kind == kCar || t.kind == kBoat || t.kind == kPiano {
			reach = math.Max(reach, kw*2)
		}
		if sx+reach < 0 || sx-reach > w || sy-reach > h+reach || sy+reach < 0 || s < 0.5 {
			continue
		}
		if air == 0 && st.back != bWater && t.kind != kBoat && s > 2 {
			_, gy, _ := fs.place(x, t.z, 0, t.wrap)
			fs.grnd.ellipse(sx, gy, math.Max(s*0.22, ph*0.12), math.Max(1, s*0.025), rgb{0, 0, 0}, 0.22)
		}
		fs.groundY = sy
		if air > 0 {
			_, fs.groundY, _ = fs.place(x, t.z, 0, t.wrap)
		}
		fs.drawThing(t, sx, sy, ph)
	}
}

// drawThing emits the shapes of one thing standing at (sx, sy) with ph
// pixels per person height.
func (fs *frameState) drawThing(t *thing, sx, sy, ph float64) {
	st := fs.st
	l := &fs.subj
	S := ph * t.size
	tm := fs.t
	night := st.pal.night || st.back == bStage
	switch t.kind {
	case kPerson, kCameo:
		fs.drawPerson(t, sx, sy, ph)
	case kAnimal:
		fs.drawAnimal(t, sx, sy, ph)
	case kTree:
		trunk := fs.lit(rgb{92, 66, 44})
		l.capsule(sx, sy, sx, sy-0.5*S, 0.035*S, trunk, 1)
		g1, g2 := fs.lit(rgb{58, 110, 50}), fs.lit(rgb{42, 88, 40})
		l.ellipse(sx-0.12*S, sy-0.62*S, 0.2*S, 0.17*S, g2, 1)
		l.ellipse(sx+0.13*S, sy-0.64*S, 0.2*S, 0.18*S, g2, 1)
		l.ellipse(sx, sy-0.78*S, 0.24*S, 0.2*S, g1, 1)
	case kPine:
		l.capsule(sx, sy, sx, sy-0.2*S, 0.03*S, fs.lit(rgb{80, 56, 40}), 1)
		g := fs.lit(rgb{30, 74, 48})
		tip := g
		if t.c[0] != (rgb{}) {
			tip = fs.lit(t.c[0])
		}
		for k := 0; k < 3; k++ {
			y0 := sy - (0.15+0.25*float64(k))*S
			wd := (0.28 - 0.07*float64(k)) * S
			c := g
			if k == 2 {
				c = tip
			}
			l.poly(c, 1, false, pt{sx - wd, y0}, pt{sx + wd, y0}, pt{sx, y0 - 0.42*S})
		}
	case kPalm:
		trunk := fs.lit(rgb{120, 92, 60})
		lean := 0.18 * S
		if hashf(t.seed) < 0.5 {
			lean = -lean
		}
		px, py := sx, sy
		for k := 1; k <= 5; k++ {
			f := float64(k) / 5
			nx, ny := sx+lean*f*f, sy-S*f
			l.capsule(px, py, nx, ny, 0.028*S*(1.2-0.4*f), trunk, 1)
			px, py = nx, ny
		}
		leaf := fs.lit(rgb{40, 110, 52})
		sway := 0.04 * math.Sin(tm*1.3+float64(t.seed%100))
		for k := 0; k < 7; k++ {
			a := -math.Pi/2 + (float64(k)-3)*0.5 + sway
			l1x, l1y := px+math.Cos(a)*0.22*S, py+math.Sin(a)*0.22*S
			l2x, l2y := px+math.Cos(a)*0.38*S, py+math.Sin(a)*0.22*S+0.14*S
			l.capsule(px, py, l1x, l1y, 0.03*S, leaf, 1)
			l.capsule(l1x, l1y, l2x, l2y, 0.018*S, leaf, 1)
		}
	case kBush:
		g := fs.lit(rgb{54, 104, 46})
		l.ellipse(sx-0.3*S, sy-0.35*S, 0.45*S, 0.38*S, g.scale(0.85), 1)
		l.ellipse(sx+0.25*S, sy-0.4*S, 0.45*S, 0.42*S, g, 1)
	case kRock:
		c := fs.lit(rgb{120, 116, 110})
		if st.back == bSpace {
			c = fs.lit(rgb{140, 138, 136})
		}
		l.poly(c, 1, false, pt{sx - 0.9*S, sy}, pt{sx - 0.6*S, sy - 0.8*S}, pt{sx + 0.1*S, sy - S}, pt{sx + 0.8*S, sy - 0.5*S}, pt{sx + 1.0*S, sy})
		l.poly(c.scale(1.15), 0.8, false, pt{sx - 0.55*S, sy - 0.75*S}, pt{sx + 0.1*S, sy - 0.95*S}, pt{sx - 0.1*S, sy - 0.5*S})
	case kLamp:
		pole := fs.lit(rgb{40, 42, 48})
		l.capsule(sx, sy, sx, sy-S, 0.012*S, pole, 1)
		l.capsule(sx, sy-S, sx-math.Copysign(0.12*S, t.x), sy-S, 0.01*S, pole, 1)
		hx := sx - math.Copysign(0.12*S, t.x)
		if night || st.plan.Time == scene.Dusk {
			l.ellipse(hx, sy-0.985*S, 0.04*S, 0.02*S, rgb{255, 236, 180}, 1)
			fs.front.glow(hx, sy-0.97*S, 0.35*S, rgb{255, 200, 120}, 0.5)
			fs.grnd.ellipse(hx, sy, 0.5*S, 0.08*S, rgb{120, 96, 60}, 0.35)
		} else {
			l.ellipse(hx, sy-0.985*S, 0.04*S, 0.02*S, pole, 1)
		}
	case kCactus:
		c := fs.lit(rgb{70, 128, 70})
		r := 0.07 * S
		l.capsule(sx, sy, sx, sy-S+r, r, c, 1)
		l.capsule(sx-r, sy-0.45*S, sx-0.25*S, sy-0.45*S, r*0.7, c, 1)
		l.capsule(sx-0.25*S, sy-0.45*S, sx-0.25*S, sy-0.72*S, r*0.7, c, 1)
		l.capsule(sx+r, sy-0.6*S, sx+0.22*S, sy-0.6*S, r*0.7, c, 1)
		l.capsule(sx+0.22*S, sy-0.6*S, sx+0.22*S, sy-0.82*S, r*0.7, c, 1)
	case kKelp:
		c := fs.lit(rgb{60, 110, 60})
		px, py := sx, sy
		ph0 := float64(t.seed%1000) / 100
		for k := 1; k <= 8; k++ {
			f := float64(k) / 8
			nx := sx + 0.12*S*f*math.Sin(tm*1.1+ph0+f*3)
			ny := sy - S*f
			l.capsule(px, py, nx, ny, 0.025*S*(1.3-f), c, 1)
			px, py = nx, ny
		}
	case kCoral:
		c := hsv(float64(t.seed%360), 0.55, 0.9).lit(st.pal.subj)
		for k := 0; k < 5; k++ {
			a := -math.Pi/2 + (float64(k)-2)*0.35
			ex, ey := sx+math.Cos(a)*S, sy+math.Sin(a)*S
			l.capsule(sx, sy, ex, ey, 0.08*S, c, 1)
			l.disc(ex, ey, 0.12*S, c.scale(1.1), 1)
		}
	case kSofa:
		c := hsv(float64(t.seed%360), 0.35, 0.55).lit(st.pal.subj)
		W := S * 2.2
		l.rect(sx-W/2, sy-0.9*S, sx+W/2, sy-0.35*S, c.scale(0.85), 1)
		l.rect(sx-W/2, sy-0.5*S, sx+W/2, sy-0.1*S, c, 1)
		l.rect(sx-W/2-0.15*S, sy-0.7*S, sx-W/2+0.1*S, sy-0.1*S, c.scale(0.9), 1)
		l.rect(sx+W/2-0.1*S, sy-0.7*S, sx+W/2+0.15*S, sy-0.1*S, c.scale(0.9), 1)
	case kFloorLamp:
		pole := fs.lit(rgb{50, 46, 44})
		l.capsule(sx, sy, sx, sy-0.85*S, 0.012*S, pole, 1)
		shade := fs.lit(rgb{236, 220, 190})
		l.poly(shade, 1, false, pt{sx - 0.07*S, sy - 0.82*S}, pt{sx + 0.07*S, sy - 0.82*S}, pt{sx + 0.045*S, sy - S}, pt{sx - 0.045*S, sy - S})
		if night {
			fs.front.glow(sx, sy-0.9*S, 0.6*S, rgb{255, 190, 110}, 0.45)
		}
	case kPlant:
		l.poly(fs.lit(rgb{170, 90, 60}), 1, false, pt{sx - 0.18*S, sy - 0.35*S}, pt{sx + 0.18*S, sy - 0.35*S}, pt{sx + 0.13*S, sy}, pt{sx - 0.13*S, sy})
		g := fs.lit(rgb{50, 120, 60})
		for k := 0; k < 5; k++ {
			a := -math.Pi/2 + (float64(k)-2)*0.45
			l.capsule(sx, sy-0.35*S, sx+math.Cos(a)*0.6*S, sy-0.35*S+math.Sin(a)*0.65*S, 0.06*S, g, 1)
		}
	case kDesk:
		top := fs.lit(rgb{170, 150, 120})
		W := S * 2.6
		l.rect(sx-W/2, sy-S, sx+W/2, sy-0.92*S, top, 1)
		l.rect(sx-W/2+0.05*S, sy-0.92*S, sx-W/2+0.12*S, sy, top.scale(0.7), 1)
		l.rect(sx+W/2-0.12*S, sy-0.92*S, sx+W/2-0.05*S, sy, top.scale(0.7), 1)
		l.rect(sx-0.04*S, sy-1.2*S, sx+0.04*S, sy-S, rgb{30, 30, 34}, 1)
		l.rect(sx-0.5*S, sy-1.75*S, sx+0.5*S, sy-1.15*S, rgb{24, 24, 28}, 1)
		l.rect(sx-0.45*S, sy-1.7*S, sx+0.45*S, sy-1.2*S, rgb{120, 170, 230}, 1)
		if night {
			fs.front.glow(sx, sy-1.45*S, 0.9*S, rgb{90, 140, 220}, 0.3)
		}
	case kSpeaker:
		c := rgb{26, 24, 28}
		l.rect(sx-0.35*S, sy-S, sx+0.35*S, sy, c, 1)
		l.rect(sx-0.35*S, sy-2*S, sx+0.35*S, sy-S-0.02*S, c, 1)
		for k := 0; k < 2; k++ {
			y := sy - (0.5+float64(k))*S
			l.disc(sx, y, 0.22*S, rgb{60, 58, 64}, 1)
			l.disc(sx, y, 0.08*S, rgb{14, 14, 16}, 1)
		}
	case kBench:
		wood := fs.lit(rgb{130, 92, 58})
		W := S * 2.4
		l.rect(sx-W/2, sy-0.5*S, sx+W/2, sy-0.42*S, wood, 1)
		l.rect(sx-W/2, sy-1.0*S, sx+W/2, sy-0.85*S, wood, 1)
		iron := rgb{34, 34, 38}
		for _, f := range []float64{-0.42, 0.42} {
			l.rect(sx+f*W-0.03*S, sy-S, sx+f*W+0.03*S, sy, iron, 1)
		}
	case kCar:
		fs.drawCar(t, sx, sy, S)
	case kBoat:
		fs.drawBoat(t, sx, sy, S)
	case kBicycle:
		c := hsv(float64(t.seed%360), 0.7, 0.8).lit(st.pal.subj)
		r := 0.28 * S
		wx := 0.9 * S
		for _, f := range []float64{-1, 1} {
			l.disc(sx+f*wx/2, sy-r, r, rgb{20, 20, 22}, 1)
			l.disc(sx+f*wx/2, sy-r, r*0.82, fs.lit(rgb{150, 150, 150}), 0.35)
		}
		l.capsule(sx-wx/2, sy-r, sx, sy-r, 0.025*S, c, 1)
		l.capsule(sx, sy-r, sx+0.1*S, sy-0.85*S, 0.025*S, c, 1)
		l.capsule(sx-wx/2, sy-r, sx-0.1*S, sy-0.8*S, 0.025*S, c, 1)
		l.capsule(sx-0.1*S, sy-0.8*S, sx+0.35*S, sy-0.85*S, 0.025*S, c, 1)
		l.capsule(sx+0.35*S, sy-0.85*S, sx+wx/2, sy-r, 0.025*S, c, 1)
	case kTent:
		c := hsv(float64(t.seed%360), 0.6, 0.75).lit(st.pal.subj)
		l.poly(c, 1, false, pt{sx - 0.9*S, sy}, pt{sx + 0.9*S, sy}, pt{sx, sy - S})
		l.poly(c.scale(0.5), 1, false, pt{sx - 0.2*S, sy}, pt{sx + 0.2*S, sy}, pt{sx, sy - 0.6*S})
	case kCampfire:
		wood := fs.lit(rgb{90, 60, 36})
		l.capsule(sx-0.5*S, sy, sx+0.5*S, sy-0.2*S, 0.08*S, wood, 1)
		l.capsule(sx+0.5*S, sy, sx-0.5*S, sy-0.2*S, 0.08*S, wood, 1)
		for k := 0; k < 3; k++ {
			f := 0.8 + 0.25*math.Sin(tm*9+float64(k)*2.1) + 0.15*math.Sin(tm*23+float64(k))
			fx := sx + (float64(k)-1)*0.2*S
			fs.fore.poly(rgb{255, 140, 40}, 0.9, true, pt{fx - 0.22*S, sy - 0.1*S}, pt{fx + 0.22*S, sy - 0.1*S}, pt{fx + 0.04*S*math.Sin(tm*7+float64(k)), sy - (0.9+0.5*f)*S})
		}
		fs.fore.poly(rgb{255, 230, 150}, 0.9, true, pt{sx - 0.15*S, sy - 0.1*S}, pt{sx + 0.15*S, sy - 0.1*S}, pt{sx, sy - 0.8*S})
		fs.front.glow(sx, sy-0.4*S, 4*S, rgb{255, 130, 50}, 0.35+0.08*math.Sin(tm*11))
	case kSnowman:
		snow := fs.lit(rgb{244, 246, 252})
		l.disc(sx, sy-0.22*S, 0.24*S, snow, 1)
		l.disc(sx, sy-0.58*S, 0.18*S, snow, 1)
		l.disc(sx, sy-0.85*S, 0.13*S, snow, 1)
		l.disc(sx-0.045*S, sy-0.88*S, 0.018*S, rgb{20, 20, 20}, 1)
		l.disc(sx+0.045*S, sy-0.88*S, 0.018*S, rgb{20, 20, 20}, 1)
		l.poly(rgb{240, 120, 30}, 1, false, pt{sx, sy - 0.86*S}, pt{sx, sy - 0.83*S}, pt{sx + 0.12*S, sy - 0.85*S})
		l.rect(sx-0.12*S, sy-1.0*S, sx+0.12*S, sy-0.96*S, rgb{20, 20, 24}, 1)
		l.rect(sx-0.08*S, sy-1.14*S, sx+0.08*S, sy-0.97*S, rgb{20, 20, 24}, 1)
	case kPiano:
		body := rgb{16, 14, 16}
		W := 1.6 * S
		l.rect(sx-W/2, sy-S, sx+W/2, sy-0.45*S, body, 1)
		l.rect(sx-W/2+0.05*S, sy-0.6*S, sx+W/2-0.05*S, sy-0.5*S, fs.lit(rgb{240, 240, 236}), 1)
		l.rect(sx-W/2+0.05*S, sy-0.45*S, sx-W/2+0.15*S, sy, body, 1)
		l.rect(sx+W/2-0.15*S, sy-0.45*S, sx+W/2-0.05*S, sy, body, 1)
	case kTable:
		top := fs.lit(rgb{150, 110, 72})
		W := 2.2 * S
		l.rect(sx-W/2, sy-S, sx+W/2, sy-0.9*S, top, 1)
		l.rect(sx-W/2+0.05*S, sy-0.9*S, sx-W/2+0.15*S, sy, top.scale(0.7), 1)
		l.rect(sx+W/2-0.15*S, sy-0.9*S, sx+W/2-0.05*S, sy, top.scale(0.7), 1)
	case kChair:
		c := fs.lit(rgb{120, 86, 56})
		l.rect(sx-0.35*S, sy-0.5*S, sx+0.35*S, sy-0.42*S, c, 1)
		l.rect(sx+0.27*S, sy-S, sx+0.35*S, sy, c, 1)
		l.rect(sx-0.35*S, sy-0.5*S, sx-0.27*S, sy, c, 1)
	case kUmbrella:
		c := hsv(float64(t.seed%360), 0.75, 0.9).lit(st.pal.subj)
		l.capsule(sx, sy, sx+0.05*S, sy-0.85*S, 0.012*S, rgb{230, 230, 230}, 1)
		cx, cy := sx+0.05*S, sy-0.85*S
		var pts [9]pt
		for k := range pts {
			a := math.Pi + math.Pi*float64(k)/8
			pts[k] = pt{cx + math.Cos(a)*0.7*S, cy + math.Sin(a)*0.25*S}
		}
		l.poly(c, 1, false, pts[:]...)
	case kBall:
		c := hsv(float64(t.seed%360), 0.8, 0.95).lit(st.pal.subj)
		bounce := math.Abs(math.Sin(tm*3+float64(t.seed%10))) * 1.5 * S
		l.disc(sx, sy-S/2-bounce, S/2, c, 1)
		l.disc(sx-0.15*S, sy-0.65*S-bounce, 0.12*S, rgb{255, 255, 255}, 0.5)
	case kSurfboard:
		c := hsv(float64(t.seed%360), 0.6, 0.95).lit(st.pal.subj)
		l.ellipse(sx, sy-S/2, 0.13*S, S/2, c, 1)
		l.capsule(sx, sy-0.9*S, sx, sy-0.1*S, 0.015*S, rgb{255, 255, 255}, 0.8)
	case kLantern:
		l.rect(sx-0.3*S, sy-S, sx+0.3*S, sy, rgb{40, 36, 30}, 1)
		l.rect(sx-0.22*S, sy-0.85*S, sx+0.22*S, sy-0.15*S, rgb{255, 210, 120}, 1)
		fs.front.glow(sx, sy-0.5*S, 3*S, rgb{255, 180, 90}, 0.5)
	case kMicStand:
		c := rgb{30, 30, 34}
		l.capsule(sx, sy, sx, sy-S, 0.012*S, c, 1)
		l.capsule(sx-0.15*S, sy, sx+0.15*S, sy, 0.015*S, c, 1)
		l.ellipse(sx, sy-S, 0.035*S, 0.05*S, rgb{70, 70, 76}, 1)
	default:
		if fs.drawFurniture(t, sx, sy, S) || fs.drawOutdoor(t, sx, sy, S) || fs.drawVehicle(t, sx, sy, S) {
			return
		}
		c := fs.thingColor(t, hsv(float64(t.seed%360), 0.4, 0.7))
		l.rect(sx-0.5*S, sy-S, sx+0.5*S, sy, c, 1)
		l.rect(sx-0.5*S, sy-S, sx+0.5*S, sy-0.85*S, c.scale(1.2), 1)
	}
}

// thingColor is a thing's colour: the one the prompt gave it, else def,
// under the subjects' light.
func (fs *frameState) thingColor(t *thing, def rgb) rgb {
	if c, ok := namedColor(t.color); ok {
		def = c
	}
	return def.lit(fs.st.pal.subj)
}

// drawCar draws a side-on car, wheels turning if it moves.
func (fs *frameState) drawCar(t *thing, sx, sy, S float64) {
	l := &fs.subj
	st := fs.st
	c := hsv(float64(t.seed%360), 0.7, 0.75).lit(st.pal.subj)
	L := 2.7 * S
	wr := 0.2 * S
	l.rect(sx-L/2, sy-0.62*S, sx+L/2, sy-wr*0.9, c, 1)
	l.poly(c, 1, false, pt{sx - 0.3*L, sy - 0.6*S}, pt{sx + 0.25*L, sy - 0.6*S}, pt{sx + 0.15*L, sy - S}, pt{sx - 0.22*L, sy - S})
	glass := fs.lit(rgb{150, 190, 220})
	l.poly(glass, 1, false, pt{sx - 0.24*L, sy - 0.64*S}, pt{sx - 0.03*L, sy - 0.64*S}, pt{sx - 0.03*L, sy - 0.94*S}, pt{sx - 0.18*L, sy - 0.94*S})
	l.poly(glass, 1, false, pt{sx + 0.0*L, sy - 0.64*S}, pt{sx + 0.2*L, sy - 0.64*S}, pt{sx + 0.12*L, sy - 0.94*S}, pt{sx + 0.0*L, sy - 0.94*S})
	for _, f := range []float64{-0.32, 0.32} {
		l.disc(sx+f*L, sy-wr, wr, rgb{18, 18, 20}, 1)
		l.disc(sx+f*L, sy-wr, wr*0.5, fs.lit(rgb{170, 170, 176}), 1)
	}
	if st.pal.night || st.plan.Time == scene.Dusk {
		fs.front.glow(sx+L/2, sy-0.45*S, 1.2*S, rgb{255, 240, 200}, 0.6)
		fs.front.glow(sx-L/2, sy-0.45*S, 0.5*S, rgb{255, 40, 30}, 0.5)
	}
}

// drawBoat draws a sailing boat bobbing on the water.
func (fs *frameState) drawBoat(t *thing, sx, sy, S float64) {
	l := &fs.subj
	st := fs.st
	bob := 0.03 * S * math.Sin(fs.t*1.6+float64(t.seed%10))
	sy += bob
	hull := fs.lit(rgb{240, 240, 236})
	L := 1.8 * S
	l.poly(hull, 1, false, pt{sx - L/2, sy - 0.25*S}, pt{sx + L/2, sy - 0.25*S}, pt{sx + 0.35*L, sy}, pt{sx - 0.4*L, sy})
	l.capsule(sx, sy-0.25*S, sx, sy-1.6*S, 0.015*S, fs.lit(rgb{120, 90, 60}), 1)
	sail := fs.lit(rgb{250, 248, 240})
	l.poly(sail, 1, false, pt{sx + 0.03*S, sy - 0.35*S}, pt{sx + 0.03*S, sy - 1.55*S}, pt{sx + 0.55*S, sy - 0.35*S})
	l.poly(hsv(float64(t.seed%360), 0.6, 0.8).lit(st.pal.subj), 1, false, pt{sx - 0.03*S, sy - 0.4*S}, pt{sx - 0.03*S, sy - 1.3*S}, pt{sx - 0.4*S, sy - 0.4*S})
}
