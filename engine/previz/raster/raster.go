package raster

import "math"

// Band is the part of a frame one worker draws: rows y0 up to y1 of an RGBA
// pixel buffer. Every primitive clips to the band, so that bands can be
// drawn concurrently and a pixel's value never depends on how the frame was
// split.
type Band struct {
	Pix    []uint8
	Stride int
	W, H   int
	Y0, Y1 int
}

// Rows returns the pixel rows (as row indexes) that a shape spanning top to
// bottom (in pixels, continuous) covers inside the band: the rows whose
// centres lie inside.
func (b *Band) Rows(top, bottom float64) (int, int, bool) {
	top = math.Max(top-0.5, float64(b.Y0))
	bottom = math.Min(bottom-0.5, float64(b.Y1-1))
	if !(top <= bottom) {
		return 0, 0, false
	}
	return int(math.Ceil(top)), int(math.Floor(bottom)), true
}

// Span draws pixels x0 up to x1 of row y in colour c with alpha a (0..256).
// add makes it additive light (c scaled by a/256) instead of a blend.
func (b *Band) Span(y, x0, x1 int, c RGB, a int, add bool) {
	if x0 < 0 {
		x0 = 0
	}
	if x1 > b.W {
		x1 = b.W
	}
	if x0 >= x1 || a <= 0 || y < b.Y0 || y >= b.Y1 {
		return
	}
	o := y * b.Stride
	p := b.Pix[o+x0*4 : o+x1*4]
	cr, cg, cb := int(c.R), int(c.G), int(c.B)
	switch {
	case add:
		if a > 256 {
			a = 256
		}
		ar, ag, ab := cr*a>>8, cg*a>>8, cb*a>>8
		for i := 0; i+3 < len(p); i += 4 {
			q := p[i : i+3 : i+3]
			r, g, bl := int(q[0])+ar, int(q[1])+ag, int(q[2])+ab
			if r > 255 {
				r = 255
			}
			if g > 255 {
				g = 255
			}
			if bl > 255 {
				bl = 255
			}
			q[0], q[1], q[2] = uint8(r), uint8(g), uint8(bl)
		}
	case a >= 256:
		for i := 0; i+3 < len(p); i += 4 {
			q := p[i : i+3 : i+3]
			q[0], q[1], q[2] = c.R, c.G, c.B
		}
	default:
		for i := 0; i+3 < len(p); i += 4 {
			q := p[i : i+3 : i+3]
			q[0] = uint8(int(q[0]) + (cr-int(q[0]))*a>>8)
			q[1] = uint8(int(q[1]) + (cg-int(q[1]))*a>>8)
			q[2] = uint8(int(q[2]) + (cb-int(q[2]))*a>>8)
		}
	}
}

// Spanf draws the continuous span xl..xr of row y, anti-aliasing its ends
// by coverage.
func (b *Band) Spanf(y int, xl, xr float64, c RGB, a int, add bool) {
	if xl < 0 {
		xl = 0
	}
	if w := float64(b.W); xr > w {
		xr = w
	}
	if !(xr > xl) {
		return
	}
	il, ir := int(xl), int(xr)
	if il == ir {
		b.Span(y, il, il+1, c, int(float64(a)*(xr-xl)), add)
		return
	}
	b.Span(y, il, il+1, c, int(float64(a)*(float64(il+1)-xl)), add)
	b.Span(y, il+1, ir, c, a, add)
	if f := xr - float64(ir); f > 0 {
		b.Span(y, ir, ir+1, c, int(float64(a)*f), add)
	}
}

// dot draws one pixel-sized point at (x, y), blending by alpha a.
func (b *Band) dot(x, y float64, c RGB, a int, add bool) {
	if !(x >= 0 && y >= 0 && x < float64(b.W) && y < float64(b.H)) {
		return
	}
	b.Span(int(y), int(x), int(x)+1, c, a, add)
}

// disc draws a filled circle.
func (b *Band) disc(cx, cy, r float64, c RGB, a int, add bool) {
	if r < 0.7 {
		b.dot(cx, cy, c, int(float64(a)*r*r/0.49), add)
		return
	}
	b.ellipse(cx, cy, r, r, c, a, add)
}

// ellipse draws a filled axis-aligned ellipse.
func (b *Band) ellipse(cx, cy, rx, ry float64, c RGB, a int, add bool) {
	if !(rx > 0 && ry > 0) {
		return
	}
	y0, y1, ok := b.Rows(cy-ry, cy+ry)
	if !ok {
		return
	}
	inv := 1 / ry
	for y := y0; y <= y1; y++ {
		dy := (float64(y) + 0.5 - cy) * inv
		q := 1 - dy*dy
		if q <= 0 {
			continue
		}
		hw := rx * math.Sqrt(q)
		b.Spanf(y, cx-hw, cx+hw, c, a, add)
	}
}

// rect draws a filled axis-aligned rectangle.
func (b *Band) rect(x0, y0, x1, y1 float64, c RGB, a int, add bool) {
	r0, r1, ok := b.Rows(y0, y1)
	if !ok {
		return
	}
	for y := r0; y <= r1; y++ {
		b.Spanf(y, x0, x1, c, a, add)
	}
}

// Pt is a point in pixels.
type Pt struct{ X, Y float64 }

// poly draws a filled convex polygon (any winding).
func (b *Band) poly(p []Pt, c RGB, a int, add bool) {
	if len(p) < 3 {
		return
	}
	top, bot := p[0].Y, p[0].Y
	for _, q := range p[1:] {
		top, bot = math.Min(top, q.Y), math.Max(bot, q.Y)
	}
	y0, y1, ok := b.Rows(top, bot)
	if !ok {
		return
	}
	for y := y0; y <= y1; y++ {
		yc := float64(y) + 0.5
		xl, xr := math.Inf(1), math.Inf(-1)
		for i := range p {
			e0, e1 := p[i], p[(i+1)%len(p)]
			if (e0.Y <= yc) == (e1.Y <= yc) {
				continue
			}
			x := e0.X + (yc-e0.Y)*(e1.X-e0.X)/(e1.Y-e0.Y)
			xl, xr = math.Min(xl, x), math.Max(xr, x)
		}
		b.Spanf(y, xl, xr, c, a, add)
	}
}

// capsule draws a thick line from (ax, ay) to (bx, by) with round ends:
// every point within r of the segment.
func (b *Band) capsule(ax, ay, bx, by, r float64, c RGB, a int, add bool) {
	dx, dy := bx-ax, by-ay
	l := math.Hypot(dx, dy)
	if l < 1e-6 {
		b.disc(ax, ay, r, c, a, add)
		return
	}
	if r < 0.5 {
		// Thinner than a pixel: draw a half-pixel line, fainter.
		a = int(float64(a) * r * 2)
		r = 0.5
	}
	y0, y1, ok := b.Rows(math.Min(ay, by)-r, math.Max(ay, by)+r)
	if !ok {
		return
	}
	nx, ny := -dy/l*r, dx/l*r
	q := [4]Pt{{ax + nx, ay + ny}, {bx + nx, by + ny}, {bx - nx, by - ny}, {ax - nx, ay - ny}}
	r2 := r * r
	for y := y0; y <= y1; y++ {
		yc := float64(y) + 0.5
		xl, xr := math.Inf(1), math.Inf(-1)
		if d := yc - ay; d*d < r2 {
			hw := math.Sqrt(r2 - d*d)
			xl, xr = ax-hw, ax+hw
		}
		if d := yc - by; d*d < r2 {
			hw := math.Sqrt(r2 - d*d)
			xl, xr = math.Min(xl, bx-hw), math.Max(xr, bx+hw)
		}
		for i := 0; i < 4; i++ {
			e0, e1 := q[i], q[(i+1)&3]
			if (e0.Y <= yc) == (e1.Y <= yc) {
				continue
			}
			x := e0.X + (yc-e0.Y)*(e1.X-e0.X)/(e1.Y-e0.Y)
			xl, xr = math.Min(xl, x), math.Max(xr, x)
		}
		b.Spanf(y, xl, xr, c, a, add)
	}
}

// glowN is the resolution of the glow falloff table.
const glowN = 1024

// glowLUT[i] is (1 - i/glowN)² in 0..256: a glow's falloff by squared
// distance.
var glowLUT = func() (t [glowN + 2]int32) {
	for i := range t {
		q := 1 - float64(i)/glowN
		if q < 0 {
			q = 0
		}
		t[i] = int32(q * q * 256)
	}
	return
}()

// glow adds light that falls off smoothly from (cx, cy) to zero at radius
// r: (1-d²/r²)² times c at alpha a. The squared distance is stepped along
// each row in 32.32 fixed point (two additions a pixel).
func (b *Band) glow(cx, cy, r float64, c RGB, a int) {
	if !(r > 0.5) || a <= 0 {
		return
	}
	y0, y1, ok := b.Rows(cy-r, cy+r)
	if !ok {
		return
	}
	scale := glowN / (r * r) * (1 << 32)
	cr, cg, cb := int32(int(c.R)*a>>8), int32(int(c.G)*a>>8), int32(int(c.B)*a>>8)
	for y := y0; y <= y1; y++ {
		dy := float64(y) + 0.5 - cy
		q := r*r - dy*dy
		if q <= 0 {
			continue
		}
		hw := math.Sqrt(q)
		x0, x1 := int(math.Max(0, math.Ceil(cx-hw-0.5))), int(math.Min(float64(b.W-1), math.Floor(cx+hw-0.5)))
		if x0 > x1 {
			continue
		}
		o := y*b.Stride + x0*4
		p := b.Pix[o : y*b.Stride+x1*4+4]
		dx := float64(x0) + 0.5 - cx
		d2 := int64((dx*dx + dy*dy) * scale)
		dd := int64((2*dx + 1) * scale)
		ddd := int64(2 * scale)
		for i := 0; i+3 < len(p); i += 4 {
			k := d2 >> 32
			d2 += dd
			dd += ddd
			if k >= glowN || k < 0 {
				continue
			}
			f := glowLUT[k]
			s := p[i : i+3 : i+3]
			r := int32(s[0]) + cr*f>>8
			g := int32(s[1]) + cg*f>>8
			bl := int32(s[2]) + cb*f>>8
			if r > 255 {
				r = 255
			}
			if g > 255 {
				g = 255
			}
			if bl > 255 {
				bl = 255
			}
			s[0], s[1], s[2] = uint8(r), uint8(g), uint8(bl)
		}
	}
}

// FillRow sets every pixel of row y to c (opaque), by doubling copies.
func (b *Band) FillRow(y int, c RGB) {
	o := y * b.Stride
	row := b.Pix[o : o+b.W*4]
	row[0], row[1], row[2], row[3] = c.R, c.G, c.B, 255
	for n := 4; n < len(row); n *= 2 {
		copy(row[n:], row[:n])
	}
}
