package previz

import "math"

// drawFurniture draws the furniture of rooms; it reports whether t was
// one. S is the thing's height in pixels.
func (fs *frameState) drawFurniture(t *thing, sx, sy, S float64) bool {
	l := &fs.subj
	st := fs.st
	night := st.pal.night
	wood := fs.thingColor(t, rgb{132, 92, 58})
	switch t.kind {
	case kCounter:
		W := 2.6 * S
		top := fs.lit(rgb{170, 160, 150})
		l.rect(sx-W/2, sy-S, sx+W/2, sy, wood, 1)
		l.rect(sx-W/2-0.05*S, sy-S-0.06*S, sx+W/2+0.05*S, sy-S, top, 1)
		for k := 0; k < 4; k++ {
			x := sx - W/2 + (float64(k)+0.5)*W/4
			l.rect(x-0.28*S, sy-0.8*S, x+0.28*S, sy-0.15*S, wood.scale(0.85), 1)
		}
	case kStove:
		c := fs.lit(rgb{220, 220, 216})
		l.rect(sx-0.55*S, sy-S, sx+0.55*S, sy, c, 1)
		l.rect(sx-0.4*S, sy-0.75*S, sx+0.4*S, sy-0.2*S, fs.lit(rgb{40, 40, 44}), 1)
		for _, f := range []float64{-0.28, 0.28} {
			l.ellipse(sx+f*S, sy-S-0.01*S, 0.2*S, 0.04*S, fs.lit(rgb{50, 50, 54}), 1)
		}
		l.poly(fs.lit(rgb{70, 70, 76}), 1, false, pt{sx - 0.5*S, sy - 1.9*S}, pt{sx + 0.5*S, sy - 1.9*S}, pt{sx + 0.3*S, sy - 2.2*S}, pt{sx - 0.3*S, sy - 2.2*S})
	case kFridge:
		c := fs.thingColor(t, rgb{232, 234, 236})
		l.rect(sx-0.3*S, sy-S, sx+0.3*S, sy, c, 1)
		l.rect(sx-0.3*S, sy-0.62*S, sx+0.3*S, sy-0.6*S, c.scale(0.8), 1)
		l.rect(sx+0.2*S, sy-0.9*S, sx+0.23*S, sy-0.7*S, c.scale(0.6), 1)
	case kBed:
		W := 2.2 * S
		frame := wood
		sheet := fs.thingColor(t, rgb{236, 232, 224})
		l.rect(sx-W/2, sy-1.4*S, sx-W/2+0.12*S, sy, frame, 1) // headboard
		l.rect(sx-W/2, sy-0.55*S, sx+W/2, sy-0.1*S, frame, 1)
		l.rect(sx-W/2+0.1*S, sy-0.85*S, sx+W/2, sy-0.5*S, sheet, 1)
		l.ellipse(sx-W/2+0.45*S, sy-0.9*S, 0.3*S, 0.14*S, fs.lit(rgb{250, 250, 246}), 1)
		l.rect(sx-W/2+0.9*S, sy-0.9*S, sx+W/2, sy-0.55*S, fs.lit(rgb{110, 130, 180}), 1)
	case kTV:
		l.rect(sx-0.5*S, sy-0.45*S, sx+0.5*S, sy, wood, 1)
		l.rect(sx-0.6*S, sy-1.2*S, sx+0.6*S, sy-0.5*S, rgb{18, 18, 22}, 1)
		scr := hsv(math.Mod(fs.t*40+float64(t.seed%360), 360), 0.4, 0.75)
		l.rect(sx-0.55*S, sy-1.15*S, sx+0.55*S, sy-0.55*S, scr, 1)
		if night {
			fs.front.glow(sx, sy-0.85*S, 1.6*S, scr, 0.35)
		}
	case kShelf:
		W := 2.4 * S
		l.rect(sx-W/2, sy-S, sx+W/2, sy, wood.scale(0.7), 1)
		for k := 0; k < 3; k++ {
			y := sy - S + (float64(k)+1)*S/3.2
			l.rect(sx-W/2, y, sx+W/2, y+0.03*S, wood, 1)
			for b := 0; b < 14; b++ {
				bx := sx - W/2 + (float64(b)+0.5)*W/14
				c := hsv(float64((t.seed+uint64(b*37+k*101))%360), 0.6, 0.7).lit(st.pal.subj)
				l.rect(bx-0.03*S, y-0.22*S, bx+0.03*S, y, c, 1)
				l.rect(bx-0.012*S, y-0.29*S, bx+0.012*S, y-0.22*S, c, 1)
			}
		}
	case kStool:
		c := fs.lit(rgb{60, 50, 46})
		l.ellipse(sx, sy-S, 0.22*S, 0.06*S, fs.thingColor(t, rgb{150, 40, 40}), 1)
		l.capsule(sx, sy-S, sx, sy, 0.03*S, c, 1)
		l.capsule(sx-0.18*S, sy, sx+0.18*S, sy, 0.025*S, c, 1)
	case kHospitalBed:
		W := 2.2 * S
		metal := fs.lit(rgb{200, 204, 210})
		l.rect(sx-W/2, sy-1.3*S, sx-W/2+0.06*S, sy, metal, 1)
		l.rect(sx+W/2-0.06*S, sy-1.0*S, sx+W/2, sy, metal, 1)
		l.rect(sx-W/2, sy-0.65*S, sx+W/2, sy-0.55*S, metal, 1)
		l.rect(sx-W/2+0.06*S, sy-0.9*S, sx+W/2-0.06*S, sy-0.65*S, fs.lit(rgb{240, 244, 246}), 1)
		l.rect(sx-W/2+0.8*S, sy-0.92*S, sx+W/2-0.06*S, sy-0.7*S, fs.lit(rgb{150, 190, 210}), 1)
	case kMonitor:
		pole := fs.lit(rgb{180, 184, 190})
		l.capsule(sx, sy, sx, sy-0.8*S, 0.02*S, pole, 1)
		l.rect(sx-0.25*S, sy-S, sx+0.25*S, sy-0.7*S, rgb{20, 24, 24}, 1)
		// A heartbeat trace that runs across the screen.
		for k := 0; k < 12; k++ {
			u := float64(k) / 12
			ph := math.Mod(fs.t*1.2+u, 1)
			y := sy - 0.85*S
			if ph > 0.45 && ph < 0.52 {
				y -= 0.1 * S
			}
			l.rect(sx-0.22*S+u*0.44*S, y, sx-0.22*S+(u+0.08)*0.44*S, y+math.Max(1, 0.012*S), rgb{60, 240, 120}, 1)
		}
	case kCurtain:
		c := fs.thingColor(t, rgb{150, 190, 180})
		for k := 0; k < 5; k++ {
			x := sx - 0.5*S + float64(k)*0.22*S
			l.rect(x, sy-S, x+0.2*S, sy-0.05*S, c.scale(0.85+0.1*float64(k%2)), 1)
		}
		l.rect(sx-0.55*S, sy-S-0.03*S, sx+0.6*S, sy-S, fs.lit(rgb{180, 180, 186}), 1)
	case kBlackboard:
		W := 3 * S
		l.rect(sx-W/2-0.05*S, sy-1.7*S, sx+W/2+0.05*S, sy-0.75*S, fs.lit(rgb{140, 100, 60}), 1)
		l.rect(sx-W/2, sy-1.65*S, sx+W/2, sy-0.8*S, fs.lit(rgb{36, 64, 48}), 1)
		chalk := fs.lit(rgb{230, 232, 226})
		for k := 0; k < 4; k++ {
			y := sy - 1.5*S + float64(k)*0.16*S
			w := (0.4 + 0.5*hashf(t.seed+uint64(k))) * W
			l.rect(sx-W/2+0.15*S, y, sx-W/2+0.15*S+w*0.8, y+math.Max(1, 0.015*S), chalk, 0.9)
		}
	case kRack:
		W := 2 * S
		steel := fs.lit(rgb{70, 90, 140})
		for _, f := range []float64{-0.5, 0.5} {
			l.rect(sx+f*W-0.03*S, sy-S, sx+f*W+0.03*S, sy, steel, 1)
		}
		for k := 0; k < 3; k++ {
			y := sy - float64(k)*0.33*S - 0.02*S
			l.rect(sx-W/2, y-0.03*S, sx+W/2, y, fs.lit(rgb{220, 120, 40}), 1)
			for b := 0; b < 4; b++ {
				if hashf(t.seed+uint64(k*7+b)) < 0.3 {
					continue
				}
				bx := sx - W/2 + (float64(b)+0.5)*W/4
				l.rect(bx-0.2*S, y-0.28*S, bx+0.2*S, y-0.03*S, fs.lit(rgb{176, 140, 96}), 1)
			}
		}
	case kCrate:
		c := fs.thingColor(t, rgb{170, 130, 80})
		l.rect(sx-0.55*S, sy-S, sx+0.55*S, sy, c, 1)
		dark := c.scale(0.7)
		l.rect(sx-0.55*S, sy-S, sx+0.55*S, sy-0.9*S, dark, 1)
		l.rect(sx-0.55*S, sy-0.1*S, sx+0.55*S, sy, dark, 1)
		l.poly(dark, 1, false, pt{sx - 0.5*S, sy - 0.1*S}, pt{sx - 0.4*S, sy - 0.1*S}, pt{sx + 0.5*S, sy - 0.9*S}, pt{sx + 0.4*S, sy - 0.9*S})
	case kBarrel:
		c := fs.thingColor(t, rgb{130, 86, 50})
		l.ellipse(sx, sy-0.5*S, 0.36*S, 0.5*S, c, 1)
		for _, f := range []float64{0.22, 0.78} {
			l.rect(sx-0.35*S, sy-f*S-0.03*S, sx+0.35*S, sy-f*S+0.03*S, fs.lit(rgb{60, 60, 64}), 1)
		}
	case kAltar:
		W := 1.8 * S
		l.rect(sx-W/2, sy-S, sx+W/2, sy, fs.lit(rgb{230, 226, 214}), 1)
		l.rect(sx-W/2-0.05*S, sy-S-0.06*S, sx+W/2+0.05*S, sy-S, fs.lit(rgb{200, 60, 60}), 1)
		for _, f := range []float64{-0.35, 0.35} {
			x := sx + f*W
			l.capsule(x, sy-S, x, sy-1.35*S, 0.03*S, fs.lit(rgb{246, 240, 220}), 1)
			fs.fore.light(x, sy-1.4*S, math.Max(1, 0.04*S), rgb{255, 220, 140}, 1)
			fs.front.glow(x, sy-1.4*S, 0.6*S, rgb{255, 170, 80}, 0.4)
		}
		l.rect(sx-0.03*S, sy-2.2*S, sx+0.03*S, sy-1.5*S, fs.lit(rgb{200, 170, 60}), 1)
		l.rect(sx-0.2*S, sy-2.0*S, sx+0.2*S, sy-1.94*S, fs.lit(rgb{200, 170, 60}), 1)
	case kPew:
		W := 2.4 * S
		l.rect(sx-W/2, sy-S, sx+W/2, sy-0.45*S, wood.scale(0.85), 1)
		l.rect(sx-W/2, sy-0.5*S, sx+W/2, sy-0.38*S, wood, 1)
		l.rect(sx-W/2, sy-0.4*S, sx-W/2+0.08*S, sy, wood.scale(0.7), 1)
		l.rect(sx+W/2-0.08*S, sy-0.4*S, sx+W/2, sy, wood.scale(0.7), 1)
	case kHearth:
		stone := fs.lit(rgb{140, 130, 120})
		l.rect(sx-0.8*S, sy-1.4*S, sx+0.8*S, sy, stone, 1)
		l.rect(sx-0.55*S, sy-0.9*S, sx+0.55*S, sy, rgb{20, 14, 12}, 1)
		l.rect(sx-0.95*S, sy-1.5*S, sx+0.95*S, sy-1.4*S, stone.scale(1.1), 1)
		fs.flames(sx, sy, 0.5*S, 0.8*S)
	case kBanner:
		c := fs.thingColor(t, rgb{150, 30, 40})
		l.rect(sx-0.05*S, sy-S-0.06*S, sx+0.65*S, sy-S, fs.lit(rgb{90, 70, 40}), 1)
		l.poly(c, 1, false, pt{sx, sy - S}, pt{sx + 0.6*S, sy - S}, pt{sx + 0.6*S, sy - 0.2*S}, pt{sx + 0.3*S, sy - 0.32*S}, pt{sx, sy - 0.2*S})
		l.disc(sx+0.3*S, sy-0.65*S, 0.12*S, fs.lit(rgb{220, 190, 80}), 1)
	case kLongTable:
		W := 4 * S
		l.rect(sx-W/2, sy-S, sx+W/2, sy-0.9*S, wood, 1)
		for _, f := range []float64{-0.45, 0.45} {
			l.rect(sx+f*W-0.05*S, sy-0.9*S, sx+f*W+0.05*S, sy, wood.scale(0.7), 1)
		}
		for k := 0; k < 5; k++ {
			x := sx - W/2 + (float64(k)+0.5)*W/5
			l.ellipse(x, sy-S-0.02*S, 0.12*S, 0.03*S, fs.lit(rgb{200, 196, 190}), 1)
		}
	case kHay:
		c := fs.lit(rgb{214, 180, 96})
		l.ellipse(sx, sy-0.5*S, 0.75*S, 0.5*S, c, 1)
		l.ellipse(sx-0.2*S, sy-0.55*S, 0.3*S, 0.35*S, c.scale(0.9), 0.6)
	case kSeatRow:
		c := fs.thingColor(t, rgb{60, 80, 130})
		for k := 0; k < 2; k++ {
			x := sx + (float64(k)-0.5)*0.8*S
			l.rect(x-0.35*S, sy-1.6*S, x+0.35*S, sy-0.55*S, c, 1)
			l.rect(x-0.38*S, sy-0.6*S, x+0.38*S, sy-0.45*S, c.scale(0.85), 1)
			l.rect(x-0.05*S, sy-0.45*S, x+0.05*S, sy, fs.lit(rgb{60, 60, 64}), 1)
		}
	case kStalagmite:
		c := fs.lit(rgb{120, 106, 92})
		l.poly(c, 1, false, pt{sx - 0.22*S, sy}, pt{sx + 0.22*S, sy}, pt{sx + 0.03*S, sy - S}, pt{sx - 0.03*S, sy - S})
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
		fs.subj.poly(rgb{255, 130, 30}, 0.9, true, pt{fx - 0.45*w, y}, pt{fx + 0.45*w, y}, pt{fx + 0.1*w*math.Sin(tm*7+float64(k)), y - hgt*f})
	}
	fs.subj.poly(rgb{255, 230, 140}, 0.9, true, pt{x - 0.4*w, y}, pt{x + 0.4*w, y}, pt{x, y - hgt*0.7})
	fs.front.glow(x, y-hgt*0.4, 4*w, rgb{255, 130, 50}, 0.4+0.08*math.Sin(tm*11))
}
