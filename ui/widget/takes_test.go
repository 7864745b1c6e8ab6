package widget

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kino/project"
)

func testTakeViews() []TakeView {
	take := func(id int64, st project.TakeStatus, fav bool, errText string) *project.Take {
		return &project.Take{ID: id, ShotID: 7, Backend: "previz", Seed: uint64(100 + id), Status: st, Favourite: fav, Error: errText, Frames: 120, Rate: rate24}
	}
	withStems := take(1, project.TakeDone, true, "")
	withStems.Media = []project.MediaRef{{Role: project.MediaAudio}, {Role: project.MediaStemPrefix + "dialogue"}}
	return []TakeView{
		{Take: withStems, Number: 1, Thumb: solidImage(32, 18, color.NRGBA{R: 200, A: 255})},
		{Take: take(2, project.TakeFailed, false, "out of memory"), Number: 2},
		{Take: take(3, project.TakeDone, false, ""), Number: 3, Active: true, Stale: true, Thumb: solidImage(32, 18, color.NRGBA{G: 200, A: 255})},
	}
}

func TestTakesStripGolden(t *testing.T) {
	test.NewTempApp(t)
	s := NewTakesStrip()
	s.SetTakes(testTakeViews())
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(480, 260))
	test.AssertRendersToMarkup(t, "takes_strip.xml", w.Canvas())
}

// A take made before Kino kept stems says it is mix only; one with stems
// does not.
func TestTakeStatusSaysMixOnly(t *testing.T) {
	views := testTakeViews()
	if got := takeStatus(views[0]); got != "seed 101" {
		t.Errorf("take with stems: %q", got)
	}
	if got := takeStatus(views[2]); got != "active · stale · mix only" {
		t.Errorf("mix-only take: %q", got)
	}
}

func TestTakesStripButtons(t *testing.T) {
	test.NewTempApp(t)
	s := NewTakesStrip()
	s.SetTakes(testTakeViews())
	test.NewTempWindow(t, s).Resize(fyne.NewSize(480, 260))
	type star struct {
		id int64
		on bool
	}
	var stars []star
	var active, deleted []int64
	var compared []TakeView
	s.OnStar = func(id int64, on bool) { stars = append(stars, star{id, on}) }
	s.OnActivate = func(id int64) { active = append(active, id) }
	s.OnDelete = func(id int64) { deleted = append(deleted, id) }
	s.OnCompare = func(v []TakeView) { compared = v }

	st1, use1, _ := s.buttonsOf(1)
	st3, use3, del3 := s.buttonsOf(3)
	_, use2, _ := s.buttonsOf(2)
	test.Tap(st1)
	test.Tap(st3)
	test.Tap(use1)
	test.Tap(use3) // already active: disabled
	test.Tap(use2) // failed: disabled
	test.Tap(del3)
	if len(stars) != 2 || stars[0] != (star{1, false}) || stars[1] != (star{3, true}) {
		t.Fatalf("stars %v, want take 1 un-starred and take 3 starred", stars)
	}
	if len(active) != 1 || active[0] != 1 {
		t.Fatalf("made active %v, want only take 1", active)
	}
	if len(deleted) != 1 || deleted[0] != 3 {
		t.Fatalf("deleted %v, want take 3", deleted)
	}
	if s.compare.Disabled() {
		t.Fatal("Compare is disabled with two finished takes")
	}
	test.Tap(s.compare)
	if len(compared) != 3 {
		t.Fatalf("compare got %d takes", len(compared))
	}
	c := newCompareThumbs(compared)
	if c.pickA.Selected != "Take 1" || c.pickB.Selected != "Take 3 (active)" {
		t.Fatalf("compare shows %q and %q, want the two finished takes", c.pickA.Selected, c.pickB.Selected)
	}
	if c.imgA.Image == nil || c.imgB.Image == nil || c.infoB.Text != "Seed 103 · previz · 5s" {
		t.Fatalf("compare info %q, images %v %v", c.infoB.Text, c.imgA.Image != nil, c.imgB.Image != nil)
	}
}
