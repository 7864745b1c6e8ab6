package widget

import (
	"image"
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"kino/project"
)

var rate24 = project.Rate{Num: 24, Den: 1}

func solidImage(w, h int, c color.Color) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		r, g, b, a := c.RGBA()
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(r>>8), uint8(g>>8), uint8(b>>8), uint8(a>>8)
	}
	return img
}

// threeCards are 2 s, 1 s and 3 s long at 24 fps.
func threeCards() []Card {
	return []Card{
		{ID: 11, Number: 1, Prompt: "a lighthouse at dawn, waves", Frames: 48, State: CardReady, Thumb: solidImage(16, 9, color.NRGBA{R: 200, A: 255})},
		{ID: 12, Number: 2, Prompt: "me on the beach", Frames: 24, State: CardStale},
		{ID: 13, Number: 3, Prompt: "fireworks cut the sky", Frames: 72, State: CardRunning, Progress: 0.42},
	}
}

func newTestTimeline(t *testing.T, cards []Card) *Timeline {
	t.Helper()
	test.NewTempApp(t)
	tl := NewTimeline(rate24)
	tl.SetCards(cards)
	w := test.NewTempWindow(t, tl)
	w.Resize(fyne.NewSize(400, 160))
	return tl
}

func TestTimelineCardsGolden(t *testing.T) {
	tl := newTestTimeline(t, threeCards())
	tl.SetSelected([]int64{12})
	tl.SetPeaks([]float32{0.5, 1, 0.25})
	test.AssertObjectRendersToMarkup(t, "timeline_cards.xml", tl)
}

func TestTimelineClickShiftClickAndArrows(t *testing.T) {
	tl := newTestTimeline(t, threeCards())
	var got []int64
	tl.OnSelect = func(ids []int64) { got = ids }

	test.TapAt(tl, tl.CardPosition(0))
	if !slices.Equal(got, []int64{11}) {
		t.Fatalf("click selected %v, want [11]", got)
	}
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: tl.CardPosition(2)}, Modifier: fyne.KeyModifierShift})
	test.TapAt(tl, tl.CardPosition(2))
	if !slices.Equal(got, []int64{11, 12, 13}) {
		t.Fatalf("shift-click selected %v, want [11 12 13]", got)
	}
	// Plain arrows move a single selection from the last card clicked.
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if !slices.Equal(got, []int64{12}) {
		t.Fatalf("left arrow selected %v, want [12]", got)
	}
	tl.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	tl.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if !slices.Equal(got, []int64{12, 13}) {
		t.Fatalf("shift-right selected %v, want [12 13]", got)
	}
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // stays on the last card
	if !slices.Equal(got, []int64{13}) || !slices.Equal(tl.Selected(), []int64{13}) {
		t.Fatalf("right at the end selected %v, want [13]", got)
	}
	var other fyne.KeyName
	tl.OnKey = func(e *fyne.KeyEvent) { other = e.Name }
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if other != fyne.KeyDelete {
		t.Fatalf("Delete was not handed on, got %q", other)
	}
}

// drag presses at from and moves by dx in steps, like a real pointer.
func drag(tl *Timeline, from fyne.Position, dx float32, mod fyne.KeyModifier) {
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: mod})
	steps := 4
	pos := from
	for i := 0; i < steps; i++ {
		d := dx / float32(steps)
		pos = pos.AddXY(d, 0)
		tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: fyne.Delta{DX: d}})
	}
	tl.DragEnd()
	tl.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
}

func TestTimelineDragReorders(t *testing.T) {
	tl := newTestTimeline(t, threeCards())
	type move struct {
		id    int64
		index int
	}
	var moves []move
	tl.OnMove = func(id int64, index int) { moves = append(moves, move{id, index}) }
	ppf := float32(tl.PixelsPerFrame())

	// Card 1 (2 s) dragged right past the middle of card 3 lands last.
	drag(tl, tl.CardPosition(0), (48+24+40)*ppf, 0)
	// Card 3 dragged left past the middle of card 1 lands first.
	drag(tl, tl.CardPosition(2), -(24+24+50)*ppf, 0)
	// A small nudge changes nothing.
	drag(tl, tl.CardPosition(1), 3, 0)
	want := []move{{11, 2}, {13, 0}}
	if !slices.Equal(moves, want) {
		t.Fatalf("moves = %v, want %v", moves, want)
	}
}

func TestTimelineEdgeDragChangesDuration(t *testing.T) {
	tl := newTestTimeline(t, threeCards())
	var got []project.Time
	tl.OnResize = func(id int64, d project.Time) {
		if id != 12 {
			t.Errorf("resized shot %d, want 12", id)
		}
		got = append(got, d)
	}
	ppf := float32(tl.PixelsPerFrame()) // 40 px/s at 24 fps
	drag(tl, tl.CardEdge(1), 5*ppf, 0)  // 24 → 29 frames
	if len(got) != 1 || got[0] != project.Frames(29, rate24) {
		t.Fatalf("edge drag by 5 frames gave %v, want 29 frames", got)
	}
	if c := tl.Cards()[1]; c.Frames != 29 {
		t.Fatalf("card shows %d frames after the drag, want 29", c.Frames)
	}
	// With shift the edge snaps to whole seconds: 29+12 = 41 frames → 2 s.
	drag(tl, tl.CardEdge(1), 12*ppf, fyne.KeyModifierShift)
	if len(got) != 2 || got[1] != project.Frames(48, rate24) {
		t.Fatalf("shift edge drag gave %v, want 48 frames (2 s)", got)
	}
	// Near a whole second it snaps without a modifier: 48+23 = 71 → 72.
	drag(tl, tl.CardEdge(1), 23*ppf, 0)
	if len(got) != 3 || got[2] != project.Frames(72, rate24) {
		t.Fatalf("edge drag near 3 s gave %v, want 72 frames", got)
	}
}

func TestTimelineRulerScrubs(t *testing.T) {
	tl := newTestTimeline(t, threeCards())
	var at project.Time
	tl.OnScrub = func(p project.Time) { at = p }
	ppf := float32(tl.PixelsPerFrame())
	test.TapAt(tl, fyne.NewPos(30*ppf+0.5, 5))
	if at.Frames != 30 || tl.Playhead().Frames != 30 {
		t.Fatalf("tap on the ruler scrubbed to %d (playhead %d), want 30", at.Frames, tl.Playhead().Frames)
	}
	if tl.Timecode() != "00:00:01:06" {
		t.Fatalf("timecode %q, want 00:00:01:06", tl.Timecode())
	}
	drag(tl, fyne.NewPos(30*ppf+0.5, 5), 24*ppf, 0)
	if at.Frames != 54 {
		t.Fatalf("ruler drag scrubbed to %d, want 54", at.Frames)
	}
}

func manyCards(n int) []Card {
	cards := make([]Card, n)
	thumb := solidImage(32, 18, color.NRGBA{G: 128, A: 255})
	for i := range cards {
		cards[i] = Card{ID: int64(i + 1), Number: i + 1, Prompt: "shot prompt number something long enough to be cut", Frames: int64(24 + i%5*24), State: CardState(i % 7), Thumb: thumb, Progress: 0.5}
	}
	return cards
}

func TestTimelineOnlyVisibleCardsGetObjects(t *testing.T) {
	tl := newTestTimeline(t, manyCards(500))
	r := test.TempWidgetRenderer(t, tl).(*timelineRenderer)
	r.Layout(fyne.NewSize(800, 160))
	if n := len(r.slots); n == 0 || n > 40 {
		t.Fatalf("%d card slots for an 800-pixel view of 500 cards; want only the visible ones", n)
	}
}

func BenchmarkTimelineLayout500(b *testing.B) {
	test.NewTempApp(b)
	tl := NewTimeline(rate24)
	tl.SetCards(manyCards(500))
	benchTimelineLayout(b, tl)
}

// benchTimelineLayout measures tl's layout at rest and while scrolling.
func benchTimelineLayout(b *testing.B, tl *Timeline) {
	w := test.NewTempWindow(b, tl)
	size := fyne.NewSize(1600, 160)
	w.Resize(size)
	r := test.WidgetRenderer(tl).(*timelineRenderer)
	b.Run("steady", func(b *testing.B) {
		r.Layout(size)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r.Layout(size)
		}
	})
	b.Run("scrolling", func(b *testing.B) {
		total := tl.geom.contentWidth()
		// Warm the pools and label caches over the whole range first.
		for x := 0.0; x < total; x += 50 {
			tl.geom.scroll = x
			r.Layout(size)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			tl.geom.scroll = float64(i*37) - float64(int(float64(i*37)/total))*total
			r.Layout(size)
		}
	})
}
