package app

import (
	"context"
	"image"
	"image/color"
	"testing"

	"kino/engine"
	"kino/engine/jobs"
	"kino/project"
	"kino/ui"
	kwidget "kino/ui/widget"
)

// While a shot generates, the pictures in its progress reports show on
// its timeline card and, when it is selected and has no take yet, in the
// player in place of the storyboard card.
func TestStudioShowsPreviewsWhileGenerating(t *testing.T) {
	isolate(t)
	h := newStudioHarness(t, "a lighthouse at dusk", "waves on a pier")
	sh := h.shots()[0]
	h.s.SelectShot(1)
	h.settle("selecting", func() bool { return true })
	if h.s.Player().ShowingPicture() {
		t.Fatal("an ungenerated shot shows a picture before anything was generated")
	}
	preview := image.NewRGBA(image.Rect(0, 0, 320, 180))
	for i := range preview.Pix {
		preview.Pix[i] = 200
	}
	preview.Set(0, 0, color.RGBA{R: 1, G: 2, B: 3, A: 255})
	key := ui.JobKey(sh.ID)
	h.s.OnJobEvent(jobs.Event{ID: 7, Key: key, State: jobs.Running})
	h.s.OnJobEvent(jobs.Event{ID: 7, Key: key, State: jobs.Reported,
		Progress: engine.Progress{Stage: "frames", Step: 1, Total: 24, Preview: preview}})
	// A later report without a picture, folded into the same update,
	// must not lose it.
	h.s.OnJobEvent(jobs.Event{ID: 7, Key: key, State: jobs.Reported,
		Progress: engine.Progress{Stage: "frames", Step: 2, Total: 24}})
	h.settle("showing the preview", func() bool { return h.s.Player().ShowingPicture() })
	card := h.s.Timeline().Cards()[0]
	if card.State != kwidget.CardRunning || card.Thumb != image.Image(preview) {
		t.Fatalf("card state %d thumb %T, want running with the preview", card.State, card.Thumb)
	}
	if other := h.s.Timeline().Cards()[1]; other.Thumb != nil {
		t.Fatal("another shot's card shows the preview")
	}
	h.s.OnJobEvent(jobs.Event{ID: 7, Key: key, State: jobs.Finished, Outcome: project.TakeCancelled, Err: context.Canceled})
	h.settle("cancelled", func() bool { return h.s.Timeline().Cards()[0].State != kwidget.CardRunning })
	if h.s.Timeline().Cards()[0].Thumb != nil {
		t.Fatal("a cancelled generation leaves its preview on the card")
	}
	h.settle("the storyboard card back", func() bool { return !h.s.Player().ShowingPicture() })
}
