package app

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"kino/engine"
	"kino/engine/audio"
	"kino/project"
)

// updateGoldensEnv, when set, rewrites the screenshot goldens in testdata.
const updateGoldensEnv = "KINO_UPDATE_GOLDENS"

// assertScreenshot compares img with testdata/name. A few pixels may
// differ a little (font rasterising on another CPU); more fails, and the
// new image is written to testdata/failed/name to look at.
func assertScreenshot(t *testing.T, name string, img image.Image) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if os.Getenv(updateGoldensEnv) != "" {
		writePNGTo(t, golden, img)
		return
	}
	f, err := os.Open(golden)
	if err != nil {
		writePNGTo(t, filepath.Join("testdata", "failed", name), img)
		t.Fatalf("no golden %s (%v); the screenshot is in testdata/failed (rerun with %s=1 to accept it)", golden, err, updateGoldensEnv)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds().Size() != img.Bounds().Size() {
		writePNGTo(t, filepath.Join("testdata", "failed", name), img)
		t.Fatalf("screenshot is %v, golden %v", img.Bounds().Size(), want.Bounds().Size())
	}
	b := img.Bounds()
	wb := want.Bounds()
	differ := 0
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			r1, g1, b1, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			r2, g2, b2, _ := want.At(wb.Min.X+x, wb.Min.Y+y).RGBA()
			if absDiff(r1, r2) > 24<<8 || absDiff(g1, g2) > 24<<8 || absDiff(b1, b2) > 24<<8 {
				differ++
			}
		}
	}
	if limit := b.Dx() * b.Dy() / 500; differ > limit {
		writePNGTo(t, filepath.Join("testdata", "failed", name), img)
		t.Fatalf("%d pixels differ from %s (at most %d may); the screenshot is in testdata/failed", differ, golden, limit)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func writePNGTo(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// swatchBackend draws every frame in one colour chosen by the seed, with
// silence: pictures that depend on nothing but the seed, so the
// screenshot goldens stay the same when the previz engine or its prompt
// reading changes. (It reads no prompts: the studio shows no chips.)
type swatchBackend struct{}

func (swatchBackend) Name() string { return "swatch" }
func (swatchBackend) Capabilities() engine.Capabilities {
	return engine.Capabilities{Deterministic: true, LazyFrames: true}
}

func (swatchBackend) Generate(ctx context.Context, req engine.Request, progress engine.ProgressFunc) (engine.Clip, error) {
	palette := []color.RGBA{{0xd9, 0x8c, 0x3f, 0xff}, {0x3f, 0x8c, 0xd9, 0xff}, {0x5a, 0xb0, 0x6e, 0xff}, {0xb0, 0x5a, 0x9c, 0xff}}
	return swatchClip{
		info: engine.ClipInfo{Width: req.Width, Height: req.Height, Frames: int(req.Duration.Frames), Rate: req.Duration.Rate, Backend: "swatch", Seed: req.Seed},
		c:    palette[req.Seed%uint64(len(palette))],
	}, nil
}

type swatchClip struct {
	info engine.ClipInfo
	c    color.RGBA
}

func (c swatchClip) Info() engine.ClipInfo { return c.info }

func (c swatchClip) Frame(i int) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, c.info.Width, c.info.Height))
	return img, c.RenderFrame(i, img)
}

func (c swatchClip) RenderFrame(i int, dst *image.RGBA) error {
	draw.Draw(dst, dst.Bounds(), image.NewUniform(c.c), image.Point{}, draw.Src)
	return nil
}

func (c swatchClip) Soundtrack() (*audio.Soundtrack, error) {
	n := project.Frames(int64(c.info.Frames), c.info.Rate).Samples(audio.SampleRate)
	return &audio.Soundtrack{Mix: audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: make([]float32, 2*n)}}, nil
}

// TestStudioScreenshots renders the studio, in the default dark theme,
// at 1280x800 (a laptop) and 1920x1080 with a generated shot selected,
// and compares the pictures with the goldens in testdata. The takes are
// drawn by swatchBackend, so only the studio's own drawing is compared.
func TestStudioScreenshots(t *testing.T) {
	h := newStudioHarnessWith(t, studioOptions{NoAudio: true, Backend: swatchBackend{}},
		"a lighthouse at dawn, waves on the rocks", "gulls over the harbour at noon", "a city street at night in the rain")
	fyne.CurrentApp().Settings().SetTheme(theme.DefaultTheme())
	h.s.Inspector().SetVariations(2)
	h.s.GenerateSelected()
	h.settle("two takes", func() bool {
		v := h.s.Inspector().Takes().Views()
		return len(v) == 2 && v[0].Thumb != nil && v[1].Thumb != nil && h.s.Timeline().Cards()[0].Thumb != nil
	})
	h.s.Window().Canvas().Unfocus()
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1920, Height: 1080}} {
		h.s.Window().Resize(size)
		h.settle("resizing", func() bool { return true })
		assertScreenshot(t, fmt.Sprintf("studio_%.0fx%.0f.png", size.Width, size.Height), h.s.Window().Canvas().Capture())
	}
}
