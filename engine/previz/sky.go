package previz

import (
	"math"

	"kino/engine/previz/raster"
)

// skyHorizon is the sky layer's own horizon row (its gradient follows the
// sky's, slightly slower, camera motion).
func (fs *frameState) skyHorizon() float64 {
	x := fs.xf[lSky]
	return float64(fs.st.h)/2 + (fs.st.hzL*x.s+x.dy)*float64(fs.st.h)
}

// drawBackdrop fills the rows above the ground: sky, wall, stage, space
// or open water, one flat colour per row.
func (fs *frameState) drawBackdrop(b *raster.Band) {
	st := fs.st
	h := float64(st.h)
	last := min(b.Y1, int(math.Ceil(fs.hzRow))+1)
	switch st.back {
	case bWall:
		for y := b.Y0; y < last; y++ {
			t := raster.Clampf(1-(fs.hzRow-float64(y))/(0.9*h), 0, 1)
			b.FillRow(y, st.wall.top.Mix(st.wall.bot, t))
			if st.wall.kind != wPlain {
				fs.wallRow(b, y)
			}
		}
		fs.drawWindows(b)
	case bStage:
		for y := b.Y0; y < last; y++ {
			t := raster.Clampf(1-(fs.hzRow-float64(y))/(0.9*h), 0, 1)
			b.FillRow(y, raster.RGB{R: 10, G: 8, B: 20}.Mix(raster.RGB{R: 46, G: 26, B: 66}, t*t))
		}
	default:
		hz := fs.skyHorizon()
		inv := 1 / (h * fs.xf[lSky].s)
		for y := b.Y0; y < last; y++ {
			e := (hz - float64(y) - 0.5) * inv
			b.FillRow(y, skyAt(st.sky, e))
		}
		if st.back == bWater {
			fs.drawRays(b, last)
		}
	}
	// Rows below the horizon start as the ground's far colour, in case
	// the ground leaves any uncovered.
	for y := max(b.Y0, last); y < b.Y1; y++ {
		b.FillRow(y, st.gr.far)
	}
}

// drawWindows paints the sky seen through an interior's windows.
func (fs *frameState) drawWindows(b *raster.Band) {
	st := fs.st
	for _, w := range st.wall.windows {
		x0, y0 := st.toScreen(fs.xf[lFar], w.x0, w.y0)
		x1, y1 := st.toScreen(fs.xf[lFar], w.x1, w.y1)
		r0, r1, ok := b.Rows(y0, y1)
		if !ok {
			continue
		}
		for y := r0; y <= r1; y++ {
			xl, xr := x0, x1
			if st.wall.arched {
				// A round arch over the top.
				rad := (x1 - x0) / 2
				if dy := y0 + rad - float64(y) - 0.5; dy > 0 {
					if dy >= rad {
						continue
					}
					in := rad - math.Sqrt(rad*rad-dy*dy)
					xl, xr = x0+in, x1-in
				}
			}
			if st.wall.view != vSky {
				fs.windowView(b, y, xl, xr, y0, y1)
				continue
			}
			e := 0.05 + (y1-float64(y))/float64(st.h)*1.2
			b.Spanf(y, xl, xr, skyAt(st.sky, e), 256, false)
		}
	}
}

// drawRays adds shafts of light through open water: a per-column
// intensity fading with depth.
func (fs *frameState) drawRays(b *raster.Band, last int) {
	st := fs.st
	h := float64(st.h)
	top := fs.hzRow - 1.2*h
	for y := b.Y0; y < last; y++ {
		f := raster.Clampf(1-(float64(y)-top)/(fs.hzRow-top), 0, 1)
		k := int(f * f * 70)
		if k <= 0 {
			continue
		}
		o := y * b.Stride
		row := b.Pix[o : o+st.w*4]
		for x := 0; x < st.w; x++ {
			a := int(fs.col[x]) * k >> 8
			if a == 0 {
				continue
			}
			p := row[x*4 : x*4+3 : x*4+3]
			p[0] = raster.Clampi(int(p[0]) + a*3/4)
			p[1] = raster.Clampi(int(p[1]) + a)
			p[2] = raster.Clampi(int(p[2]) + a)
		}
	}
}

// drawClouds drifts the cloud layer (or a space nebula) over the sky:
// the noise texture seen in perspective, its density mapped to colour and
// alpha through the clip's tables.
func (fs *frameState) drawClouds(b *raster.Band) {
	st := fs.st
	if st.back != bSky && !st.nebula {
		return
	}
	if st.back == bSky && st.pal.cloudCover <= 0 {
		return
	}
	h := float64(st.h)
	cx := float64(st.w) / 2
	xf := fs.xf[lSky]
	hz := fs.skyHorizon()
	last := min(b.Y1, int(math.Ceil(fs.hzRow)))
	var row [raster.TexSize + 1]uint8
	wind := 1.2 * fs.t
	for y := b.Y0; y < last; y++ {
		e := (hz - float64(y) - 0.5) / (h * xf.s)
		if e < 0.004 {
			continue
		}
		q := 1 / (e + 0.12)
		fade := int(256 * raster.Smoothstep(0.004, 0.09, e))
		if st.nebula {
			q = 1.6
			fade = 256
		}
		raster.TexRow(&row, int((st.cloudV0+26*q)*256))
		scale := 20 * q
		u := (st.cloudU0 + ((0.5-cx)/h-xf.dx)/xf.s*scale + wind) * 65536
		du := int(scale / (h * xf.s) * 65536)
		ui := int(u)
		o := y * b.Stride
		px := b.Pix[o : o+st.w*4]
		if st.nebula {
			for x := 0; x+3 < len(px); x += 4 {
				d := raster.TexAt(&row, ui) - 140
				ui += du
				if d <= 0 {
					continue
				}
				p := px[x : x+3 : x+3]
				p[0] = raster.Clampi(int(p[0]) + d*3/4)
				p[1] = raster.Clampi(int(p[1]) + d/5)
				p[2] = raster.Clampi(int(p[2]) + d)
			}
			continue
		}
		for x := 0; x+3 < len(px); x += 4 {
			d := raster.TexAt(&row, ui)
			ui += du
			a := int(st.cloudA[d]) * fade >> 8
			if a == 0 {
				continue
			}
			c := st.cloudCol[d]
			p := px[x : x+3 : x+3]
			p[0] = uint8(int(p[0]) + (int(c.R)-int(p[0]))*a>>8)
			p[1] = uint8(int(p[1]) + (int(c.G)-int(p[1]))*a>>8)
			p[2] = uint8(int(p[2]) + (int(c.B)-int(p[2]))*a>>8)
		}
	}
}

// drawRidges draws the scenery silhouettes, far first: for each row, every
// column whose outline lies above it takes the ridge's colour (the top
// pixel blended by coverage), with snowcaps and lit windows.
func (fs *frameState) drawRidges(b *raster.Band) {
	st := fs.st
	end := min(b.Y1, int(math.Ceil(fs.hzRow+1)))
	for k, r := range st.ridges {
		tops, aux := fs.tops[k], fs.aux[k]
		xf := fs.xf[r.layer]
		h := float64(st.h)
		base := h/2 + (st.hzL*xf.s+xf.dy)*h
		minTop := base - r.hmax*xf.s*h - 1
		y0 := max(b.Y0, int(math.Floor(minTop)))
		rimPx := int32(0)
		rim, rimA := r.rim, r.rimA
		if st.outline > 0 {
			rim, rimA, rimPx = st.ink, 256, int32(st.outline*256)
		} else if rimA > 0 {
			rimPx = int32(math.Max(1, h/360) * 256)
		}
		cellH := r.cellH * xf.s * h
		for y := y0; y < end; y++ {
			yf := int32(y)<<8 + 128
			tcol := raster.Clampf((float64(y)-minTop)/math.Max(1, base-minTop), 0, 1)
			c := r.top.Mix(r.bot, tcol)
			winRow := -1
			if r.kind == rCity && cellH >= 2 {
				hy := (base - float64(y) - 0.5) / cellH
				if hy > 0.6 {
					ri := math.Floor(hy)
					if f := hy - ri; f > 0.3 && f < 0.78 {
						winRow = int(ri)
					}
				}
			}
			o := y * b.Stride
			px := b.Pix[o : o+st.w*4]
			for x := 0; x < st.w; x++ {
				tp := tops[x]
				if yf < tp {
					continue
				}
				cc := c
				switch r.kind {
				case rSnow:
					if yf < aux[x] {
						cc = r.snow
					}
				case rCity:
					if winRow >= 0 && aux[x] >= 0 && yf > tp+int32(cellH*128) {
						if raster.Hashf(raster.Hashk(st.seed, int(aux[x]), winRow)) < r.litFraction {
							cc = r.winLit
						} else {
							cc = r.winDark
						}
					}
				}
				if rimPx > 0 && yf-tp < rimPx {
					cc = cc.Mixi(rim, rimA)
				}
				p := px[x*4 : x*4+3 : x*4+3]
				if d := yf - tp; d < 256 {
					a := int(d)
					p[0] = uint8(int(p[0]) + (int(cc.R)-int(p[0]))*a>>8)
					p[1] = uint8(int(p[1]) + (int(cc.G)-int(p[1]))*a>>8)
					p[2] = uint8(int(p[2]) + (int(cc.B)-int(p[2]))*a>>8)
					continue
				}
				p[0], p[1], p[2] = cc.R, cc.G, cc.B
			}
		}
	}
}
