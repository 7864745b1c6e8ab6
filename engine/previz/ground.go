package previz

import (
	"math"

	"kino/engine/previz/raster"
)

// groundSpec is the ground plane: a colour from the horizon to the camera
// with a noise texture seen in perspective, and per setting a beach with
// animated sea, a street with kerbs and lane markings, a plank floor, a
// sea bed with caustics or a stage floor.
type groundSpec struct {
	kind           groundKind
	far, near      raster.RGB
	amp            int     // texture amplitude (brightness, ±amp)
	uScale, vScale float64 // texels per world unit across and in depth

	seaFar, seaNear, foam, wet raster.RGB // gBeach
	shore                      float64    // gBeach: shoreline depth fraction

	walk, line raster.RGB // gStreet: sidewalk and lane-marking colours
	kerb       float64    // gStreet: kerb distance from the centre (world x)

	seam raster.RGB // gFloor: gaps between planks; gTiles, gStone: joints

	straight bool    // gBeach: a straight quay or deck edge instead of a beach
	rough    float64 // gBeach: how rough the water is (0 calm .. 1 breakers)
	deck     bool    // gBeach: the land near the camera is a bridge's roadway
	rows     bool    // crop rows run away from the camera
	bands    []strip // strips across the ground: roads, rivers, rails
}

type groundKind uint8

const (
	gPlain groundKind = iota
	gBeach
	gStreet
	gFloor
	gSeabed
	gStage
	gTiles // a tiled floor
	gStone // flagstones
)

// drawGround draws every ground row of the band.
func (fs *frameState) drawGround(b *raster.Band) {
	st := fs.st
	g := &st.gr
	h := float64(st.h)
	cx := float64(st.w) / 2
	y0 := max(b.Y0, int(math.Floor(fs.hzRow)))
	var row, row2 [raster.TexSize + 1]uint8
	t := fs.t
	fwd := fs.v.fwd
	for y := y0; y < b.Y1; y++ {
		d := float64(fs.rowD[y])
		if d < 0 {
			continue
		}
		z := 1 / math.Max(d, 1e-4)
		s, dx := float64(fs.rowS[y]), float64(fs.rowDx[y])
		base := g.far.Mix(g.near, raster.Smoothstep(0, 1.3, d))
		fade := raster.Smoothstep(0.015, 0.45, d)
		amp := int(float64(g.amp) * fade * 2)
		raster.TexRow(&row, int((z+fwd)*g.vScale*256))
		scale := g.uScale * z
		u := int(((0.5-cx)/h-dx)/s*scale*65536) + int(st.cloudU0*65536)
		du := int(scale / (h * s) * 65536)
		o := y * b.Stride
		px := b.Pix[o : o+st.w*4]
		br, bg, bb := int(base.R), int(base.G), int(base.B)
		switch g.kind {
		case gBeach:
			fs.beachRow(px, y, d, z, u, du, &row, &row2, base)
			fs.bandsRow(px, y, d, z, s, dx)
			continue
		case gSeabed:
			raster.TexRow(&row2, int((z*g.vScale*1.37+t*0.5+97)*256))
			u2 := int(((0.5-cx)/h-dx)/s*scale*1.21*65536) - int(t*0.9*65536)
			du2 := du * 121 / 100
			u += int(t * 0.7 * 65536)
			ca := int(3 * fade * 256)
			for x := 0; x+3 < len(px); x += 4 {
				t1 := raster.TexAt(&row, u)
				t2 := raster.TexAt(&row2, u2)
				u += du
				u2 += du2
				k := t1 - t2
				if k < 0 {
					k = -k
				}
				v := (t1 - 128) * amp >> 8
				if k < 24 {
					v += (24 - k) * ca >> 8
				}
				p := px[x : x+3 : x+3]
				p[0], p[1], p[2] = raster.Sat(br+v), raster.Sat(bg+v), raster.Sat(bb+v)
			}
			continue
		}
		for x := 0; x+3 < len(px); x += 4 {
			v := (raster.TexAt(&row, u) - 128) * amp >> 8
			u += du
			p := px[x : x+3 : x+3]
			p[0], p[1], p[2] = raster.Sat(br+v), raster.Sat(bg+v), raster.Sat(bb+v)
		}
		switch g.kind {
		case gStreet:
			fs.streetRow(b, y, d, z, s, dx)
		case gFloor:
			fs.floorRow(px, d, z, s, dx)
		case gTiles, gStone:
			fs.tileRow(px, y, z, s, dx, g.kind == gStone)
		}
		if g.rows {
			fs.floorRow(px, d, z, s, dx)
		}
		fs.bandsRow(px, y, d, z, s, dx)
	}
}

// bandsRow paints the bands that row y crosses.
func (fs *frameState) bandsRow(px []uint8, y int, d, z, s, dx float64) {
	for k := range fs.st.gr.bands {
		if b := &fs.st.gr.bands[k]; d >= b.d0 && d < b.d1 {
			fs.bandRow(b, px, y, d, z, s, dx)
		}
	}
}

// beachRow draws one row of a beach: sea above the shoreline (colour by
// depth, wave bands rolling in, glitter along the sun's path), foam at the
// water's edge, wet sand, then dry sand.
func (fs *frameState) beachRow(px []uint8, y int, d, z float64, u, du int, row, row2 *[raster.TexSize + 1]uint8, sand raster.RGB) {
	st := fs.st
	g := &st.gr
	t := fs.t
	h := float64(st.h)
	dd := raster.Clampf(d/g.shore, 0, 1)
	sea := g.seaFar.Mix(g.seaNear, math.Pow(dd, 0.7))
	// Waves travel towards the shore: bands in depth moving with time.
	w := math.Sin(2 * math.Pi * (z*1.7 - t*0.4))
	rough := 1.0
	if g.rough > 0 {
		rough = g.rough
	}
	waveAdd := int(16 * rough * w * raster.Smoothstep(0.05, 0.6, dd))
	crest := w > 1-0.2*rough && dd > 0.45
	raster.TexRow(row2, int((z*g.vScale*2+t*1.1)*256))
	us := u + int(t*3*65536)
	seaAmp := int(40 * raster.Smoothstep(0, 0.5, dd))
	sandAmp := g.amp * 2
	yf := int32(y)<<8 + 128
	foamW := int32(math.Max(1.5, 0.012*h*d) * 256)
	wetW := foamW * 4
	sr, sg, sb := int(sea.R)+waveAdd, int(sea.G)+waveAdd, int(sea.B)+waveAdd
	nr, ng, nb := int(sand.R), int(sand.G), int(sand.B)
	gl := st.pal.sunCol
	showSun := st.pal.sunShow || st.pal.moon
	for x := 0; x+3 < len(px); x += 4 {
		tv := raster.TexAt(row, u)
		u += du
		p := px[x : x+3 : x+3]
		edge := yf - fs.shore[x>>2]
		if edge < 0 {
			ts := raster.TexAt(row2, us)
			us += du
			v := (ts - 128) * seaAmp >> 8
			r, gg, bb := sr+v, sg+v, sb+v
			if crest && ts > 150 {
				r, gg, bb = r+40, gg+40, bb+40
			}
			if showSun {
				if sp := int(fs.col[x>>2]); sp > 0 && ts > 140 {
					k := (ts - 140) * sp >> 7
					r, gg, bb = r+int(gl.R)*k>>8, gg+int(gl.G)*k>>8, bb+int(gl.B)*k>>8
				}
			}
			if ts > 236 {
				r, gg, bb = r+60, gg+60, bb+60
			}
			p[0], p[1], p[2] = raster.Sat(r), raster.Sat(gg), raster.Sat(bb)
			continue
		}
		us += du
		v := (tv - 128) * sandAmp >> 8
		switch {
		case edge < foamW && tv > 90:
			p[0], p[1], p[2] = g.foam.R, g.foam.G, g.foam.B
		case edge < wetW:
			p[0], p[1], p[2] = raster.Sat(int(g.wet.R)+v), raster.Sat(int(g.wet.G)+v), raster.Sat(int(g.wet.B)+v)
		default:
			p[0], p[1], p[2] = raster.Sat(nr+v), raster.Sat(ng+v), raster.Sat(nb+v)
		}
	}
}

// streetRow paints sidewalks beyond the kerbs and the dashed centre line.
func (fs *frameState) streetRow(b *raster.Band, y int, d, z, s, dx float64) {
	st := fs.st
	g := &st.gr
	h := float64(st.h)
	cx := float64(st.w) / 2
	sx := func(wx float64) float64 { return cx + (wx*d*s+dx)*h }
	xl, xr := sx(-g.kerb), sx(g.kerb)
	b.Spanf(y, 0, xl, g.walk, 256, false)
	b.Spanf(y, xr, float64(st.w), g.walk, 256, false)
	kw := math.Max(0.6, 0.02*d*s*h)
	kerb := g.walk.Scale(1.18)
	b.Spanf(y, xl-kw, xl, kerb, 256, false)
	b.Spanf(y, xr, xr+kw, kerb, 256, false)
	if math.Mod(z+fs.v.fwd, 1.2) < 0.6 {
		lw := math.Max(0.4, 0.012*d*s*h)
		c := sx(0)
		b.Spanf(y, c-lw, c+lw, g.line, int(256*raster.Smoothstep(0.02, 0.2, d)), false)
	}
}

// floorRow darkens the gaps between floor planks.
func (fs *frameState) floorRow(px []uint8, d, z, s, dx float64) {
	st := fs.st
	h := float64(st.h)
	cx := float64(st.w) / 2
	const freq = 7.0 // planks per world unit
	scale := freq * z
	pu := int(((0.5-cx)/h - dx) / s * scale * 65536)
	dpu := int(scale / (h * s) * 65536)
	if dpu > 65536/8 {
		return // planks narrower than eight pixels: leave the seams out
	}
	// Seams fade in as planks get wider, so distant rows do not shimmer.
	a := int(256 * raster.Smoothstep(65536/8, 65536/20, float64(dpu)))
	seam := st.gr.seam
	for x := 0; x+3 < len(px); x += 4 {
		f := pu & 0xffff
		pu += dpu
		if f < 0x1400 {
			p := px[x : x+3 : x+3]
			p[0] = uint8(int(p[0]) + (int(seam.R)-int(p[0]))*a>>8)
			p[1] = uint8(int(p[1]) + (int(seam.G)-int(p[1]))*a>>8)
			p[2] = uint8(int(p[2]) + (int(seam.B)-int(p[2]))*a>>8)
		}
	}
}
