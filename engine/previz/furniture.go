package previz

import (
	"math"

	"kino/engine/previz/raster"
)

// drawFurniture draws the furniture of rooms; it reports whether t was
// one. S is the thing's height in pixels.
func (fs *frameState) drawFurniture(t *thing, sx, sy, S float64) bool {
	l := &fs.subj
	st := fs.st
	night := st.pal.night
	wood := fs.thingColor(t, raster.RGB{R: 132, G: 92, B: 58})
	switch t.kind {
	case kCounter:
		W := 2.6 * S
		top := fs.lit(raster.RGB{R: 170, G: 160, B: 150})
		l.Rect(sx-W/2, sy-S, sx+W/2, sy, wood, 1)
		l.Rect(sx-W/2-0.05*S, sy-S-0.06*S, sx+W/2+0.05*S, sy-S, top, 1)
		for k := 0; k < 4; k++ {
			x := sx - W/2 + (float64(k)+0.5)*W/4
			l.Rect(x-0.28*S, sy-0.8*S, x+0.28*S, sy-0.15*S, wood.Scale(0.85), 1)
		}
	case kStove:
		c := fs.lit(raster.RGB{R: 220, G: 220, B: 216})
		l.Rect(sx-0.55*S, sy-S, sx+0.55*S, sy, c, 1)
		l.Rect(sx-0.4*S, sy-0.75*S, sx+0.4*S, sy-0.2*S, fs.lit(raster.RGB{R: 40, G: 40, B: 44}), 1)
		for _, f := range []float64{-0.28, 0.28} {
			l.Ellipse(sx+f*S, sy-S-0.01*S, 0.2*S, 0.04*S, fs.lit(raster.RGB{R: 50, G: 50, B: 54}), 1)
		}
		l.Poly(fs.lit(raster.RGB{R: 70, G: 70, B: 76}), 1, false, raster.Pt{X: sx - 0.5*S, Y: sy - 1.9*S}, raster.Pt{X: sx + 0.5*S, Y: sy - 1.9*S}, raster.Pt{X: sx + 0.3*S, Y: sy - 2.2*S}, raster.Pt{X: sx - 0.3*S, Y: sy - 2.2*S})
	case kFridge:
		c := fs.thingColor(t, raster.RGB{R: 232, G: 234, B: 236})
		l.Rect(sx-0.3*S, sy-S, sx+0.3*S, sy, c, 1)
		l.Rect(sx-0.3*S, sy-0.62*S, sx+0.3*S, sy-0.6*S, c.Scale(0.8), 1)
		l.Rect(sx+0.2*S, sy-0.9*S, sx+0.23*S, sy-0.7*S, c.Scale(0.6), 1)
	case kBed:
		W := 2.2 * S
		frame := wood
		sheet := fs.thingColor(t, raster.RGB{R: 236, G: 232, B: 224})
		l.Rect(sx-W/2, sy-1.4*S, sx-W/2+0.12*S, sy, frame, 1) // headboard
		l.Rect(sx-W/2, sy-0.55*S, sx+W/2, sy-0.1*S, frame, 1)
		l.Rect(sx-W/2+0.1*S, sy-0.85*S, sx+W/2, sy-0.5*S, sheet, 1)
		l.Ellipse(sx-W/2+0.45*S, sy-0.9*S, 0.3*S, 0.14*S, fs.lit(raster.RGB{R: 250, G: 250, B: 246}), 1)
		l.Rect(sx-W/2+0.9*S, sy-0.9*S, sx+W/2, sy-0.55*S, fs.lit(raster.RGB{R: 110, G: 130, B: 180}), 1)
	case kTV:
		l.Rect(sx-0.5*S, sy-0.45*S, sx+0.5*S, sy, wood, 1)
		l.Rect(sx-0.6*S, sy-1.2*S, sx+0.6*S, sy-0.5*S, raster.RGB{R: 18, G: 18, B: 22}, 1)
		scr := raster.HSV(math.Mod(fs.t*40+float64(t.seed%360), 360), 0.4, 0.75)
		l.Rect(sx-0.55*S, sy-1.15*S, sx+0.55*S, sy-0.55*S, scr, 1)
		if night {
			fs.front.Glow(sx, sy-0.85*S, 1.6*S, scr, 0.35)
		}
	case kShelf:
		W := 2.4 * S
		l.Rect(sx-W/2, sy-S, sx+W/2, sy, wood.Scale(0.7), 1)
		for k := 0; k < 3; k++ {
			y := sy - S + (float64(k)+1)*S/3.2
			l.Rect(sx-W/2, y, sx+W/2, y+0.03*S, wood, 1)
			for b := 0; b < 14; b++ {
				bx := sx - W/2 + (float64(b)+0.5)*W/14
				c := raster.HSV(float64((t.seed+uint64(b*37+k*101))%360), 0.6, 0.7).Lit(st.pal.subj)
				l.Rect(bx-0.03*S, y-0.22*S, bx+0.03*S, y, c, 1)
				l.Rect(bx-0.012*S, y-0.29*S, bx+0.012*S, y-0.22*S, c, 1)
			}
		}
	case kStool:
		c := fs.lit(raster.RGB{R: 60, G: 50, B: 46})
		l.Ellipse(sx, sy-S, 0.22*S, 0.06*S, fs.thingColor(t, raster.RGB{R: 150, G: 40, B: 40}), 1)
		l.Capsule(sx, sy-S, sx, sy, 0.03*S, c, 1)
		l.Capsule(sx-0.18*S, sy, sx+0.18*S, sy, 0.025*S, c, 1)
	case kHospitalBed:
		W := 2.2 * S
		metal := fs.lit(raster.RGB{R: 200, G: 204, B: 210})
		l.Rect(sx-W/2, sy-1.3*S, sx-W/2+0.06*S, sy, metal, 1)
		l.Rect(sx+W/2-0.06*S, sy-1.0*S, sx+W/2, sy, metal, 1)
		l.Rect(sx-W/2, sy-0.65*S, sx+W/2, sy-0.55*S, metal, 1)
		l.Rect(sx-W/2+0.06*S, sy-0.9*S, sx+W/2-0.06*S, sy-0.65*S, fs.lit(raster.RGB{R: 240, G: 244, B: 246}), 1)
		l.Rect(sx-W/2+0.8*S, sy-0.92*S, sx+W/2-0.06*S, sy-0.7*S, fs.lit(raster.RGB{R: 150, G: 190, B: 210}), 1)
	case kMonitor:
		pole := fs.lit(raster.RGB{R: 180, G: 184, B: 190})
		l.Capsule(sx, sy, sx, sy-0.8*S, 0.02*S, pole, 1)
		l.Rect(sx-0.25*S, sy-S, sx+0.25*S, sy-0.7*S, raster.RGB{R: 20, G: 24, B: 24}, 1)
		// A heartbeat trace that runs across the screen.
		for k := 0; k < 12; k++ {
			u := float64(k) / 12
			ph := math.Mod(fs.t*1.2+u, 1)
			y := sy - 0.85*S
			if ph > 0.45 && ph < 0.52 {
				y -= 0.1 * S
			}
			l.Rect(sx-0.22*S+u*0.44*S, y, sx-0.22*S+(u+0.08)*0.44*S, y+math.Max(1, 0.012*S), raster.RGB{R: 60, G: 240, B: 120}, 1)
		}
	case kCurtain:
		c := fs.thingColor(t, raster.RGB{R: 150, G: 190, B: 180})
		for k := 0; k < 5; k++ {
			x := sx - 0.5*S + float64(k)*0.22*S
			l.Rect(x, sy-S, x+0.2*S, sy-0.05*S, c.Scale(0.85+0.1*float64(k%2)), 1)
		}
		l.Rect(sx-0.55*S, sy-S-0.03*S, sx+0.6*S, sy-S, fs.lit(raster.RGB{R: 180, G: 180, B: 186}), 1)
	case kBlackboard:
		W := 3 * S
		l.Rect(sx-W/2-0.05*S, sy-1.7*S, sx+W/2+0.05*S, sy-0.75*S, fs.lit(raster.RGB{R: 140, G: 100, B: 60}), 1)
		l.Rect(sx-W/2, sy-1.65*S, sx+W/2, sy-0.8*S, fs.lit(raster.RGB{R: 36, G: 64, B: 48}), 1)
		chalk := fs.lit(raster.RGB{R: 230, G: 232, B: 226})
		for k := 0; k < 4; k++ {
			y := sy - 1.5*S + float64(k)*0.16*S
			w := (0.4 + 0.5*raster.Hashf(t.seed+uint64(k))) * W
			l.Rect(sx-W/2+0.15*S, y, sx-W/2+0.15*S+w*0.8, y+math.Max(1, 0.015*S), chalk, 0.9)
		}
	case kRack:
		W := 2 * S
		steel := fs.lit(raster.RGB{R: 70, G: 90, B: 140})
		for _, f := range []float64{-0.5, 0.5} {
			l.Rect(sx+f*W-0.03*S, sy-S, sx+f*W+0.03*S, sy, steel, 1)
		}
		for k := 0; k < 3; k++ {
			y := sy - float64(k)*0.33*S - 0.02*S
			l.Rect(sx-W/2, y-0.03*S, sx+W/2, y, fs.lit(raster.RGB{R: 220, G: 120, B: 40}), 1)
			for b := 0; b < 4; b++ {
				if raster.Hashf(t.seed+uint64(k*7+b)) < 0.3 {
					continue
				}
				bx := sx - W/2 + (float64(b)+0.5)*W/4
				l.Rect(bx-0.2*S, y-0.28*S, bx+0.2*S, y-0.03*S, fs.lit(raster.RGB{R: 176, G: 140, B: 96}), 1)
			}
		}
	case kCrate:
		c := fs.thingColor(t, raster.RGB{R: 170, G: 130, B: 80})
		l.Rect(sx-0.55*S, sy-S, sx+0.55*S, sy, c, 1)
		dark := c.Scale(0.7)
		l.Rect(sx-0.55*S, sy-S, sx+0.55*S, sy-0.9*S, dark, 1)
		l.Rect(sx-0.55*S, sy-0.1*S, sx+0.55*S, sy, dark, 1)
		l.Poly(dark, 1, false, raster.Pt{X: sx - 0.5*S, Y: sy - 0.1*S}, raster.Pt{X: sx - 0.4*S, Y: sy - 0.1*S}, raster.Pt{X: sx + 0.5*S, Y: sy - 0.9*S}, raster.Pt{X: sx + 0.4*S, Y: sy - 0.9*S})
	case kBarrel:
		c := fs.thingColor(t, raster.RGB{R: 130, G: 86, B: 50})
		l.Ellipse(sx, sy-0.5*S, 0.36*S, 0.5*S, c, 1)
		for _, f := range []float64{0.22, 0.78} {
			l.Rect(sx-0.35*S, sy-f*S-0.03*S, sx+0.35*S, sy-f*S+0.03*S, fs.lit(raster.RGB{R: 60, G: 60, B: 64}), 1)
		}
	case kAltar:
		W := 1.8 * S
		l.Rect(sx-W/2, sy-S, sx+W/2, sy, fs.lit(raster.RGB{R: 230, G: 226, B: 214}), 1)
		l.Rect(sx-W/2-0.05*S, sy-S-0.06*S, sx+W/2+0.05*S, sy-S, fs.lit(raster.RGB{R: 200, G: 60, B: 60}), 1)
		for _, f := range []float64{-0.35, 0.35} {
			x := sx + f*W
			l.Capsule(x, sy-S, x, sy-1.35*S, 0.03*S, fs.lit(raster.RGB{R: 246, G: 240, B: 220}), 1)
			fs.fore.Light(x, sy-1.4*S, math.Max(1, 0.04*S), raster.RGB{R: 255, G: 220, B: 140}, 1)
			fs.front.Glow(x, sy-1.4*S, 0.6*S, raster.RGB{R: 255, G: 170, B: 80}, 0.4)
		}
		l.Rect(sx-0.03*S, sy-2.2*S, sx+0.03*S, sy-1.5*S, fs.lit(raster.RGB{R: 200, G: 170, B: 60}), 1)
		l.Rect(sx-0.2*S, sy-2.0*S, sx+0.2*S, sy-1.94*S, fs.lit(raster.RGB{R: 200, G: 170, B: 60}), 1)
	case kPew:
		W := 2.4 * S
		l.Rect(sx-W/2, sy-S, sx+W/2, sy-0.45*S, wood.Scale(0.85), 1)
		l.Rect(sx-W/2, sy-0.5*S, sx+W/2, sy-0.38*S, wood, 1)
		l.Rect(sx-W/2, sy-0.4*S, sx-W/2+0.08*S, sy, wood.Scale(0.7), 1)
		l.Rect(sx+W/2-0.08*S, sy-0.4*S, sx+W/2, sy, wood.Scale(0.7), 1)
	case kHearth:
		stone := fs.lit(raster.RGB{R: 140, G: 130, B: 120})
		l.Rect(sx-0.8*S, sy-1.4*S, sx+0.8*S, sy, stone, 1)
		l.Rect(sx-0.55*S, sy-0.9*S, sx+0.55*S, sy, raster.RGB{R: 20, G: 14, B: 12}, 1)
		l.Rect(sx-0.95*S, sy-1.5*S, sx+0.95*S, sy-1.4*S, stone.Scale(1.1), 1)
		fs.flames(sx, sy, 0.5*S, 0.8*S)
	case kBanner:
		c := fs.thingColor(t, raster.RGB{R: 150, G: 30, B: 40})
		l.Rect(sx-0.05*S, sy-S-0.06*S, sx+0.65*S, sy-S, fs.lit(raster.RGB{R: 90, G: 70, B: 40}), 1)
		l.Poly(c, 1, false, raster.Pt{X: sx, Y: sy - S}, raster.Pt{X: sx + 0.6*S, Y: sy - S}, raster.Pt{X: sx + 0.6*S, Y: sy - 0.2*S}, raster.Pt{X: sx + 0.3*S, Y: sy - 0.32*S}, raster.Pt{X: sx, Y: sy - 0.2*S})
		l.Disc(sx+0.3*S, sy-0.65*S, 0.12*S, fs.lit(raster.RGB{R: 220, G: 190, B: 80}), 1)
	case kLongTable:
		W := 4 * S
		l.Rect(sx-W/2, sy-S, sx+W/2, sy-0.9*S, wood, 1)
		for _, f := range []float64{-0.45, 0.45} {
			l.Rect(sx+f*W-0.05*S, sy-0.9*S, sx+f*W+0.05*S, sy, wood.Scale(0.7), 1)
		}
		for k := 0; k < 5; k++ {
			x := sx - W/2 + (float64(k)+0.5)*W/5
			l.Ellipse(x, sy-S-0.02*S, 0.12*S, 0.03*S, fs.lit(raster.RGB{R: 200, G: 196, B: 190}), 1)
		}
	case kHay:
		c := fs.lit(raster.RGB{R: 214, G: 180, B: 96})
		l.Ellipse(sx, sy-0.5*S, 0.75*S, 0.5*S, c, 1)
		l.Ellipse(sx-0.2*S, sy-0.55*S, 0.3*S, 0.35*S, c.Scale(0.9), 0.6)
	case kSeatRow:
		c := fs.thingColor(t, raster.RGB{R: 60, G: 80, B: 130})
		for k := 0; k < 2; k++ {
			x := sx + (float64(k)-0.5)*0.8*S
			l.Rect(x-0.35*S, sy-1.6*S, x+0.35*S, sy-0.55*S, c, 1)
			l.Rect(x-0.38*S, sy-0.6*S, x+0.38*S, sy-0.45*S, c.Scale(0.85), 1)
			l.Rect(x-0.05*S, sy-0.45*S, x+0.05*S, sy, fs.lit(raster.RGB{R: 60, G: 60, B: 64}), 1)
		}
	case kStalagmite:
		c := fs.lit(raster.RGB{R: 120, G: 106, B: 92})
		l.Poly(c, 1, false, raster.Pt{X: sx - 0.22*S, Y: sy}, raster.Pt{X: sx + 0.22*S, Y: sy}, raster.Pt{X: sx + 0.03*S, Y: sy - S}, raster.Pt{X: sx - 0.03*S, Y: sy - S})
	default:
		return false
	}
	return true
}

// flames draws a fire burning at (x, y) over half width w, height hgt,
// with its glow.
func (fs *frameState) flames(x, y, w, hgt float64) {
	tm := fs.t
	for k := 0; k < 4; k++ {
		f := 0.8 + 0.25*math.Sin(tm*9+float64(k)*2.1) + 0.15*math.Sin(tm*23+float64(k))
		fx := x + (float64(k)-1.5)*0.5*w
		fs.subj.Poly(raster.RGB{R: 255, G: 130, B: 30}, 0.9, true, raster.Pt{X: fx - 0.45*w, Y: y}, raster.Pt{X: fx + 0.45*w, Y: y}, raster.Pt{X: fx + 0.1*w*math.Sin(tm*7+float64(k)), Y: y - hgt*f})
	}
	fs.subj.Poly(raster.RGB{R: 255, G: 230, B: 140}, 0.9, true, raster.Pt{X: x - 0.4*w, Y: y}, raster.Pt{X: x + 0.4*w, Y: y}, raster.Pt{X: x, Y: y - hgt*0.7})
	fs.front.Glow(x, y-hgt*0.4, 4*w, raster.RGB{R: 255, G: 130, B: 50}, 0.4+0.08*math.Sin(tm*11))
}
