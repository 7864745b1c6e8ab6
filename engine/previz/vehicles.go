package previz

import (
	"math"

	"kino/engine/previz/raster"
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
		l.Disc(x, sy-r, r, raster.RGB{R: 18, G: 18, B: 20}, 1)
		l.Disc(x, sy-r, r*0.5, fs.lit(raster.RGB{R: 160, G: 160, B: 166}), 1)
	}
	lights := func(front, rear, y float64) {
		if dark {
			fs.front.Glow(front, y, 1.2*S, raster.RGB{R: 255, G: 240, B: 200}, 0.6)
			fs.front.Glow(rear, y, 0.4*S, raster.RGB{R: 255, G: 40, B: 30}, 0.5)
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
			l.Rect(sx-0.12*S, sy-1.12*S, sx+0.12*S, sy-S, fs.lit(raster.RGB{R: 30, G: 30, B: 30}), 1)
		} else {
			on := math.Mod(fs.t*3, 1) < 0.5
			c1, c2 := raster.RGB{R: 40, G: 90, B: 255}, raster.RGB{R: 255, G: 40, B: 40}
			if on {
				c1, c2 = c2, c1
			}
			l.Rect(sx-0.2*S, sy-1.1*S, sx, sy-S, c1, 1)
			l.Rect(sx, sy-1.1*S, sx+0.2*S, sy-S, c2, 1)
			fs.front.Glow(sx, sy-1.05*S, 1.5*S, c1, 0.45)
		}
	case kTruck:
		c := fs.thingColor(t, raster.HSV(float64(t.seed%360), 0.5, 0.7))
		L := 2.6 * S
		l.Rect(X(-L/2), sy-S, X(L*0.18), sy-0.18*S, fs.lit(raster.RGB{R: 220, G: 220, B: 214}), 1) // the box
		l.Rect(math.Min(X(L*0.2), X(L/2)), sy-0.7*S, math.Max(X(L*0.2), X(L/2)), sy-0.18*S, c, 1)
		l.Rect(math.Min(X(L*0.28), X(L/2-0.05*S)), sy-0.66*S, math.Max(X(L*0.28), X(L/2-0.05*S)), sy-0.45*S, fs.lit(raster.RGB{R: 150, G: 190, B: 220}), 1)
		for _, f := range []float64{-0.36, -0.2, 0.34} {
			wheel(X(f*L), 0.17*S)
		}
		lights(X(L/2), X(-L/2), sy-0.3*S)
	case kBus:
		c := fs.thingColor(t, raster.RGB{R: 210, G: 60, B: 40})
		L := 3.4 * S
		l.Rect(sx-L/2, sy-S, sx+L/2, sy-0.15*S, c, 1)
		for k := 0; k < 7; k++ {
			x := sx - L/2 + 0.1*S + float64(k)*(L-0.2*S)/7
			l.Rect(x, sy-0.85*S, x+(L-0.2*S)/7-0.06*S, sy-0.5*S, fs.lit(raster.RGB{R: 150, G: 190, B: 220}), 1)
		}
		for _, f := range []float64{-0.32, 0.32} {
			wheel(sx+f*L, 0.15*S)
		}
		lights(X(L/2), X(-L/2), sy-0.3*S)
	case kTractor:
		c := fs.thingColor(t, raster.RGB{R: 60, G: 140, B: 60})
		l.Rect(X(-0.55*S), sy-0.75*S, X(0.6*S), sy-0.35*S, c, 1)
		l.Rect(math.Min(X(-0.55*S), X(-0.05*S)), sy-1.15*S, math.Max(X(-0.55*S), X(-0.05*S)), sy-0.75*S, fs.lit(raster.RGB{R: 150, G: 190, B: 220}), 0.8)
		l.Capsule(X(0.35*S), sy-0.75*S, X(0.35*S), sy-1.05*S, 0.04*S, fs.lit(raster.RGB{R: 50, G: 50, B: 50}), 1)
		wheel(X(-0.35*S), 0.42*S)
		wheel(X(0.45*S), 0.22*S)
	case kMotorcycle:
		c := fs.thingColor(t, raster.RGB{R: 30, G: 30, B: 34})
		wheel(X(-0.55*S), 0.3*S)
		wheel(X(0.55*S), 0.3*S)
		l.Poly(c, 1, false, raster.Pt{X: X(-0.45 * S), Y: sy - 0.4*S}, raster.Pt{X: X(0.4 * S), Y: sy - 0.4*S}, raster.Pt{X: X(0.3 * S), Y: sy - 0.7*S}, raster.Pt{X: X(-0.3 * S), Y: sy - 0.65*S})
		l.Capsule(X(0.4*S), sy-0.4*S, X(0.55*S), sy-0.3*S, 0.03*S, fs.lit(raster.RGB{R: 170, G: 170, B: 176}), 1)
		l.Capsule(X(0.35*S), sy-0.7*S, X(0.45*S), sy-0.95*S, 0.03*S, fs.lit(raster.RGB{R: 60, G: 60, B: 64}), 1)
		if dark {
			fs.front.Glow(X(0.6*S), sy-0.6*S, 1.0*S, raster.RGB{R: 255, G: 240, B: 200}, 0.6)
		}
	case kShip:
		hull := fs.thingColor(t, raster.RGB{R: 60, G: 70, B: 90})
		L := 3.2 * S
		bob := 0.015 * S * math.Sin(fs.t*0.9+float64(t.seed%10))
		y := sy + bob
		l.Poly(hull, 1, false, raster.Pt{X: sx - L/2, Y: y - 0.35*S}, raster.Pt{X: sx + L/2, Y: y - 0.4*S}, raster.Pt{X: sx + 0.42*L, Y: y}, raster.Pt{X: sx - 0.46*L, Y: y})
		l.Rect(sx-L/2, y-0.42*S, sx+L/2, y-0.35*S, fs.lit(raster.RGB{R: 170, G: 40, B: 30}), 1)
		// Containers or a white superstructure.
		if t.seed%2 == 0 {
			for k := 0; k < 8; k++ {
				x := sx - 0.35*L + float64(k)*0.085*L
				for row := 0; row < 2; row++ {
					cc := raster.HSV(float64((t.seed+uint64(k*53+row*17))%360), 0.55, 0.7).Lit(st.pal.subj)
					l.Rect(x, y-0.42*S-float64(row+1)*0.12*S, x+0.08*L, y-0.42*S-float64(row)*0.12*S-0.01*S, cc, 1)
				}
			}
			l.Rect(sx+0.32*L, y-0.95*S, sx+0.42*L, y-0.42*S, fs.lit(raster.RGB{R: 230, G: 230, B: 226}), 1)
		} else {
			l.Rect(sx-0.1*L, y-0.75*S, sx+0.3*L, y-0.42*S, fs.lit(raster.RGB{R: 236, G: 236, B: 232}), 1)
			l.Rect(sx+0.05*L, y-1.0*S, sx+0.12*L, y-0.75*S, fs.lit(raster.RGB{R: 200, G: 60, B: 40}), 1)
		}
		if dark {
			for k := 0; k < 6; k++ {
				fs.fore.Light(sx-0.3*L+float64(k)*0.12*L, y-0.5*S, math.Max(0.8, 0.015*S), raster.RGB{R: 255, G: 230, B: 160}, 0.9)
			}
		}
	case kTrain:
		c := fs.thingColor(t, raster.RGB{R: 170, G: 40, B: 40})
		car := 3.0 * S
		for k := 0; k < 4; k++ {
			x0 := sx - car/2 - float64(k)*car*1.05*dir
			x1 := x0 + car
			l.Rect(x0, sy-S, x1, sy-0.15*S, c, 1)
			l.Rect(x0, sy-0.3*S, x1, sy-0.22*S, fs.lit(raster.RGB{R: 230, G: 230, B: 226}), 1)
			for w := 0; w < 5; w++ {
				wx := x0 + 0.12*S + float64(w)*(car-0.24*S)/5
				lit := fs.lit(raster.RGB{R: 150, G: 190, B: 220})
				if dark {
					lit = raster.RGB{R: 255, G: 224, B: 150}
				}
				l.Rect(wx, sy-0.85*S, wx+(car-0.24*S)/5-0.08*S, sy-0.5*S, lit, 1)
			}
			for _, f := range []float64{0.18, 0.82} {
				wheel(x0+f*car, 0.12*S)
			}
		}
		lights(X(car/2), X(-car/2), sy-0.5*S)
	case kPlane:
		c := fs.thingColor(t, raster.RGB{R: 236, G: 238, B: 242})
		L := 3.2 * S
		l.Ellipse(sx, sy-0.55*S, L/2, 0.2*S, c, 1)
		l.Poly(c.Scale(0.9), 1, false, raster.Pt{X: X(-0.1 * L), Y: sy - 0.5*S}, raster.Pt{X: X(0.1 * L), Y: sy - 0.5*S}, raster.Pt{X: X(-0.05 * L), Y: sy - 0.1*S}, raster.Pt{X: X(-0.22 * L), Y: sy - 0.1*S})
		l.Poly(fs.thingColor(t, raster.RGB{R: 40, G: 80, B: 170}), 1, false, raster.Pt{X: X(-0.5 * L), Y: sy - 0.6*S}, raster.Pt{X: X(-0.36 * L), Y: sy - 0.6*S}, raster.Pt{X: X(-0.44 * L), Y: sy - 1.05*S}, raster.Pt{X: X(-0.5 * L), Y: sy - 1.05*S})
		for k := 0; k < 9; k++ {
			l.Disc(X(-0.25*L+float64(k)*0.06*L), sy-0.6*S, 0.035*S, fs.lit(raster.RGB{R: 60, G: 80, B: 110}), 1)
		}
		if t.air == 0 {
			l.Capsule(X(0.3*L), sy-0.4*S, X(0.3*L), sy-0.05*S, 0.02*S, raster.RGB{R: 40, G: 40, B: 44}, 1)
			l.Disc(X(0.3*L), sy-0.05*S, 0.05*S, raster.RGB{R: 20, G: 20, B: 22}, 1)
			l.Disc(X(-0.1*L), sy-0.05*S, 0.05*S, raster.RGB{R: 20, G: 20, B: 22}, 1)
		}
		if dark {
			fs.fore.Light(X(0.5*L), sy-0.55*S, math.Max(1, 0.03*S), raster.RGB{R: 255, G: 255, B: 255}, 0.5+0.5*math.Sin(fs.t*4))
		}
	case kHelicopter:
		c := fs.thingColor(t, raster.RGB{R: 40, G: 50, B: 60})
		l.Ellipse(sx, sy-0.5*S, 0.55*S, 0.32*S, c, 1)
		l.Capsule(X(-0.4*S), sy-0.55*S, X(-1.3*S), sy-0.65*S, 0.07*S, c, 1)
		l.Ellipse(X(0.25*S), sy-0.55*S, 0.22*S, 0.16*S, fs.lit(raster.RGB{R: 150, G: 190, B: 220}), 1)
		rw := 1.3 * S * math.Abs(math.Cos(fs.t*25))
		l.Rect(sx-rw, sy-0.9*S, sx+rw, sy-0.86*S, raster.RGB{R: 30, G: 30, B: 34}, 0.8)
		l.Rect(sx-0.02*S, sy-0.9*S, sx+0.02*S, sy-0.8*S, raster.RGB{R: 30, G: 30, B: 34}, 1)
		fs.fore.Light(X(-1.3*S), sy-0.65*S, math.Max(1, 0.04*S), raster.RGB{R: 255, G: 40, B: 30}, 0.5+0.5*math.Sin(fs.t*5))
		if dark {
			// A searchlight sweeps the ground below.
			gy := math.Max(fs.groundY, sy+S)
			a := 0.35 * math.Sin(fs.t*0.8)
			ex := sx + math.Tan(a)*(gy-sy)
			wd := 0.12 * (gy - sy)
			fs.fore.Poly(raster.RGB{R: 255, G: 250, B: 220}, 0.18, true, raster.Pt{X: sx - 0.05*S, Y: sy - 0.3*S}, raster.Pt{X: sx + 0.05*S, Y: sy - 0.3*S}, raster.Pt{X: ex + wd, Y: gy}, raster.Pt{X: ex - wd, Y: gy})
			fs.fore.LightEllipse(ex, gy, wd*1.2, wd*0.25, raster.RGB{R: 255, G: 250, B: 220}, 0.3)
		}
	default:
		return false
	}
	return true
}
