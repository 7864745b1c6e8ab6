package raster

import (
	"math"

	"kino/project"
)

// Grade is a style's look, applied to each finished row: saturation,
// per-channel tone curves (contrast, lift, posterisation), split toning by
// luma (teal shadows and orange highlights, say), a separable vignette,
// film grain, flicker, a horizontal glow and letterbox bars.
type Grade struct {
	On        bool // false for a style with nothing to apply
	mono      bool
	sat       int           // saturation, 256 = unchanged
	lut       [3][256]uint8 // tone curve per channel
	split     [3][256]int16 // added per channel, by luma
	vigX      []uint16      // vignette factor per column, 0..256
	vigY      []uint16      // and per row
	grain     int           // film grain amplitude
	flicker   float64       // per-frame brightness flicker amplitude
	Bloom     bool          // horizontal glow around bright pixels
	bloomTint [3]int        // glow colour weights /256
	bar       int           // letterbox bar height in rows
	Scratches bool          // vintage film scratches and dust
}

// NewGrade builds the grade for a style at a frame size. key is the
// scene's key light: noir exposes dark scenes up before its hard curve.
func NewGrade(s project.Style, w, h int, key Light) Grade {
	g := Grade{sat: 256}
	for c := 0; c < 3; c++ {
		for i := 0; i < 256; i++ {
			g.lut[c][i] = uint8(i)
		}
	}
	curve := func(f func(c int, v float64) float64) {
		for c := 0; c < 3; c++ {
			for i := 0; i < 256; i++ {
				g.lut[c][i] = clamp8(255 * f(c, float64(i)/255))
			}
		}
	}
	scurve := func(v, k float64) float64 { // contrast about mid-grey
		return Clampf(0.5+(v-0.5)*k+(v-0.5)*(1-4*(v-0.5)*(v-0.5))*(k-1)*0.3, 0, 1)
	}
	vig := 0.0
	switch s {
	case project.StyleNoir:
		g.mono = true
		expose := math.Pow(Clampf(0.8/(key.R*0.3+key.G*0.59+key.B*0.11), 1, 3), 0.75)
		curve(func(_ int, v float64) float64 { return scurve(math.Pow(math.Min(1, v*expose), 1.05), 1.45) })
		vig, g.grain = 0.55, 9
	case project.StyleVintage:
		g.sat = 90
		warm := [3]float64{1.0, 0.9, 0.72}
		curve(func(c int, v float64) float64 { return 0.07 + 0.84*scurve(v, 0.9)*warm[c] + 0.03*float64(2-c)/2 })
		vig, g.grain, g.flicker, g.Scratches = 0.45, 16, 0.05, true
	case project.StyleCartoon:
		g.sat = 360
		curve(func(_ int, v float64) float64 {
			const levels = 6
			q := math.Floor(math.Pow(v, 0.9)*levels) / (levels - 1)
			return Clampf(q*0.94+0.04, 0, 1)
		})
	case project.StyleNeon:
		g.sat = 340
		curve(func(c int, v float64) float64 { return scurve(v, 1.3) })
		for l := 0; l < 256; l++ {
			sh := math.Max(0, 1-float64(l)/110) // shadows: deep violet-blue
			hi := math.Max(0, float64(l)-140) / 115
			g.split[0][l] = int16(24*sh + 36*hi)
			g.split[1][l] = int16(-14*sh - 26*hi)
			g.split[2][l] = int16(52*sh + 30*hi)
		}
		g.Bloom, g.bloomTint = true, [3]int{240, 90, 255}
		vig = 0.35
	case project.StyleCinematic:
		curve(func(_ int, v float64) float64 { return scurve(v, 1.18) })
		for l := 0; l < 256; l++ {
			k := (float64(l) - 128) / 128 // -1 shadows .. +1 highlights
			g.split[0][l] = int16(26 * k)
			g.split[1][l] = int16(4 * math.Abs(k))
			g.split[2][l] = int16(-30 * k)
		}
		g.sat = 280
		vig = 0.3
		if bar := (h - int(float64(w)/2.39)) / 2; bar > 0 {
			g.bar = bar
		}
	default:
		return g
	}
	g.On = true
	g.vigX = make([]uint16, w)
	g.vigY = make([]uint16, h)
	for x := range g.vigX {
		u := (float64(x)+0.5)/float64(w)*2 - 1
		g.vigX[x] = uint16(256 * (1 - vig*0.6*u*u*u*u - vig*0.25*u*u))
	}
	for y := range g.vigY {
		v := (float64(y)+0.5)/float64(h)*2 - 1
		g.vigY[y] = uint16(256 * (1 - vig*0.5*v*v*v*v - vig*0.2*v*v))
	}
	return g
}

// GradeRows applies saturation, tone curves, split toning, vignette,
// flicker and grain to the band's rows of frame i of a w-pixel-wide clip
// with seed.
func (g *Grade) GradeRows(b *Band, w int, seed uint64, i int) {
	fl := 256
	if g.flicker > 0 {
		fl = int(256 * (1 + g.flicker*(2*Hashf(Hashk(seed, i, 5))-1)))
	}
	for y := b.Y0; y < b.Y1; y++ {
		vy := int(g.vigY[y]) * fl >> 8
		o := y * b.Stride
		px := b.Pix[o : o+w*4]
		n := uint32(Hash64(seed^uint64(i)<<20^uint64(y))) | 1
		for x := 0; x+3 < len(px); x += 4 {
			p := px[x : x+3 : x+3]
			r, gg, bb := int(p[0]), int(p[1]), int(p[2])
			l := (r*77 + gg*150 + bb*29) >> 8
			v := vy * int(g.vigX[x>>2]) >> 8
			gr := 0
			if g.grain > 0 {
				n ^= n << 13
				n ^= n >> 17
				n ^= n << 5
				gr = (int(n>>24) - 128) * g.grain >> 7
			}
			if g.mono {
				m := (int(g.lut[0][l])*v)>>8 + gr
				c := Sat(m)
				p[0], p[1], p[2] = c, c, c
				continue
			}
			r = l + (r-l)*g.sat>>8
			gg = l + (gg-l)*g.sat>>8
			bb = l + (bb-l)*g.sat>>8
			r = int(g.lut[0][Sat(r)]) + int(g.split[0][l])
			gg = int(g.lut[1][Sat(gg)]) + int(g.split[1][l])
			bb = int(g.lut[2][Sat(bb)]) + int(g.split[2][l])
			p[0] = Sat(r*v>>8 + gr)
			p[1] = Sat(gg*v>>8 + gr)
			p[2] = Sat(bb*v>>8 + gr)
		}
	}
}

// BloomRows spreads light from bright pixels sideways along each row (a
// one-pole filter run both ways), tinted: the neon glow. w and h are the
// frame's size; acc is scratch of w values.
func (g *Grade) BloomRows(b *Band, w, h int, acc []int32) {
	// The glow's reach scales with the frame: decay per pixel.
	reach := math.Max(4, float64(h)/40)
	dec := int32(256 * math.Exp(-1/reach))
	for y := b.Y0; y < b.Y1; y++ {
		o := y * b.Stride
		px := b.Pix[o : o+w*4]
		var a int32
		for x := 0; x < w; x++ {
			p := px[x*4 : x*4+3 : x*4+3]
			l := (int32(p[0])*77 + int32(p[1])*150 + int32(p[2])*29) >> 8
			e := l - 150
			if e < 0 {
				e = 0
			}
			a = a*dec>>8 + e
			acc[x] = a
		}
		a = 0
		for x := w - 1; x >= 0; x-- {
			p := px[x*4 : x*4+3 : x*4+3]
			l := (int32(p[0])*77 + int32(p[1])*150 + int32(p[2])*29) >> 8
			e := l - 150
			if e < 0 {
				e = 0
			}
			a = a*dec>>8 + e
			k := int((acc[x] + a) / int32(reach))
			if k == 0 {
				continue
			}
			p[0] = Sat(int(p[0]) + k*g.bloomTint[0]>>8)
			p[1] = Sat(int(p[1]) + k*g.bloomTint[1]>>8)
			p[2] = Sat(int(p[2]) + k*g.bloomTint[2]>>8)
		}
	}
}

// Letterbox blacks out the band's rows inside the letterbox bars of an
// h-row frame.
func (g *Grade) Letterbox(b *Band, h int) {
	for y := b.Y0; y < b.Y1; y++ {
		if y < g.bar || y >= h-g.bar {
			b.FillRow(y, RGB{})
		}
	}
}
