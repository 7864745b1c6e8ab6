package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"kino/project"
)

func TestExportPNGSequence(t *testing.T) {
	tl := testTimeline(160, 90, project.DefaultRate, 5, 3)
	o := testOpts(t, FormatPNG, "frames")
	res := mustExport(t, tl, o)
	if res.Main != o.Out || len(res.Files) != 1 {
		t.Fatalf("result %+v", res)
	}
	ents, err := os.ReadDir(o.Out)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 9 {
		t.Fatalf("folder has %d entries, want 8 frames and provenance.json", len(ents))
	}
	data, err := os.ReadFile(filepath.Join(o.Out, provenanceFolderName))
	if err != nil {
		t.Fatal(err)
	}
	var prov Provenance
	if err := json.Unmarshal(data, &prov); err != nil {
		t.Fatal(err)
	}
	if len(prov.Files) != 8 || prov.Watermark == nil || !*prov.Watermark {
		t.Fatalf("provenance files %d, watermark %v", len(prov.Files), prov.Watermark)
	}
	for i, fh := range prov.Files {
		if fh.File != FrameName(int64(i)) {
			t.Fatalf("file %d is %s, want %s", i, fh.File, FrameName(int64(i)))
		}
		b, err := os.ReadFile(filepath.Join(o.Out, fh.File))
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != fh.SHA256 {
			t.Fatalf("%s hash does not match its provenance", fh.File)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", fh.File, err)
		}
		if img.Bounds().Size() != image.Pt(160, 90) {
			t.Fatalf("%s is %v", fh.File, img.Bounds())
		}
		if !bytes.Contains(b, []byte("tEXtComment\x00AI-generated with Kino")) {
			t.Fatalf("%s has no AI-generated text chunk", fh.File)
		}
	}
	// Frame 6 is the second shot's first frame: its colour.
	b, _ := os.ReadFile(filepath.Join(o.Out, FrameName(5)))
	img, _ := png.Decode(bytes.NewReader(b))
	if r, g, _, _ := img.At(150, 50).RGBA(); r>>8 != 40 || g>>8 != 160 {
		t.Fatalf("frame 6 pixel is %v, want shot 2's green", img.At(150, 50))
	}
	// With Force the folder (a Kino export) is replaced.
	o.Force, o.NoWatermark = true, true
	mustExport(t, tl, o)
}

func TestWatermarkIsDrawnAndCanBeTurnedOff(t *testing.T) {
	tl := testTimeline(1280, 720, project.DefaultRate, 1)
	frame := func(on bool) *image.RGBA {
		src := newFrameSource(tl, 1280, 720, on)
		s := src.newSlot()
		if err := src.render(0, s); err != nil {
			t.Fatal(err)
		}
		return s.frame
	}
	on, off := frame(true), frame(false)
	wm := newWatermark(1280, 720)
	box := wm.bounds()
	if box.Max.X > 1280 || box.Max.Y > 720 || box.Dy() > 720/20 || box.Dx() > 1280/4 {
		t.Fatalf("watermark covers %v: not small, or outside the frame", box)
	}
	changed, outside := 0, 0
	for y := range 720 {
		for x := range 1280 {
			i := on.PixOffset(x, y)
			if !bytes.Equal(on.Pix[i:i+4], off.Pix[i:i+4]) {
				if image.Pt(x, y).In(box) {
					changed++
				} else {
					outside++
				}
			}
		}
	}
	if changed < 200 || outside != 0 {
		t.Fatalf("watermark changed %d pixels inside its box and %d outside", changed, outside)
	}
	// The label is semi-transparent: no pixel turns pure white over the
	// red background.
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			if c := on.RGBAAt(x, y); c.G == 0xFF && c.B == 0xFF && c.R == 0xFF && y > 720/4 {
				t.Fatalf("pixel %d,%d is opaque white", x, y)
			}
		}
	}
}

func TestPlaceholderSlate(t *testing.T) {
	shot := &project.Shot{Index: 4, Prompt: "fireworks cut the sky over the harbour", Duration: project.Frames(36, project.DefaultRate)}
	p := NewPlaceholder(shot, 640, 360, project.DefaultRate)
	if p.Info().Frames != 36 || p.Info().Backend != PlaceholderBackend {
		t.Fatalf("info %+v", p.Info())
	}
	img, err := p.Frame(35)
	if err != nil {
		t.Fatal(err)
	}
	// The slate has light text on its dark ground.
	light := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r>>8 > 0xC0 {
				light++
			}
		}
	}
	if light < 500 {
		t.Fatalf("slate has %d light pixels: no text", light)
	}
	if _, err := p.Frame(36); err == nil {
		t.Fatal("frame past the end did not fail")
	}
	st, _ := p.Soundtrack()
	if st.Mix.Len() != 36*2000 || len(st.Stems) != 4 || st.Mix.Peak() != 0 {
		t.Fatalf("placeholder sound: %d samples, %d stems, peak %v", st.Mix.Len(), len(st.Stems), st.Mix.Peak())
	}
}
