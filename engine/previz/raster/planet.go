package raster

import "math"

// planet draws a lit sphere with a noise surface: o.x0, o.y0 centre, o.r
// radius, o.c colour, (o.x1, o.y1) the light's direction.
func (b *Band) planet(o *op) {
	y0, y1, ok := b.Rows(o.y0-o.r, o.y0+o.r)
	if !ok {
		return
	}
	lx, ly := o.x1, o.y1
	lz := math.Sqrt(math.Max(0, 1-lx*lx-ly*ly))
	c2 := o.c.Scale(0.55)
	for y := y0; y <= y1; y++ {
		ny := (float64(y) + 0.5 - o.y0) / o.r
		q := 1 - ny*ny
		if q <= 0 {
			continue
		}
		hw := math.Sqrt(q) * o.r
		xa := int(math.Max(0, math.Ceil(o.x0-hw-0.5)))
		xb := int(math.Min(float64(b.W-1), math.Floor(o.x0+hw-0.5)))
		for x := xa; x <= xb; x++ {
			nx := (float64(x) + 0.5 - o.x0) / o.r
			nz := math.Sqrt(math.Max(0, q-nx*nx))
			l := Clampf(nx*lx+ny*ly+nz*lz, 0, 1)*0.92 + 0.04
			s := Tex2(nx*30+o.r2, ny*12+o.r2)
			c := o.c.Mix(c2, Smoothstep(0.4, 0.6, s))
			// A thin bright atmosphere at the limb.
			rim := Smoothstep(0.15, 0, nz) * 0.5 * l
			p := b.Pix[y*b.Stride+x*4 : y*b.Stride+x*4+3 : y*b.Stride+x*4+3]
			p[0] = clamp8(float64(c.R)*l + 120*rim)
			p[1] = clamp8(float64(c.G)*l + 160*rim)
			p[2] = clamp8(float64(c.B)*l + 255*rim)
		}
	}
}
