package onnx

import (
	"context"
	"image"
	"image/color"
	"math"
	"testing"

	ort "github.com/yalue/onnxruntime_go"
)

func TestUnitToByte(t *testing.T) {
	cases := []struct {
		v    float32
		want uint8
	}{{-1, 0}, {-5, 0}, {1, 255}, {3, 255}, {0, 128}, {float32(math.NaN()), 0}, {-0.5, 64}, {0.5, 191},
		{float32(math.Inf(1)), 255}, {float32(math.Inf(-1)), 0}, {1e30, 255}, {-1e30, 0}, {0.999, 255}, {-0.997, 0}, {-0.996, 1}}
	for _, c := range cases {
		if got := unitToByte(c.v); got != c.want {
			t.Errorf("unitToByte(%g) = %d, want %d", c.v, got, c.want)
		}
	}
}

// runToRGBA converts planes ([n][3][h][w]) with the conversion model.
func runToRGBA(t *testing.T, typ ort.TensorElementDataType, planes []float32, n, w, h int) []byte {
	t.Helper()
	requireRuntime(t)
	m, err := createModelData(SessionConfig{}, "RGBA conversion", toRGBAModel(typ), []string{"sample"}, []string{"rgba"})
	if err != nil {
		t.Fatalf("loading the conversion model: %v", err)
	}
	defer m.close()
	in, err := newTensor(typ, int64(n), 3, int64(h), int64(w))
	if err != nil {
		t.Fatal(err)
	}
	defer in.destroy()
	in.set(planes)
	out, err := newTensor(ort.TensorElementDataTypeUint8, int64(n), int64(h), int64(w), 4)
	if err != nil {
		t.Fatal(err)
	}
	defer out.destroy()
	rc, err := newRunCtx(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer rc.close()
	if err := m.run(rc, []ort.Value{in.value}, []ort.Value{out.value}); err != nil {
		t.Fatalf("running the conversion model: %v", err)
	}
	return out.u8
}

func TestToRGBAModel(t *testing.T) {
	// Every value class: in range, out of range, infinities, exact halves.
	values := []float32{-1, -0.997, -0.996, -0.5, 0, 0.25, 0.5, 0.999, 1, 1.5, -3, 1e30, -1e30,
		float32(math.Inf(1)), float32(math.Inf(-1))}
	for i := 0; i < 256; i++ {
		values = append(values, float32(i)/127.5-1) // every byte's exact value
	}
	w, h := len(values), 2
	for _, typ := range []ort.TensorElementDataType{typeFloat, typeFloat16} {
		planes := make([]float32, 3*w*h)
		for c := 0; c < 3; c++ {
			for y := 0; y < h; y++ {
				for x, v := range values {
					if c == 1 {
						v = -v
					}
					planes[c*w*h+y*w+x] = v
				}
			}
		}
		got := runToRGBA(t, typ, planes, 1, w, h)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				for c := 0; c < 3; c++ {
					v := planes[c*w*h+y*w+x]
					if typ == typeFloat16 {
						v = Float16Value(Float16Bits(v))
					}
					if want, g := unitToByte(v), got[4*(y*w+x)+c]; g != want {
						t.Errorf("%s: %g -> %d, want %d", typeName(typ), v, g, want)
					}
				}
				if a := got[4*(y*w+x)+3]; a != 255 {
					t.Fatalf("alpha = %d", a)
				}
			}
		}
	}
}

func TestSamplesRoundTrip(t *testing.T) {
	src := testFrame(3, 16, 8)
	planes := make([]float32, 3*16*8)
	imageToSamples(planes, src, 16, 8)
	for _, v := range planes {
		if v < -1 || v > 1 {
			t.Fatalf("sample %g outside [-1, 1]", v)
		}
	}
	back := runToRGBA(t, typeFloat, planes, 1, 16, 8)
	for i := range src.Pix {
		if src.Pix[i] != back[i] {
			t.Fatalf("byte %d: %d -> %d", i, src.Pix[i], back[i])
		}
	}
}

func TestScaleRGBA(t *testing.T) {
	// A flat image stays flat at any size; a 2x2 checker scaled up keeps
	// its corners.
	flat := image.NewRGBA(image.Rect(0, 0, 7, 5))
	for i := range flat.Pix {
		flat.Pix[i] = 77
	}
	dst := image.NewRGBA(image.Rect(0, 0, 23, 11))
	scaleRGBA(dst, flat)
	for i, v := range dst.Pix {
		if v != 77 {
			t.Fatalf("flat image scaled: byte %d = %d", i, v)
		}
	}
	check := image.NewRGBA(image.Rect(0, 0, 2, 2))
	check.Set(0, 0, color.RGBA{255, 0, 0, 255})
	check.Set(1, 0, color.RGBA{0, 255, 0, 255})
	check.Set(0, 1, color.RGBA{0, 0, 255, 255})
	check.Set(1, 1, color.RGBA{255, 255, 255, 255})
	big := image.NewRGBA(image.Rect(0, 0, 64, 64))
	scaleRGBA(big, check)
	if got := big.RGBAAt(0, 0); got != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("top-left = %v", got)
	}
	if got := big.RGBAAt(63, 63); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("bottom-right = %v", got)
	}
	if got := big.RGBAAt(32, 0); got.R < 100 || got.G < 100 {
		t.Errorf("top middle = %v, want a red-green blend", got)
	}
	// toRGBA converts other image types and offsets.
	gray := image.NewGray(image.Rect(10, 10, 14, 12))
	for i := range gray.Pix {
		gray.Pix[i] = 200
	}
	if got := toRGBA(gray, 4, 2).RGBAAt(3, 1); got != (color.RGBA{200, 200, 200, 255}) {
		t.Errorf("gray converted = %v", got)
	}
}

func TestPreviewImage(t *testing.T) {
	w, h := 3, 2
	lat := make([]float32, 4*w*h)
	// Channel 0 at +1 everywhere: rgb = first factor row.
	for i := 0; i < w*h; i++ {
		lat[i] = 1
	}
	img := previewImage(lat, w, h)
	if img.Rect.Dx() != w || img.Rect.Dy() != h {
		t.Fatalf("preview is %v", img.Rect)
	}
	want := color.RGBA{unitToByte(0.3512), unitToByte(0.2297), unitToByte(0.3227), 255}
	if got := img.RGBAAt(2, 1); got != want {
		t.Errorf("preview pixel = %v, want %v", got, want)
	}
}

// TestCoverCropNeverStretches: a square frame shown in a 16:9 clip keeps
// its proportions (a circle stays round): the top and bottom are cropped.
func TestCoverCropNeverStretches(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			dx, dy := float64(x)-31.5, float64(y)-31.5
			if dx*dx+dy*dy < 12*12 {
				src.Pix[src.PixOffset(x, y)] = 255
			}
		}
	}
	crop := coverCrop(src, 160, 90)
	if crop.Rect.Dx() != 64 || crop.Rect.Dy() != 36 || crop.Rect.Min.Y != 14 {
		t.Fatalf("crop %v, want 64x36 from y 14", crop.Rect)
	}
	dst := image.NewRGBA(image.Rect(0, 0, 160, 90))
	scaleRGBA(dst, crop)
	// The circle's width and height in the output agree (2.5x scale).
	span := func(horizontal bool) int {
		n := 0
		for i := 0; i < 160 && (horizontal || i < 90); i++ {
			x, y := i, 45
			if !horizontal {
				x, y = 80, i
			}
			if dst.Pix[dst.PixOffset(x, y)] > 127 {
				n++
			}
		}
		return n
	}
	w, h := span(true), span(false)
	if w < 56 || w > 64 || h < 56 || h > 64 {
		t.Errorf("circle is %d wide and %d high in the clip; want both about 60 (not stretched)", w, h)
	}
	if c := coverCrop(src, 90, 160); c.Rect.Dx() != 36 || c.Rect.Dy() != 64 {
		t.Errorf("portrait crop %v", c.Rect)
	}
	if c := coverCrop(src, 50, 50); c != src {
		t.Errorf("same aspect should not crop")
	}
}
