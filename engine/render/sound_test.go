package render_test

import (
	"context"
	"math"
	"os"
	"testing"

	"kino/engine/audio"
	"kino/engine/media"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/project"
)

// A new take keeps its four stems losslessly (32-bit float) beside its
// 16-bit mix, the stems are real (not silence) and their plain sum is the
// mix before it was quantised.
func TestTakeStoresItsStems(t *testing.T) {
	p, shot := mustProject(t, "fireworks over a beach at night, @nobody says hello")
	ctx := context.Background()
	res, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 9}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Take.MixOnly() {
		t.Fatal("a new take is mix only")
	}
	read := func(role string) (audio.PCM, media.Info) {
		a, ok := res.Take.MediaFor(role)
		if !ok {
			t.Fatalf("the take has no %s", role)
		}
		f, err := os.Open(p.BlobPath(a.SHA256))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		pcm, info, err := media.ReadWAV(f)
		if err != nil {
			t.Fatal(err)
		}
		return pcm, info
	}
	mix, mixInfo := read(project.MediaAudio)
	if mixInfo.Format != media.PCM16 {
		t.Fatalf("mix stored as %s, want 16-bit", mixInfo.Format)
	}
	sum := make([]float64, len(mix.Samples))
	for _, name := range audio.Stems {
		pcm, info := read(project.MediaStemPrefix + string(name))
		if info.Format != media.Float32 || info.Channels != 2 || len(pcm.Samples) != len(mix.Samples) {
			t.Fatalf("%s stem stored as %s, %d channels, %d samples (mix %d)", name, info.Format, info.Channels, len(pcm.Samples), len(mix.Samples))
		}
		if (name == audio.StemAmbience || name == audio.StemMusic) && pcm.Peak() < 1e-3 {
			t.Errorf("%s stem is silent", name)
		}
		for i, v := range pcm.Samples {
			sum[i] += float64(v)
		}
	}
	worst := 0.0
	for i, v := range mix.Samples {
		worst = max(worst, math.Abs(sum[i]-float64(v)))
	}
	// The mix is the stems' sum quantised to 16 bits: within half a step
	// (plus float rounding).
	if worst > 0.5/32768+1e-6 {
		t.Fatalf("the stems sum to the stored mix within %g; want half a 16-bit step", worst)
	}
}
