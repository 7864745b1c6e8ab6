package onnx

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine"
	"kino/project"
)

// realVideoPack is tiny-sd-real with diffusers' UNetMotionModel as its
// UNet: 4 frames fixed, one text row per batch item.
func realVideoPack(t testing.TB) string {
	return realPack(t, filepath.Join(realDir, "animatediff-unet"))
}

func TestVideoTextLayoutDetected(t *testing.T) {
	requireRuntime(t)
	for _, c := range []struct {
		dir      string
		perFrame bool
		how      string
	}{
		{realVideoPack(t), false, LayoutNames},     // batch_size and batch_size
		{packDir("tiny-video"), true, LayoutNames}, // batch and batch_frames
		{packDir("tiny-video-fp16"), true, LayoutSizes},
	} {
		pack, err := OpenPack(c.dir)
		if err != nil {
			t.Fatal(err)
		}
		spec, err := Inspect(pack)
		if err != nil {
			t.Fatal(err)
		}
		u := spec.UNet
		if !u.Video || u.TextPerFrame != c.perFrame || u.TextLayout != c.how {
			t.Errorf("%s: video %v, per frame %v from %q; want per frame %v from %q", pack.Name, u.Video, u.TextPerFrame, u.TextLayout, c.perFrame, c.how)
		}
		want := "one row per batch item"
		if c.perFrame {
			want = "one row per frame"
		}
		if !strings.Contains(spec.String(), want) {
			t.Errorf("%s: doctor's summary %q does not say %q", pack.Name, spec, want)
		}
	}
}

// TestVideoTextLayoutTrialRun forgets what the signature said and lets
// the trial run at load decide, for both layouts.
func TestVideoTextLayoutTrialRun(t *testing.T) {
	for _, c := range []struct {
		dir      string
		perFrame bool
	}{{realVideoPack(t), false}, {packDir("tiny-video"), true}} {
		pl := loadPipelineAt(t, c.dir)
		pl.Spec.UNet.TextLayout, pl.Spec.UNet.TextPerFrame = "", !c.perFrame
		if err := pl.probeVideoUNet(); err != nil {
			t.Fatal(err)
		}
		if u := pl.Spec.UNet; u.TextLayout != LayoutTrial || u.TextPerFrame != c.perFrame {
			t.Errorf("%s: trial run decided per frame %v (%q), want %v", pl.Pack.Name, u.TextPerFrame, u.TextLayout, c.perFrame)
		}
	}
}

// TestRealAnimateDiffGenerates runs diffusers' UNetMotionModel over a shot
// longer than its 4 frames: windows of 4 frames overlapping by 2, blended.
func TestRealAnimateDiffGenerates(t *testing.T) {
	pl := loadPipelineAt(t, realVideoPack(t))
	p := realParams(t, pl)
	p.Steps, p.Frames = 2, 10
	var unetRuns int
	p.afterRun = func(role string, err error) {
		if role == "UNet" {
			unetRuns++
		}
	}
	res, err := pl.Generate(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	// Windows 0-3, 2-5, 4-7, 6-9; guidance in one call (dynamic batch).
	if want := 4 * p.Steps; unetRuns != want {
		t.Errorf("%d UNet runs, want %d (4 windows × %d steps)", unetRuns, want, p.Steps)
	}
	if len(res.Frames) != p.Frames {
		t.Fatalf("%d frames, want %d", len(res.Frames), p.Frames)
	}
	// A video model moves: neighbouring frames differ (a held still would
	// repeat one picture).
	distinct := 0
	for i := 1; i < len(res.Frames); i++ {
		if string(res.Frames[i].Pix) != string(res.Frames[i-1].Pix) {
			distinct++
		}
	}
	if distinct < len(res.Frames)-1 {
		t.Errorf("only %d of %d frame changes differ", distinct, len(res.Frames)-1)
	}
}

// manifestOverlay returns a folder holding only a kino-model.json.
func manifestOverlay(t testing.TB, manifest string) string {
	dir := filepath.Join(t.TempDir(), "manifest")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileManifest), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRealAnimateDiffWithoutGuidance: diffusers' UNetMotionModel export
// baked guidance's batch of 2 into its reshapes; the trial run at load
// finds that, and a one-row generation (guidance 1) is padded to two
// instead of failing inside ONNX Runtime.
func TestRealAnimateDiffWithoutGuidance(t *testing.T) {
	pl := loadPipelineAt(t, realVideoPack(t))
	if pl.Spec.UNet.Batch != 2 {
		t.Fatalf("batch %d after the trial run; the export only runs at 2", pl.Spec.UNet.Batch)
	}
	if !strings.Contains(strings.Join(pl.Notes, "\n"), "fixed its batch at 2") {
		t.Errorf("notes %q do not say so", pl.Notes)
	}
	p := realParams(t, pl)
	p.Steps, p.Frames, p.Guidance = 1, 4, 1
	if _, err := pl.Generate(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}

// TestBackendRealAnimateDiffTake makes a take with the real AnimateDiff
// pack through the backend, as the studio does.
func TestBackendRealAnimateDiffTake(t *testing.T) {
	// A small native size keeps the test quick: the pack itself declares
	// 256x256 (unet/config.json sample_size 32).
	dir := realPack(t, filepath.Join(realDir, "animatediff-unet"), manifestOverlay(t, `{"resolution": 64}`))
	b := newTestBackend(t, Config{Dirs: []string{filepath.Dir(dir)}, IdleTimeout: -1})
	req := engine.DefaultRequest()
	req.Model = filepath.Base(dir)
	req.Prompt = realPrompt
	req.Duration = project.Seconds(1, project.DefaultRate)
	req.Width, req.Height = 128, 72
	req.Steps = 2
	c, err := b.Generate(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	info := c.Info()
	if info.Frames != req.Frames() || info.Width != 128 || info.Height != 72 {
		t.Fatalf("clip %+v", info)
	}
	first, err := c.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	last, err := c.Frame(info.Frames - 1)
	if err != nil {
		t.Fatal(err)
	}
	if string(first.(*image.RGBA).Pix) == string(last.(*image.RGBA).Pix) {
		t.Error("the take's first and last frames are the same picture: a held still, not video")
	}
}
