package onnx

import (
	"image"
	"image/draw"
	"math"
)

// Conversions between images and the tensors around the VAE. Pixels are
// [-1, 1] planar RGB on the model side ([3][H][W]) and 8-bit RGBA on Kino's.

// unitToByte maps [-1, 1] to 0..255: v*127.5+128 (that is, (v+1)/2*255
// rounded half up) clamped to 0..255; NaN is 0. It is the Go twin of the
// conversion model (toRGBAModel), used for previews.
func unitToByte(v float32) uint8 {
	u := v*127.5 + 128
	if u > 512 { // keep +Inf and huge values inside int32
		u = 512
	}
	i := int32(u) // NaN and -Inf give 0 or a negative value, by target
	if uint32(i) > 255 {
		i = ^(i >> 31) & 255 // negative: 0, above 255: 255
	}
	return uint8(i)
}

// imageToSamples writes img, scaled to w x h, into planes ([3][h][w]) as
// values in [-1, 1] for the VAE encoder. A 16-bit image (*image.RGBA64,
// from a 16-bit PNG) already at w x h keeps its 16-bit precision.
func imageToSamples(planes []float32, img image.Image, w, h int) {
	if src, ok := img.(*image.RGBA64); ok && src.Rect.Dx() == w && src.Rect.Dy() == h {
		rgba64ToSamples(planes, src, w, h)
		return
	}
	rgba := toRGBA(img, w, h)
	n := w * h
	for y := 0; y < h; y++ {
		row := rgba.Pix[y*rgba.Stride:]
		for x := 0; x < w; x++ {
			i := y*w + x
			planes[i] = float32(row[4*x])/127.5 - 1
			planes[n+i] = float32(row[4*x+1])/127.5 - 1
			planes[2*n+i] = float32(row[4*x+2])/127.5 - 1
		}
	}
}

func rgba64ToSamples(planes []float32, src *image.RGBA64, w, h int) {
	n := w * h
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride:]
		for x := 0; x < w; x++ {
			i := y*w + x
			for c := 0; c < 3; c++ {
				v := uint16(row[8*x+2*c])<<8 | uint16(row[8*x+2*c+1])
				planes[c*n+i] = float32(v)/32767.5 - 1
			}
		}
	}
}

// toRGBA returns img as a w x h RGBA image, scaling it bilinearly when its
// size differs.
func toRGBA(img image.Image, w, h int) *image.RGBA {
	b := img.Bounds()
	src, ok := img.(*image.RGBA)
	if !ok || b.Min != (image.Point{}) {
		src = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(src, src.Rect, img, b.Min, draw.Src)
	}
	if src.Rect.Dx() == w && src.Rect.Dy() == h {
		return src
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	scaleRGBA(dst, src)
	return dst
}

// scaleRGBA resizes src into dst with bilinear filtering (pixel centres
// aligned, edges clamped). When the sizes match it copies.
func scaleRGBA(dst, src *image.RGBA) {
	dw, dh := dst.Rect.Dx(), dst.Rect.Dy()
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	if dw == sw && dh == sh {
		for y := 0; y < dh; y++ {
			copy(dst.Pix[y*dst.Stride:y*dst.Stride+4*dw], src.Pix[y*src.Stride:y*src.Stride+4*sw])
		}
		return
	}
	if sw == 0 || sh == 0 {
		return
	}
	// Precompute the horizontal taps: source columns and 8-bit weights.
	type tap struct {
		x0, x1 int
		w1     int32
	}
	taps := make([]tap, dw)
	fx := float64(sw) / float64(dw)
	for x := range taps {
		sx := (float64(x)+0.5)*fx - 0.5
		x0 := int(math.Floor(sx))
		w1 := int32(math.Round((sx - float64(x0)) * 256))
		taps[x] = tap{clampInt(x0, 0, sw-1), clampInt(x0+1, 0, sw-1), w1}
	}
	fy := float64(sh) / float64(dh)
	for y := 0; y < dh; y++ {
		sy := (float64(y)+0.5)*fy - 0.5
		y0 := int(math.Floor(sy))
		wy1 := int32(math.Round((sy - float64(y0)) * 256))
		wy0 := 256 - wy1
		r0 := src.Pix[clampInt(y0, 0, sh-1)*src.Stride:]
		r1 := src.Pix[clampInt(y0+1, 0, sh-1)*src.Stride:]
		out := dst.Pix[y*dst.Stride : y*dst.Stride+4*dw]
		for x, t := range taps {
			wx0 := 256 - t.w1
			a0, a1 := 4*t.x0, 4*t.x1
			for c := 0; c < 4; c++ {
				top := int32(r0[a0+c])*wx0 + int32(r0[a1+c])*t.w1
				bot := int32(r1[a0+c])*wx0 + int32(r1[a1+c])*t.w1
				out[4*x+c] = uint8((top*wy0 + bot*wy1 + 1<<15) >> 16)
			}
		}
	}
}

func clampInt(v, lo, hi int) int {
	return min(max(v, lo), hi)
}

// latentRGB are the published linear factors that approximate a Stable
// Diffusion 1.x latent pixel's colour: rgb = latent (4 channels) x factors,
// then (rgb+1)/2.
var latentRGB = [4][3]float32{
	{0.3512, 0.2297, 0.3227},
	{0.3250, 0.4974, 0.2350},
	{-0.2829, 0.1762, 0.2721},
	{-0.2120, -0.2616, -0.7177},
}

// previewImage returns a cheap colour image of one latent ([4][h][w]) at
// latent resolution, for progress reports.
func previewImage(lat []float32, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	n := w * h
	for i := 0; i < n; i++ {
		var rgb [3]float32
		for c := 0; c < 4; c++ {
			v := lat[c*n+i]
			for k := 0; k < 3; k++ {
				rgb[k] += v * latentRGB[c][k]
			}
		}
		img.Pix[4*i+0] = unitToByte(rgb[0])
		img.Pix[4*i+1] = unitToByte(rgb[1])
		img.Pix[4*i+2] = unitToByte(rgb[2])
		img.Pix[4*i+3] = 255
	}
	return img
}
