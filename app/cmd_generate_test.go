package app

import (
	"encoding/json"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seedPrompt = "Ich, am Strand bei Sonnenuntergang, mit einem Glas Sekt, während ein Feuerwerk den Himmel zerschneidet"

func TestGenerateStoresATakeWithPictureSoundAndThumbnail(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film, "--size", "320x180")
	mustKino(t, "shot", "add", film, seedPrompt, "--duration", "2s", "--seed", "7")
	out := mustKino(t, "generate", film, "1")
	if !strings.Contains(out, "shot 1: take") || !strings.Contains(out, "seed 7") {
		t.Fatalf("generate output %q", out)
	}
	var takes []struct {
		ID     int64             `json:"id"`
		Status string            `json:"status"`
		Active bool              `json:"active"`
		Frames int64             `json:"frames"`
		Files  map[string]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(mustKino(t, "take", "list", film, "1", "--json")), &takes); err != nil {
		t.Fatal(err)
	}
	if len(takes) != 1 || takes[0].Status != "done" || !takes[0].Active || takes[0].Frames != 48 {
		t.Fatalf("takes = %+v", takes)
	}
	for _, role := range []string{"video", "audio", "thumbnail"} {
		path := takes[0].Files[role]
		data, err := os.ReadFile(path)
		if err != nil || len(data) < 100 {
			t.Fatalf("%s file %q: %v (%d bytes)", role, path, err, len(data))
		}
		if role == "audio" && string(data[:4]) != "RIFF" {
			t.Errorf("audio is not a WAV file")
		}
	}
	// The same settings and seed are reused at once instead of rendered again.
	if out := mustKino(t, "generate", film, "1"); !strings.Contains(out, "reused") {
		t.Errorf("second generate: %q", out)
	}
	// A new seed makes a second take.
	mustKino(t, "generate", film, "1", "--seed", "8")
	json.Unmarshal([]byte(mustKino(t, "take", "list", film, "1", "--json")), &takes)
	if len(takes) != 2 {
		t.Fatalf("%d takes after a new seed, want 2", len(takes))
	}

	// kino frame writes a PNG of the active take at the project size.
	png1 := filepath.Join(dir, "f.png")
	if out := mustKino(t, "frame", film, "1", "--at", "1s", "--out", png1); !strings.Contains(out, "take") {
		t.Errorf("frame output %q", out)
	}
	f, err := os.Open(png1)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil || img.Bounds().Dx() != 320 || img.Bounds().Dy() != 180 {
		t.Fatalf("frame PNG: %v %v", err, img)
	}
	if _, errs, code := kino(t, "frame", film, "1", "--at", "10s", "--out", png1); code != 2 || !strings.Contains(errs, "outside") {
		t.Errorf("frame past the end: exit %d %q", code, errs)
	}
}

func TestFrameOfAnUngeneratedShotSavesNoTake(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film, "--size", "320x180")
	mustKino(t, "shot", "add", film, "a snowy forest at night", "--duration", "1s")
	out := mustKino(t, "frame", film, "1", "--at", "12f", "--out", filepath.Join(dir, "x.png"))
	if !strings.Contains(out, "no take saved") {
		t.Errorf("frame output %q", out)
	}
	if out := mustKino(t, "take", "list", film, "1"); !strings.Contains(out, "no takes yet") {
		t.Errorf("a take was saved: %q", out)
	}
}

func TestGenerateRefusesARevokedCameo(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film, "--size", "320x180")
	mustKino(t, "shot", "add", film, "me on the beach", "--duration", "1s")
	img := writePNG(t, filepath.Join(dir, "ana.png"), 40, 80, color.NRGBA{200, 0, 200, 255})
	mustKino(t, "cameo", "add", "--name", "Ana", "--handle", "@ana", "--image", img, "--self")
	mustKino(t, "cast", film, "1", "@ana")
	mustKino(t, "cameo", "revoke", "@ana")
	_, errs, code := kino(t, "generate", film, "1")
	if code != 1 || !strings.Contains(errs, "@ana") || !strings.Contains(errs, "revoked") {
		t.Fatalf("generate with a revoked cameo: exit %d, %q", code, errs)
	}
	if out := mustKino(t, "take", "list", film, "1"); !strings.Contains(out, "no takes yet") {
		t.Errorf("a take was made: %q", out)
	}
}
