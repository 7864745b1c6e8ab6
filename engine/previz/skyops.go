package previz

import (
	"math"

	"kino/engine/previz/raster"
	"kino/engine/scene"
)

// res is how many pixels a "pixel" of detail is at this frame size (1 at
// 720p and below), so sparks, stars and rain keep their look at 4K.
func (st *stage) res() float64 { return math.Max(1, float64(st.h)/720) }

// skyOps adds the sky's lights and set dressing: stars, a shooting star,
// the sun or moon, a planet, an interior's window frames, a stage's rig.
func (fs *frameState) skyOps() {
	st := fs.st
	l := &fs.back
	h := float64(st.h)
	xs := fs.xf[lSky]
	res := st.res()
	span := st.aspect + 2.5
	for k := range st.stars {
		s := &st.stars[k]
		lx := s.x*xs.s + xs.dx
		lx = math.Mod(lx+span/2, span)
		if lx < 0 {
			lx += span
		}
		lx -= span / 2
		sx := float64(st.w)/2 + lx*h
		_, sy := st.toScreen(xs, 0, st.hzL-s.e)
		if sy >= fs.hzRow || sy < -2 || sx < -2 || sx > float64(st.w)+2 {
			continue
		}
		b := s.bright * (0.7 + 0.3*math.Sin(s.tw*fs.t+s.ph))
		r := 0.62 * res
		if s.big {
			r = 1.2 * res
		}
		l.Light(sx, sy, r, raster.RGB{R: 255, G: 250, B: 240}, b)
	}
	if st.fx.shooting {
		const period = 4.3
		k := math.Floor(fs.t / period)
		p := fs.t - k*period
		if p < 0.8 {
			key := raster.Hashk(st.seed, int(k), 31)
			x0 := (raster.Hashf(key) - 0.5) * st.aspect
			e0 := 0.5 + 0.5*raster.Hashf(key+1)
			dx := math.Copysign(0.6, raster.Hashf(key+2)-0.5)
			pos := func(q float64) (float64, float64) {
				return st.toScreen(xs, x0+dx*q, st.hzL-e0+0.3*q)
			}
			ax, ay := pos(math.Max(0, p-0.25))
			bx, by := pos(p)
			l.Streak(ax, ay, bx, by, 0.7*res, raster.RGB{R: 255, G: 255, B: 240}, 0.8*(1-p/0.8))
		}
	}
	pal := &st.pal
	if st.back == bSky {
		sx, sy := st.toScreen(xs, pal.sunX, st.hzL-pal.sunElev)
		switch {
		case pal.moon:
			r := pal.sunR * h
			l.Glow(sx, sy, r*6, pal.glowCol, 0.35)
			l.Disc(sx, sy, r, pal.sunCol, 1)
			for k := 0; k < 3; k++ {
				a := float64(k) * 2.1
				l.Disc(sx+math.Cos(a)*r*0.4, sy+math.Sin(a)*r*0.35, r*(0.18+0.06*float64(k)), pal.sunCol.Scale(0.82), 0.6)
			}
		case pal.sunShow:
			l.Glow(sx, sy, pal.glowR*h, pal.glowCol, float64(pal.glowA)/256)
			l.Glow(sx, sy, pal.sunR*h*3, pal.sunCol, 0.6)
			l.Disc(sx, sy, pal.sunR*h, pal.sunCol, 1)
		case pal.glowA > 0:
			// The sun has set: its glow lingers on the horizon.
			l.Glow(sx, fs.hzRow, 0.55*h, pal.glowCol, float64(pal.glowA)/256*0.7)
		}
	}
	if st.planet != nil {
		p := st.planet
		sx, sy := st.toScreen(xs, p.x, st.hzL-p.e)
		r := p.r * h * xs.s
		l.Glow(sx, sy, r*1.25, p.c1.Scale(0.6), 0.5)
		l.Planet(sx, sy, r, p.c1, p.lx, p.ly, float64(st.seed%97))
	}
	switch st.back {
	case bWall:
		fs.wallOps()
	case bStage:
		fs.stageOps()
	}
}

// wallOps frames an interior's windows and runs a skirting board along
// the floor.
func (fs *frameState) wallOps() {
	st := fs.st
	l := &fs.back
	xf := fs.xf[lFar]
	h := float64(st.h)
	fw := 0.014 * h * xf.s
	frame := fs.lit(raster.RGB{R: 236, G: 232, B: 222})
	if st.wall.office {
		frame = fs.lit(raster.RGB{R: 120, G: 124, B: 130})
	}
	for _, w := range st.wall.windows {
		x0, y0 := st.toScreen(xf, w.x0, w.y0)
		x1, y1 := st.toScreen(xf, w.x1, w.y1)
		l.Rect(x0-fw, y0-fw, x1+fw, y0, frame, 1)
		l.Rect(x0-fw, y1, x1+fw, y1+fw*1.6, frame, 1)
		l.Rect(x0-fw, y0, x0, y1, frame, 1)
		l.Rect(x1, y0, x1+fw, y1, frame, 1)
		l.Rect((x0+x1)/2-fw/2, y0, (x0+x1)/2+fw/2, y1, frame, 1)
		l.Rect(x0, (y0+y1)/2-fw/2, x1, (y0+y1)/2+fw/2, frame, 1)
	}
	l.Rect(0, fs.hzRow-0.025*h*xf.s, float64(st.w), fs.hzRow+1, st.wall.bot.Scale(0.7), 1)
}

// stageOps hangs a lighting truss over a stage and sweeps coloured beams
// down to the floor.
func (fs *frameState) stageOps() {
	st := fs.st
	l := &fs.back
	xf := fs.xf[lFar]
	h := float64(st.h)
	res := st.res()
	ty := st.hzL - 0.62
	x0, y0 := st.toScreen(xf, -3, ty)
	x1, y1 := st.toScreen(xf, 3, ty+0.05)
	truss := raster.RGB{R: 70, G: 70, B: 78}
	l.Rect(x0, y0, x1, y0+0.008*h, truss, 1)
	l.Rect(x0, y1-0.008*h, x1, y1, truss, 1)
	step := (y1 - y0)
	start := x0
	if start < -step {
		start += math.Floor((-step-start)/step) * step
	}
	for x := start; x < x1 && x < float64(st.w)+step; x += step {
		l.Capsule(x, y0, x+step, y1, 0.8*res, truss, 1)
	}
	n := 6
	for k := 0; k < n; k++ {
		fx := (float64(k)/float64(n-1) - 0.5) * st.aspect * 0.85
		sx, sy := st.toScreen(xf, fx, ty+0.05)
		hue := math.Mod(float64(k)*67+fs.t*25+float64(st.seed%360), 360)
		c := raster.HSV(hue, 0.75, 1)
		l.Disc(sx, sy+0.01*h, 0.012*h, raster.RGB{R: 40, G: 40, B: 44}, 1)
		l.Light(sx, sy+0.018*h, 0.008*h, c, 1)
		// The beam reaches the floor a little in front of the subjects.
		ang := 0.45 * math.Sin(fs.t*0.7+float64(k)*1.3)
		_, floorY, _ := fs.place(0, 1.3, 0, false)
		ex := sx + math.Tan(ang)*(floorY-sy)
		wide := 0.09 * h
		fs.grnd.Poly(c, 0.16, true, raster.Pt{X: sx - 2*res, Y: sy}, raster.Pt{X: sx + 2*res, Y: sy}, raster.Pt{X: ex + wide, Y: floorY}, raster.Pt{X: ex - wide, Y: floorY})
		fs.grnd.LightEllipse(ex, floorY, wide*1.3, wide*0.3, c, 0.35)
	}
}

// eventOps draws the timed events: firework shells rising and bursting,
// lightning bolts.
func (fs *frameState) eventOps() {
	st := fs.st
	for k := range st.events {
		e := &st.events[k]
		switch e.Kind {
		case scene.EventFireworkBurst:
			fs.firework(e, k)
		case scene.EventLightning:
			if d := fs.i - e.Frame; d >= 0 && d < 3 {
				fs.bolt(e, k, []float64{1, 0.45, 0.8}[d])
			}
		}
	}
}

// Firework timing, seconds.
const (
	fwRise = 0.7 // a shell climbs for this long before it bursts
	fwLife = 2.6 // a burst's stars fade out over this long
)

// firework draws one firework event at this frame, in closed form: the
// shell's climb before the burst frame, then stars flying out with drag,
// drooping under gravity, fading and flickering out, each with a short
// trail.
func (fs *frameState) firework(e *scene.Event, k int) {
	st := fs.st
	tb := float64(fs.i-e.Frame) / st.fps
	if tb < -fwRise || tb > fwLife {
		return
	}
	xf := fs.xf[lFar]
	h := float64(st.h)
	res := st.res()
	lx := (e.X - 0.5) * st.aspect
	ly := math.Min(e.Y-0.5, st.hzL-0.1)
	bx, by := st.toScreen(xf, lx, ly)
	sc := xf.s * h
	l := &fs.front
	key := raster.Hashk(st.seed, e.Frame, k)
	if tb < 0 {
		q := 1 + tb/fwRise
		at := func(q float64) (float64, float64) {
			q = math.Max(q, 0)
			f := 1 - (1-q)*(1-q)
			return bx + 0.02*sc*math.Sin(q*5+float64(key%7)), fs.hzRow + (by-fs.hzRow)*f
		}
		ax, ay := at(q - 0.15)
		px, py := at(q)
		l.Streak(ax, ay, px, py, 0.9*res, raster.RGB{R: 255, G: 190, B: 110}, 0.7)
		l.Light(px, py, 1.6*res, raster.RGB{R: 255, G: 230, B: 180}, 1)
		return
	}
	size := raster.Clampf(e.Size, 0.4, 1.6)
	R := 0.22 * size * sc
	base := raster.HSV(e.Hue, 0.85, 1)
	if tb < 0.4 {
		l.Glow(bx, by, R*1.3, base.Mix(raster.RGB{R: 255, G: 255, B: 255}, 0.5), 0.7*(1-tb/0.4))
	}
	fade := 1 - tb/fwLife
	l.Glow(bx, by, R*2.6, base, 0.22*fade*fade)
	if st.gr.kind == gBeach || st.back == bWater {
		// Its reflection shimmers on the water below, broken by the waves.
		top := fs.hzRow + 1
		bot := top + 0.5*(fs.hzRow-by)
		for k := 0; k < 6; k++ {
			f := (float64(k) + 0.5) / 6
			y := top + (bot-top)*f
			wob := 0.015 * sc * math.Sin(fs.t*6+float64(k)*1.7)
			fs.grnd.LightEllipse(bx+wob, y, R*(0.35+0.5*f), math.Max(0.8, 0.01*sc), base, 0.35*fade*(1-f*0.7))
		}
	}
	const drag = 1.7
	droopV := 0.1 * sc
	pos := func(t, a, sp float64) (float64, float64) {
		e := 1 - math.Exp(-drag*t)
		d := sp * R * e
		droop := droopV * (t - e/drag)
		return bx + math.Cos(a)*d, by + math.Sin(a)*d + droop
	}
	n := int(60 + 50*size)
	bright := math.Pow(fade, 1.4)
	for j := 0; j < n; j++ {
		hk := raster.Hash64(key + uint64(j)*0x9e37)
		u := 2*float64(hk&0xffff)/65535 - 1
		a := 2 * math.Pi * (float64(j) + float64(hk>>16&0xff)/255) / float64(n)
		sp := 0.5 + 0.5*math.Sqrt(1-u*u)
		b := bright
		if tb > 0.55*fwLife && raster.Hashf(hk^uint64(fs.i)) < 0.45 {
			b *= 0.25 // crackle as the stars burn out
		}
		c := raster.HSV(e.Hue+30*(float64(hk>>24&0xff)/255-0.5), 0.8, 1)
		if tb < 0.15 {
			c = c.Mix(raster.RGB{R: 255, G: 255, B: 255}, 1-tb/0.15)
		}
		px, py := pos(tb, a, sp)
		qx, qy := pos(math.Max(0, tb-0.1), a, sp)
		l.Streak(qx, qy, px, py, 0.6*res, c, b*0.7)
		l.Light(px, py, (1.1+0.9*fade)*res, c, b)
	}
}

// bolt draws a jagged lightning bolt from the cloud base to the horizon,
// with one branch.
func (fs *frameState) bolt(e *scene.Event, k int, a float64) {
	st := fs.st
	xf := fs.xf[lFar]
	res := st.res()
	l := &fs.front
	key := raster.Hashk(st.seed, e.Frame, k+1000)
	x := (e.X - 0.5) * st.aspect
	top := st.hzL - 0.75
	const n = 14
	var pts [n + 1]raster.Pt
	for s := 0; s <= n; s++ {
		y := top + (st.hzL-top)*float64(s)/n
		if s > 0 {
			x += 0.05 * (raster.Hashf(key+uint64(s)) - 0.5)
		}
		px, py := st.toScreen(xf, x, y)
		pts[s] = raster.Pt{X: px, Y: py}
	}
	c := raster.RGB{R: 235, G: 230, B: 255}
	for s := 0; s < n; s++ {
		l.Streak(pts[s].X, pts[s].Y, pts[s+1].X, pts[s+1].Y, 4*res, raster.RGB{R: 140, G: 120, B: 255}, 0.2*a)
		l.Streak(pts[s].X, pts[s].Y, pts[s+1].X, pts[s+1].Y, 1.1*res, c, a)
	}
	bx, by := pts[5].X, pts[5].Y
	side := math.Copysign(1, raster.Hashf(key+99)-0.5)
	for s := 0; s < 5; s++ {
		nx := bx + side*(0.015+0.02*raster.Hashf(key+uint64(200+s)))*float64(st.h)
		ny := by + 0.035*float64(st.h)
		l.Streak(bx, by, nx, ny, 0.7*res, c, a*0.7)
		bx, by = nx, ny
	}
}
