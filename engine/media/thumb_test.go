package media

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"testing"
)

func TestThumbnailKeepsAspect(t *testing.T) {
	src := testFrame(1280, 720, 2)
	for _, c := range []struct{ maxW, maxH, w, h int }{
		{320, 320, 320, 180}, {160, 90, 160, 90}, {100, 20, 36, 20}, {2000, 2000, 1280, 720}, {1, 1, 1, 1},
	} {
		th := Thumbnail(src, c.maxW, c.maxH)
		if s := th.Rect.Size(); s.X != c.w || s.Y != c.h {
			t.Errorf("fit %dx%d: got %v, want %dx%d", c.maxW, c.maxH, s, c.w, c.h)
		}
	}
	if th := Thumbnail(src, 0, 100); !th.Rect.Empty() {
		t.Errorf("a zero bound should give an empty image")
	}
	tall := Thumbnail(image.NewRGBA(image.Rect(0, 0, 10, 1000)), 64, 64)
	if s := tall.Rect.Size(); s.X != 1 || s.Y != 64 {
		t.Errorf("tall image: %v", s)
	}
}

func TestThumbnailAverages(t *testing.T) {
	// A 4x2 checkerboard of black and white 2x2 cells becomes two grey
	// pixels; exact box means.
	src := image.NewRGBA(image.Rect(0, 0, 4, 2))
	for x := range 2 {
		for y := range 2 {
			src.Set(x, y, color.White)
			src.Set(x+2, y, color.RGBA{0, 0, 200, 255})
		}
	}
	th := Thumbnail(src, 2, 1)
	if th.RGBAAt(0, 0) != (color.RGBA{255, 255, 255, 255}) || th.RGBAAt(1, 0) != (color.RGBA{0, 0, 200, 255}) {
		t.Fatalf("got %v %v", th.RGBAAt(0, 0), th.RGBAAt(1, 0))
	}
	th = Thumbnail(src, 1, 1)
	if got := th.RGBAAt(0, 0); got != (color.RGBA{128, 128, 228, 255}) {
		t.Fatalf("mean of all: %v", got)
	}
}

// The YCbCr and generic paths agree with the RGBA path on the same picture.
func TestThumbnailSourceTypes(t *testing.T) {
	src := testFrame(640, 360, 4)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	ycc := must(jpeg.Decode(&buf)).(*image.YCbCr)
	rgba := image.NewRGBA(ycc.Rect)
	draw.Draw(rgba, rgba.Rect, ycc, image.Point{}, draw.Src)
	nrgba := image.NewNRGBA(ycc.Rect)
	draw.Draw(nrgba, nrgba.Rect, ycc, image.Point{}, draw.Src)
	want := Thumbnail(rgba, 150, 150)
	for _, img := range []image.Image{ycc, nrgba, rgba.SubImage(rgba.Rect)} {
		got := Thumbnail(img, 150, 150)
		if p := psnr(t, want, got); p < 40 {
			t.Errorf("%T: PSNR %.1f against the RGBA path", img, p)
		}
	}
	// Sub-images with odd origins read the right pixels.
	r := image.Rect(3, 5, 603, 355)
	if p := psnr(t, Thumbnail(rgba.SubImage(r), 100, 100), Thumbnail(ycc.SubImage(r), 100, 100)); p < 40 {
		t.Errorf("YCbCr sub-image: PSNR %.1f against the RGBA path", p)
	}
	if p := psnr(t, Thumbnail(src, 150, 150), want); p < 30 {
		t.Errorf("thumbnail of the decoded frame is far from the source's: %.1f dB", p)
	}
}

func TestEncodeHelpers(t *testing.T) {
	th := Thumbnail(testFrame(640, 360, 1), 160, 160)
	var j, p bytes.Buffer
	if err := EncodeJPEG(&j, th, 0); err != nil {
		t.Fatal(err)
	}
	if err := EncodePNG(&p, th); err != nil {
		t.Fatal(err)
	}
	ji, pi := must(jpeg.Decode(&j)), must(png.Decode(&p))
	if ps := psnr(t, th, ji); ps < 30 {
		t.Errorf("JPEG PSNR %.1f", ps)
	}
	if ps := psnr(t, th, pi); ps < 1000 {
		t.Errorf("PNG should be lossless, PSNR %.1f", ps)
	}
	if err := EncodeJPEG(&j, image.NewRGBA(image.Rectangle{}), 80); err == nil {
		t.Error("an empty image should be refused")
	}
	if err := EncodeJPEG(&failWriter{}, th, 80); err == nil {
		t.Error("a write error should be returned")
	}
}
