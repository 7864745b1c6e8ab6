package previz

import "math"

// finish applies the atmosphere (fog, lightning flash) and the style grade
// to the band's rows.
func (fs *frameState) finish(b *band, scratch []int32) {
	st := fs.st
	w := st.w
	h := float64(st.h)
	if fog := st.pal.fog; fog > 0 {
		fc := st.pal.fogCol
		for y := b.y0; y < b.y1; y++ {
			dy := (float64(y) - fs.hzRow) / (0.3 * h)
			a := fog * (0.3 + 0.7*math.Exp(-dy*dy))
			if dy > 0 {
				a *= 1 - 0.5*smoothstep(0, 2, dy)
			}
			ai := int(a * 256)
			o := y * b.stride
			px := b.pix[o : o+w*4]
			for x := 0; x+3 < len(px); x += 4 {
				k := ai * int(fs.fogCol[x>>2]) >> 8
				if k > 256 {
					k = 256
				}
				p := px[x : x+3 : x+3]
				p[0] = uint8(int(p[0]) + (int(fc.r)-int(p[0]))*k>>8)
				p[1] = uint8(int(p[1]) + (int(fc.g)-int(p[1]))*k>>8)
				p[2] = uint8(int(p[2]) + (int(fc.b)-int(p[2]))*k>>8)
			}
		}
	}
	if fs.flash > 0 {
		for y := b.y0; y < b.y1; y++ {
			k := fs.flash * 85
			if float64(y) > fs.hzRow {
				k *= 0.45
			}
			b.span(y, 0, w, rgb{220, 225, 255}, int(k/220*256), true)
		}
	}
	g := &st.post
	if g.on {
		g.gradeRows(b, w, st.seed, fs.i)
		if g.bloom {
			g.bloomRows(b, w, st.h, scratch)
		}
		g.letterbox(b, st.h)
	}
}
