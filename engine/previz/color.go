package previz

import "math"

// rgb is an 8-bit sRGB colour.
type rgb struct{ r, g, b uint8 }

// light is a colour multiplier (1 leaves a colour unchanged).
type light struct{ r, g, b float64 }

func clamp8(v float64) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v + 0.5)
}

func clampi(v int) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

func clampf(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// mix returns c blended towards d by t (0: c, 1: d).
func (c rgb) mix(d rgb, t float64) rgb {
	return rgb{
		clamp8(float64(c.r) + (float64(d.r)-float64(c.r))*t),
		clamp8(float64(c.g) + (float64(d.g)-float64(c.g))*t),
		clamp8(float64(c.b) + (float64(d.b)-float64(c.b))*t),
	}
}

// scale multiplies every channel by f.
func (c rgb) scale(f float64) rgb {
	return rgb{clamp8(float64(c.r) * f), clamp8(float64(c.g) * f), clamp8(float64(c.b) * f)}
}

// lit multiplies c by a light colour.
func (c rgb) lit(l light) rgb {
	return rgb{clamp8(float64(c.r) * l.r), clamp8(float64(c.g) * l.g), clamp8(float64(c.b) * l.b)}
}

// luma is c's Rec. 601 luma, 0..255.
func (c rgb) luma() float64 { return 0.299*float64(c.r) + 0.587*float64(c.g) + 0.114*float64(c.b) }

// desat moves c towards its own grey by t.
func (c rgb) desat(t float64) rgb {
	l := uint8(c.luma())
	return c.mix(rgb{l, l, l}, t)
}

// add returns c plus d, saturating.
func (c rgb) add(d rgb) rgb {
	return rgb{clampi(int(c.r) + int(d.r)), clampi(int(c.g) + int(d.g)), clampi(int(c.b) + int(d.b))}
}

// mul scales a light by f.
func (l light) mul(f float64) light { return light{l.r * f, l.g * f, l.b * f} }

// mixLight blends two lights.
func (l light) mix(m light, t float64) light {
	return light{l.r + (m.r-l.r)*t, l.g + (m.g-l.g)*t, l.b + (m.b-l.b)*t}
}

// hsv returns a colour from hue (degrees), saturation and value (0..1).
func hsv(h, s, v float64) rgb {
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
	return rgb{clamp8((r + m) * 255), clamp8((g + m) * 255), clamp8((b + m) * 255)}
}

func smoothstep(e0, e1, x float64) float64 {
	t := clampf((x-e0)/(e1-e0), 0, 1)
	return t * t * (3 - 2*t)
}

func lerp(a, b, t float64) float64 { return a + (b-a)*t }

// mixi blends c towards d by a/256 (integer).
func (c rgb) mixi(d rgb, a int) rgb {
	return rgb{
		uint8(int(c.r) + (int(d.r)-int(c.r))*a>>8),
		uint8(int(c.g) + (int(d.g)-int(c.g))*a>>8),
		uint8(int(c.b) + (int(d.b)-int(c.b))*a>>8),
	}
}

// clampTab saturates -384..639 to 0..255: clampTab[v+384].
var clampTab = func() (t [1024]uint8) {
	for i := range t {
		t[i] = clampi(i - 384)
	}
	return
}()

// sat saturates v to 0..255 (a table lookup for -384..639).
func sat(v int) uint8 {
	if uint(v+384) < 1024 {
		return clampTab[v+384]
	}
	if v < 0 {
		return 0
	}
	return 255
}
