package format

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

// Text chunks go in after IHDR with right CRCs: the PNG still decodes
// (image/png checks every chunk's CRC) and carries the text.
func TestPNGWithText(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	out := PNGWithText(buf.Bytes(), [][2]string{{"Software", "Kino test"}, {"Comment", "für Zoë"}})
	if !bytes.Equal(out[:33], buf.Bytes()[:33]) || string(out[37:41]) != "tEXt" {
		t.Fatalf("the first chunk after IHDR is %q", out[37:41])
	}
	for _, want := range []string{"tEXtSoftware\x00Kino test", "tEXtComment\x00f\xFCr Zo\xEB"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("no %q", want)
		}
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil || img.Bounds() != image.Rect(0, 0, 4, 3) {
		t.Fatalf("decoding: %v %v", img, err)
	}
	if got := PNGWithText([]byte("not a png"), [][2]string{{"a", "b"}}); string(got) != "not a png" {
		t.Fatalf("a non-PNG became %q", got)
	}
}
