package raster

import "math"

// Sprite is a cut-out at (about) its on-screen size, already relit to the
// scene's light, in premultiplied RGBA so a blit is one multiply-add per
// channel.
type Sprite struct {
	w, h int
	pix  []uint8
}

// NewSprite scales the top keep fraction of c to height rows (never above
// the cut-out's own resolution: larger frames upscale at blit time),
// multiplies it by the key light, and premultiplies it.
func NewSprite(c *Cutout, height int, keep float64, key Light) *Sprite {
	keep = Clampf(keep, 0.05, 1)
	srcH := max(1, int(math.Ceil(keep*float64(c.H))))
	h := min(max(height, 1), srcH)
	w := max(1, int(math.Round(float64(c.W)*float64(h)/float64(srcH))))
	s := &Sprite{w: w, h: h, pix: make([]uint8, w*h*4)}
	kr, kg, kb := key.R, key.G, key.B
	for y := 0; y < h; y++ {
		sy0 := y * srcH / h
		sy1 := max((y+1)*srcH/h, sy0+1)
		for x := 0; x < w; x++ {
			sx0 := x * c.W / w
			sx1 := max((x+1)*c.W/w, sx0+1)
			var r, g, b, a, n float64
			for yy := sy0; yy < sy1; yy++ {
				for xx := sx0; xx < sx1; xx++ {
					i := (yy*c.W + xx) * 4
					pa := float64(c.Pix[i+3])
					r += float64(c.Pix[i]) * pa
					g += float64(c.Pix[i+1]) * pa
					b += float64(c.Pix[i+2]) * pa
					a += pa
					n++
				}
			}
			o := (y*w + x) * 4
			if a == 0 {
				continue
			}
			al := a / n
			// Premultiplied by the mean alpha, relit by the key light.
			s.pix[o] = clamp8(r / a * kr * al / 255)
			s.pix[o+1] = clamp8(g / a * kg * al / 255)
			s.pix[o+2] = clamp8(b / a * kb * al / 255)
			s.pix[o+3] = clamp8(al)
		}
	}
	return s
}

// SpriteDraw places a sprite in one frame.
type SpriteDraw struct {
	S          *Sprite
	X, Y, W, H float64 // on-screen rectangle of the whole sprite
	// shear leans the figure: each row is offset by shear times its
	// height above the sprite's bottom (sway, dance).
	Shear float64
	// Rows above neck (a screen row) are drawn lift pixels higher: the
	// head bobbing as the person talks.
	Neck, Lift float64
	Flip       bool
}

// draw blits the sprite into the band: nearest-neighbour sampling with
// 16.16 fixed-point steps along each row.
func (d *SpriteDraw) draw(b *Band) {
	s := d.S
	if d.W < 0.5 || d.H < 0.5 {
		return
	}
	y0, y1, ok := b.Rows(d.Y-d.Lift, d.Y+d.H)
	if !ok {
		return
	}
	step := int(float64(s.w) / d.W * 65536)
	bottom := d.Y + d.H
	for y := y0; y <= y1; y++ {
		yc := float64(y) + 0.5
		if yc < d.Neck {
			yc += d.Lift
		}
		sr := int((yc - d.Y) / d.H * float64(s.h))
		if sr < 0 || sr >= s.h {
			continue
		}
		xl := d.X + d.Shear*(bottom-float64(y))
		x0 := int(math.Max(0, math.Ceil(xl-0.5)))
		x1 := int(math.Min(float64(b.W), math.Ceil(xl+d.W-0.5)))
		if x0 >= x1 {
			continue
		}
		src := s.pix[sr*s.w*4 : (sr+1)*s.w*4]
		dst := b.Pix[y*b.Stride+x0*4 : y*b.Stride+x1*4]
		u := int((float64(x0) + 0.5 - xl) * float64(s.w) / d.W * 65536)
		last := s.w - 1
		for i := 0; i+3 < len(dst); i += 4 {
			si := u >> 16
			u += step
			if si > last {
				si = last
			}
			if d.Flip {
				si = last - si
			}
			p := src[si*4 : si*4+4 : si*4+4]
			a := int(p[3])
			if a == 0 {
				continue
			}
			q := dst[i : i+3 : i+3]
			if a == 255 {
				q[0], q[1], q[2] = p[0], p[1], p[2]
				continue
			}
			ia := 255 - a
			for c := 0; c < 3; c++ {
				t := int(q[c])*ia + 128
				v := int(p[c]) + (t+t>>8)>>8
				if v > 255 {
					v = 255
				}
				q[c] = uint8(v)
			}
		}
	}
}
