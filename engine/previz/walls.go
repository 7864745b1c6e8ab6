package previz

import "math"

// wallRow lays a room's wall dressing over row y: tile joints, stone
// courses, boards, a cave's rock, a carriage's panels. The pattern moves
// with the far layer under camera moves.
func (fs *frameState) wallRow(b *band, y int) {
	st := fs.st
	h := float64(st.h)
	xf := fs.xf[lFar]
	cx := float64(st.w) / 2
	ly := (float64(y)+0.5-h/2-xf.dy)/(h*xf.s) - st.hzL // layer y above the horizon is negative
	lx := func(x float64) float64 { return ((x+0.5-cx)/h - xf.dx) / xf.s }
	o := y * b.stride
	px := b.pix[o : o+st.w*4]
	darken := func(x int, k int) {
		p := px[x*4 : x*4+3 : x*4+3]
		p[0], p[1], p[2] = uint8(int(p[0])*k>>8), uint8(int(p[1])*k>>8), uint8(int(p[2])*k>>8)
	}
	switch st.wall.kind {
	case wTiles:
		if ly > -0.42 { // tiles only behind the counters
			const s = 0.05
			if f := math.Mod(-ly, s); f < 0.004 {
				for x := 0; x < st.w; x++ {
					darken(x, 200)
				}
				return
			}
			for x := 0; x < st.w; x++ {
				if f := math.Mod(lx(float64(x))+100, s); f < 0.004 {
					darken(x, 200)
				}
			}
		}
	case wStone:
		const s = 0.07
		course := math.Floor(-ly / s)
		if f := math.Mod(-ly, s); f < 0.006 {
			for x := 0; x < st.w; x++ {
				darken(x, 190)
			}
			return
		}
		off := 0.0
		if int(course)%2 == 1 {
			off = 0.07
		}
		for x := 0; x < st.w; x++ {
			u := lx(float64(x)) + off + 100
			if f := math.Mod(u, 0.14); f < 0.006 {
				darken(x, 190)
			} else if hash64(uint64(math.Floor(u/0.14))*131+uint64(course))%5 == 0 {
				darken(x, 236)
			}
		}
	case wPlanks:
		for x := 0; x < st.w; x++ {
			if f := math.Mod(lx(float64(x))+100, 0.09); f < 0.006 {
				darken(x, 170)
			}
		}
	case wPanels:
		if math.Abs(ly+0.68) < 0.012 { // the luggage rack
			for x := 0; x < st.w; x++ {
				darken(x, 150)
			}
		}
		for x := 0; x < st.w; x++ {
			if f := math.Mod(lx(float64(x))+100, 0.8); f < 0.01 {
				darken(x, 190)
			}
		}
	case wRock:
		row := tex2(ly*30, 5)
		for x := 0; x < st.w; x++ {
			v := tex2(lx(float64(x))*18, 40+ly*18) + 0.5*row
			darken(x, 180+int(60*clampf(v-0.4, 0, 1)))
			// Stalactites hang from the roof.
			u := lx(float64(x)) * 9
			k := math.Floor(u)
			tip := 0.1 + 0.25*hashf(uint64(int64(k)+1000))
			if f := math.Abs(u - k - 0.5); ly < -1.0+tip*(1-2*f) && ly < -0.6 {
				darken(x, 150)
			}
		}
	}
}

// windowView paints one row of a window (pixels xl..xr, the window's
// rows y0..y1) with what lies outside: fields going by, a tunnel, an
// airfield, stained glass.
func (fs *frameState) windowView(b *band, y int, xl, xr, y0, y1 float64) {
	st := fs.st
	h := float64(st.h)
	t := fs.t
	v := (float64(y) + 0.5 - y0) / math.Max(1, y1-y0) // 0 top .. 1 bottom
	a := max(0, int(math.Ceil(xl-0.5)))
	e := min(st.w, int(math.Ceil(xr-0.5)))
	o := y * b.stride
	set := func(x int, c rgb) {
		p := b.pix[o+x*4 : o+x*4+3 : o+x*4+3]
		p[0], p[1], p[2] = c.r, c.g, c.b
	}
	night := st.pal.night
	switch st.wall.view {
	case vLand:
		sky := skyAt(st.sky, 0.05+(1-v)*0.5)
		grass := rgb{90, 140, 60}.lit(st.pal.key)
		hill := rgb{70, 110, 80}.lit(st.pal.key).mix(sky, 0.3)
		if night {
			grass, hill = rgb{14, 20, 16}, rgb{10, 14, 20}
		}
		for x := a; x < e; x++ {
			u := float64(x)/h + t*0.9 // the landscape streams past
			top := 0.55 - 0.12*(0.5+0.5*math.Sin(u*3.1)) - 0.05*math.Sin(u*7.3)
			switch {
			case v > 0.62:
				c := grass
				if math.Mod(u*2.5, 1) < 0.04 {
					c = rgb{60, 50, 40} // a fence post flashing by
				}
				set(x, c)
			case v > top:
				set(x, hill)
			default:
				set(x, sky)
			}
		}
	case vTunnel:
		for x := a; x < e; x++ {
			u := float64(x)/h + t*3
			c := rgb{16, 16, 20}
			if math.Mod(u, 1.3) < 0.05 && v > 0.3 && v < 0.5 {
				c = rgb{255, 230, 170}
			} else if math.Abs(v-0.7) < 0.02 {
				c = rgb{40, 40, 46}
			}
			set(x, c)
		}
	case vTarmac:
		sky := skyAt(st.sky, 0.05+(1-v)*0.6)
		tar := rgb{110, 112, 116}.lit(st.pal.key)
		if night {
			tar = rgb{24, 26, 30}
		}
		for x := a; x < e; x++ {
			c := sky
			if v > 0.7 {
				c = tar
				if math.Abs(v-0.85) < 0.01 && math.Mod(float64(x)/h*6, 1) < 0.5 {
					c = rgb{230, 210, 90}
				}
			} else if v > 0.55 {
				// A parked airliner's fuselage.
				q := (float64(x)/h - 0.2 - fs.xf[lFar].dx) * 3
				if f := math.Mod(q+100, 3); f < 2 && math.Abs(v-0.62) < 0.05*math.Sqrt(math.Max(0, 1-(f-1)*(f-1))) {
					c = rgb{236, 236, 240}.lit(st.pal.key)
				}
			}
			set(x, c)
		}
	case vColored:
		ww := math.Max(1, xr-xl)
		for x := a; x < e; x++ {
			u := (float64(x) + 0.5 - xl) / ww
			cu, cv := u*3, v*5
			c := hsv(float64(hash64(uint64(int(cu))+uint64(int(cv))*7+uint64(st.seed%5))%6)*60+20, 0.75, 0.95).lit(st.pal.key)
			if f, g := cu-math.Floor(cu), cv-math.Floor(cv); f < 0.08 || g < 0.05 {
				c = rgb{36, 30, 28}
			}
			set(x, c)
		}
	}
}
