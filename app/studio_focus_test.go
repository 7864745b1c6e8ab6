package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"kino/ui/uitest"
	kwidget "kino/ui/widget"
)

// TestStudioClickingACardTakesTheKeysFromTheInspector is the first-hour
// report's worst defect: after editing a duration and clicking another
// card, the keys went on editing the inspector's Duration field, which
// now showed the other shot, and a stray key and a click elsewhere stored
// a duration nobody meant.
func TestStudioClickingACardTakesTheKeysFromTheInspector(t *testing.T) {
	h := newStudioHarness(t, "one", "two")
	c := h.s.Window().Canvas()
	h.s.SelectShot(2)
	h.settle("selecting shot 2", func() bool { return true })

	dur := h.s.Inspector().DurationField()
	uitest.Click(dur.(fyne.CanvasObject), fyne.NewPos(10, 10))
	if c.Focused() != dur {
		t.Fatalf("clicking the Duration field gave the focus to %T", c.Focused())
	}
	uitest.PressKey(c, fyne.KeyEnd)
	uitest.PressKey(c, fyne.KeyBackspace)
	uitest.PressKey(c, fyne.KeyBackspace)
	uitest.TypeText(c, "2s")
	uitest.PressKey(c, fyne.KeyReturn)
	h.settle("storing shot 2's duration", func() bool { return h.shots()[1].Duration.Frames == 48 })

	tl := h.s.Timeline()
	uitest.Click(tl, tl.CardPosition(0))
	h.settle("selecting shot 1", func() bool { return true })
	if sel := h.s.Selected(); len(sel) != 1 || sel[0] != h.shots()[0].ID {
		t.Fatalf("clicking card 1 selected %v", sel)
	}
	if f := c.Focused(); f != tl {
		t.Fatalf("after clicking a card the focus is on %T, want the timeline", f)
	}
	uitest.PressKey(c, fyne.KeySpace)
	if !h.s.Player().Playing() {
		t.Fatal("space after clicking a card did not play")
	}
	uitest.PressKey(c, fyne.KeySpace)
	if h.s.Player().Playing() {
		t.Fatal("space again did not pause")
	}
	// Keys that would have edited the Duration field ("5" before "1s")
	// and a click elsewhere store nothing.
	uitest.PressKey(c, fyne.KeyHome)
	uitest.TypeText(c, "5")
	uitest.Click(h.s.Player(), fyne.NewPos(40, 40))
	h.settle("clicking the player", func() bool { return true })
	if got := h.shots()[0].Duration.Frames; got != 24 {
		t.Fatalf("shot 1 now lasts %d frames; nobody edited it", got)
	}
	if got := h.s.Inspector().DurationField().Value(); got != "1s" {
		t.Fatalf("the Duration field shows %q for shot 1", got)
	}
	if c.Focused() != h.s.Player() || !h.s.Player().HasFocus() {
		t.Fatalf("clicking the player left the focus on %T", c.Focused())
	}
	uitest.PressKey(c, fyne.KeyL)
	if !h.s.Player().Playing() {
		t.Fatal("L with the player focused did not play")
	}
	uitest.PressKey(c, fyne.KeyK)
}

// TestStudioDurationFieldRefusesABareNumber: "3" is not taken as 3 frames.
func TestStudioDurationFieldRefusesABareNumber(t *testing.T) {
	h := newStudioHarness(t, "one")
	c := h.s.Window().Canvas()
	dur := h.s.Inspector().DurationField()
	uitest.Click(dur.(fyne.CanvasObject), fyne.NewPos(10, 10))
	uitest.PressKey(c, fyne.KeyEnd)
	uitest.PressKey(c, fyne.KeyBackspace)
	uitest.TypeText(c, "3")
	uitest.PressKey(c, fyne.KeyReturn)
	h.settle("refusing", func() bool { return true })
	if got := h.shots()[0].Duration.Frames; got != 24 {
		t.Fatalf("a bare \"13\" stored %d frames", got)
	}
	if msg := h.s.Inspector().Message(); msg == "" {
		t.Fatal("no message says the duration needs a unit")
	}
}

// TestStudioCardClickedWhilePlayingPlaysFromItsStart: choosing another
// shot during playback plays it from its first frame, at once.
func TestStudioCardClickedWhilePlayingPlaysFromItsStart(t *testing.T) {
	h := newStudioHarness(t, "one", "two")
	for n := 1; n <= 2; n++ {
		h.s.SelectShot(n)
		h.s.GenerateSelected()
	}
	h.settle("generating", func() bool {
		c := h.s.Timeline().Cards()
		return c[0].State == kwidget.CardReady && c[1].State == kwidget.CardReady
	})
	tl, p := h.s.Timeline(), h.s.Player()
	uitest.Click(tl, tl.CardPosition(0))
	uitest.PressKey(h.s.Window().Canvas(), fyne.KeySpace)
	h.settle("playing shot 1", func() bool { return p.Playing() })
	uitest.Click(tl, tl.CardPosition(1))
	start := int64(24) // shot 2 starts after shot 1's second
	if !p.Playing() || p.Frame() != start {
		t.Fatalf("after clicking card 2 the player is at frame %d (playing %v), want shot 2's first frame %d", p.Frame(), p.Playing(), start)
	}
	if got := h.s.Inspector().Shot().Number(); got != 2 {
		t.Fatalf("the inspector shows shot %d", got)
	}
	p.Pause()
}

// TestStudioEscapeLeavesAField: Escape in a text field stores what was
// typed and gives the keys back to the studio.
func TestStudioEscapeLeavesAField(t *testing.T) {
	h := newStudioHarness(t, "one")
	c := h.s.Window().Canvas()
	uitest.Click(h.s.Inspector().NegativeField().(fyne.CanvasObject), fyne.NewPos(10, 10))
	uitest.TypeText(c, "rain")
	uitest.PressKey(c, fyne.KeyEscape)
	if c.Focused() != nil {
		t.Fatalf("Escape left the focus on %T", c.Focused())
	}
	h.settle("storing", func() bool { return h.shots()[0].NegativePrompt == "rain" })
	uitest.PressKey(c, fyne.KeySpace)
	if !h.s.Player().Playing() {
		t.Fatal("space after Escape did not play")
	}
	h.s.Player().Pause()
}
