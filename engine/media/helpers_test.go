package media

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"os/exec"
	"strings"
	"testing"
)

// testFrame draws frame i of a small synthetic shot: a sky gradient, a sun
// that moves with i, a striped ground and some fine texture, so frames
// differ from each other and have both smooth areas and edges.
func testFrame(w, h, i int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy := float64(w)*(0.2+0.03*float64(i%20)), float64(h)*0.35
	r := float64(h) * 0.12
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fy := float64(y) / float64(h)
			var c [3]float64
			if fy < 0.6 {
				c = [3]float64{40 + 180*fy, 80 + 120*fy, 200 - 60*fy}
			} else {
				stripe := float64(((x + 3*i) / 24) % 2)
				c = [3]float64{90 + 40*stripe, 120 + 30*stripe, 60}
			}
			dx, dy := float64(x)-cx, float64(y)-cy
			if dx*dx+dy*dy < r*r {
				c = [3]float64{250, 200, 80}
			}
			t := 12 * math.Sin(float64(x)*0.31+float64(i)) * math.Cos(float64(y)*0.23)
			o := m.PixOffset(x, y)
			for k := range 3 {
				m.Pix[o+k] = uint8(max(0, min(255, c[k]+t)))
			}
			m.Pix[o+3] = 255
		}
	}
	return m
}

// psnr compares two images of the same size over R, G and B.
func psnr(t testing.TB, a, b image.Image) float64 {
	t.Helper()
	if a.Bounds().Size() != b.Bounds().Size() {
		t.Fatalf("psnr: sizes differ: %v vs %v", a.Bounds(), b.Bounds())
	}
	var se float64
	ab, bb := a.Bounds(), b.Bounds()
	n := 0
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			c1 := color.RGBAModel.Convert(a.At(ab.Min.X+x, ab.Min.Y+y)).(color.RGBA)
			c2 := color.RGBAModel.Convert(b.At(bb.Min.X+x, bb.Min.Y+y)).(color.RGBA)
			for _, d := range []float64{float64(c1.R) - float64(c2.R), float64(c1.G) - float64(c2.G), float64(c1.B) - float64(c2.B)} {
				se += d * d
			}
			n += 3
		}
	}
	if se == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(255*255/(se/float64(n)))
}

// sameYCbCr fails unless a and b are identical YCbCr images.
func sameYCbCr(t testing.TB, what string, a, b image.Image) {
	t.Helper()
	ya, ok1 := a.(*image.YCbCr)
	yb, ok2 := b.(*image.YCbCr)
	if !ok1 || !ok2 {
		t.Fatalf("%s: want two *image.YCbCr, got %T and %T", what, a, b)
	}
	if ya.Rect != yb.Rect || ya.SubsampleRatio != yb.SubsampleRatio {
		t.Fatalf("%s: %v %v vs %v %v", what, ya.Rect, ya.SubsampleRatio, yb.Rect, yb.SubsampleRatio)
	}
	for y := ya.Rect.Min.Y; y < ya.Rect.Max.Y; y++ {
		for x := ya.Rect.Min.X; x < ya.Rect.Max.X; x++ {
			if ya.YCbCrAt(x, y) != yb.YCbCrAt(x, y) {
				t.Fatalf("%s: pixel (%d,%d) differs: %v vs %v", what, x, y, ya.YCbCrAt(x, y), yb.YCbCrAt(x, y))
			}
		}
	}
}

// ffprobe runs ffprobe with args and returns its output. A missing ffprobe
// fails the test: it is part of the project's dependencies.
func ffprobe(t *testing.T, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("ffprobe")
	if err != nil {
		t.Fatalf("ffprobe is not installed: install ffmpeg (make deps): %v", err)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(path, append([]string{"-v", "error"}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("ffprobe %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// encodeStream writes n frames of w x h to an in-memory MJPEG stream.
func encodeStream(t testing.TB, w, h, n, quality int) ([]byte, []*image.RGBA) {
	t.Helper()
	var buf bytes.Buffer
	mw := NewMJPEGWriter(&buf, quality)
	var src []*image.RGBA
	for i := range n {
		f := testFrame(w, h, i)
		src = append(src, f)
		if err := mw.WriteFrame(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), src
}
