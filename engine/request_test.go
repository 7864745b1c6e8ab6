package engine_test

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

	"kino/engine"
	"kino/project"
)

func TestNormalizeRejectsUnrenderableRequests(t *testing.T) {
	cases := map[string]func(r *engine.Request){
		"zero frames":     func(r *engine.Request) { r.Duration.Frames = 0 },
		"absurd duration": func(r *engine.Request) { r.Duration.Frames = engine.MaxFrames + 1 },
		"tiny frame":      func(r *engine.Request) { r.Width, r.Height = 8, 8 },
		"huge frame":      func(r *engine.Request) { r.Width, r.Height = 20000, 20000 },
		"bad rate":        func(r *engine.Request) { r.Duration.Rate = project.Rate{} },
		"binary prompt": func(r *engine.Request) {
			r.Prompt = string([]byte{0, 1, 2, 3, 0xff, 0xfe, 5, 6, 7, 8, 0, 0, 1, 2, 3, 4, 5, 6, 0x80, 0x81})
		},
		"strength": func(r *engine.Request) { r.Strength = 2 },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			r := engine.DefaultRequest()
			mutate(&r)
			if _, _, err := r.Normalize(); project.ErrorCode(err) != project.EINVALID {
				t.Fatalf("Normalize() error = %v, want an invalid-input error", err)
			}
		})
	}
}

func TestNormalizeClampsHugePromptsAtAWordBoundary(t *testing.T) {
	r := engine.DefaultRequest()
	r.Prompt = strings.Repeat("Strand Sonnenuntergang ", 5000) // ~115 KB
	n, notes, err := r.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Prompt) > engine.MaxPromptBytes || len(notes) != 1 {
		t.Fatalf("prompt %d bytes with notes %v; want ≤ %d and one note", len(n.Prompt), notes, engine.MaxPromptBytes)
	}
	if strings.HasSuffix(n.Prompt, " ") || !strings.HasSuffix(n.Prompt, "Strand") && !strings.HasSuffix(n.Prompt, "Sonnenuntergang") {
		t.Fatalf("prompt was not cut at a word boundary: ...%q", n.Prompt[len(n.Prompt)-20:])
	}
}

func TestNormalizeKeepsMixedScriptText(t *testing.T) {
	r := engine.DefaultRequest()
	r.Prompt = "  Ich am Strand 🌅\n\tמול הים  海边 \x00 fireworks "
	n, _, err := r.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if n.Prompt != "Ich am Strand 🌅 מול הים 海边 fireworks" {
		t.Fatalf("normalised prompt %q", n.Prompt)
	}
}

func TestHashChangesWithEveryInput(t *testing.T) {
	base := engine.DefaultRequest()
	base.Prompt = "beach at sunset"
	h := engine.Hash("previz", "", base)
	if h != engine.Hash("previz", "", base) {
		t.Fatal("hash is not stable")
	}
	variants := []engine.Request{base, base, base}
	variants[0].Seed = 2
	variants[1].Prompt = "beach at night"
	variants[2].Camera.Move = project.MovePanLeft
	for i, v := range variants {
		if engine.Hash("previz", "", v) == h {
			t.Errorf("variant %d hashes like the base request", i)
		}
	}
	if engine.Hash("onnx", "", base) == h || engine.Hash("previz", "m", base) == h {
		t.Error("backend and model must be part of the hash")
	}
}

func TestDecodeReferenceImageRefusesHugeImagesBeforeDecoding(t *testing.T) {
	// A PNG header that claims 20000x20000 pixels: decoding it would need 1.6 GB.
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
	b := buf.Bytes()
	// IHDR width and height live at bytes 16..23.
	copy(b[16:], []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20})
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	_, err := engine.DecodeReferenceImage(bytes.NewReader(b))
	if project.ErrorCode(err) != project.EINVALID || !strings.Contains(err.Error(), "20000x20000") {
		t.Fatalf("err = %v, want a clear size error", err)
	}
}

func TestLoadReferenceImageErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nobody.png")
	if _, err := engine.LoadReferenceImage(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Fatalf("missing file: err = %v", err)
	}
	corrupt := filepath.Join(dir, "corrupt.png")
	os.WriteFile(corrupt, []byte("\x89PNG\r\n\x1a\nthis is not really a png"), 0o644)
	if _, err := engine.LoadReferenceImage(corrupt); err == nil || !strings.Contains(err.Error(), corrupt) {
		t.Fatalf("corrupt file: err = %v", err)
	}
}

func TestLoadReferenceImageScalesLargeImages(t *testing.T) {
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
	got, err := engine.LoadReferenceImage(path)
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Bounds(); b.Dx() != engine.ReferenceSide || b.Dy() != engine.ReferenceSide/2 {
		t.Fatalf("scaled to %v, want %dx%d", b, engine.ReferenceSide, engine.ReferenceSide/2)
	}
	r, g, b, a := got.At(100, 100).RGBA()
	if r>>8 < 195 || g>>8 > 35 || b>>8 > 45 || a>>8 != 255 {
		t.Fatalf("colour changed by scaling: %d %d %d %d", r>>8, g>>8, b>>8, a>>8)
	}
}
