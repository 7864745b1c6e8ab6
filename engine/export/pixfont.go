package export

import (
	"image"
	"image/color"

	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"kino/engine/export/format"
)

// Text drawn into frames (the watermark, placeholder slates) uses the 7x13
// bitmap face from golang.org/x/image, scaled by whole pixels so it stays
// crisp. The face holds ASCII only; text is folded with toASCII first, and
// the middle dot of "AI-generated · Kino" is drawn by hand.

const (
	glyphAdvance = 7
	glyphHeight  = 13
	glyphAscent  = 11
)

// textWidth returns the width in pixels of s drawn at scale k.
func textWidth(s string, k int) int {
	return len([]rune(format.ToASCII(s))) * glyphAdvance * k
}

// textMask renders s at scale k into an alpha mask.
func textMask(s string, k int) *image.Alpha {
	s = format.ToASCII(s)
	runes := []rune(s)
	m := image.NewAlpha(image.Rect(0, 0, max(1, len(runes)*glyphAdvance*k), glyphHeight*k))
	face := basicfont.Face7x13
	for i, r := range runes {
		x0 := i * glyphAdvance * k
		if r == '·' {
			for y := 5 * k; y < 7*k; y++ {
				for x := x0 + 2*k; x < x0+4*k; x++ {
					m.Pix[y*m.Stride+x] = 0xFF
				}
			}
			continue
		}
		dr, mask, mp, _, ok := face.Glyph(fixed.P(0, glyphAscent), r)
		if !ok {
			continue
		}
		for gy := dr.Min.Y; gy < dr.Max.Y; gy++ {
			for gx := dr.Min.X; gx < dr.Max.X; gx++ {
				_, _, _, a := mask.At(mp.X+gx-dr.Min.X, mp.Y+gy-dr.Min.Y).RGBA()
				if a == 0 {
					continue
				}
				for sy := range k {
					y := gy*k + sy
					if y < 0 || y >= m.Rect.Max.Y {
						continue
					}
					row := m.Pix[y*m.Stride:]
					for sx := range k {
						x := x0 + gx*k + sx
						if x >= 0 && x < m.Rect.Max.X {
							row[x] = uint8(a >> 8)
						}
					}
				}
			}
		}
	}
	return m
}

// blendMask paints c through mask onto dst with its top-left corner at p,
// scaling the mask's coverage by opacity (0 to 1).
func blendMask(dst *image.RGBA, mask *image.Alpha, p image.Point, c color.RGBA, opacity float64) {
	r := mask.Rect.Add(p).Intersect(dst.Rect)
	op := uint32(opacity*256 + 0.5)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		mrow := mask.Pix[(y-p.Y)*mask.Stride:]
		drow := dst.Pix[(y-dst.Rect.Min.Y)*dst.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			a := uint32(mrow[x-p.X]) * op >> 8 // 0..255
			if a == 0 {
				continue
			}
			i := (x - dst.Rect.Min.X) * 4
			inv := 255 - a
			drow[i] = uint8((uint32(drow[i])*inv + uint32(c.R)*a + 127) / 255)
			drow[i+1] = uint8((uint32(drow[i+1])*inv + uint32(c.G)*a + 127) / 255)
			drow[i+2] = uint8((uint32(drow[i+2])*inv + uint32(c.B)*a + 127) / 255)
			drow[i+3] = 0xFF
		}
	}
}

// drawText draws s at scale k with its top-left corner at p, with a dark
// shadow under it so it reads on any background.
func drawText(dst *image.RGBA, s string, k int, p image.Point, c color.RGBA, opacity float64) {
	m := textMask(s, k)
	blendMask(dst, m, p.Add(image.Pt(k, k)), color.RGBA{0, 0, 0, 0xFF}, opacity*0.7)
	blendMask(dst, m, p, c, opacity)
}
