package media

import (
	"bytes"
	"image"
	"image/draw"
	"math/rand/v2"
	"testing"
)

// The fast converter must agree with image/draw exactly, for odd sizes,
// sub-images with odd origins, and frames big enough to be split.
func TestYCbCr420MatchesDraw(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, rect := range []image.Rectangle{
		image.Rect(0, 0, 1, 1), image.Rect(0, 0, 7, 5), image.Rect(0, 0, 641, 359), image.Rect(0, 0, 1280, 720),
	} {
		src := image.NewYCbCr(rect, image.YCbCrSubsampleRatio420)
		for _, p := range [][]byte{src.Y, src.Cb, src.Cr} {
			for i := range p {
				p[i] = byte(r.UintN(256))
			}
		}
		subs := []image.Image{src}
		if rect.Dx() > 6 {
			subs = append(subs, src.SubImage(image.Rect(1, 1, rect.Dx()-2, rect.Dy()-1)), src.SubImage(image.Rect(2, 3, rect.Dx(), rect.Dy())))
		}
		for _, s := range subs {
			y := s.(*image.YCbCr)
			size := y.Rect.Size()
			want := image.NewRGBA(image.Rectangle{Max: size})
			draw.Draw(want, want.Rect, y, y.Rect.Min, draw.Src)
			got := image.NewRGBA(image.Rect(5, 5, 5+size.X, 5+size.Y)) // non-zero origin too
			for i := range got.Pix {
				got.Pix[i] = 0x33
			}
			drawFrame(got, y)
			if !bytes.Equal(got.Pix, want.Pix) {
				t.Fatalf("%v: fast conversion differs from image/draw", y.Rect)
			}
		}
	}
}
