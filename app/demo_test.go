package app

import (
	"context"
	"image/png"
	"path/filepath"
	"testing"

	"kino/engine"
	"kino/engine/previz"
	"kino/project/keyring"
	"kino/project/sqlite"
)

func TestEnsureDemoCreatesAPlayableDemoOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	lib, err := sqlite.OpenLibrary(filepath.Join(dir, "library"), keyring.Generate())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	path, err := ensureDemo(ctx, dir, lib)
	if err != nil {
		t.Fatal(err)
	}
	again, err := ensureDemo(ctx, dir, lib)
	if err != nil || again != path {
		t.Fatalf("second ensureDemo = %q, %v; want the same project", again, err)
	}
	p, err := sqlite.Open(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	shots, err := p.Shots(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(shots) < 4 || shots[0].Prompt != DemoPrompt {
		t.Fatalf("%d shots, first %q; want at least 4 starting with the seed prompt", len(shots), shots[0].Prompt)
	}
	if !shots[0].IsCast(demoHandle) || len(shots[0].Dialogue) != 1 || shots[0].Dialogue[0].Speaker != demoHandle {
		t.Fatalf("shot 1 casts %v with dialogue %+v; want %s speaking a line", shots[0].CastHandles(), shots[0].Dialogue, demoHandle)
	}
	cameos, err := p.Cameos(ctx)
	if err != nil || len(cameos) != 1 {
		t.Fatalf("project cameos %v, %v", cameos, err)
	}
	c := cameos[0]
	if !c.IsSelf || c.Voice.Language == "" || len(c.Images) != 1 {
		t.Fatalf("demo cameo %+v; want a self cameo with a voice and an image", c)
	}
	r, err := p.OpenBlob(c.Images[0].SHA256)
	if err != nil {
		t.Fatalf("the avatar is not in the project: %v", err)
	}
	defer r.Close()
	img, err := png.Decode(r)
	if err != nil {
		t.Fatal(err)
	}
	// The avatar is drawn: it has a picture, not one flat colour.
	colours := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 8 {
		for x := b.Min.X; x < b.Max.X; x += 8 {
			r, g, bl, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, bl, a}] = true
		}
	}
	if len(colours) < 5 {
		t.Fatalf("avatar has %d colours; it looks blank", len(colours))
	}
	libCameos, err := lib.Cameos(ctx)
	if err != nil || len(libCameos) != 1 {
		t.Fatalf("library has %d cameos (%v), want the one demo cameo", len(libCameos), err)
	}
}

// TestDemoShotsAreUnderstood checks that the demo shows the built-in
// engine at its best: with its camera, style and cast, every word of
// every shot's prompt is used.
func TestDemoShotsAreUnderstood(t *testing.T) {
	for i, d := range demoShots {
		req := engine.DefaultRequest()
		req.Prompt = d.prompt
		req.Camera, req.Style = d.camera, d.style
		if d.cast {
			req.Cast = []engine.CastCameo{{Handle: demoHandle, Name: "Lena", IsSelf: true}}
		}
		norm, _, err := req.Normalize()
		if err != nil {
			t.Fatal(err)
		}
		in := previz.New().Interpret(norm)
		if len(in.Ignored) > 0 {
			t.Errorf("demo shot %d %q: not understood %q", i+1, d.prompt, in.Ignored)
		}
	}
}
