package media

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
)

// Thumbnail returns img scaled down with a box filter (each output pixel is
// the mean of the source pixels it covers) to fit in maxW x maxH, keeping
// its aspect ratio. Images that already fit are copied at their own size,
// never enlarged. A non-positive bound or an empty image gives an empty
// image. *image.RGBA and *image.YCbCr (decoded frames) are read directly.
func Thumbnail(img image.Image, maxW, maxH int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if maxW <= 0 || maxH <= 0 || w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rectangle{})
	}
	nw, nh := fitSize(w, h, maxW, maxH)
	dst := image.NewRGBA(image.Rect(0, 0, nw, nh))
	switch src := img.(type) {
	case *image.RGBA:
		boxRGBA(dst, src)
	case *image.YCbCr:
		boxYCbCr(dst, src)
	default:
		rgba := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(rgba, rgba.Rect, img, b.Min, draw.Src)
		boxRGBA(dst, rgba)
	}
	return dst
}

// fitSize returns the largest size of w x h's aspect that fits maxW x maxH
// without enlarging, at least 1x1.
func fitSize(w, h, maxW, maxH int) (int, int) {
	if w <= maxW && h <= maxH {
		return w, h
	}
	if int64(w)*int64(maxH) <= int64(h)*int64(maxW) { // height limits
		return max(1, int((int64(w)*int64(maxH)+int64(h)/2)/int64(h))), maxH
	}
	return maxW, max(1, int((int64(h)*int64(maxW)+int64(w)/2)/int64(w)))
}

// boxSpans maps each source column (or row) to its output column and counts
// how many sources each output gets. With n <= src every output gets >= 1.
func boxSpans(src, n int) (to []int, count []uint32) {
	to = make([]int, src)
	count = make([]uint32, n)
	for i := range src {
		o := i * n / src
		to[i] = o
		count[o]++
	}
	return to, count
}

func boxRGBA(dst, src *image.RGBA) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	nw, nh := dst.Rect.Dx(), dst.Rect.Dy()
	xto, xcount := boxSpans(w, nw)
	yto, ycount := boxSpans(h, nh)
	acc := make([]uint32, 4*nw)
	y := 0
	for oy := range nh {
		clear(acc)
		for ; y < h && yto[y] == oy; y++ {
			row := src.Pix[y*src.Stride : y*src.Stride+4*w]
			for x, o := range xto {
				p := row[4*x : 4*x+4 : 4*x+4]
				a := acc[4*o : 4*o+4 : 4*o+4]
				a[0] += uint32(p[0])
				a[1] += uint32(p[1])
				a[2] += uint32(p[2])
				a[3] += uint32(p[3])
			}
		}
		out := dst.Pix[oy*dst.Stride:]
		for o := range nw {
			n := xcount[o] * ycount[oy]
			for k := range 4 {
				out[4*o+k] = uint8((acc[4*o+k] + n/2) / n)
			}
		}
	}
}

func boxYCbCr(dst *image.RGBA, src *image.YCbCr) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	nw, nh := dst.Rect.Dx(), dst.Rect.Dy()
	xto, xcount := boxSpans(w, nw)
	yto, ycount := boxSpans(h, nh)
	acc := make([]uint32, 3*nw)
	sx, sy := src.Rect.Min.X, src.Rect.Min.Y
	// A pixel's chroma column does not depend on its row.
	cx := make([]int, w)
	for x := range cx {
		cx[x] = src.COffset(sx+x, sy) - src.COffset(sx, sy)
	}
	y := 0
	for oy := range nh {
		clear(acc)
		for ; y < h && yto[y] == oy; y++ {
			yrow := src.Y[src.YOffset(sx, sy+y):]
			ci := src.COffset(sx, sy+y)
			cb, cr := src.Cb[ci:], src.Cr[ci:]
			for x, o := range xto {
				a := acc[3*o : 3*o+3 : 3*o+3]
				a[0] += uint32(yrow[x])
				a[1] += uint32(cb[cx[x]])
				a[2] += uint32(cr[cx[x]])
			}
		}
		out := dst.Pix[oy*dst.Stride:]
		for o := range nw {
			n := xcount[o] * ycount[oy]
			r, g, b := color.YCbCrToRGB(uint8((acc[3*o]+n/2)/n), uint8((acc[3*o+1]+n/2)/n), uint8((acc[3*o+2]+n/2)/n))
			out[4*o], out[4*o+1], out[4*o+2], out[4*o+3] = r, g, b, 0xff
		}
	}
}

// EncodeJPEG writes img to w as a baseline JPEG at quality (1-100; 0 or less
// means DefaultQuality), using all cores for large images.
func EncodeJPEG(w io.Writer, img image.Image, quality int) error {
	var buf bytes.Buffer
	if err := newFrameEncoder(quality, 0).encode(&buf, img); err != nil {
		return err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing JPEG: %w", err)
	}
	return nil
}

// EncodePNG writes img to w as a PNG, favouring speed over size.
func EncodePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("encoding PNG: %w", err)
	}
	return nil
}
