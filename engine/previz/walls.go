package previz

import (
	"math"

	"kino/engine/previz/raster"
)

// Per-column wall flags (fs.wallC).
const (
	wcJoint    = 1 << iota // a vertical joint (tiles, boards, panels; stone in even courses)
	wcJointOdd             // stone: a joint in odd courses
	wcDark                 // stone: a darker block in even courses
	wcDarkOdd              // stone: in odd courses
	wcLight                // a tunnel light or a fence post in a window view
)

// wallColumns works out, once per frame, what each column of the wall
// dressing and the window views holds, so rows are drawn with a table
// lookup per pixel.
func (fs *frameState) wallColumns() {
	st := fs.st
	h := float64(st.h)
	xf := fs.xf[lFar]
	cx := float64(st.w) / 2
	t := fs.t
	for x := 0; x < st.w; x++ {
		lx := ((float64(x)+0.5-cx)/h - xf.dx) / xf.s
		u := lx + 100
		var c uint8
		switch st.wall.kind {
		case wTiles:
			if math.Mod(u, 0.05) < 0.004 {
				c |= wcJoint
			}
		case wStone:
			if math.Mod(u, 0.14) < 0.006 {
				c |= wcJoint
			}
			if math.Mod(u+0.07, 0.14) < 0.006 {
				c |= wcJointOdd
			}
			if raster.Hash64(uint64(math.Floor(u/0.14))*131)%5 == 0 {
				c |= wcDark
			}
			if raster.Hash64(uint64(math.Floor((u+0.07)/0.14))*131+1)%5 == 0 {
				c |= wcDarkOdd
			}
		case wPlanks:
			if math.Mod(u, 0.09) < 0.006 {
				c |= wcJoint
			}
		case wPanels:
			if math.Mod(u, 0.8) < 0.01 {
				c |= wcJoint
			}
		case wRock:
			fs.wallF[x] = float32(raster.Tex2(lx*18, 40))
			k := math.Floor(lx * 9)
			tip := 0.1 + 0.25*raster.Hashf(uint64(int64(k)+1000))
			fs.wallF[st.w+x] = float32(tip * (1 - 2*math.Abs(lx*9-k-0.5)))
		}
		switch st.wall.view {
		case vLand:
			v := float64(x)/h + t*0.9 // the landscape streams past
			fs.wallF[x] = float32(0.55 - 0.12*(0.5+0.5*math.Sin(v*3.1)) - 0.05*math.Sin(v*7.3))
			if math.Mod(v*2.5, 1) < 0.04 {
				c |= wcLight
			}
		case vTunnel:
			if math.Mod(float64(x)/h+t*3, 1.3) < 0.05 {
				c |= wcLight
			}
		case vTarmac:
			q := (float64(x)/h - 0.2 - xf.dx) * 3
			f := math.Mod(q+100, 3)
			fs.wallF[x] = -1
			if f < 2 {
				fs.wallF[x] = float32(0.05 * math.Sqrt(math.Max(0, 1-(f-1)*(f-1))))
			}
			if math.Mod(float64(x)/h*6, 1) < 0.5 {
				c |= wcLight
			}
		}
		fs.wallC[x] = c
	}
}

// wallRow lays a room's wall dressing over row y: tile joints, stone
// courses, boards, a cave's rock, a carriage's panels. The pattern moves
// with the far layer under camera moves.
func (fs *frameState) wallRow(b *raster.Band, y int) {
	st := fs.st
	h := float64(st.h)
	xf := fs.xf[lFar]
	ly := (float64(y)+0.5-h/2-xf.dy)/(h*xf.s) - st.hzL // layer y above the horizon is negative
	o := y * b.Stride
	px := b.Pix[o : o+st.w*4]
	darken := func(x int, k int) {
		p := px[x*4 : x*4+3 : x*4+3]
		p[0], p[1], p[2] = uint8(int(p[0])*k>>8), uint8(int(p[1])*k>>8), uint8(int(p[2])*k>>8)
	}
	all := func(k int) {
		for x := 0; x < st.w; x++ {
			darken(x, k)
		}
	}
	cols := func(mask uint8, k int) {
		for x, c := range fs.wallC {
			if c&mask != 0 {
				darken(x, k)
			}
		}
	}
	switch st.wall.kind {
	case wTiles:
		if ly > -0.42 { // tiles only behind the counters
			if math.Mod(-ly, 0.05) < 0.004 {
				all(200)
				return
			}
			cols(wcJoint, 200)
		}
	case wStone:
		if math.Mod(-ly, 0.07) < 0.006 {
			all(190)
			return
		}
		joint, dark := uint8(wcJoint), uint8(wcDark)
		if int(math.Floor(-ly/0.07))%2 == 1 {
			joint, dark = wcJointOdd, wcDarkOdd
		}
		for x, c := range fs.wallC {
			switch {
			case c&joint != 0:
				darken(x, 190)
			case c&dark != 0:
				darken(x, 236)
			}
		}
	case wPlanks:
		cols(wcJoint, 170)
	case wPanels:
		if math.Abs(ly+0.68) < 0.012 { // the luggage rack
			all(150)
		}
		cols(wcJoint, 190)
	case wRock:
		row := int(256*0.5*raster.Tex2(ly*30, 5)) - 102 // 0.4 in 8.8
		roof := ly < -0.6
		tipAt := float32(ly + 1.0)
		for x := 0; x < st.w; x++ {
			v := int(fs.wallF[x]*256) + row
			v = min(max(v, 0), 256)
			k := 180 + v*60>>8
			if roof && tipAt < fs.wallF[st.w+x] { // stalactites
				k = 150
			}
			darken(x, k)
		}
	}
}

// windowView paints one row of a window (pixels xl..xr, the window's
// rows y0..y1) with what lies outside: fields going by, a tunnel, an
// airfield, stained glass.
func (fs *frameState) windowView(b *raster.Band, y int, xl, xr, y0, y1 float64) {
	st := fs.st
	v := (float64(y) + 0.5 - y0) / math.Max(1, y1-y0) // 0 top .. 1 bottom
	a := max(0, int(math.Ceil(xl-0.5)))
	e := min(st.w, int(math.Ceil(xr-0.5)))
	if a >= e {
		return
	}
	o := y * b.Stride
	px := b.Pix[o : o+st.w*4]
	set := func(x int, c raster.RGB) {
		p := px[x*4 : x*4+3 : x*4+3]
		p[0], p[1], p[2] = c.R, c.G, c.B
	}
	night := st.pal.night
	switch st.wall.view {
	case vLand:
		sky := skyAt(st.sky, 0.05+(1-v)*0.5)
		grass := raster.RGB{R: 90, G: 140, B: 60}.Lit(st.pal.key)
		hill := raster.RGB{R: 70, G: 110, B: 80}.Lit(st.pal.key).Mix(sky, 0.3)
		if night {
			grass, hill = raster.RGB{R: 14, G: 20, B: 16}, raster.RGB{R: 10, G: 14, B: 20}
		}
		for x := a; x < e; x++ {
			switch {
			case v > 0.62:
				c := grass
				if fs.wallC[x]&wcLight != 0 {
					c = raster.RGB{R: 60, G: 50, B: 40} // a fence post flashing by
				}
				set(x, c)
			case v > float64(fs.wallF[x]):
				set(x, hill)
			default:
				set(x, sky)
			}
		}
	case vTunnel:
		lightRow := v > 0.3 && v < 0.5
		cable := math.Abs(v-0.7) < 0.02
		for x := a; x < e; x++ {
			c := raster.RGB{R: 16, G: 16, B: 20}
			if lightRow && fs.wallC[x]&wcLight != 0 {
				c = raster.RGB{R: 255, G: 230, B: 170}
			} else if cable {
				c = raster.RGB{R: 40, G: 40, B: 46}
			}
			set(x, c)
		}
	case vTarmac:
		sky := skyAt(st.sky, 0.05+(1-v)*0.6)
		tar := raster.RGB{R: 110, G: 112, B: 116}.Lit(st.pal.key)
		if night {
			tar = raster.RGB{R: 24, G: 26, B: 30}
		}
		body := raster.RGB{R: 236, G: 236, B: 240}.Lit(st.pal.key)
		line := math.Abs(v-0.85) < 0.01
		for x := a; x < e; x++ {
			c := sky
			switch {
			case v > 0.7:
				c = tar
				if line && fs.wallC[x]&wcLight != 0 {
					c = raster.RGB{R: 230, G: 210, B: 90}
				}
			case v > 0.55 && math.Abs(v-0.62) < float64(fs.wallF[x]):
				c = body // a parked airliner's fuselage
			}
			set(x, c)
		}
	case vColored:
		ww := math.Max(1, xr-xl)
		cv := v * 5
		lead := cv-math.Floor(cv) < 0.05
		for x := a; x < e; x++ {
			cu := (float64(x) + 0.5 - xl) / ww * 3
			if lead || cu-math.Floor(cu) < 0.08 {
				set(x, raster.RGB{R: 36, G: 30, B: 28})
				continue
			}
			set(x, fs.st.glass[(int(cu)+int(cv)*7+int(st.seed%5))%len(fs.st.glass)])
		}
	}
}
