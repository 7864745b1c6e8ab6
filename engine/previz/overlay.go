package previz

import (
	"math"

	"kino/engine/previz/raster"
	"kino/engine/scene"
)

// overlayOps draws what sits between the camera and the scene: a car's
// windscreen frame and dashboard when the scene is inside a car, and the
// vines hanging in front of a jungle.
func (fs *frameState) overlayOps() {
	st := fs.st
	w, h := float64(st.w), float64(st.h)
	l := &fs.fore
	if st.plan.Setting == scene.SettingCar {
		body := raster.RGB{R: 34, G: 34, B: 38}.Lit(st.pal.subj)
		dash := raster.RGB{R: 48, G: 46, B: 50}.Lit(st.pal.subj)
		sway := 0.004 * h * math.Sin(fs.t*1.7)
		// Roof and pillars.
		l.Rect(0, 0, w, 0.1*h+sway, body, 1)
		l.Poly(body, 1, false, raster.Pt{X: 0, Y: 0}, raster.Pt{X: 0.16 * w, Y: 0}, raster.Pt{X: 0.06 * w, Y: 0.72 * h}, raster.Pt{X: 0, Y: 0.72 * h})
		l.Poly(body, 1, false, raster.Pt{X: w, Y: 0}, raster.Pt{X: 0.84 * w, Y: 0}, raster.Pt{X: 0.94 * w, Y: 0.72 * h}, raster.Pt{X: w, Y: 0.72 * h})
		// Dashboard, instruments and the wheel.
		l.Poly(dash, 1, false, raster.Pt{X: 0, Y: 0.7*h + sway}, raster.Pt{X: w, Y: 0.7*h + sway}, raster.Pt{X: w, Y: h}, raster.Pt{X: 0, Y: h})
		l.Rect(0, 0.7*h+sway, w, 0.725*h+sway, body, 1)
		cx, cy := 0.3*w, 0.9*h+sway
		l.Disc(cx, cy-0.05*h, 0.035*h, raster.RGB{R: 200, G: 140, B: 60}, 0.8)
		if st.pal.night || st.plan.Time == scene.Dusk {
			fs.fore.Glow(cx, cy-0.05*h, 0.06*h, raster.RGB{R: 255, G: 170, B: 80}, 0.5)
		}
		r := 0.2 * h
		for k := 0; k < 24; k++ {
			a0 := math.Pi + float64(k)/24*math.Pi
			a1 := math.Pi + float64(k+1)/24*math.Pi
			l.Capsule(cx+math.Cos(a0)*r, cy+0.1*h+math.Sin(a0)*r, cx+math.Cos(a1)*r, cy+0.1*h+math.Sin(a1)*r, 0.018*h, raster.RGB{R: 20, G: 20, B: 22}, 1)
		}
		l.Rect(0.48*w, 0.11*h, 0.6*w, 0.15*h, body.Scale(1.3), 1) // the mirror
		// Whoever is in the car, seen from the back seat.
		seat := 0
		for _, t := range st.things {
			if t.act == nil || !t.act.inCar || seat >= 2 {
				continue
			}
			a := t.act
			x := []float64{0.3, 0.72}[seat] * w
			seat++
			y := 0.74*h + sway
			hair := a.hair.Lit(st.pal.subj)
			shirt := a.shirt.Lit(st.pal.subj)
			l.Ellipse(x, y+0.2*h, 0.17*h, 0.12*h, shirt, 1)
			l.Rect(x-0.17*h, y+0.2*h, x+0.17*h, h, shirt, 1)
			l.Capsule(x, y+0.03*h, x, y+0.12*h, 0.04*h, a.skin.Lit(st.pal.subj).Scale(0.8), 1)
			l.Ellipse(x, y-0.03*h, 0.075*h, 0.09*h, hair, 1)
			if a.hat {
				l.Rect(x-0.1*h, y-0.1*h, x+0.1*h, y-0.08*h, shirt.Scale(0.6), 1)
				l.Rect(x-0.065*h, y-0.16*h, x+0.065*h, y-0.09*h, shirt.Scale(0.6), 1)
			}
		}
	}
	if st.vines {
		c := raster.RGB{R: 30, G: 70, B: 30}.Lit(st.pal.subj)
		for k := 0; k < 7; k++ {
			x := (raster.Hashf(st.seed+uint64(k)*7) + float64(k)) / 7 * w
			L := (0.15 + 0.35*raster.Hashf(st.seed+uint64(k)*13)) * h
			sw := 0.01 * h * math.Sin(fs.t*0.8+float64(k))
			l.Capsule(x, 0, x+sw, L, math.Max(1, 0.004*h), c, 1)
			l.Ellipse(x+sw, L, 0.012*h, 0.02*h, c.Scale(1.2), 1)
		}
	}
}
