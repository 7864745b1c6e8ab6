package previz

import (
	"bytes"
	"context"
	"image"
	"slices"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/foley"
	"kino/project"
)

// TestFramesAndSoundtrackEntriesMatchGenerate: the frames-only entry
// gives the frames of the clip Generate makes, its Soundtrack (from the
// dialogue spoken for the lips) and foley's direct Soundtrack (which reads
// the scene itself and draws nothing) give the clip's sound, sample for
// sample. A neural take uses the two entries instead of two Generates.
func TestFramesAndSoundtrackEntriesMatchGenerate(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		prompt string
		cameo  bool
		lines  []engine.Line
	}{
		{"a woman on the beach at sunset with a glass of champagne while fireworks cut the sky", false, nil},
		{"a storm over the harbour, thunder, rain, a dog barks", false, nil},
		{"me in a cafe, close-up", true, []engine.Line{
			{Speaker: "@ana", Text: "Hello there, how are you doing today?", Start: project.Frames(6, project.DefaultRate)},
			{Speaker: "WAITER", Text: "Coffee?", Start: project.Frames(40, project.DefaultRate), Narrator: true},
		}},
	} {
		req := engine.DefaultRequest()
		req.Prompt, req.Width, req.Height, req.Seed = c.prompt, 160, 90, 9
		req.Duration = project.Seconds(3, project.DefaultRate)
		if c.cameo {
			req.Cast = []engine.CastCameo{{Handle: "@ana", Name: "Ana", IsSelf: true, Image: magentaFigure(100, 200)}}
		}
		req.Dialogue = c.lines
		gen, err := New().Generate(ctx, req, nil)
		if err != nil {
			t.Fatal(err)
		}
		pics, err := Frames(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if w, h, n := pics.Size(); w != 160 || h != 90 || n != gen.Info().Frames {
			t.Fatalf("%q: pictures are %dx%d, %d frames; the clip %+v", c.prompt, w, h, n, gen.Info())
		}
		if !slices.Equal(pics.Notes(), gen.Info().Notes) {
			t.Errorf("%q: notes %q, the clip's %q", c.prompt, pics.Notes(), gen.Info().Notes)
		}
		for _, i := range []int{0, 30, 71} {
			a, _ := gen.Frame(i)
			b, err := pics.Frame(i)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.(*image.RGBA).Pix, b.(*image.RGBA).Pix) {
				t.Errorf("%q: frame %d of the frames-only entry differs from Generate's", c.prompt, i)
			}
		}
		want, err := gen.Soundtrack()
		if err != nil {
			t.Fatal(err)
		}
		if len(c.lines) > 0 && want.Stems[audio.StemDialogue].Peak() == 0 {
			t.Fatalf("%q: the dialogue is silent (is libespeak-ng installed? `make deps` installs it): %v", c.prompt, want.Missing)
		}
		fromPics, err := pics.Soundtrack(ctx)
		if err != nil {
			t.Fatal(err)
		}
		direct, err := foley.Soundtrack(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for name, got := range map[string]*audio.Soundtrack{"Pictures.Soundtrack": fromPics, "foley.Soundtrack": direct} {
			if !slices.Equal(got.Mix.Samples, want.Mix.Samples) || !slices.Equal(got.Missing, want.Missing) {
				t.Errorf("%q: %s differs from the clip's sound", c.prompt, name)
			}
			for _, s := range audio.Stems {
				if !slices.Equal(got.Stems[s].Samples, want.Stems[s].Samples) {
					t.Errorf("%q: %s's %s stem differs from the clip's", c.prompt, name, s)
				}
			}
		}
	}
}
