package media

import (
	"image"
	"image/draw"
	"runtime"
	"sync"
)

// drawFrame draws src into dst, which has src's size, aligned at both
// images' top-left corners. 4:2:0 YCbCr (what MJPEG frames decode to) goes
// through a converter that computes each chroma sample's contribution once
// per pixel pair and splits large frames across cores; its output is
// identical to image/draw's. Anything else goes through draw.Draw.
func drawFrame(dst *image.RGBA, src image.Image) {
	if y, ok := src.(*image.YCbCr); ok && y.SubsampleRatio == image.YCbCrSubsampleRatio420 {
		ycbcr420ToRGBA(dst, y)
		return
	}
	draw.Draw(dst, dst.Rect, src, src.Bounds().Min, draw.Src)
}

// ycbcr420ToRGBA converts src into dst (same size) with the JFIF formulae
// and rounding image/color uses.
func ycbcr420ToRGBA(dst *image.RGBA, src *image.YCbCr) {
	h := src.Rect.Dy()
	parts := 1
	if src.Rect.Dx()*h >= 1<<17 {
		parts = min(runtime.GOMAXPROCS(0), 8)
	}
	if parts <= 1 {
		ycbcr420Rows(dst, src, 0, h)
		return
	}
	// Cut on even rows so no chroma row is shared by two parts.
	step := (h/parts + 1) &^ 1
	var wg sync.WaitGroup
	for y0 := 0; y0 < h; y0 += step {
		y1 := min(h, y0+step)
		wg.Go(func() { ycbcr420Rows(dst, src, y0, y1) })
	}
	wg.Wait()
}

// ycbcr420Rows converts rows [y0, y1) (relative to the images' tops).
func ycbcr420Rows(dst *image.RGBA, src *image.YCbCr, y0, y1 int) {
	w := src.Rect.Dx()
	sx, sy := src.Rect.Min.X, src.Rect.Min.Y
	for y := y0; y < y1; y++ {
		yi := src.YOffset(sx, sy+y)
		ci := src.COffset(sx, sy+y)
		d := dst.Pix[dst.PixOffset(dst.Rect.Min.X, dst.Rect.Min.Y+y):]
		d = d[:4*w]
		yrow := src.Y[yi : yi+w]
		// Chroma column of pixel x is (sx+x)/2 - sx/2 from ci.
		odd := sx & 1
		cw := (w + odd + 1) / 2
		cb := src.Cb[ci : ci+cw]
		cr := src.Cr[ci : ci+cw]
		for x := 0; x < w; {
			c := (x + odd) >> 1
			cb1 := int32(cb[c]) - 128
			cr1 := int32(cr[c]) - 128
			rc := 91881 * cr1
			gc := -22554*cb1 - 46802*cr1
			bc := 116130 * cb1
			// This chroma sample covers up to two pixels.
			for end := min(w, 2*c+2-odd); x < end; x++ {
				yy1 := int32(yrow[x]) * 0x10101
				p := d[4*x : 4*x+4 : 4*x+4]
				p[0] = clip16(yy1 + rc)
				p[1] = clip16(yy1 + gc)
				p[2] = clip16(yy1 + bc)
				p[3] = 0xff
			}
		}
	}
}

// clip16 returns v>>16 clamped to [0, 255], as image/color rounds.
func clip16(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	return uint8(^(v >> 31))
}
