// Package cameoimage checks and decodes a cameo's reference images: the
// size limits a picture of a person must keep to, decoding PNG, JPEG and
// GIF with the size refused before any pixel is decoded, and scaling to
// the side a cut-out character needs. It sits next to the cameo domain
// (package project) rather than in it because it registers image
// decoders and processes pixels, which the plain domain types should not;
// it imports only the standard library and project, so the studio, the
// command line and every engine can use it.
package cameoimage

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	_ "image/gif"  // reference images may be GIF
	_ "image/jpeg" // reference images may be JPEG
	_ "image/png"  // reference images may be PNG
	"io"
	"os"

	"kino/project"
)

// Reference image limits: images with more pixels than MaxPixels are
// refused before decoding (a 20,000x20,000 image would need 1.6 GB), and
// accepted images larger than Side on their long side are scaled down,
// since a cut-out character never needs more.
const (
	MaxPixels = 50_000_000
	MaxSide   = 16384
	Side      = 1024
	maxBytes  = 256 << 20
)

// CheckSize returns an EINVALID error when a w x h image is over the
// limits (MaxSide per side, MaxPixels in all).
func CheckSize(w, h int) error {
	if w > MaxSide || h > MaxSide || int64(w)*int64(h) > MaxPixels {
		return project.Errorf(project.EINVALID, "the image is %dx%d pixels; the limit is %d pixels per side and %d megapixels", w, h, MaxSide, MaxPixels/1_000_000)
	}
	return nil
}

// Load opens, checks and decodes a cameo's reference image. Errors name
// the file and say what is wrong with it.
func Load(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, project.WrapError(project.ENOTFOUND, err, "reference image %s cannot be opened", path)
	}
	defer f.Close()
	img, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("reference image %s: %w", path, err)
	}
	return img, nil
}

// Decode decodes a PNG, JPEG or GIF reference image, refusing oversized
// ones before decoding and scaling large ones to Side.
func Decode(r io.Reader) (image.Image, error) {
	br := bufio.NewReader(io.LimitReader(r, maxBytes))
	head, _ := br.Peek(64 << 10)
	cfg, format, err := image.DecodeConfig(bytes.NewReader(head))
	if err != nil {
		return nil, project.WrapError(project.EINVALID, err, "not a readable PNG, JPEG or GIF image")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, project.Errorf(project.EINVALID, "the %s image has no pixels (%dx%d)", format, cfg.Width, cfg.Height)
	}
	if err := CheckSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(br)
	if err != nil {
		return nil, project.WrapError(project.EINVALID, err, "the %s image is damaged", format)
	}
	return Fit(img, Side), nil
}

// Fit returns img scaled down (box filter) so its long side is at most
// side, or img itself when it already fits.
func Fit(img image.Image, side int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	long := max(w, h)
	if long <= side {
		return img
	}
	nw, nh := max(1, w*side/long), max(1, h*side/long)
	dst := image.NewNRGBA(image.Rect(0, 0, nw, nh))
	for y := 0; y < nh; y++ {
		y0, y1 := b.Min.Y+y*h/nh, b.Min.Y+(y+1)*h/nh
		for x := 0; x < nw; x++ {
			x0, x1 := b.Min.X+x*w/nw, b.Min.X+(x+1)*w/nw
			var r, g, bl, a, n uint64
			for yy := y0; yy < max(y1, y0+1); yy++ {
				for xx := x0; xx < max(x1, x0+1); xx++ {
					cr, cg, cb, ca := img.At(xx, yy).RGBA() // premultiplied, 16-bit
					r, g, bl, a, n = r+uint64(cr), g+uint64(cg), bl+uint64(cb), a+uint64(ca), n+1
				}
			}
			i := dst.PixOffset(x, y)
			if a == 0 {
				continue
			}
			// Premultiplied sums → straight colour.
			dst.Pix[i+0] = uint8(r * 255 / a)
			dst.Pix[i+1] = uint8(g * 255 / a)
			dst.Pix[i+2] = uint8(bl * 255 / a)
			dst.Pix[i+3] = uint8(a / n >> 8)
		}
	}
	return dst
}
