package format

// Glyph widths of the standard Helvetica font in WinAnsiEncoding, in
// thousandths of the font size, from Adobe's published font metrics. They
// let the storyboard wrap text without embedding a font. Helvetica-Bold is
// measured as Helvetica widened by 8%, which errs on the safe side for the
// short headings it sets.

var helveticaASCII = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
}

var helveticaHigh = [128]uint16{
	556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, // 0x80
	0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, // 0x90
	278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 0xA0
	400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 0xB0
	667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 0xC0
	722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 0xD0
	556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // 0xE0
	556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // 0xF0
}

// textWidthPt returns the width in points of WinAnsi text b set in
// Helvetica (bold when bold is set) at size points.
func textWidthPt(b []byte, size float64, bold bool) float64 {
	var units int
	for _, c := range b {
		switch {
		case c >= 0x20 && c < 0x7F:
			units += int(helveticaASCII[c-0x20])
		case c >= 0x80:
			w := int(helveticaHigh[c-0x80])
			if w == 0 {
				w = 556
			}
			units += w
		}
	}
	w := float64(units) * size / 1000
	if bold {
		w *= 1.08
	}
	return w
}
