package previz

import (
	"math"

	"kino/engine/previz/raster"
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
		c := fs.thingColor(t, raster.RGB{R: 220, G: 150, B: 40}).Mix(st.pal.skyLow, 0.35)
		l.Rect(sx-0.025*S, sy-S, sx+0.025*S, sy, c, 1)
		dir := 1.0
		if t.x > 0 {
			dir = -1
		}
		l.Rect(math.Min(sx-0.15*S*dir, sx+0.55*S*dir), sy-S-0.03*S, math.Max(sx-0.15*S*dir, sx+0.55*S*dir), sy-S+0.015*S, c, 1)
		l.Capsule(sx, sy-1.1*S, sx+0.5*S*dir, sy-S, 0.006*S, c, 1)
		hx := sx + (0.3+0.1*math.Sin(fs.t*0.3))*S*dir
		l.Capsule(hx, sy-S, hx, sy-0.6*S, math.Max(0.5, 0.003*S), raster.RGB{R: 40, G: 40, B: 40}, 1)
		if dark {
			fs.fore.Light(sx, sy-1.1*S, math.Max(1, 0.008*S), raster.RGB{R: 255, G: 40, B: 30}, 0.5+0.5*math.Sin(fs.t*3))
		}
	case kBollard:
		l.Rect(sx-0.25*S, sy-S, sx+0.25*S, sy, fs.lit(raster.RGB{R: 40, G: 40, B: 44}), 1)
		l.Ellipse(sx, sy-S, 0.32*S, 0.12*S, fs.lit(raster.RGB{R: 56, G: 56, B: 60}), 1)
	case kReeds:
		c := fs.lit(raster.RGB{R: 110, G: 120, B: 60})
		for k := 0; k < 6; k++ {
			x := sx + (float64(k)-2.5)*0.08*S
			sw := 0.05 * S * math.Sin(fs.t*1.3+float64(k)+float64(t.seed%10))
			l.Capsule(x, sy, x+sw, sy-S*(0.7+0.3*raster.Hashf(t.seed+uint64(k))), math.Max(0.5, 0.012*S), c, 1)
		}
		l.Capsule(sx+0.05*S, sy-0.75*S, sx+0.05*S, sy-0.95*S, math.Max(0.6, 0.03*S), fs.lit(raster.RGB{R: 90, G: 60, B: 36}), 1)
	case kRailPost:
		c := fs.lit(raster.RGB{R: 60, G: 62, B: 70})
		l.Rect(sx-0.03*S, sy-S, sx+0.03*S, sy, c, 1)
		l.Rect(sx-0.6*S, sy-S, sx+0.6*S, sy-0.92*S, c, 1)
		l.Rect(sx-0.6*S, sy-0.5*S, sx+0.6*S, sy-0.46*S, c, 1)
	case kPole:
		c := fs.lit(raster.RGB{R: 92, G: 70, B: 50})
		l.Rect(sx-0.015*S, sy-S, sx+0.015*S, sy, c, 1)
		l.Rect(sx-0.12*S, sy-0.95*S, sx+0.12*S, sy-0.93*S, c, 1)
	case kBarn:
		red := fs.thingColor(t, raster.RGB{R: 160, G: 44, B: 36})
		W := 1.4 * S
		l.Rect(sx-W/2, sy-0.6*S, sx+W/2, sy, red, 1)
		l.Poly(red.Scale(0.8), 1, false, raster.Pt{X: sx - W/2 - 0.05*S, Y: sy - 0.6*S}, raster.Pt{X: sx + W/2 + 0.05*S, Y: sy - 0.6*S}, raster.Pt{X: sx, Y: sy - S})
		l.Rect(sx-0.18*S, sy-0.45*S, sx+0.18*S, sy, fs.lit(raster.RGB{R: 90, G: 40, B: 30}), 1)
		l.Capsule(sx-0.18*S, sy-0.45*S, sx+0.18*S, sy, math.Max(0.5, 0.01*S), fs.lit(raster.RGB{R: 230, G: 230, B: 220}), 1)
		l.Capsule(sx+0.18*S, sy-0.45*S, sx-0.18*S, sy, math.Max(0.5, 0.01*S), fs.lit(raster.RGB{R: 230, G: 230, B: 220}), 1)
	case kWindmill:
		c := fs.lit(raster.RGB{R: 230, G: 226, B: 216})
		l.Poly(c, 1, false, raster.Pt{X: sx - 0.08*S, Y: sy}, raster.Pt{X: sx + 0.08*S, Y: sy}, raster.Pt{X: sx + 0.04*S, Y: sy - 0.8*S}, raster.Pt{X: sx - 0.04*S, Y: sy - 0.8*S})
		hx, hy := sx, sy-0.8*S
		a0 := fs.t * 0.9
		for k := 0; k < 4; k++ {
			a := a0 + float64(k)*math.Pi/2
			ex, ey := hx+math.Cos(a)*0.35*S, hy+math.Sin(a)*0.35*S
			l.Capsule(hx, hy, ex, ey, math.Max(0.6, 0.012*S), c, 1)
		}
	case kFence:
		c := fs.lit(raster.RGB{R: 150, G: 120, B: 84})
		W := 2 * S
		for k := 0; k < 4; k++ {
			x := sx - W/2 + float64(k)*W/3
			l.Rect(x-0.04*S, sy-S, x+0.04*S, sy, c, 1)
		}
		l.Rect(sx-W/2, sy-0.8*S, sx+W/2, sy-0.7*S, c, 1)
		l.Rect(sx-W/2, sy-0.4*S, sx+W/2, sy-0.3*S, c, 1)
	case kTorch:
		l.Capsule(sx, sy, sx, sy-S, 0.02*S, fs.lit(raster.RGB{R: 70, G: 50, B: 30}), 1)
		fs.flames(sx, sy-S, 0.06*S, 0.18*S)
	case kGravestone:
		c := fs.lit(raster.RGB{R: 150, G: 150, B: 146})
		l.Rect(sx-0.3*S, sy-0.75*S, sx+0.3*S, sy, c, 1)
		l.Ellipse(sx, sy-0.75*S, 0.3*S, 0.25*S, c, 1)
	case kTowerCtl:
		c := fs.lit(raster.RGB{R: 200, G: 204, B: 210}).Mix(st.pal.skyLow, 0.3)
		l.Rect(sx-0.05*S, sy-0.85*S, sx+0.05*S, sy, c, 1)
		l.Poly(c, 1, false, raster.Pt{X: sx - 0.16*S, Y: sy - 0.85*S}, raster.Pt{X: sx + 0.16*S, Y: sy - 0.85*S}, raster.Pt{X: sx + 0.12*S, Y: sy - S}, raster.Pt{X: sx - 0.12*S, Y: sy - S})
		l.Rect(sx-0.13*S, sy-0.97*S, sx+0.13*S, sy-0.88*S, fs.lit(raster.RGB{R: 60, G: 90, B: 110}), 1)
	case kChimney:
		c := fs.lit(raster.RGB{R: 150, G: 80, B: 60})
		l.Rect(sx-0.15*S, sy-S, sx+0.15*S, sy, c, 1)
		l.Rect(sx-0.18*S, sy-S, sx+0.18*S, sy-0.9*S, c.Scale(0.8), 1)
	case kAntenna:
		c := fs.lit(raster.RGB{R: 80, G: 80, B: 86})
		l.Capsule(sx, sy, sx, sy-S, math.Max(0.5, 0.008*S), c, 1)
		for k := 1; k <= 3; k++ {
			y := sy - S + float64(k)*0.12*S
			l.Capsule(sx-0.1*S, y, sx+0.1*S, y, math.Max(0.5, 0.005*S), c, 1)
		}
		if fs.st.pal.night {
			fs.fore.Light(sx, sy-S, math.Max(1, 0.01*S), raster.RGB{R: 255, G: 40, B: 30}, 0.5+0.5*math.Sin(fs.t*2.5))
		}
	case kVent:
		c := fs.lit(raster.RGB{R: 170, G: 172, B: 176})
		l.Rect(sx-0.6*S, sy-S, sx+0.6*S, sy, c, 1)
		l.Disc(sx, sy-0.5*S, 0.35*S, c.Scale(0.7), 1)
	case kFern:
		c := fs.lit(raster.RGB{R: 50, G: 110, B: 50})
		for k := 0; k < 7; k++ {
			a := -math.Pi/2 + (float64(k)-3)*0.35 + 0.04*math.Sin(fs.t+float64(k))
			l.Capsule(sx, sy, sx+math.Cos(a)*S, sy+math.Sin(a)*S, 0.06*S, c.Scale(0.85+0.05*float64(k%3)), 1)
		}
	case kStatue:
		c := fs.thingColor(t, raster.RGB{R: 170, G: 166, B: 156})
		l.Rect(sx-0.25*S, sy-0.3*S, sx+0.25*S, sy, c.Scale(0.85), 1)
		l.Poly(c, 1, false, raster.Pt{X: sx - 0.12*S, Y: sy - 0.3*S}, raster.Pt{X: sx + 0.12*S, Y: sy - 0.3*S}, raster.Pt{X: sx + 0.08*S, Y: sy - 0.85*S}, raster.Pt{X: sx - 0.08*S, Y: sy - 0.85*S})
		l.Disc(sx, sy-0.92*S, 0.08*S, c, 1)
	case kStall:
		c := fs.thingColor(t, raster.HSV(float64(t.seed%360), 0.6, 0.8))
		W := 1.2 * S
		l.Rect(sx-W/2, sy-0.45*S, sx+W/2, sy, fs.lit(raster.RGB{R: 140, G: 100, B: 60}), 1)
		for k := 0; k < 6; k++ {
			x := sx - W/2 + (float64(k)+0.5)*W/6
			l.Disc(x, sy-0.5*S, 0.07*S, raster.HSV(float64(t.seed%360)+float64(k)*50, 0.7, 0.85).Lit(st.pal.subj), 1)
		}
		l.Rect(sx-W/2+0.03*S, sy-S, sx-W/2+0.06*S, sy-0.45*S, fs.lit(raster.RGB{R: 90, G: 70, B: 50}), 1)
		l.Rect(sx+W/2-0.06*S, sy-S, sx+W/2-0.03*S, sy-0.45*S, fs.lit(raster.RGB{R: 90, G: 70, B: 50}), 1)
		for k := 0; k < 6; k++ {
			x := sx - W/2 + float64(k)*W/6
			cc := c
			if k%2 == 1 {
				cc = fs.lit(raster.RGB{R: 240, G: 240, B: 236})
			}
			l.Poly(cc, 1, false, raster.Pt{X: x, Y: sy - S}, raster.Pt{X: x + W/6, Y: sy - S}, raster.Pt{X: x + W/6, Y: sy - 0.85*S}, raster.Pt{X: x, Y: sy - 0.85*S})
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
	white := raster.RGB{R: 236, G: 234, B: 226}.Lit(st.pal.key).Mix(st.pal.skyLow, 0.15)
	red := raster.RGB{R: 190, G: 40, B: 40}.Lit(st.pal.key).Mix(st.pal.skyLow, 0.15)
	w0, w1 := 0.12*S, 0.075*S
	for k := 0; k < 4; k++ {
		y0, y1 := sy-float64(k)*0.2*S, sy-float64(k+1)*0.2*S
		f0, f1 := float64(k)/5, float64(k+1)/5
		c := white
		if k%2 == 1 {
			c = red
		}
		l.Poly(c, 1, false, raster.Pt{X: sx - (w0 + (w1-w0)*f0), Y: y0}, raster.Pt{X: sx + (w0 + (w1-w0)*f0), Y: y0}, raster.Pt{X: sx + (w0 + (w1-w0)*f1), Y: y1}, raster.Pt{X: sx - (w0 + (w1-w0)*f1), Y: y1})
	}
	top := sy - 0.8*S
	l.Rect(sx-0.1*S, top-0.02*S, sx+0.1*S, top, raster.RGB{R: 40, G: 40, B: 44}, 1)
	l.Rect(sx-0.06*S, top-0.12*S, sx+0.06*S, top-0.02*S, raster.RGB{R: 255, G: 240, B: 190}.Lit(st.pal.key).Mix(raster.RGB{R: 255, G: 240, B: 190}, 0.6), 1)
	l.Poly(red, 1, false, raster.Pt{X: sx - 0.08*S, Y: top - 0.12*S}, raster.Pt{X: sx + 0.08*S, Y: top - 0.12*S}, raster.Pt{X: sx, Y: top - 0.2*S})
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
		fs.fore.Poly(raster.RGB{R: 255, G: 244, B: 200}, 0.22*math.Abs(c)+0.05, true,
			raster.Pt{X: sx, Y: ly - 0.02*S}, raster.Pt{X: sx, Y: ly + 0.02*S}, raster.Pt{X: sx + reach, Y: ly + spread}, raster.Pt{X: sx + reach, Y: ly - spread})
	}
	flare := math.Max(0, sn)
	fs.fore.Glow(sx, ly, 0.4*S+1.6*S*flare*flare, raster.RGB{R: 255, G: 236, B: 180}, 0.35+0.5*flare)
	fs.fore.Light(sx, ly, math.Max(1.5, 0.05*S), raster.RGB{R: 255, G: 250, B: 230}, 1)
}
