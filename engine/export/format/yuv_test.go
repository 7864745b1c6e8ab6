package format

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
func maxDiff(a, b *YUVFrame) int {
	worst := 0
	for i := range a.buf {
		d := int(a.buf[i]) - int(b.buf[i])
		worst = max(worst, d, -d)
	}
	return worst
}

// A JPEG frame converted straight from its YCbCr gives the samples the
// RGB route gives, within two levels.
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
		viaRGB, direct := NewYUVFrame(size.X, size.Y), NewYUVFrame(size.X, size.Y)
		viaRGB.FromRGBA(rgba)
		if !direct.FromJFIF(yc) {
			t.Fatal("FromJFIF refused a 4:2:0 frame")
		}
		if d := maxDiff(viaRGB, direct); d > 2 {
			pl, x, y, _ := whereDiff(viaRGB, direct)
			t.Errorf("%v: the direct conversion differs from the RGB route by %d levels (%s %d,%d)", size, d, pl, x, y)
		}
	}
}

func whereDiff(a, b *YUVFrame) (plane string, x, y, d int) {
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

// BT.709 limited range puts black at 16 and white at 235 with neutral
// chroma, and a region taken out to RGBA and written back (as the
// watermark is drawn) comes back within a level or two.
func TestYUVLevelsAndRoundTrip(t *testing.T) {
	f := NewYUVFrame(5, 3) // odd sizes: chroma rounds up
	if len(f.Bytes()) != 5*3+2*3*2 || f.Bounds() != image.Rect(0, 0, 5, 3) {
		t.Fatalf("a 5x3 frame has %d bytes, bounds %v", len(f.Bytes()), f.Bounds())
	}
	for _, c := range []struct {
		grey   uint8
		y, chr byte
	}{{0, 16, 128}, {255, 235, 128}} {
		img := image.NewRGBA(image.Rect(0, 0, 5, 3))
		for i := range img.Pix {
			img.Pix[i] = c.grey
		}
		f.FromRGBA(img)
		yp, cb, cr := f.planes()
		for _, v := range yp {
			if v != c.y {
				t.Fatalf("grey %d: Y %d, want %d", c.grey, v, c.y)
			}
		}
		for i := range cb {
			if cb[i] != c.chr || cr[i] != c.chr {
				t.Fatalf("grey %d: Cb %d Cr %d, want %d", c.grey, cb[i], cr[i], c.chr)
			}
		}
	}
	pic := testPicture(64, 36)
	a, b := NewYUVFrame(64, 36), NewYUVFrame(64, 36)
	a.FromRGBA(pic)
	b.FromRGBA(pic)
	r := image.Rect(10, 4, 30, 20)
	patch := image.NewRGBA(image.Rectangle{Max: r.Size()})
	b.ToRGBA(patch, r)
	b.FromRGBARect(patch, r)
	if d := maxDiff(a, b); d > 2 {
		pl, x, y, _ := whereDiff(a, b)
		t.Fatalf("the round trip moved samples by %d levels (%s %d,%d)", d, pl, x, y)
	}
}
