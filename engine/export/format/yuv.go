package format

import (
	"image"
)

// The exporter's MP4 frames go to ffmpeg as yuv420p in BT.709 limited
// range, converted here: from the stored takes' JPEG YCbCr (BT.601 full range, as JFIF
// defines it) directly, without a trip through RGB, or from RGBA for clips
// that render pictures (fresh renders, slates, scaled clips). ffmpeg then
// only encodes. Sizes may be odd: chroma planes round up, as ffmpeg's.

// YUVFrame is one yuv420p frame in a single buffer: Y, then Cb, then Cr.
type YUVFrame struct {
	w, h   int
	cw, ch int
	buf    []byte
}

// NewYUVFrame returns a w x h frame.
func NewYUVFrame(w, h int) *YUVFrame {
	cw, ch := (w+1)/2, (h+1)/2
	return &YUVFrame{w: w, h: h, cw: cw, ch: ch, buf: make([]byte, w*h+2*cw*ch)}
}

// Bytes returns the frame as ffmpeg's rawvideo yuv420p input reads it.
// It is the frame's own buffer.
func (f *YUVFrame) Bytes() []byte { return f.buf }

// Bounds returns the frame's rectangle, from (0,0).
func (f *YUVFrame) Bounds() image.Rectangle { return image.Rect(0, 0, f.w, f.h) }

func (f *YUVFrame) planes() (y, cb, cr []byte) {
	n, c := f.w*f.h, f.cw*f.ch
	return f.buf[:n], f.buf[n : n+c], f.buf[n+c : n+2*c]
}

// BT.709 limited range from 8-bit RGB, in 16.16 fixed point: Y = 16 +
// 219/255 (Kr R + Kg G + Kb B), Cb and Cr scaled to 224/255 of their range.
const (
	yR, yG, yB    = 11966, 40254, 4064   // 0.182586, 0.614231, 0.062007
	cbR, cbG, cbB = -6596, -22189, 28785 // -0.100644, -0.338572, 0.439216
	crR, crG, crB = 28785, -26145, -2639 // 0.439216, -0.398942, -0.040274
)

// clampByte rounds a 16.16 value and clamps it to a byte.
func clampByte(v int32) byte {
	v = (v + 1<<15) >> 16
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return byte(v)
}

// FromRGBA converts src (the frame's size) into f.
func (f *YUVFrame) FromRGBA(src *image.RGBA) {
	yp, cbp, crp := f.planes()
	for y := range f.h {
		row := src.Pix[y*src.Stride : y*src.Stride+4*f.w]
		out := yp[y*f.w : (y+1)*f.w]
		for x := range f.w {
			p := row[4*x : 4*x+3 : 4*x+3]
			out[x] = clampByte(16<<16 + yR*int32(p[0]) + yG*int32(p[1]) + yB*int32(p[2]))
		}
	}
	// Chroma from the mean of each 2x2 block.
	for cy := range f.ch {
		y0, y1 := 2*cy, min(2*cy+1, f.h-1)
		r0 := src.Pix[y0*src.Stride:]
		r1 := src.Pix[y1*src.Stride:]
		for cx := range f.cw {
			x0, x1 := 8*cx, 4*min(2*cx+1, f.w-1)
			r := int32(r0[x0]) + int32(r0[x1]) + int32(r1[x0]) + int32(r1[x1])
			g := int32(r0[x0+1]) + int32(r0[x1+1]) + int32(r1[x0+1]) + int32(r1[x1+1])
			b := int32(r0[x0+2]) + int32(r0[x1+2]) + int32(r1[x0+2]) + int32(r1[x1+2])
			cbp[cy*f.cw+cx] = clampByte(128<<16 + (cbR*r+cbG*g+cbB*b)/4)
			crp[cy*f.cw+cx] = clampByte(128<<16 + (crR*r+crG*g+crB*b)/4)
		}
	}
}

// BT.601 full-range YCbCr (JFIF) straight to BT.709 limited range: the
// RGB formulae of both folded into one matrix, 16.16 fixed point.
const (
	jY           = 56284         // 0.858824 (219/255)
	jYCb, jYCr   = -6652, -11970 // -0.101496, -0.182653
	jCbCb, jCbCr = 58642, 6598   // 0.894806, 0.100684
	jCrCb, jCrCr = 4320, 59027   // 0.065924, 0.900680
)

// FromJFIF converts a 4:2:0 JPEG frame of f's size into f. It reports
// false for any other layout (the caller converts through RGBA).
func (f *YUVFrame) FromJFIF(src *image.YCbCr) bool {
	if src.SubsampleRatio != image.YCbCrSubsampleRatio420 || src.Rect.Dx() != f.w || src.Rect.Dy() != f.h || src.Rect.Min != (image.Point{}) {
		return false
	}
	yp, cbp, crp := f.planes()
	for cy := range f.ch {
		srcCb := src.Cb[cy*src.CStride:]
		srcCr := src.Cr[cy*src.CStride:]
		outCb := cbp[cy*f.cw : (cy+1)*f.cw]
		outCr := crp[cy*f.cw : (cy+1)*f.cw]
		for cx := range f.cw {
			cb, cr := int32(srcCb[cx])-128, int32(srcCr[cx])-128
			outCb[cx] = clampByte(128<<16 + jCbCb*cb + jCbCr*cr)
			outCr[cx] = clampByte(128<<16 + jCrCb*cb + jCrCr*cr)
		}
		for y := 2 * cy; y < min(2*cy+2, f.h); y++ {
			in := src.Y[y*src.YStride : y*src.YStride+f.w]
			out := yp[y*f.w : (y+1)*f.w]
			for cx := range f.cw {
				cb, cr := int32(srcCb[cx])-128, int32(srcCr[cx])-128
				base := 16<<16 + jYCb*cb + jYCr*cr
				x := 2 * cx
				out[x] = clampByte(base + jY*int32(in[x]))
				if x+1 < f.w {
					out[x+1] = clampByte(base + jY*int32(in[x+1]))
				}
			}
		}
	}
	return true
}

// ToRGBA converts the rectangle r of f (BT.709 limited) into dst, which
// has r's size, for drawing over a part of the frame.
func (f *YUVFrame) ToRGBA(dst *image.RGBA, r image.Rectangle) {
	yp, cbp, crp := f.planes()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		d := dst.Pix[(y-r.Min.Y)*dst.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			yy := (int32(yp[y*f.w+x]) - 16) * 76309 // 1.164384
			cb := int32(cbp[(y/2)*f.cw+x/2]) - 128
			cr := int32(crp[(y/2)*f.cw+x/2]) - 128
			i := 4 * (x - r.Min.X)
			d[i] = clampByte(yy + 117489*cr)             // 1.792741
			d[i+1] = clampByte(yy - 13975*cb - 34925*cr) // 0.213249, 0.532909
			d[i+2] = clampByte(yy + 138438*cb)           // 2.112402
			d[i+3] = 0xFF
		}
	}
}

// FromRGBARect writes src (the size of r, which is on even coordinates
// or the frame's edge) back into the rectangle r of f.
func (f *YUVFrame) FromRGBARect(src *image.RGBA, r image.Rectangle) {
	yp, cbp, crp := f.planes()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		s := src.Pix[(y-r.Min.Y)*src.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			p := s[4*(x-r.Min.X):]
			yp[y*f.w+x] = clampByte(16<<16 + yR*int32(p[0]) + yG*int32(p[1]) + yB*int32(p[2]))
		}
	}
	for cy := r.Min.Y / 2; cy < (r.Max.Y+1)/2; cy++ {
		for cx := r.Min.X / 2; cx < (r.Max.X+1)/2; cx++ {
			var rr, gg, bb, n int32
			for y := 2 * cy; y < min(2*cy+2, r.Max.Y); y++ {
				for x := 2 * cx; x < min(2*cx+2, r.Max.X); x++ {
					p := src.Pix[(y-r.Min.Y)*src.Stride+4*(x-r.Min.X):]
					rr, gg, bb, n = rr+int32(p[0]), gg+int32(p[1]), bb+int32(p[2]), n+1
				}
			}
			cbp[cy*f.cw+cx] = clampByte(128<<16 + (cbR*rr+cbG*gg+cbB*bb)/n)
			crp[cy*f.cw+cx] = clampByte(128<<16 + (crR*rr+crG*gg+crB*bb)/n)
		}
	}
}
