package previz

import (
	"math"

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
		body := rgb{34, 34, 38}.lit(st.pal.subj)
		dash := rgb{48, 46, 50}.lit(st.pal.subj)
		sway := 0.004 * h * math.Sin(fs.t*1.7)
		// Roof and pillars.
		l.rect(0, 0, w, 0.1*h+sway, body, 1)
		l.poly(body, 1, false, pt{0, 0}, pt{0.16 * w, 0}, pt{0.06 * w, 0.72 * h}, pt{0, 0.72 * h})
		l.poly(body, 1, false, pt{w, 0}, pt{0.84 * w, 0}, pt{0.94 * w, 0.72 * h}, pt{w, 0.72 * h})
		// Dashboard, instruments and the wheel.
		l.poly(dash, 1, false, pt{0, 0.7*h + sway}, pt{w, 0.7*h + sway}, pt{w, h}, pt{0, h})
		l.rect(0, 0.7*h+sway, w, 0.725*h+sway, body, 1)
		cx, cy := 0.3*w, 0.9*h+sway
		l.disc(cx, cy-0.05*h, 0.035*h, rgb{200, 140, 60}, 0.8)
		if st.pal.night || st.plan.Time == scene.Dusk {
			fs.fore.glow(cx, cy-0.05*h, 0.06*h, rgb{255, 170, 80}, 0.5)
		}
		r := 0.2 * h
		for k := 0; k < 24; k++ {
			a0 := math.Pi + float64(k)/24*math.Pi
			a1 := math.Pi + float64(k+1)/24*math.Pi
			l.capsule(cx+math.Cos(a0)*r, cy+0.1*h+math.Sin(a0)*r, cx+math.Cos(a1)*r, cy+0.1*h+math.Sin(a1)*r, 0.018*h, rgb{20, 20, 22}, 1)
		}
		l.rect(0.48*w, 0.11*h, 0.6*w, 0.15*h, body.scale(1.3), 1) // the mirror
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
			hair := a.hair.lit(st.pal.subj)
			shirt := a.shirt.lit(st.pal.subj)
			l.ellipse(x, y+0.2*h, 0.17*h, 0.12*h, shirt, 1)
			l.rect(x-0.17*h, y+0.2*h, x+0.17*h, h, shirt, 1)
			l.capsule(x, y+0.03*h, x, y+0.12*h, 0.04*h, a.skin.lit(st.pal.subj).scale(0.8), 1)
			l.ellipse(x, y-0.03*h, 0.075*h, 0.09*h, hair, 1)
			if a.hat {
				l.rect(x-0.1*h, y-0.1*h, x+0.1*h, y-0.08*h, shirt.scale(0.6), 1)
				l.rect(x-0.065*h, y-0.16*h, x+0.065*h, y-0.09*h, shirt.scale(0.6), 1)
			}
		}
	}
	if st.vines {
		c := rgb{30, 70, 30}.lit(st.pal.subj)
		for k := 0; k < 7; k++ {
			x := (hashf(st.seed+uint64(k)*7) + float64(k)) / 7 * w
			L := (0.15 + 0.35*hashf(st.seed+uint64(k)*13)) * h
			sw := 0.01 * h * math.Sin(fs.t*0.8+float64(k))
			l.capsule(x, 0, x+sw, L, math.Max(1, 0.004*h), c, 1)
			l.ellipse(x+sw, L, 0.012*h, 0.02*h, c.scale(1.2), 1)
		}
	}
}
