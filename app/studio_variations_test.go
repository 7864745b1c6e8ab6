package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"kino/project"
	kwidget "kino/ui/widget"
)

// TestStudioGeneratesFourVariations: Generate with "4 variations" queues
// four takes together with the seeds N..N+3, and the takes strip shows
// them side by side to pick one.
func TestStudioGeneratesFourVariations(t *testing.T) {
	h := newStudioHarness(t, "a red kite over a green hill")
	shot := h.shots()[0]
	h.s.Inspector().SetVariations(4)
	h.s.GenerateSelected()
	h.settle("generating four variations", func() bool {
		takes := h.takes(shot.ID)
		if len(takes) != 4 {
			return false
		}
		for _, tk := range takes {
			if tk.Status != project.TakeDone {
				return false
			}
		}
		return len(h.s.Inspector().Takes().Views()) == 4 && h.s.Timeline().Cards()[0].State == kwidget.CardReady
	})
	var seeds []uint64
	for _, tk := range h.takes(shot.ID) {
		seeds = append(seeds, tk.Seed)
	}
	slices.Sort(seeds)
	base := shot.Seed.Value
	if !slices.Equal(seeds, []uint64{base, base + 1, base + 2, base + 3}) {
		t.Fatalf("seeds %v, want %d to %d", seeds, base, base+3)
	}
	strip := h.s.Inspector().Takes()
	for _, v := range strip.Views() {
		if v.Thumb == nil || strip.UseButton(v.Take.ID) == nil {
			t.Fatalf("take %d is not shown with its picture and Use button", v.Take.ID)
		}
	}
	// The variation at the shot's own seed is the shot's take; the
	// others wait to be picked.
	if active := h.shots()[0].ActiveTakeID; active != h.takes(shot.ID)[0].ID || h.takes(shot.ID)[0].Seed != base {
		t.Fatalf("active take %d, want the first variation (seed %d)", active, base)
	}
	// Picking another makes it the shot's take, not a stale one: the
	// shot adopts its seed.
	pick := h.takes(shot.ID)[2]
	test.Tap(strip.UseButton(pick.ID))
	h.settle("choosing a variation", func() bool {
		s := h.shots()[0]
		return s.ActiveTakeID == pick.ID && s.Seed.Value == pick.Seed
	})
	if c := h.s.Timeline().Cards()[0]; c.State != kwidget.CardReady {
		t.Fatalf("the picked variation's card is %v, want ready", c.State)
	}
}
