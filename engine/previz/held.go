package previz

import "math"

// drawHeldMore draws the hand-held props of action lines at a hand
// (hx, hy) of a figure P pixels tall; it reports whether h was one.
func (fs *frameState) drawHeldMore(h *thing, hx, hy, P float64) bool {
	l := &fs.subj
	c := fs.thingColor(h, hsv(float64(h.seed%360), 0.55, 0.75))
	switch h.name {
	case "cup":
		l.rect(hx-0.025*P, hy-0.06*P, hx+0.025*P, hy, fs.thingColor(h, rgb{236, 232, 224}), 1)
		l.ellipse(hx+0.03*P, hy-0.03*P, 0.012*P, 0.016*P, fs.thingColor(h, rgb{236, 232, 224}), 1)
		if math.Sin(fs.t*2) > 0 {
			l.capsule(hx, hy-0.07*P, hx+0.01*P, hy-0.11*P, math.Max(0.5, 0.004*P), rgb{230, 230, 230}, 0.35) // steam
		}
	case "bottle":
		g := fs.thingColor(h, rgb{50, 110, 60})
		l.rect(hx-0.018*P, hy-0.09*P, hx+0.018*P, hy+0.01*P, g, 1)
		l.rect(hx-0.008*P, hy-0.13*P, hx+0.008*P, hy-0.09*P, g, 1)
	case "gun":
		m := rgb{30, 30, 34}
		l.rect(hx-0.01*P, hy-0.03*P, hx+0.1*P, hy-0.01*P, m, 1)
		l.rect(hx-0.01*P, hy-0.01*P, hx+0.015*P, hy+0.035*P, m, 1)
	case "blade":
		l.rect(hx-0.01*P, hy-0.012*P, hx+0.03*P, hy+0.012*P, rgb{70, 50, 30}, 1)
		l.poly(fs.lit(rgb{200, 204, 210}), 1, false, pt{hx + 0.03*P, hy - 0.012*P}, pt{hx + 0.16*P, hy}, pt{hx + 0.03*P, hy + 0.012*P})
	case "paper":
		l.poly(fs.thingColor(h, rgb{240, 238, 228}), 1, false, pt{hx - 0.06*P, hy - 0.08*P}, pt{hx + 0.05*P, hy - 0.09*P}, pt{hx + 0.06*P, hy + 0.01*P}, pt{hx - 0.05*P, hy + 0.02*P})
		for k := 0; k < 3; k++ {
			y := hy - 0.06*P + float64(k)*0.025*P
			l.rect(hx-0.04*P, y, hx+0.04*P, y+math.Max(0.5, 0.004*P), rgb{90, 90, 96}, 0.7)
		}
	case "bag":
		l.rect(hx-0.07*P, hy+0.03*P, hx+0.07*P, hy+0.16*P, c, 1)
		l.capsule(hx-0.03*P, hy+0.03*P, hx+0.03*P, hy+0.03*P, math.Max(0.6, 0.008*P), c.scale(0.7), 1)
	case "tool":
		l.capsule(hx, hy-0.05*P, hx+0.02*P, hy+0.3*P, math.Max(0.6, 0.01*P), fs.lit(rgb{120, 90, 60}), 1)
		l.rect(hx-0.03*P, hy+0.28*P, hx+0.07*P, hy+0.33*P, fs.lit(rgb{120, 124, 130}), 1)
	case "cigarette":
		l.rect(hx, hy-0.006*P, hx+0.04*P, hy, rgb{240, 238, 232}, 1)
		fs.fore.light(hx+0.04*P, hy-0.003*P, math.Max(0.6, 0.005*P), rgb{255, 120, 40}, 0.6+0.4*math.Sin(fs.t*3))
		for k := 0; k < 3; k++ {
			f := math.Mod(fs.t*0.5+float64(k)/3, 1)
			l.disc(hx+0.04*P+0.02*P*math.Sin(f*6), hy-0.01*P-f*0.15*P, (0.006+0.02*f)*P, rgb{210, 210, 214}, 0.3*(1-f))
		}
	case "food":
		l.ellipse(hx+0.02*P, hy-0.005*P, 0.08*P, 0.015*P, fs.lit(rgb{236, 236, 232}), 1)
		l.ellipse(hx+0.02*P, hy-0.02*P, 0.05*P, 0.02*P, c, 1)
	case "device":
		l.rect(hx-0.05*P, hy-0.05*P, hx+0.05*P, hy+0.01*P, rgb{40, 40, 46}, 1)
		l.rect(hx-0.04*P, hy-0.04*P, hx+0.04*P, hy, rgb{120, 170, 220}, 0.8)
	case "toy":
		b := fs.thingColor(h, rgb{170, 120, 70})
		l.disc(hx, hy-0.04*P, 0.04*P, b, 1)
		l.disc(hx, hy-0.09*P, 0.028*P, b, 1)
		l.disc(hx-0.022*P, hy-0.115*P, 0.01*P, b, 1)
		l.disc(hx+0.022*P, hy-0.115*P, 0.01*P, b, 1)
	case "flag":
		l.capsule(hx, hy+0.05*P, hx, hy-0.45*P, math.Max(0.6, 0.006*P), rgb{90, 80, 70}, 1)
		wave := 0.02 * P * math.Sin(fs.t*4)
		l.poly(c, 1, false, pt{hx, hy - 0.45*P}, pt{hx + 0.22*P, hy - 0.43*P + wave}, pt{hx + 0.22*P, hy - 0.3*P + wave}, pt{hx, hy - 0.3*P})
	case "rope":
		for k := 0; k < 6; k++ {
			f0, f1 := float64(k)/6, float64(k+1)/6
			l.capsule(hx+0.02*P*math.Sin(f0*9), hy+f0*0.3*P, hx+0.02*P*math.Sin(f1*9), hy+f1*0.3*P, math.Max(0.5, 0.006*P), fs.lit(rgb{170, 140, 90}), 1)
		}
	default:
		return false
	}
	return true
}
