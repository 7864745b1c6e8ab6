package previz

import (
	"math"

	"kino/engine/scene"
)

// drawOutdoor draws outdoor scenery; it reports whether t was one. S is
// the thing's height in pixels.
func (fs *frameState) drawOutdoor(t *thing, sx, sy, S float64) bool {
	l := &fs.subj
	st := fs.st
	dark := st.pal.night || st.plan.Time == scene.Dusk
	switch t.kind {
	case kCrane:
		c := fs.thingColor(t, rgb{220, 150, 40}).mix(st.pal.skyLow, 0.35)
		l.rect(sx-0.025*S, sy-S, sx+0.025*S, sy, c, 1)
		dir := 1.0
		if t.x > 0 {
			dir = -1
		}
		l.rect(math.Min(sx-0.15*S*dir, sx+0.55*S*dir), sy-S-0.03*S, math.Max(sx-0.15*S*dir, sx+0.55*S*dir), sy-S+0.015*S, c, 1)
		l.capsule(sx, sy-1.1*S, sx+0.5*S*dir, sy-S, 0.006*S, c, 1)
		hx := sx + (0.3+0.1*math.Sin(fs.t*0.3))*S*dir
		l.capsule(hx, sy-S, hx, sy-0.6*S, math.Max(0.5, 0.003*S), rgb{40, 40, 40}, 1)
		if dark {
			fs.fore.light(sx, sy-1.1*S, math.Max(1, 0.008*S), rgb{255, 40, 30}, 0.5+0.5*math.Sin(fs.t*3))
		}
	case kBollard:
		l.rect(sx-0.25*S, sy-S, sx+0.25*S, sy, fs.lit(rgb{40, 40, 44}), 1)
		l.ellipse(sx, sy-S, 0.32*S, 0.12*S, fs.lit(rgb{56, 56, 60}), 1)
	case kReeds:
		c := fs.lit(rgb{110, 120, 60})
		for k := 0; k < 6; k++ {
			x := sx + (float64(k)-2.5)*0.08*S
			sw := 0.05 * S * math.Sin(fs.t*1.3+float64(k)+float64(t.seed%10))
			l.capsule(x, sy, x+sw, sy-S*(0.7+0.3*hashf(t.seed+uint64(k))), math.Max(0.5, 0.012*S), c, 1)
		}
		l.capsule(sx+0.05*S, sy-0.75*S, sx+0.05*S, sy-0.95*S, math.Max(0.6, 0.03*S), fs.lit(rgb{90, 60, 36}), 1)
	case kRailPost:
		c := fs.lit(rgb{60, 62, 70})
		l.rect(sx-0.03*S, sy-S, sx+0.03*S, sy, c, 1)
		l.rect(sx-0.6*S, sy-S, sx+0.6*S, sy-0.92*S, c, 1)
		l.rect(sx-0.6*S, sy-0.5*S, sx+0.6*S, sy-0.46*S, c, 1)
	case kPole:
		c := fs.lit(rgb{92, 70, 50})
		l.rect(sx-0.015*S, sy-S, sx+0.015*S, sy, c, 1)
		l.rect(sx-0.12*S, sy-0.95*S, sx+0.12*S, sy-0.93*S, c, 1)
	case kBarn:
		red := fs.thingColor(t, rgb{160, 44, 36})
		W := 1.4 * S
		l.rect(sx-W/2, sy-0.6*S, sx+W/2, sy, red, 1)
		l.poly(red.scale(0.8), 1, false, pt{sx - W/2 - 0.05*S, sy - 0.6*S}, pt{sx + W/2 + 0.05*S, sy - 0.6*S}, pt{sx, sy - S})
		l.rect(sx-0.18*S, sy-0.45*S, sx+0.18*S, sy, fs.lit(rgb{90, 40, 30}), 1)
		l.capsule(sx-0.18*S, sy-0.45*S, sx+0.18*S, sy, math.Max(0.5, 0.01*S), fs.lit(rgb{230, 230, 220}), 1)
		l.capsule(sx+0.18*S, sy-0.45*S, sx-0.18*S, sy, math.Max(0.5, 0.01*S), fs.lit(rgb{230, 230, 220}), 1)
	case kWindmill:
		c := fs.lit(rgb{230, 226, 216})
		l.poly(c, 1, false, pt{sx - 0.08*S, sy}, pt{sx + 0.08*S, sy}, pt{sx + 0.04*S, sy - 0.8*S}, pt{sx - 0.04*S, sy - 0.8*S})
		hx, hy := sx, sy-0.8*S
		a0 := fs.t * 0.9
		for k := 0; k < 4; k++ {
			a := a0 + float64(k)*math.Pi/2
			ex, ey := hx+math.Cos(a)*0.35*S, hy+math.Sin(a)*0.35*S
			l.capsule(hx, hy, ex, ey, math.Max(0.6, 0.012*S), c, 1)
		}
	case kFence:
		c := fs.lit(rgb{150, 120, 84})
		W := 2 * S
		for k := 0; k < 4; k++ {
			x := sx - W/2 + float64(k)*W/3
			l.rect(x-0.04*S, sy-S, x+0.04*S, sy, c, 1)
		}
		l.rect(sx-W/2, sy-0.8*S, sx+W/2, sy-0.7*S, c, 1)
		l.rect(sx-W/2, sy-0.4*S, sx+W/2, sy-0.3*S, c, 1)
	case kTorch:
		l.capsule(sx, sy, sx, sy-S, 0.02*S, fs.lit(rgb{70, 50, 30}), 1)
		fs.flames(sx, sy-S, 0.06*S, 0.18*S)
	case kGravestone:
		c := fs.lit(rgb{150, 150, 146})
		l.rect(sx-0.3*S, sy-0.75*S, sx+0.3*S, sy, c, 1)
		l.ellipse(sx, sy-0.75*S, 0.3*S, 0.25*S, c, 1)
	case kTowerCtl:
		c := fs.lit(rgb{200, 204, 210}).mix(st.pal.skyLow, 0.3)
		l.rect(sx-0.05*S, sy-0.85*S, sx+0.05*S, sy, c, 1)
		l.poly(c, 1, false, pt{sx - 0.16*S, sy - 0.85*S}, pt{sx + 0.16*S, sy - 0.85*S}, pt{sx + 0.12*S, sy - S}, pt{sx - 0.12*S, sy - S})
		l.rect(sx-0.13*S, sy-0.97*S, sx+0.13*S, sy-0.88*S, fs.lit(rgb{60, 90, 110}), 1)
	case kChimney:
		c := fs.lit(rgb{150, 80, 60})
		l.rect(sx-0.15*S, sy-S, sx+0.15*S, sy, c, 1)
		l.rect(sx-0.18*S, sy-S, sx+0.18*S, sy-0.9*S, c.scale(0.8), 1)
	case kAntenna:
		c := fs.lit(rgb{80, 80, 86})
		l.capsule(sx, sy, sx, sy-S, math.Max(0.5, 0.008*S), c, 1)
		for k := 1; k <= 3; k++ {
			y := sy - S + float64(k)*0.12*S
			l.capsule(sx-0.1*S, y, sx+0.1*S, y, math.Max(0.5, 0.005*S), c, 1)
		}
		if fs.st.pal.night {
			fs.fore.light(sx, sy-S, math.Max(1, 0.01*S), rgb{255, 40, 30}, 0.5+0.5*math.Sin(fs.t*2.5))
		}
	case kVent:
		c := fs.lit(rgb{170, 172, 176})
		l.rect(sx-0.6*S, sy-S, sx+0.6*S, sy, c, 1)
		l.disc(sx, sy-0.5*S, 0.35*S, c.scale(0.7), 1)
	case kFern:
		c := fs.lit(rgb{50, 110, 50})
		for k := 0; k < 7; k++ {
			a := -math.Pi/2 + (float64(k)-3)*0.35 + 0.04*math.Sin(fs.t+float64(k))
			l.capsule(sx, sy, sx+math.Cos(a)*S, sy+math.Sin(a)*S, 0.06*S, c.scale(0.85+0.05*float64(k%3)), 1)
		}
	case kStatue:
		c := fs.thingColor(t, rgb{170, 166, 156})
		l.rect(sx-0.25*S, sy-0.3*S, sx+0.25*S, sy, c.scale(0.85), 1)
		l.poly(c, 1, false, pt{sx - 0.12*S, sy - 0.3*S}, pt{sx + 0.12*S, sy - 0.3*S}, pt{sx + 0.08*S, sy - 0.85*S}, pt{sx - 0.08*S, sy - 0.85*S})
		l.disc(sx, sy-0.92*S, 0.08*S, c, 1)
	case kStall:
		c := fs.thingColor(t, hsv(float64(t.seed%360), 0.6, 0.8))
		W := 1.2 * S
		l.rect(sx-W/2, sy-0.45*S, sx+W/2, sy, fs.lit(rgb{140, 100, 60}), 1)
		for k := 0; k < 6; k++ {
			x := sx - W/2 + (float64(k)+0.5)*W/6
			l.disc(x, sy-0.5*S, 0.07*S, hsv(float64(t.seed%360)+float64(k)*50, 0.7, 0.85).lit(st.pal.subj), 1)
		}
		l.rect(sx-W/2+0.03*S, sy-S, sx-W/2+0.06*S, sy-0.45*S, fs.lit(rgb{90, 70, 50}), 1)
		l.rect(sx+W/2-0.06*S, sy-S, sx+W/2-0.03*S, sy-0.45*S, fs.lit(rgb{90, 70, 50}), 1)
		for k := 0; k < 6; k++ {
			x := sx - W/2 + float64(k)*W/6
			cc := c
			if k%2 == 1 {
				cc = fs.lit(rgb{240, 240, 236})
			}
			l.poly(cc, 1, false, pt{x, sy - S}, pt{x + W/6, sy - S}, pt{x + W/6, sy - 0.85*S}, pt{x, sy - 0.85*S})
		}
	case kLighthouse:
		fs.lighthouse(sx, sy, S)
	case kBlaze:
		fs.flames(sx, sy, 0.35*S, S)
	default:
		return false
	}
	return true
}

// towerSpec is a lighthouse standing on a headland ridge.
type towerSpec struct {
	layer layer
	x     float64 // layer x of its foot
	top   float64 // the ridge's height there
	h     float64 // its height, frame heights
	ridge *ridge
}

// towerOps draws the headland's lighthouse.
func (fs *frameState) towerOps() {
	st := fs.st
	tw := st.tower
	if tw == nil {
		return
	}
	xf := fs.xf[tw.layer]
	h := float64(st.h)
	// The tower repeats with its ridge's period under long camera moves.
	per := tw.ridge.period
	base := h/2 + (st.hzL*xf.s+xf.dy)*h
	for _, k := range []float64{-1, 0, 1} {
		lx := tw.x + k*per
		sx := float64(st.w)/2 + (lx*xf.s+xf.dx)*h
		S := tw.h * xf.s * h
		if sx < -6*S || sx > float64(st.w)+6*S {
			continue
		}
		sy := base - tw.ridge.heightAt(lx)*xf.s*h + 0.01*h*xf.s
		fs.lighthouse(sx, sy, S)
	}
}

// lighthouse draws a lighthouse standing at (sx, sy), S pixels tall, and
// after dark its turning beam.
func (fs *frameState) lighthouse(sx, sy, S float64) {
	st := fs.st
	l := &fs.grnd
	white := rgb{236, 234, 226}.lit(st.pal.key).mix(st.pal.skyLow, 0.15)
	red := rgb{190, 40, 40}.lit(st.pal.key).mix(st.pal.skyLow, 0.15)
	w0, w1 := 0.12*S, 0.075*S
	for k := 0; k < 4; k++ {
		y0, y1 := sy-float64(k)*0.2*S, sy-float64(k+1)*0.2*S
		f0, f1 := float64(k)/5, float64(k+1)/5
		c := white
		if k%2 == 1 {
			c = red
		}
		l.poly(c, 1, false, pt{sx - (w0 + (w1-w0)*f0), y0}, pt{sx + (w0 + (w1-w0)*f0), y0}, pt{sx + (w0 + (w1-w0)*f1), y1}, pt{sx - (w0 + (w1-w0)*f1), y1})
	}
	top := sy - 0.8*S
	l.rect(sx-0.1*S, top-0.02*S, sx+0.1*S, top, rgb{40, 40, 44}, 1)
	l.rect(sx-0.06*S, top-0.12*S, sx+0.06*S, top-0.02*S, rgb{255, 240, 190}.lit(st.pal.key).mix(rgb{255, 240, 190}, 0.6), 1)
	l.poly(red, 1, false, pt{sx - 0.08*S, top - 0.12*S}, pt{sx + 0.08*S, top - 0.12*S}, pt{sx, top - 0.2*S})
	dark := st.pal.night || st.plan.Time == scene.Dusk || st.pal.storm || st.pal.fog > 0.3
	if !dark {
		return
	}
	// The beam turns once every 8 seconds: seen side-on it sweeps out to
	// either side; when it points at the camera the lamp flares.
	ly := top - 0.07*S
	a := 2 * math.Pi * fs.t / 8
	c, sn := math.Cos(a), math.Sin(a)
	reach := float64(st.w) * 0.9 * c
	spread := 0.05*S + 0.25*S*math.Abs(sn)
	if math.Abs(c) > 0.05 {
		fs.fore.poly(rgb{255, 244, 200}, 0.22*math.Abs(c)+0.05, true,
			pt{sx, ly - 0.02*S}, pt{sx, ly + 0.02*S}, pt{sx + reach, ly + spread}, pt{sx + reach, ly - spread})
	}
	flare := math.Max(0, sn)
	fs.fore.glow(sx, ly, 0.4*S+1.6*S*flare*flare, rgb{255, 236, 180}, 0.35+0.5*flare)
	fs.fore.light(sx, ly, math.Max(1.5, 0.05*S), rgb{255, 250, 230}, 1)
}
