package export

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"testing"

	"kino/engine/media"
)

// testPicture is a frame of smooth gradients (hard edges between
// saturated colours make JPEG ring past the RGB gamut, where the RGB route
// clamps and the direct one need not).
func testPicture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{uint8(20 + x*215/w), uint8(20 + y*215/h), uint8(30 + (x+y)*120/(w+h)), 255})
		}
	}
	return img
}

// maxDiff is the largest difference between two yuv420p frames' samples.
func maxDiff(a, b *yuvFrame) int {
	worst := 0
	for i := range a.buf {
		d := int(a.buf[i]) - int(b.buf[i])
		worst = max(worst, d, -d)
	}
	return worst
}

// A JPEG frame converted straight from its YCbCr gives the samples the
// RGB route gives, within two levels; so does the watermark drawn on the
// YUV frame.
func TestJFIFToBT709MatchesTheRGBRoute(t *testing.T) {
	for _, size := range []image.Point{{640, 360}, {321, 179}} {
		var buf bytes.Buffer
		if err := media.EncodeJPEG(&buf, testPicture(size.X, size.Y), 90); err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		yc, ok := img.(*image.YCbCr)
		if !ok || yc.SubsampleRatio != image.YCbCrSubsampleRatio420 {
			t.Fatalf("the JPEG decodes to %T", img)
		}
		rgba := image.NewRGBA(yc.Rect)
		draw.Draw(rgba, rgba.Rect, yc, image.Point{}, draw.Src)
		viaRGB, direct := newYUVFrame(size.X, size.Y), newYUVFrame(size.X, size.Y)
		viaRGB.fromRGBA(rgba)
		if !direct.fromJFIF(yc) {
			t.Fatal("fromJFIF refused a 4:2:0 frame")
		}
		if d := maxDiff(viaRGB, direct); d > 2 {
			pl, x, y, _ := whereDiff(viaRGB, direct)
			t.Errorf("%v: the direct conversion differs from the RGB route by %d levels (%s %d,%d)", size, d, pl, x, y)
		}
		wm := newWatermark(size.X, size.Y)
		wm.draw(rgba)
		viaRGB.fromRGBA(rgba)
		var patch *image.RGBA
		wm.drawYUV(direct, &patch)
		if d := maxDiff(viaRGB, direct); d > 3 {
			t.Errorf("%v: the watermark on YUV differs from the RGB route by %d levels", size, d)
		}
	}
}

func whereDiff(a, b *yuvFrame) (plane string, x, y, d int) {
	ya, cba, cra := a.planes()
	yb, cbb, crb := b.planes()
	for _, p := range []struct {
		n    string
		a, b []byte
		w    int
	}{{"Y", ya, yb, a.w}, {"Cb", cba, cbb, a.cw}, {"Cr", cra, crb, a.cw}} {
		for i := range p.a {
			dd := int(p.a[i]) - int(p.b[i])
			if dd < 0 {
				dd = -dd
			}
			if dd > d {
				plane, x, y, d = p.n, i%p.w, i/p.w, dd
			}
		}
	}
	return
}
