package media

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"testing"
)

// Decoding a strip-encoded frame strip by strip gives what jpeg.Decode
// gives, for colour and gray, odd sizes and any strip count.
func TestStripDecodeMatchesWholeDecode(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 700, 333))
	draw.Draw(gray, gray.Rect, testFrame(700, 333, 1), image.Point{}, draw.Src)
	cases := []image.Image{testFrame(1280, 720, 1), testFrame(1283, 725, 2), testFrame(641, 361, 3), gray}
	for _, src := range cases {
		for _, workers := range []int{2, 3, 5} {
			var buf bytes.Buffer
			if err := newFrameEncoder(85, workers).encode(&buf, src); err != nil {
				t.Fatal(err)
			}
			parts, ok := splitRestarts(buf.Bytes())
			if !ok || len(parts.scans) != workers {
				t.Fatalf("%T %v workers %d: split %v into %d parts", src, src.Bounds(), workers, ok, len(parts.scans))
			}
			want := must(jpeg.Decode(bytes.NewReader(buf.Bytes())))
			got, ok := decodeParts(parts, 2)
			if !ok {
				t.Fatalf("%T %v workers %d: the strips did not decode", src, src.Bounds(), workers)
			}
			what := fmt.Sprintf("%T %v workers %d", src, src.Bounds(), workers)
			if g, ok := want.(*image.Gray); ok {
				gg, ok := got.(*image.Gray)
				if !ok || gg.Rect != g.Rect {
					t.Fatalf("%s: got %T %v", what, got, got.Bounds())
				}
				for y := range g.Rect.Dy() {
					for x := range g.Rect.Dx() {
						if gg.GrayAt(x, y) != g.GrayAt(x, y) {
							t.Fatalf("%s: gray pixel (%d,%d) differs", what, x, y)
						}
					}
				}
				continue
			}
			sameYCbCr(t, what, want, got)
		}
	}
	// Frames it cannot cut exactly are decoded whole: no restart markers,
	// and a hand-made frame with segments and fill bytes.
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, testFrame(320, 200, 0), nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := splitRestarts(plain.Bytes()); ok {
		t.Error("a frame without restart markers cannot be split")
	}
	hf := handFrame(t)
	if _, ok := splitRestarts(hf); !ok {
		t.Error("the hand-made frame has whole-row restart intervals and should split")
	}
	sameYCbCr(t, "hand-made", must(jpeg.Decode(bytes.NewReader(hf))), must(decodeJPEG(hf)))
	// A damaged scan gives jpeg.Decode's own error.
	bad := bytes.Clone(hf)
	bad[len(bad)/2] ^= 0xFF
	bad[len(bad)/2+1] = 0xD0 // a restart marker out of sequence
	_, want := jpeg.Decode(bytes.NewReader(bad))
	_, got := decodeJPEG(bad)
	if (want == nil) != (got == nil) || want != nil && want.Error() != got.Error() {
		t.Errorf("damaged frame: error %v, want jpeg.Decode's %v", got, want)
	}
}
