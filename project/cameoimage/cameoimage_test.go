package cameoimage

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
)

func TestDecodeRefusesHugeImagesBeforeDecoding(t *testing.T) {
	// A PNG header that claims 20000x20000 pixels: decoding it would need 1.6 GB.
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
	b := buf.Bytes()
	// IHDR width and height live at bytes 16..23.
	copy(b[16:], []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20})
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	_, err := Decode(bytes.NewReader(b))
	if project.ErrorCode(err) != project.EINVALID || !strings.Contains(err.Error(), "20000x20000") {
		t.Fatalf("err = %v, want a clear size error", err)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nobody.png")
	if _, err := Load(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Fatalf("missing file: err = %v", err)
	}
	corrupt := filepath.Join(dir, "corrupt.png")
	os.WriteFile(corrupt, []byte("\x89PNG\r\n\x1a\nthis is not really a png"), 0o644)
	if _, err := Load(corrupt); err == nil || !strings.Contains(err.Error(), corrupt) {
		t.Fatalf("corrupt file: err = %v", err)
	}
}

func TestLoadScalesLargeImages(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 3000, 1500))
	for y := 0; y < 1500; y++ {
		for x := 0; x < 3000; x++ {
			img.Set(x, y, color.NRGBA{200, 30, 40, 255})
		}
	}
	path := filepath.Join(t.TempDir(), "big.png")
	f, _ := os.Create(path)
	png.Encode(f, img)
	f.Close()
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Bounds(); b.Dx() != Side || b.Dy() != Side/2 {
		t.Fatalf("scaled to %v, want %dx%d", b, Side, Side/2)
	}
	r, g, b, a := got.At(100, 100).RGBA()
	if r>>8 < 195 || g>>8 > 35 || b>>8 > 45 || a>>8 != 255 {
		t.Fatalf("colour changed by scaling: %d %d %d %d", r>>8, g>>8, b>>8, a>>8)
	}
}
