package media

import (
	"bytes"
	"fmt"
	"image"
	"image/color/palette"
	"image/draw"
	"image/jpeg"
	"testing"
)

// Joining strips with restart markers must give exactly the frame that
// encoding it whole gives.
func TestStripsDecodeLikeWholeFrame(t *testing.T) {
	for _, size := range []image.Point{{1280, 720}, {1283, 725}, {641, 361}, {300, 300}, {17, 9}} {
		src := testFrame(size.X, size.Y, 3)
		var whole bytes.Buffer
		if err := jpeg.Encode(&whole, src, &jpeg.Options{Quality: 85}); err != nil {
			t.Fatal(err)
		}
		want, err := jpeg.Decode(&whole)
		if err != nil {
			t.Fatal(err)
		}
		for _, workers := range []int{1, 2, 3, 7} {
			var buf bytes.Buffer
			if err := newFrameEncoder(85, workers).encode(&buf, src); err != nil {
				t.Fatal(err)
			}
			striped := bytes.Contains(buf.Bytes(), []byte{0xFF, 0xDD, 0x00, 0x04})
			if wantStrips := workers > 1 && size.X*size.Y >= 1<<16; striped != wantStrips {
				t.Errorf("%v workers %d: restart interval present = %v, want %v", size, workers, striped, wantStrips)
			}
			got, err := jpeg.Decode(&buf)
			if err != nil {
				t.Fatalf("%v workers %d: %v", size, workers, err)
			}
			sameYCbCr(t, fmt.Sprintf("%v workers %d", size, workers), want, got)
		}
	}
}

func TestStripPlanKeepsIntervalIn16Bits(t *testing.T) {
	for _, c := range []struct{ w, h, workers int }{{7680, 7680, 2}, {7680, 4320, 16}, {4096, 16, 2}, {1280, 720, 2}, {1280, 720, 64}} {
		img := &image.RGBA{Rect: image.Rect(0, 0, c.w, c.h)} // only the bounds are used
		p := planStrips(img, c.workers)
		if p.count <= 1 {
			continue
		}
		perRow := (c.w + 15) / 16
		if p.interval > 0xFFFF || p.interval != p.rows*perRow {
			t.Errorf("%+v: interval %d for %d rows of %d MCUs", c, p.interval, p.rows, perRow)
		}
		if p.count*p.rows*16 < c.h || (p.count-1)*p.rows*16 >= c.h {
			t.Errorf("%+v: %d strips of %d MCU rows do not tile %d pixel rows", c, p.count, p.rows, c.h)
		}
	}
}

func TestEncodeOtherImageTypes(t *testing.T) {
	src := testFrame(320, 240, 1)
	nrgba := image.NewNRGBA(src.Rect)
	draw.Draw(nrgba, nrgba.Rect, src, image.Point{}, draw.Src)
	pal := image.NewPaletted(src.Rect, palette.Plan9)
	draw.Draw(pal, pal.Rect, src, image.Point{}, draw.Src)
	gray := image.NewGray(src.Rect)
	draw.Draw(gray, gray.Rect, src, image.Point{}, draw.Src)
	offset := src.SubImage(image.Rect(40, 30, 300, 230))

	var buf bytes.Buffer
	mw := NewMJPEGWriter(&buf, 90)
	for _, img := range []image.Image{nrgba, pal, gray} {
		if err := mw.WriteFrame(img); err != nil {
			t.Fatalf("%T: %v", img, err)
		}
	}
	rd, err := OpenMJPEG(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || rd.Len() != 3 {
		t.Fatalf("Len %d, err %v", rd.Len(), err)
	}
	for i, want := range []image.Image{nrgba, pal, gray} {
		got, err := rd.Frame(i)
		if err != nil {
			t.Fatal(err)
		}
		if p := psnr(t, want, got); p < 30 {
			t.Errorf("%T: PSNR %.1f", want, p)
		}
	}
	if _, ok := must(rd.Frame(2)).(*image.Gray); !ok {
		t.Errorf("a gray frame should stay gray")
	}
	// A sub-image with a non-zero origin is encoded from its own corner.
	var one bytes.Buffer
	if err := EncodeJPEG(&one, offset, 90); err != nil {
		t.Fatal(err)
	}
	got, err := jpeg.Decode(&one)
	if err != nil {
		t.Fatal(err)
	}
	if p := psnr(t, offset, got); p < 30 {
		t.Errorf("sub-image: PSNR %.1f", p)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
