package previz

import (
	"math"

	"kino/engine/previz/raster"
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
	c      [3]raster.RGB
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
func (fs *frameState) lit(c raster.RGB) raster.RGB { return c.Lit(fs.st.pal.subj) }

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
			fs.grnd.Ellipse(sx, gy, math.Max(s*0.22, ph*0.12), math.Max(1, s*0.025), raster.RGB{R: 0, G: 0, B: 0}, 0.22)
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
		trunk := fs.lit(raster.RGB{R: 92, G: 66, B: 44})
		l.Capsule(sx, sy, sx, sy-0.5*S, 0.035*S, trunk, 1)
		g1, g2 := fs.lit(raster.RGB{R: 58, G: 110, B: 50}), fs.lit(raster.RGB{R: 42, G: 88, B: 40})
		l.Ellipse(sx-0.12*S, sy-0.62*S, 0.2*S, 0.17*S, g2, 1)
		l.Ellipse(sx+0.13*S, sy-0.64*S, 0.2*S, 0.18*S, g2, 1)
		l.Ellipse(sx, sy-0.78*S, 0.24*S, 0.2*S, g1, 1)
	case kPine:
		l.Capsule(sx, sy, sx, sy-0.2*S, 0.03*S, fs.lit(raster.RGB{R: 80, G: 56, B: 40}), 1)
		g := fs.lit(raster.RGB{R: 30, G: 74, B: 48})
		tip := g
		if t.c[0] != (raster.RGB{}) {
			tip = fs.lit(t.c[0])
		}
		for k := 0; k < 3; k++ {
			y0 := sy - (0.15+0.25*float64(k))*S
			wd := (0.28 - 0.07*float64(k)) * S
			c := g
			if k == 2 {
				c = tip
			}
			l.Poly(c, 1, false, raster.Pt{X: sx - wd, Y: y0}, raster.Pt{X: sx + wd, Y: y0}, raster.Pt{X: sx, Y: y0 - 0.42*S})
		}
	case kPalm:
		trunk := fs.lit(raster.RGB{R: 120, G: 92, B: 60})
		lean := 0.18 * S
		if raster.Hashf(t.seed) < 0.5 {
			lean = -lean
		}
		px, py := sx, sy
		for k := 1; k <= 5; k++ {
			f := float64(k) / 5
			nx, ny := sx+lean*f*f, sy-S*f
			l.Capsule(px, py, nx, ny, 0.028*S*(1.2-0.4*f), trunk, 1)
			px, py = nx, ny
		}
		leaf := fs.lit(raster.RGB{R: 40, G: 110, B: 52})
		sway := 0.04 * math.Sin(tm*1.3+float64(t.seed%100))
		for k := 0; k < 7; k++ {
			a := -math.Pi/2 + (float64(k)-3)*0.5 + sway
			l1x, l1y := px+math.Cos(a)*0.22*S, py+math.Sin(a)*0.22*S
			l2x, l2y := px+math.Cos(a)*0.38*S, py+math.Sin(a)*0.22*S+0.14*S
			l.Capsule(px, py, l1x, l1y, 0.03*S, leaf, 1)
			l.Capsule(l1x, l1y, l2x, l2y, 0.018*S, leaf, 1)
		}
	case kBush:
		g := fs.lit(raster.RGB{R: 54, G: 104, B: 46})
		l.Ellipse(sx-0.3*S, sy-0.35*S, 0.45*S, 0.38*S, g.Scale(0.85), 1)
		l.Ellipse(sx+0.25*S, sy-0.4*S, 0.45*S, 0.42*S, g, 1)
	case kRock:
		c := fs.lit(raster.RGB{R: 120, G: 116, B: 110})
		if st.back == bSpace {
			c = fs.lit(raster.RGB{R: 140, G: 138, B: 136})
		}
		l.Poly(c, 1, false, raster.Pt{X: sx - 0.9*S, Y: sy}, raster.Pt{X: sx - 0.6*S, Y: sy - 0.8*S}, raster.Pt{X: sx + 0.1*S, Y: sy - S}, raster.Pt{X: sx + 0.8*S, Y: sy - 0.5*S}, raster.Pt{X: sx + 1.0*S, Y: sy})
		l.Poly(c.Scale(1.15), 0.8, false, raster.Pt{X: sx - 0.55*S, Y: sy - 0.75*S}, raster.Pt{X: sx + 0.1*S, Y: sy - 0.95*S}, raster.Pt{X: sx - 0.1*S, Y: sy - 0.5*S})
	case kLamp:
		pole := fs.lit(raster.RGB{R: 40, G: 42, B: 48})
		l.Capsule(sx, sy, sx, sy-S, 0.012*S, pole, 1)
		l.Capsule(sx, sy-S, sx-math.Copysign(0.12*S, t.x), sy-S, 0.01*S, pole, 1)
		hx := sx - math.Copysign(0.12*S, t.x)
		if night || st.plan.Time == scene.Dusk {
			l.Ellipse(hx, sy-0.985*S, 0.04*S, 0.02*S, raster.RGB{R: 255, G: 236, B: 180}, 1)
			fs.front.Glow(hx, sy-0.97*S, 0.35*S, raster.RGB{R: 255, G: 200, B: 120}, 0.5)
			fs.grnd.Ellipse(hx, sy, 0.5*S, 0.08*S, raster.RGB{R: 120, G: 96, B: 60}, 0.35)
		} else {
			l.Ellipse(hx, sy-0.985*S, 0.04*S, 0.02*S, pole, 1)
		}
	case kCactus:
		c := fs.lit(raster.RGB{R: 70, G: 128, B: 70})
		r := 0.07 * S
		l.Capsule(sx, sy, sx, sy-S+r, r, c, 1)
		l.Capsule(sx-r, sy-0.45*S, sx-0.25*S, sy-0.45*S, r*0.7, c, 1)
		l.Capsule(sx-0.25*S, sy-0.45*S, sx-0.25*S, sy-0.72*S, r*0.7, c, 1)
		l.Capsule(sx+r, sy-0.6*S, sx+0.22*S, sy-0.6*S, r*0.7, c, 1)
		l.Capsule(sx+0.22*S, sy-0.6*S, sx+0.22*S, sy-0.82*S, r*0.7, c, 1)
	case kKelp:
		c := fs.lit(raster.RGB{R: 60, G: 110, B: 60})
		px, py := sx, sy
		ph0 := float64(t.seed%1000) / 100
		for k := 1; k <= 8; k++ {
			f := float64(k) / 8
			nx := sx + 0.12*S*f*math.Sin(tm*1.1+ph0+f*3)
			ny := sy - S*f
			l.Capsule(px, py, nx, ny, 0.025*S*(1.3-f), c, 1)
			px, py = nx, ny
		}
	case kCoral:
		c := raster.HSV(float64(t.seed%360), 0.55, 0.9).Lit(st.pal.subj)
		for k := 0; k < 5; k++ {
			a := -math.Pi/2 + (float64(k)-2)*0.35
			ex, ey := sx+math.Cos(a)*S, sy+math.Sin(a)*S
			l.Capsule(sx, sy, ex, ey, 0.08*S, c, 1)
			l.Disc(ex, ey, 0.12*S, c.Scale(1.1), 1)
		}
	case kSofa:
		c := raster.HSV(float64(t.seed%360), 0.35, 0.55).Lit(st.pal.subj)
		W := S * 2.2
		l.Rect(sx-W/2, sy-0.9*S, sx+W/2, sy-0.35*S, c.Scale(0.85), 1)
		l.Rect(sx-W/2, sy-0.5*S, sx+W/2, sy-0.1*S, c, 1)
		l.Rect(sx-W/2-0.15*S, sy-0.7*S, sx-W/2+0.1*S, sy-0.1*S, c.Scale(0.9), 1)
		l.Rect(sx+W/2-0.1*S, sy-0.7*S, sx+W/2+0.15*S, sy-0.1*S, c.Scale(0.9), 1)
	case kFloorLamp:
		pole := fs.lit(raster.RGB{R: 50, G: 46, B: 44})
		l.Capsule(sx, sy, sx, sy-0.85*S, 0.012*S, pole, 1)
		shade := fs.lit(raster.RGB{R: 236, G: 220, B: 190})
		l.Poly(shade, 1, false, raster.Pt{X: sx - 0.07*S, Y: sy - 0.82*S}, raster.Pt{X: sx + 0.07*S, Y: sy - 0.82*S}, raster.Pt{X: sx + 0.045*S, Y: sy - S}, raster.Pt{X: sx - 0.045*S, Y: sy - S})
		if night {
			fs.front.Glow(sx, sy-0.9*S, 0.6*S, raster.RGB{R: 255, G: 190, B: 110}, 0.45)
		}
	case kPlant:
		l.Poly(fs.lit(raster.RGB{R: 170, G: 90, B: 60}), 1, false, raster.Pt{X: sx - 0.18*S, Y: sy - 0.35*S}, raster.Pt{X: sx + 0.18*S, Y: sy - 0.35*S}, raster.Pt{X: sx + 0.13*S, Y: sy}, raster.Pt{X: sx - 0.13*S, Y: sy})
		g := fs.lit(raster.RGB{R: 50, G: 120, B: 60})
		for k := 0; k < 5; k++ {
			a := -math.Pi/2 + (float64(k)-2)*0.45
			l.Capsule(sx, sy-0.35*S, sx+math.Cos(a)*0.6*S, sy-0.35*S+math.Sin(a)*0.65*S, 0.06*S, g, 1)
		}
	case kDesk:
		top := fs.lit(raster.RGB{R: 170, G: 150, B: 120})
		W := S * 2.6
		l.Rect(sx-W/2, sy-S, sx+W/2, sy-0.92*S, top, 1)
		l.Rect(sx-W/2+0.05*S, sy-0.92*S, sx-W/2+0.12*S, sy, top.Scale(0.7), 1)
		l.Rect(sx+W/2-0.12*S, sy-0.92*S, sx+W/2-0.05*S, sy, top.Scale(0.7), 1)
		l.Rect(sx-0.04*S, sy-1.2*S, sx+0.04*S, sy-S, raster.RGB{R: 30, G: 30, B: 34}, 1)
		l.Rect(sx-0.5*S, sy-1.75*S, sx+0.5*S, sy-1.15*S, raster.RGB{R: 24, G: 24, B: 28}, 1)
		l.Rect(sx-0.45*S, sy-1.7*S, sx+0.45*S, sy-1.2*S, raster.RGB{R: 120, G: 170, B: 230}, 1)
		if night {
			fs.front.Glow(sx, sy-1.45*S, 0.9*S, raster.RGB{R: 90, G: 140, B: 220}, 0.3)
		}
	case kSpeaker:
		c := raster.RGB{R: 26, G: 24, B: 28}
		l.Rect(sx-0.35*S, sy-S, sx+0.35*S, sy, c, 1)
		l.Rect(sx-0.35*S, sy-2*S, sx+0.35*S, sy-S-0.02*S, c, 1)
		for k := 0; k < 2; k++ {
			y := sy - (0.5+float64(k))*S
			l.Disc(sx, y, 0.22*S, raster.RGB{R: 60, G: 58, B: 64}, 1)
			l.Disc(sx, y, 0.08*S, raster.RGB{R: 14, G: 14, B: 16}, 1)
		}
	case kBench:
		wood := fs.lit(raster.RGB{R: 130, G: 92, B: 58})
		W := S * 2.4
		l.Rect(sx-W/2, sy-0.5*S, sx+W/2, sy-0.42*S, wood, 1)
		l.Rect(sx-W/2, sy-1.0*S, sx+W/2, sy-0.85*S, wood, 1)
		iron := raster.RGB{R: 34, G: 34, B: 38}
		for _, f := range []float64{-0.42, 0.42} {
			l.Rect(sx+f*W-0.03*S, sy-S, sx+f*W+0.03*S, sy, iron, 1)
		}
	case kCar:
		fs.drawCar(t, sx, sy, S)
	case kBoat:
		fs.drawBoat(t, sx, sy, S)
	case kBicycle:
		c := raster.HSV(float64(t.seed%360), 0.7, 0.8).Lit(st.pal.subj)
		r := 0.28 * S
		wx := 0.9 * S
		for _, f := range []float64{-1, 1} {
			l.Disc(sx+f*wx/2, sy-r, r, raster.RGB{R: 20, G: 20, B: 22}, 1)
			l.Disc(sx+f*wx/2, sy-r, r*0.82, fs.lit(raster.RGB{R: 150, G: 150, B: 150}), 0.35)
		}
		l.Capsule(sx-wx/2, sy-r, sx, sy-r, 0.025*S, c, 1)
		l.Capsule(sx, sy-r, sx+0.1*S, sy-0.85*S, 0.025*S, c, 1)
		l.Capsule(sx-wx/2, sy-r, sx-0.1*S, sy-0.8*S, 0.025*S, c, 1)
		l.Capsule(sx-0.1*S, sy-0.8*S, sx+0.35*S, sy-0.85*S, 0.025*S, c, 1)
		l.Capsule(sx+0.35*S, sy-0.85*S, sx+wx/2, sy-r, 0.025*S, c, 1)
	case kTent:
		c := raster.HSV(float64(t.seed%360), 0.6, 0.75).Lit(st.pal.subj)
		l.Poly(c, 1, false, raster.Pt{X: sx - 0.9*S, Y: sy}, raster.Pt{X: sx + 0.9*S, Y: sy}, raster.Pt{X: sx, Y: sy - S})
		l.Poly(c.Scale(0.5), 1, false, raster.Pt{X: sx - 0.2*S, Y: sy}, raster.Pt{X: sx + 0.2*S, Y: sy}, raster.Pt{X: sx, Y: sy - 0.6*S})
	case kCampfire:
		wood := fs.lit(raster.RGB{R: 90, G: 60, B: 36})
		l.Capsule(sx-0.5*S, sy, sx+0.5*S, sy-0.2*S, 0.08*S, wood, 1)
		l.Capsule(sx+0.5*S, sy, sx-0.5*S, sy-0.2*S, 0.08*S, wood, 1)
		for k := 0; k < 3; k++ {
			f := 0.8 + 0.25*math.Sin(tm*9+float64(k)*2.1) + 0.15*math.Sin(tm*23+float64(k))
			fx := sx + (float64(k)-1)*0.2*S
			fs.fore.Poly(raster.RGB{R: 255, G: 140, B: 40}, 0.9, true, raster.Pt{X: fx - 0.22*S, Y: sy - 0.1*S}, raster.Pt{X: fx + 0.22*S, Y: sy - 0.1*S}, raster.Pt{X: fx + 0.04*S*math.Sin(tm*7+float64(k)), Y: sy - (0.9+0.5*f)*S})
		}
		fs.fore.Poly(raster.RGB{R: 255, G: 230, B: 150}, 0.9, true, raster.Pt{X: sx - 0.15*S, Y: sy - 0.1*S}, raster.Pt{X: sx + 0.15*S, Y: sy - 0.1*S}, raster.Pt{X: sx, Y: sy - 0.8*S})
		fs.front.Glow(sx, sy-0.4*S, 4*S, raster.RGB{R: 255, G: 130, B: 50}, 0.35+0.08*math.Sin(tm*11))
	case kSnowman:
		snow := fs.lit(raster.RGB{R: 244, G: 246, B: 252})
		l.Disc(sx, sy-0.22*S, 0.24*S, snow, 1)
		l.Disc(sx, sy-0.58*S, 0.18*S, snow, 1)
		l.Disc(sx, sy-0.85*S, 0.13*S, snow, 1)
		l.Disc(sx-0.045*S, sy-0.88*S, 0.018*S, raster.RGB{R: 20, G: 20, B: 20}, 1)
		l.Disc(sx+0.045*S, sy-0.88*S, 0.018*S, raster.RGB{R: 20, G: 20, B: 20}, 1)
		l.Poly(raster.RGB{R: 240, G: 120, B: 30}, 1, false, raster.Pt{X: sx, Y: sy - 0.86*S}, raster.Pt{X: sx, Y: sy - 0.83*S}, raster.Pt{X: sx + 0.12*S, Y: sy - 0.85*S})
		l.Rect(sx-0.12*S, sy-1.0*S, sx+0.12*S, sy-0.96*S, raster.RGB{R: 20, G: 20, B: 24}, 1)
		l.Rect(sx-0.08*S, sy-1.14*S, sx+0.08*S, sy-0.97*S, raster.RGB{R: 20, G: 20, B: 24}, 1)
	case kPiano:
		body := raster.RGB{R: 16, G: 14, B: 16}
		W := 1.6 * S
		l.Rect(sx-W/2, sy-S, sx+W/2, sy-0.45*S, body, 1)
		l.Rect(sx-W/2+0.05*S, sy-0.6*S, sx+W/2-0.05*S, sy-0.5*S, fs.lit(raster.RGB{R: 240, G: 240, B: 236}), 1)
		l.Rect(sx-W/2+0.05*S, sy-0.45*S, sx-W/2+0.15*S, sy, body, 1)
		l.Rect(sx+W/2-0.15*S, sy-0.45*S, sx+W/2-0.05*S, sy, body, 1)
	case kTable:
		top := fs.lit(raster.RGB{R: 150, G: 110, B: 72})
		W := 2.2 * S
		l.Rect(sx-W/2, sy-S, sx+W/2, sy-0.9*S, top, 1)
		l.Rect(sx-W/2+0.05*S, sy-0.9*S, sx-W/2+0.15*S, sy, top.Scale(0.7), 1)
		l.Rect(sx+W/2-0.15*S, sy-0.9*S, sx+W/2-0.05*S, sy, top.Scale(0.7), 1)
	case kChair:
		c := fs.lit(raster.RGB{R: 120, G: 86, B: 56})
		l.Rect(sx-0.35*S, sy-0.5*S, sx+0.35*S, sy-0.42*S, c, 1)
		l.Rect(sx+0.27*S, sy-S, sx+0.35*S, sy, c, 1)
		l.Rect(sx-0.35*S, sy-0.5*S, sx-0.27*S, sy, c, 1)
	case kUmbrella:
		c := raster.HSV(float64(t.seed%360), 0.75, 0.9).Lit(st.pal.subj)
		l.Capsule(sx, sy, sx+0.05*S, sy-0.85*S, 0.012*S, raster.RGB{R: 230, G: 230, B: 230}, 1)
		cx, cy := sx+0.05*S, sy-0.85*S
		var pts [9]raster.Pt
		for k := range pts {
			a := math.Pi + math.Pi*float64(k)/8
			pts[k] = raster.Pt{X: cx + math.Cos(a)*0.7*S, Y: cy + math.Sin(a)*0.25*S}
		}
		l.Poly(c, 1, false, pts[:]...)
	case kBall:
		c := raster.HSV(float64(t.seed%360), 0.8, 0.95).Lit(st.pal.subj)
		bounce := math.Abs(math.Sin(tm*3+float64(t.seed%10))) * 1.5 * S
		l.Disc(sx, sy-S/2-bounce, S/2, c, 1)
		l.Disc(sx-0.15*S, sy-0.65*S-bounce, 0.12*S, raster.RGB{R: 255, G: 255, B: 255}, 0.5)
	case kSurfboard:
		c := raster.HSV(float64(t.seed%360), 0.6, 0.95).Lit(st.pal.subj)
		l.Ellipse(sx, sy-S/2, 0.13*S, S/2, c, 1)
		l.Capsule(sx, sy-0.9*S, sx, sy-0.1*S, 0.015*S, raster.RGB{R: 255, G: 255, B: 255}, 0.8)
	case kLantern:
		l.Rect(sx-0.3*S, sy-S, sx+0.3*S, sy, raster.RGB{R: 40, G: 36, B: 30}, 1)
		l.Rect(sx-0.22*S, sy-0.85*S, sx+0.22*S, sy-0.15*S, raster.RGB{R: 255, G: 210, B: 120}, 1)
		fs.front.Glow(sx, sy-0.5*S, 3*S, raster.RGB{R: 255, G: 180, B: 90}, 0.5)
	case kMicStand:
		c := raster.RGB{R: 30, G: 30, B: 34}
		l.Capsule(sx, sy, sx, sy-S, 0.012*S, c, 1)
		l.Capsule(sx-0.15*S, sy, sx+0.15*S, sy, 0.015*S, c, 1)
		l.Ellipse(sx, sy-S, 0.035*S, 0.05*S, raster.RGB{R: 70, G: 70, B: 76}, 1)
	default:
		if fs.drawFurniture(t, sx, sy, S) || fs.drawOutdoor(t, sx, sy, S) || fs.drawVehicle(t, sx, sy, S) {
			return
		}
		c := fs.thingColor(t, raster.HSV(float64(t.seed%360), 0.4, 0.7))
		l.Rect(sx-0.5*S, sy-S, sx+0.5*S, sy, c, 1)
		l.Rect(sx-0.5*S, sy-S, sx+0.5*S, sy-0.85*S, c.Scale(1.2), 1)
	}
}

// thingColor is a thing's colour: the one the prompt gave it, else def,
// under the subjects' light.
func (fs *frameState) thingColor(t *thing, def raster.RGB) raster.RGB {
	if c, ok := namedColor(t.color); ok {
		def = c
	}
	return def.Lit(fs.st.pal.subj)
}

// drawCar draws a side-on car, wheels turning if it moves.
func (fs *frameState) drawCar(t *thing, sx, sy, S float64) {
	l := &fs.subj
	st := fs.st
	c := raster.HSV(float64(t.seed%360), 0.7, 0.75).Lit(st.pal.subj)
	L := 2.7 * S
	wr := 0.2 * S
	l.Rect(sx-L/2, sy-0.62*S, sx+L/2, sy-wr*0.9, c, 1)
	l.Poly(c, 1, false, raster.Pt{X: sx - 0.3*L, Y: sy - 0.6*S}, raster.Pt{X: sx + 0.25*L, Y: sy - 0.6*S}, raster.Pt{X: sx + 0.15*L, Y: sy - S}, raster.Pt{X: sx - 0.22*L, Y: sy - S})
	glass := fs.lit(raster.RGB{R: 150, G: 190, B: 220})
	l.Poly(glass, 1, false, raster.Pt{X: sx - 0.24*L, Y: sy - 0.64*S}, raster.Pt{X: sx - 0.03*L, Y: sy - 0.64*S}, raster.Pt{X: sx - 0.03*L, Y: sy - 0.94*S}, raster.Pt{X: sx - 0.18*L, Y: sy - 0.94*S})
	l.Poly(glass, 1, false, raster.Pt{X: sx + 0.0*L, Y: sy - 0.64*S}, raster.Pt{X: sx + 0.2*L, Y: sy - 0.64*S}, raster.Pt{X: sx + 0.12*L, Y: sy - 0.94*S}, raster.Pt{X: sx + 0.0*L, Y: sy - 0.94*S})
	for _, f := range []float64{-0.32, 0.32} {
		l.Disc(sx+f*L, sy-wr, wr, raster.RGB{R: 18, G: 18, B: 20}, 1)
		l.Disc(sx+f*L, sy-wr, wr*0.5, fs.lit(raster.RGB{R: 170, G: 170, B: 176}), 1)
	}
	if st.pal.night || st.plan.Time == scene.Dusk {
		fs.front.Glow(sx+L/2, sy-0.45*S, 1.2*S, raster.RGB{R: 255, G: 240, B: 200}, 0.6)
		fs.front.Glow(sx-L/2, sy-0.45*S, 0.5*S, raster.RGB{R: 255, G: 40, B: 30}, 0.5)
	}
}

// drawBoat draws a sailing boat bobbing on the water.
func (fs *frameState) drawBoat(t *thing, sx, sy, S float64) {
	l := &fs.subj
	st := fs.st
	bob := 0.03 * S * math.Sin(fs.t*1.6+float64(t.seed%10))
	sy += bob
	hull := fs.lit(raster.RGB{R: 240, G: 240, B: 236})
	L := 1.8 * S
	l.Poly(hull, 1, false, raster.Pt{X: sx - L/2, Y: sy - 0.25*S}, raster.Pt{X: sx + L/2, Y: sy - 0.25*S}, raster.Pt{X: sx + 0.35*L, Y: sy}, raster.Pt{X: sx - 0.4*L, Y: sy})
	l.Capsule(sx, sy-0.25*S, sx, sy-1.6*S, 0.015*S, fs.lit(raster.RGB{R: 120, G: 90, B: 60}), 1)
	sail := fs.lit(raster.RGB{R: 250, G: 248, B: 240})
	l.Poly(sail, 1, false, raster.Pt{X: sx + 0.03*S, Y: sy - 0.35*S}, raster.Pt{X: sx + 0.03*S, Y: sy - 1.55*S}, raster.Pt{X: sx + 0.55*S, Y: sy - 0.35*S})
	l.Poly(raster.HSV(float64(t.seed%360), 0.6, 0.8).Lit(st.pal.subj), 1, false, raster.Pt{X: sx - 0.03*S, Y: sy - 0.4*S}, raster.Pt{X: sx - 0.03*S, Y: sy - 1.3*S}, raster.Pt{X: sx - 0.4*S, Y: sy - 0.4*S})
}
