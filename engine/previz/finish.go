package previz

import (
	"math"

	"kino/engine/previz/raster"
)

// finish applies the atmosphere (fog, lightning flash) and the style grade
// to the band's rows.
func (fs *frameState) finish(b *raster.Band, scratch []int32) {
	st := fs.st
	w := st.w
	h := float64(st.h)
	if fog := st.pal.fog; fog > 0 {
		fc := st.pal.fogCol
		for y := b.Y0; y < b.Y1; y++ {
			dy := (float64(y) - fs.hzRow) / (0.3 * h)
			a := fog * (0.3 + 0.7*math.Exp(-dy*dy))
			if dy > 0 {
				a *= 1 - 0.5*raster.Smoothstep(0, 2, dy)
			}
			ai := int(a * 256)
			o := y * b.Stride
			px := b.Pix[o : o+w*4]
			for x := 0; x+3 < len(px); x += 4 {
				k := ai * int(fs.fogCol[x>>2]) >> 8
				if k > 256 {
					k = 256
				}
				p := px[x : x+3 : x+3]
				p[0] = uint8(int(p[0]) + (int(fc.R)-int(p[0]))*k>>8)
				p[1] = uint8(int(p[1]) + (int(fc.G)-int(p[1]))*k>>8)
				p[2] = uint8(int(p[2]) + (int(fc.B)-int(p[2]))*k>>8)
			}
		}
	}
	if fs.flash > 0 {
		for y := b.Y0; y < b.Y1; y++ {
			k := fs.flash * 85
			if float64(y) > fs.hzRow {
				k *= 0.45
			}
			b.Span(y, 0, w, raster.RGB{R: 220, G: 225, B: 255}, int(k/220*256), true)
		}
	}
	g := &st.post
	if g.On {
		g.GradeRows(b, w, st.seed, fs.i)
		if g.Bloom {
			g.BloomRows(b, w, st.h, scratch)
		}
		g.Letterbox(b, st.h)
	}
}
