package render_test

import (
	"context"
	"image"
	"sync"
	"testing"

	"kino/engine"
	"kino/engine/media"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/project"
)

// Progress reports carry a small picture of the shot taking shape once
// per second of picture, starting with the first frame, and that picture
// is the first frame of the stored take, shrunk.
func TestTakeProgressCarriesPreviews(t *testing.T) {
	p, shot := mustProject(t, "a lighthouse on a cliff at sunset")
	ctx := context.Background()
	shot.Duration = project.Frames(60, shot.Duration.Rate) // 2.5 s at 24 fps
	if _, err := p.Apply(ctx, project.UpdateShot{Shot: *shot}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var previews []image.Image
	var steps []int
	res, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 3, Workers: 2}, func(pr engine.Progress) {
		if pr.Preview != nil {
			mu.Lock()
			previews = append(previews, pr.Preview)
			steps = append(steps, pr.Step)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(previews) != 3 {
		t.Fatalf("%d previews for 60 frames at 24 fps (at steps %v), want 3 (frames 0, 24, 48)", len(previews), steps)
	}
	var first image.Image
	for k, img := range previews {
		if b := img.Bounds(); b.Dx() > 320 || b.Dy() > 180 || b.Dx() == 0 {
			t.Fatalf("preview %d is %v, want at most 320x180", k, b)
		}
		if steps[k] == 1 {
			first = img
		}
	}
	if first == nil {
		t.Fatalf("no preview of the first frame (steps %v)", steps)
	}
	// The first preview looks like the stored take's first frame.
	v, _ := res.Take.MediaFor(project.MediaVideo)
	a, _ := res.Take.MediaFor(project.MediaAudio)
	clip, err := media.OpenStoredClip(p.BlobPath(v.SHA256), p.BlobPath(a.SHA256), engine.ClipInfo{Rate: res.Take.Rate})
	if err != nil {
		t.Fatal(err)
	}
	defer clip.Close()
	frame, err := clip.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	if d := meanColourDistance(first, frame); d > 12 {
		t.Fatalf("the first preview differs from frame 0 by %.1f levels on average", d)
	}
}

// meanColourDistance compares the mean colours of two pictures of any size.
func meanColourDistance(a, b image.Image) float64 {
	ma, mb := meanColour(a), meanColour(b)
	d := 0.0
	for i := range ma {
		d += abs(ma[i] - mb[i])
	}
	return d / 3
}

func meanColour(img image.Image) [3]float64 {
	var sum [3]float64
	b := img.Bounds()
	n := 0.0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			sum[0] += float64(r >> 8)
			sum[1] += float64(g >> 8)
			sum[2] += float64(bl >> 8)
			n++
		}
	}
	for i := range sum {
		sum[i] /= n
	}
	return sum
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
