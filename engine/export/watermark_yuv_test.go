package export

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"testing"

	"kino/engine/export/format"
	"kino/engine/media"
)

// The watermark drawn on a YUV frame (the MP4 path for stored takes)
// gives the samples that drawing it in RGB and converting give, within
// three levels.
func TestWatermarkOnYUVMatchesTheRGBRoute(t *testing.T) {
	for _, size := range []image.Point{{640, 360}, {321, 179}} {
		src := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
		for y := range size.Y {
			for x := range size.X {
				src.SetRGBA(x, y, color.RGBA{uint8(20 + x*215/size.X), uint8(20 + y*215/size.Y), uint8(30 + (x+y)*120/(size.X+size.Y)), 255})
			}
		}
		var buf bytes.Buffer
		if err := media.EncodeJPEG(&buf, src, 90); err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		yc := img.(*image.YCbCr)
		rgba := image.NewRGBA(yc.Rect)
		draw.Draw(rgba, rgba.Rect, yc, image.Point{}, draw.Src)
		viaRGB, direct := format.NewYUVFrame(size.X, size.Y), format.NewYUVFrame(size.X, size.Y)
		if !direct.FromJFIF(yc) {
			t.Fatal("FromJFIF refused a 4:2:0 frame")
		}
		wm := newWatermark(size.X, size.Y)
		wm.draw(rgba)
		viaRGB.FromRGBA(rgba)
		var patch *image.RGBA
		wm.drawYUV(direct, &patch)
		worst := 0
		a, b := viaRGB.Bytes(), direct.Bytes()
		for i := range a {
			d := int(a[i]) - int(b[i])
			worst = max(worst, d, -d)
		}
		if worst > 3 {
			t.Errorf("%v: the watermark on YUV differs from the RGB route by %d levels", size, worst)
		}
	}
}
