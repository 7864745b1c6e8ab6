package previz

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"kino/engine"
	"kino/project"
)

var update = flag.Bool("update", false, "rewrite testdata/frame_hashes.json from the current renderer")

// goldenShots are prompts that between them use every raster primitive:
// skies, water, fog, rain, snow, particles, glows, figures, props,
// vehicles, rooms, a cameo cut out of its background, grades and bloom.
var goldenShots = []struct {
	name, prompt string
	w, h         int
	cameo        bool
}{
	{"beach-fireworks", "a woman on the beach at sunset with a glass of champagne while fireworks cut the sky, camera pans left", 256, 144, false},
	{"city-rain-noir", "a man walking in the city at night in the rain, noir, handheld", 256, 144, false},
	{"concert-neon", "a crowd dancing at a concert with confetti, neon, orbit", 256, 144, false},
	{"forest-fog-dawn", "a deer in a misty forest at dawn, fog, slow dolly in", 200, 200, false},
	{"mountain-snow-night", "a man walks through the snowy mountains at night, snow falling, stars, camera pans right", 144, 256, false},
	{"kitchen-cameo", "me in the kitchen drinking coffee, close-up, warm", 256, 144, true},
	{"harbour-storm", "a fishing boat in a harbour during a storm, lightning, waves, a dog on the pier", 256, 144, false},
	{"space-planet-cinematic", "a spaceship passing a ringed planet in space, stars, cinematic", 256, 144, false},
	{"park-cartoon", "a cat chases a dog across a park with balloons, cartoon, tracking shot", 256, 144, false},
	{"library-vintage", "an old man reading a book in a library by candlelight, vintage", 256, 144, false},
}

// TestFramesGolden pins the previz pictures: the SHA-256 of the first,
// middle and last frames of each golden shot. Refactoring the renderer
// (moving the raster primitives, say) must leave every byte as it was; a
// change meant to alter the pictures rewrites the hashes with -update.
// The hashes are amd64's: other architectures may fuse a multiply and an
// add into one rounding, which changes low bits of a few pixels.
func TestFramesGolden(t *testing.T) {
	if runtime.GOARCH != "amd64" && !*update {
		t.Skipf("the golden frame hashes are for amd64 (this is %s, whose compiler may fuse multiply-adds)", runtime.GOARCH)
	}
	path := filepath.Join("testdata", "frame_hashes.json")
	got := map[string][]string{}
	for _, g := range goldenShots {
		req := engine.DefaultRequest()
		req.Prompt, req.Width, req.Height, req.Seed = g.prompt, g.w, g.h, 42
		req.Duration = project.Seconds(2, project.DefaultRate)
		if g.cameo {
			req.Cast = []engine.CastCameo{{Handle: "@ana", Name: "Ana", IsSelf: true, Image: magentaFigure(120, 240)}}
		}
		c, err := New().Generate(context.Background(), req, nil)
		if err != nil {
			t.Fatalf("%s: %v", g.name, err)
		}
		n := c.Info().Frames
		for _, i := range []int{0, n / 2, n - 1} {
			img, err := c.Frame(i)
			if err != nil {
				t.Fatalf("%s frame %d: %v", g.name, i, err)
			}
			sum := sha256.Sum256(img.(*image.RGBA).Pix)
			got[g.name] = append(got[g.name], hex.EncodeToString(sum[:]))
		}
	}
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the golden hashes (make them with -update): %v", err)
	}
	var want map[string][]string
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	for _, g := range goldenShots {
		if len(want[g.name]) != len(got[g.name]) {
			t.Errorf("%s: %d hashes, golden has %d", g.name, len(got[g.name]), len(want[g.name]))
			continue
		}
		for k := range got[g.name] {
			if got[g.name][k] != want[g.name][k] {
				t.Errorf("%s: frame hash %d changed: %s, golden %s", g.name, k, got[g.name][k], want[g.name][k])
			}
		}
	}
}
