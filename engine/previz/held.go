package previz

import (
	"math"

	"kino/engine/previz/raster"
)

// drawHeldMore draws the hand-held props of action lines at a hand
// (hx, hy) of a figure P pixels tall; it reports whether h was one.
func (fs *frameState) drawHeldMore(h *thing, hx, hy, P float64) bool {
	l := &fs.subj
	c := fs.thingColor(h, raster.HSV(float64(h.seed%360), 0.55, 0.75))
	switch h.name {
	case "cup":
		l.Rect(hx-0.025*P, hy-0.06*P, hx+0.025*P, hy, fs.thingColor(h, raster.RGB{R: 236, G: 232, B: 224}), 1)
		l.Ellipse(hx+0.03*P, hy-0.03*P, 0.012*P, 0.016*P, fs.thingColor(h, raster.RGB{R: 236, G: 232, B: 224}), 1)
		if math.Sin(fs.t*2) > 0 {
			l.Capsule(hx, hy-0.07*P, hx+0.01*P, hy-0.11*P, math.Max(0.5, 0.004*P), raster.RGB{R: 230, G: 230, B: 230}, 0.35) // steam
		}
	case "bottle":
		g := fs.thingColor(h, raster.RGB{R: 50, G: 110, B: 60})
		l.Rect(hx-0.018*P, hy-0.09*P, hx+0.018*P, hy+0.01*P, g, 1)
		l.Rect(hx-0.008*P, hy-0.13*P, hx+0.008*P, hy-0.09*P, g, 1)
	case "gun":
		m := raster.RGB{R: 30, G: 30, B: 34}
		l.Rect(hx-0.01*P, hy-0.03*P, hx+0.1*P, hy-0.01*P, m, 1)
		l.Rect(hx-0.01*P, hy-0.01*P, hx+0.015*P, hy+0.035*P, m, 1)
	case "blade":
		l.Rect(hx-0.01*P, hy-0.012*P, hx+0.03*P, hy+0.012*P, raster.RGB{R: 70, G: 50, B: 30}, 1)
		l.Poly(fs.lit(raster.RGB{R: 200, G: 204, B: 210}), 1, false, raster.Pt{X: hx + 0.03*P, Y: hy - 0.012*P}, raster.Pt{X: hx + 0.16*P, Y: hy}, raster.Pt{X: hx + 0.03*P, Y: hy + 0.012*P})
	case "paper":
		l.Poly(fs.thingColor(h, raster.RGB{R: 240, G: 238, B: 228}), 1, false, raster.Pt{X: hx - 0.06*P, Y: hy - 0.08*P}, raster.Pt{X: hx + 0.05*P, Y: hy - 0.09*P}, raster.Pt{X: hx + 0.06*P, Y: hy + 0.01*P}, raster.Pt{X: hx - 0.05*P, Y: hy + 0.02*P})
		for k := 0; k < 3; k++ {
			y := hy - 0.06*P + float64(k)*0.025*P
			l.Rect(hx-0.04*P, y, hx+0.04*P, y+math.Max(0.5, 0.004*P), raster.RGB{R: 90, G: 90, B: 96}, 0.7)
		}
	case "bag":
		l.Rect(hx-0.07*P, hy+0.03*P, hx+0.07*P, hy+0.16*P, c, 1)
		l.Capsule(hx-0.03*P, hy+0.03*P, hx+0.03*P, hy+0.03*P, math.Max(0.6, 0.008*P), c.Scale(0.7), 1)
	case "tool":
		l.Capsule(hx, hy-0.05*P, hx+0.02*P, hy+0.3*P, math.Max(0.6, 0.01*P), fs.lit(raster.RGB{R: 120, G: 90, B: 60}), 1)
		l.Rect(hx-0.03*P, hy+0.28*P, hx+0.07*P, hy+0.33*P, fs.lit(raster.RGB{R: 120, G: 124, B: 130}), 1)
	case "cigarette":
		l.Rect(hx, hy-0.006*P, hx+0.04*P, hy, raster.RGB{R: 240, G: 238, B: 232}, 1)
		fs.fore.Light(hx+0.04*P, hy-0.003*P, math.Max(0.6, 0.005*P), raster.RGB{R: 255, G: 120, B: 40}, 0.6+0.4*math.Sin(fs.t*3))
		for k := 0; k < 3; k++ {
			f := math.Mod(fs.t*0.5+float64(k)/3, 1)
			l.Disc(hx+0.04*P+0.02*P*math.Sin(f*6), hy-0.01*P-f*0.15*P, (0.006+0.02*f)*P, raster.RGB{R: 210, G: 210, B: 214}, 0.3*(1-f))
		}
	case "food":
		l.Ellipse(hx+0.02*P, hy-0.005*P, 0.08*P, 0.015*P, fs.lit(raster.RGB{R: 236, G: 236, B: 232}), 1)
		l.Ellipse(hx+0.02*P, hy-0.02*P, 0.05*P, 0.02*P, c, 1)
	case "device":
		l.Rect(hx-0.05*P, hy-0.05*P, hx+0.05*P, hy+0.01*P, raster.RGB{R: 40, G: 40, B: 46}, 1)
		l.Rect(hx-0.04*P, hy-0.04*P, hx+0.04*P, hy, raster.RGB{R: 120, G: 170, B: 220}, 0.8)
	case "toy":
		b := fs.thingColor(h, raster.RGB{R: 170, G: 120, B: 70})
		l.Disc(hx, hy-0.04*P, 0.04*P, b, 1)
		l.Disc(hx, hy-0.09*P, 0.028*P, b, 1)
		l.Disc(hx-0.022*P, hy-0.115*P, 0.01*P, b, 1)
		l.Disc(hx+0.022*P, hy-0.115*P, 0.01*P, b, 1)
	case "flag":
		l.Capsule(hx, hy+0.05*P, hx, hy-0.45*P, math.Max(0.6, 0.006*P), raster.RGB{R: 90, G: 80, B: 70}, 1)
		wave := 0.02 * P * math.Sin(fs.t*4)
		l.Poly(c, 1, false, raster.Pt{X: hx, Y: hy - 0.45*P}, raster.Pt{X: hx + 0.22*P, Y: hy - 0.43*P + wave}, raster.Pt{X: hx + 0.22*P, Y: hy - 0.3*P + wave}, raster.Pt{X: hx, Y: hy - 0.3*P})
	case "rope":
		for k := 0; k < 6; k++ {
			f0, f1 := float64(k)/6, float64(k+1)/6
			l.Capsule(hx+0.02*P*math.Sin(f0*9), hy+f0*0.3*P, hx+0.02*P*math.Sin(f1*9), hy+f1*0.3*P, math.Max(0.5, 0.006*P), fs.lit(raster.RGB{R: 170, G: 140, B: 90}), 1)
		}
	default:
		return false
	}
	return true
}
