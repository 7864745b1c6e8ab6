package raster

import "math"

// RGB is an 8-bit sRGB colour.
type RGB struct{ R, G, B uint8 }

// Light is a colour multiplier (1 leaves a colour unchanged).
type Light struct{ R, G, B float64 }

// clamp8 rounds v to the nearest 0..255.
func clamp8(v float64) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v + 0.5)
}

// Clampi saturates v to 0..255.
func Clampi(v int) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// Clampf limits v to lo..hi.
func Clampf(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// Mix returns c blended towards d by t (0: c, 1: d).
func (c RGB) Mix(d RGB, t float64) RGB {
	return RGB{
		clamp8(float64(c.R) + (float64(d.R)-float64(c.R))*t),
		clamp8(float64(c.G) + (float64(d.G)-float64(c.G))*t),
		clamp8(float64(c.B) + (float64(d.B)-float64(c.B))*t),
	}
}

// Scale multiplies every channel by f.
func (c RGB) Scale(f float64) RGB {
	return RGB{clamp8(float64(c.R) * f), clamp8(float64(c.G) * f), clamp8(float64(c.B) * f)}
}

// Lit multiplies c by a light colour.
func (c RGB) Lit(l Light) RGB {
	return RGB{clamp8(float64(c.R) * l.R), clamp8(float64(c.G) * l.G), clamp8(float64(c.B) * l.B)}
}

// luma is c's Rec. 601 luma, 0..255.
func (c RGB) luma() float64 { return 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B) }

// Desat moves c towards its own grey by t.
func (c RGB) Desat(t float64) RGB {
	l := uint8(c.luma())
	return c.Mix(RGB{l, l, l}, t)
}

// add returns c plus d, saturating.
func (c RGB) add(d RGB) RGB {
	return RGB{Clampi(int(c.R) + int(d.R)), Clampi(int(c.G) + int(d.G)), Clampi(int(c.B) + int(d.B))}
}

// Mul scales a light by f.
func (l Light) Mul(f float64) Light { return Light{l.R * f, l.G * f, l.B * f} }

// Mix blends l towards m by t.
func (l Light) Mix(m Light, t float64) Light {
	return Light{l.R + (m.R-l.R)*t, l.G + (m.G-l.G)*t, l.B + (m.B-l.B)*t}
}

// HSV returns a colour from hue (degrees), saturation and value (0..1).
func HSV(h, s, v float64) RGB {
	h = math.Mod(h, 360)
	if h < 0 {
		h += 360
	}
	c := v * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := v - c
	var r, g, b float64
	switch {
	case h < 60:
		r, g, b = c, x, 0
	case h < 120:
		r, g, b = x, c, 0
	case h < 180:
		r, g, b = 0, c, x
	case h < 240:
		r, g, b = 0, x, c
	case h < 300:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	return RGB{clamp8((r + m) * 255), clamp8((g + m) * 255), clamp8((b + m) * 255)}
}

// Smoothstep is 0 below e0, 1 above e1 and a smooth cubic between.
func Smoothstep(e0, e1, x float64) float64 {
	t := Clampf((x-e0)/(e1-e0), 0, 1)
	return t * t * (3 - 2*t)
}

// Lerp returns a + (b-a)*t.
func Lerp(a, b, t float64) float64 { return a + (b-a)*t }

// Mixi blends c towards d by a/256 (integer).
func (c RGB) Mixi(d RGB, a int) RGB {
	return RGB{
		uint8(int(c.R) + (int(d.R)-int(c.R))*a>>8),
		uint8(int(c.G) + (int(d.G)-int(c.G))*a>>8),
		uint8(int(c.B) + (int(d.B)-int(c.B))*a>>8),
	}
}

// clampTab saturates -384..639 to 0..255: clampTab[v+384].
var clampTab = func() (t [1024]uint8) {
	for i := range t {
		t[i] = Clampi(i - 384)
	}
	return
}()

// Sat saturates v to 0..255 (a table lookup for -384..639).
func Sat(v int) uint8 {
	if uint(v+384) < 1024 {
		return clampTab[v+384]
	}
	if v < 0 {
		return 0
	}
	return 255
}
