package previz

import (
	"math"

	"kino/engine/scene"
)

// drawVehicle draws trucks, buses, taxis, police cars, tractors,
// motorbikes, ships, trains, planes and helicopters side-on; it reports
// whether t was one. S is the vehicle's height in pixels. Vehicles face
// right; one driving left is mirrored.
func (fs *frameState) drawVehicle(t *thing, sx, sy, S float64) bool {
	l := &fs.subj
	st := fs.st
	dark := st.pal.night || st.plan.Time == scene.Dusk
	dir := 1.0
	if t.act != nil && t.act.dir < 0 {
		dir = -1
	}
	X := func(f float64) float64 { return sx + f*dir } // mirror x offsets
	wheel := func(x, r float64) {
		l.disc(x, sy-r, r, rgb{18, 18, 20}, 1)
		l.disc(x, sy-r, r*0.5, fs.lit(rgb{160, 160, 166}), 1)
	}
	lights := func(front, rear, y float64) {
		if dark {
			fs.front.glow(front, y, 1.2*S, rgb{255, 240, 200}, 0.6)
			fs.front.glow(rear, y, 0.4*S, rgb{255, 40, 30}, 0.5)
		}
	}
	switch t.kind {
	case kTaxi, kPoliceCar:
		t2 := *t
		if t.kind == kTaxi && t.color == "" {
			t2.color = "yellow"
		}
		if t.kind == kPoliceCar && t.color == "" {
			t2.color = "white"
		}
		fs.drawCar(&t2, sx, sy, S)
		if t.kind == kTaxi {
			l.rect(sx-0.12*S, sy-1.12*S, sx+0.12*S, sy-S, fs.lit(rgb{30, 30, 30}), 1)
		} else {
			on := math.Mod(fs.t*3, 1) < 0.5
			c1, c2 := rgb{40, 90, 255}, rgb{255, 40, 40}
			if on {
				c1, c2 = c2, c1
			}
			l.rect(sx-0.2*S, sy-1.1*S, sx, sy-S, c1, 1)
			l.rect(sx, sy-1.1*S, sx+0.2*S, sy-S, c2, 1)
			fs.front.glow(sx, sy-1.05*S, 1.5*S, c1, 0.45)
		}
	case kTruck:
		c := fs.thingColor(t, hsv(float64(t.seed%360), 0.5, 0.7))
		L := 2.6 * S
		l.rect(X(-L/2), sy-S, X(L*0.18), sy-0.18*S, fs.lit(rgb{220, 220, 214}), 1) // the box
		l.rect(math.Min(X(L*0.2), X(L/2)), sy-0.7*S, math.Max(X(L*0.2), X(L/2)), sy-0.18*S, c, 1)
		l.rect(math.Min(X(L*0.28), X(L/2-0.05*S)), sy-0.66*S, math.Max(X(L*0.28), X(L/2-0.05*S)), sy-0.45*S, fs.lit(rgb{150, 190, 220}), 1)
		for _, f := range []float64{-0.36, -0.2, 0.34} {
			wheel(X(f*L), 0.17*S)
		}
		lights(X(L/2), X(-L/2), sy-0.3*S)
	case kBus:
		c := fs.thingColor(t, rgb{210, 60, 40})
		L := 3.4 * S
		l.rect(sx-L/2, sy-S, sx+L/2, sy-0.15*S, c, 1)
		for k := 0; k < 7; k++ {
			x := sx - L/2 + 0.1*S + float64(k)*(L-0.2*S)/7
			l.rect(x, sy-0.85*S, x+(L-0.2*S)/7-0.06*S, sy-0.5*S, fs.lit(rgb{150, 190, 220}), 1)
		}
		for _, f := range []float64{-0.32, 0.32} {
			wheel(sx+f*L, 0.15*S)
		}
		lights(X(L/2), X(-L/2), sy-0.3*S)
	case kTractor:
		c := fs.thingColor(t, rgb{60, 140, 60})
		l.rect(X(-0.55*S), sy-0.75*S, X(0.6*S), sy-0.35*S, c, 1)
		l.rect(math.Min(X(-0.55*S), X(-0.05*S)), sy-1.15*S, math.Max(X(-0.55*S), X(-0.05*S)), sy-0.75*S, fs.lit(rgb{150, 190, 220}), 0.8)
		l.capsule(X(0.35*S), sy-0.75*S, X(0.35*S), sy-1.05*S, 0.04*S, fs.lit(rgb{50, 50, 50}), 1)
		wheel(X(-0.35*S), 0.42*S)
		wheel(X(0.45*S), 0.22*S)
	case kMotorcycle:
		c := fs.thingColor(t, rgb{30, 30, 34})
		wheel(X(-0.55*S), 0.3*S)
		wheel(X(0.55*S), 0.3*S)
		l.poly(c, 1, false, pt{X(-0.45 * S), sy - 0.4*S}, pt{X(0.4 * S), sy - 0.4*S}, pt{X(0.3 * S), sy - 0.7*S}, pt{X(-0.3 * S), sy - 0.65*S})
		l.capsule(X(0.4*S), sy-0.4*S, X(0.55*S), sy-0.3*S, 0.03*S, fs.lit(rgb{170, 170, 176}), 1)
		l.capsule(X(0.35*S), sy-0.7*S, X(0.45*S), sy-0.95*S, 0.03*S, fs.lit(rgb{60, 60, 64}), 1)
		if dark {
			fs.front.glow(X(0.6*S), sy-0.6*S, 1.0*S, rgb{255, 240, 200}, 0.6)
		}
	case kShip:
		hull := fs.thingColor(t, rgb{60, 70, 90})
		L := 3.2 * S
		bob := 0.015 * S * math.Sin(fs.t*0.9+float64(t.seed%10))
		y := sy + bob
		l.poly(hull, 1, false, pt{sx - L/2, y - 0.35*S}, pt{sx + L/2, y - 0.4*S}, pt{sx + 0.42*L, y}, pt{sx - 0.46*L, y})
		l.rect(sx-L/2, y-0.42*S, sx+L/2, y-0.35*S, fs.lit(rgb{170, 40, 30}), 1)
		// Containers or a white superstructure.
		if t.seed%2 == 0 {
			for k := 0; k < 8; k++ {
				x := sx - 0.35*L + float64(k)*0.085*L
				for row := 0; row < 2; row++ {
					cc := hsv(float64((t.seed+uint64(k*53+row*17))%360), 0.55, 0.7).lit(st.pal.subj)
					l.rect(x, y-0.42*S-float64(row+1)*0.12*S, x+0.08*L, y-0.42*S-float64(row)*0.12*S-0.01*S, cc, 1)
				}
			}
			l.rect(sx+0.32*L, y-0.95*S, sx+0.42*L, y-0.42*S, fs.lit(rgb{230, 230, 226}), 1)
		} else {
			l.rect(sx-0.1*L, y-0.75*S, sx+0.3*L, y-0.42*S, fs.lit(rgb{236, 236, 232}), 1)
			l.rect(sx+0.05*L, y-1.0*S, sx+0.12*L, y-0.75*S, fs.lit(rgb{200, 60, 40}), 1)
		}
		if dark {
			for k := 0; k < 6; k++ {
				fs.fore.light(sx-0.3*L+float64(k)*0.12*L, y-0.5*S, math.Max(0.8, 0.015*S), rgb{255, 230, 160}, 0.9)
			}
		}
	case kTrain:
		c := fs.thingColor(t, rgb{170, 40, 40})
		car := 3.0 * S
		for k := 0; k < 4; k++ {
			x0 := sx - car/2 - float64(k)*car*1.05*dir
			x1 := x0 + car
			l.rect(x0, sy-S, x1, sy-0.15*S, c, 1)
			l.rect(x0, sy-0.3*S, x1, sy-0.22*S, fs.lit(rgb{230, 230, 226}), 1)
			for w := 0; w < 5; w++ {
				wx := x0 + 0.12*S + float64(w)*(car-0.24*S)/5
				lit := fs.lit(rgb{150, 190, 220})
				if dark {
					lit = rgb{255, 224, 150}
				}
				l.rect(wx, sy-0.85*S, wx+(car-0.24*S)/5-0.08*S, sy-0.5*S, lit, 1)
			}
			for _, f := range []float64{0.18, 0.82} {
				wheel(x0+f*car, 0.12*S)
			}
		}
		lights(X(car/2), X(-car/2), sy-0.5*S)
	case kPlane:
		c := fs.thingColor(t, rgb{236, 238, 242})
		L := 3.2 * S
		l.ellipse(sx, sy-0.55*S, L/2, 0.2*S, c, 1)
		l.poly(c.scale(0.9), 1, false, pt{X(-0.1 * L), sy - 0.5*S}, pt{X(0.1 * L), sy - 0.5*S}, pt{X(-0.05 * L), sy - 0.1*S}, pt{X(-0.22 * L), sy - 0.1*S})
		l.poly(fs.thingColor(t, rgb{40, 80, 170}), 1, false, pt{X(-0.5 * L), sy - 0.6*S}, pt{X(-0.36 * L), sy - 0.6*S}, pt{X(-0.44 * L), sy - 1.05*S}, pt{X(-0.5 * L), sy - 1.05*S})
		for k := 0; k < 9; k++ {
			l.disc(X(-0.25*L+float64(k)*0.06*L), sy-0.6*S, 0.035*S, fs.lit(rgb{60, 80, 110}), 1)
		}
		if t.air == 0 {
			l.capsule(X(0.3*L), sy-0.4*S, X(0.3*L), sy-0.05*S, 0.02*S, rgb{40, 40, 44}, 1)
			l.disc(X(0.3*L), sy-0.05*S, 0.05*S, rgb{20, 20, 22}, 1)
			l.disc(X(-0.1*L), sy-0.05*S, 0.05*S, rgb{20, 20, 22}, 1)
		}
		if dark {
			fs.fore.light(X(0.5*L), sy-0.55*S, math.Max(1, 0.03*S), rgb{255, 255, 255}, 0.5+0.5*math.Sin(fs.t*4))
		}
	case kHelicopter:
		c := fs.thingColor(t, rgb{40, 50, 60})
		l.ellipse(sx, sy-0.5*S, 0.55*S, 0.32*S, c, 1)
		l.capsule(X(-0.4*S), sy-0.55*S, X(-1.3*S), sy-0.65*S, 0.07*S, c, 1)
		l.ellipse(X(0.25*S), sy-0.55*S, 0.22*S, 0.16*S, fs.lit(rgb{150, 190, 220}), 1)
		rw := 1.3 * S * math.Abs(math.Cos(fs.t*25))
		l.rect(sx-rw, sy-0.9*S, sx+rw, sy-0.86*S, rgb{30, 30, 34}, 0.8)
		l.rect(sx-0.02*S, sy-0.9*S, sx+0.02*S, sy-0.8*S, rgb{30, 30, 34}, 1)
		fs.fore.light(X(-1.3*S), sy-0.65*S, math.Max(1, 0.04*S), rgb{255, 40, 30}, 0.5+0.5*math.Sin(fs.t*5))
		if dark {
			// A searchlight sweeps the ground below.
			gy := math.Max(fs.groundY, sy+S)
			a := 0.35 * math.Sin(fs.t*0.8)
			ex := sx + math.Tan(a)*(gy-sy)
			wd := 0.12 * (gy - sy)
			fs.fore.poly(rgb{255, 250, 220}, 0.18, true, pt{sx - 0.05*S, sy - 0.3*S}, pt{sx + 0.05*S, sy - 0.3*S}, pt{ex + wd, gy}, pt{ex - wd, gy})
			fs.fore.ellipse(ex, gy, wd*1.2, wd*0.25, rgb{255, 250, 220}, 0.3)
			fs.fore.ops[len(fs.fore.ops)-1].add = true
		}
	default:
		return false
	}
	return true
}
