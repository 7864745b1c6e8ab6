package widget

import (
	"image"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// CardState is what a shot card shows about its picture.
type CardState int

// Card states.
const (
	CardEmpty    CardState = iota // not generated yet
	CardReady                     // the active take matches the shot
	CardStale                     // the shot changed since its active take
	CardQueued                    // a generation is waiting
	CardRunning                   // a generation is running
	CardFailed                    // the last generation failed
	CardBlocked                   // a cast cameo's consent forbids generating
	CardWithheld                  // the active take depicts a cameo without consent: not shown
)

// Card is one shot as the timeline draws it.
type Card struct {
	ID       int64
	Number   int
	Prompt   string
	Frames   int64
	State    CardState
	Thumb    image.Image // the active take's thumbnail, or nil
	Progress float64     // 0..1 while running
}

// Timeline is the horizontal track of shot cards with a ruler, a playhead
// and an audio lane. Cards are as wide as their duration times the zoom.
// Click selects (shift-click extends, ctrl-click toggles), arrow keys move
// the selection, dragging a card reorders, dragging its right edge changes
// its duration, and clicking or dragging the ruler scrubs. The audio lane
// shows the takes' soundtrack and, over it, the music and voice-over
// clips as blocks: click one to select it, drag it to move it. Only the
// cards and clips in view get canvas objects, which are reused as the
// view scrolls.
type Timeline struct {
	widget.BaseWidget

	// OnSelect is called with the selected shot IDs, in timeline order,
	// when the person changes the selection.
	OnSelect func(ids []int64)
	// OnMove is called when a card is dragged to a new position.
	OnMove func(id int64, index int)
	// OnResize is called when a card's right edge is dragged.
	OnResize func(id int64, d project.Time)
	// OnScrub is called when the person moves the playhead.
	OnScrub func(t project.Time)
	// OnKey receives the keys the timeline does not use itself.
	OnKey func(*fyne.KeyEvent)
	// OnAudioSelect is called with the ID of the music or voice-over clip
	// the person selected, or 0 when the selection left the clips.
	OnAudioSelect func(id int64)
	// OnAudioMove is called when a clip was dragged to a new start.
	OnAudioMove func(id int64, start project.Time)

	cards    []Card
	labels   []string
	geom     timeGeom
	playhead int64
	timecode string
	selected map[int64]bool
	anchor   int // where a shift-extended selection starts
	cursor   int // the card arrow keys move from
	peaks    []float32
	dropAt   int // card highlighted as a drop target, or -1
	audio    []AudioBlock
	audioSel int64 // the selected clip's ID, or 0

	focused   bool
	shiftDown bool
	ctrlDown  bool
	down      *desktop.MouseEvent
	hoverEdge bool
	drag      timelineDrag
}

// dragKind is what a drag on the timeline does.
type dragKind int

const (
	dragNone dragKind = iota
	dragScrub
	dragMove
	dragResize
	dragAudio
)

type timelineDrag struct {
	kind   dragKind
	index  int
	startX float64
	dx     float64
	frames int64 // the live duration while resizing
	to     int   // the live drop index while moving
	snap   bool  // snap to whole seconds (a modifier was held)
	clip   int64 // the clip being moved
	from   int64 // its start before the drag
	start  int64 // its live start
}

var (
	_ fyne.Widget        = (*Timeline)(nil)
	_ fyne.Tappable      = (*Timeline)(nil)
	_ fyne.Draggable     = (*Timeline)(nil)
	_ fyne.Scrollable    = (*Timeline)(nil)
	_ fyne.Focusable     = (*Timeline)(nil)
	_ desktop.Mouseable  = (*Timeline)(nil)
	_ desktop.Keyable    = (*Timeline)(nil)
	_ desktop.Hoverable  = (*Timeline)(nil)
	_ desktop.Cursorable = (*Timeline)(nil)
)

// NewTimeline returns an empty timeline at rate.
func NewTimeline(rate project.Rate) *Timeline {
	t := &Timeline{selected: map[int64]bool{}, dropAt: -1, anchor: -1, cursor: -1}
	t.geom.rate = rate
	t.geom.zoom = DefaultZoom
	t.geom.starts = []int64{0}
	t.timecode = project.Frames(0, rate).Timecode()
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	return newTimelineRenderer(t)
}

// MinSize implements fyne.CanvasObject.
func (t *Timeline) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	return t.BaseWidget.MinSize()
}

// SetCards replaces the cards. The selection keeps the shots that remain.
func (t *Timeline) SetCards(cards []Card) {
	t.cards = append(t.cards[:0], cards...)
	if cap(t.geom.starts) < len(cards)+1 {
		t.geom.starts = make([]int64, len(cards)+1)
	}
	t.geom.starts = t.geom.starts[:len(cards)+1]
	if cap(t.labels) < len(cards) {
		t.labels = make([]string, 0, len(cards))
	}
	t.labels = t.labels[:len(cards)]
	present := make(map[int64]bool, len(cards))
	var f int64
	for i, c := range cards {
		t.geom.starts[i] = f
		f += max(c.Frames, 1)
		t.labels[i] = strconv.Itoa(c.Number)
		present[c.ID] = true
	}
	t.geom.starts[len(cards)] = f
	for id := range t.selected {
		if !present[id] {
			delete(t.selected, id)
		}
	}
	if t.anchor >= len(cards) {
		t.anchor = len(cards) - 1
	}
	if t.cursor >= len(cards) {
		t.cursor = len(cards) - 1
	}
	t.Refresh()
}

// UpdateCard replaces the card with c.ID (a new thumbnail or progress)
// without touching the others.
func (t *Timeline) UpdateCard(c Card) {
	for i := range t.cards {
		if t.cards[i].ID == c.ID {
			if t.cards[i].Frames != c.Frames {
				t.SetCards(t.replaced(i, c))
				return
			}
			t.cards[i] = c
			t.Refresh()
			return
		}
	}
}

func (t *Timeline) replaced(i int, c Card) []Card {
	cards := append([]Card(nil), t.cards...)
	cards[i] = c
	return cards
}

// Cards returns the cards shown, in order.
func (t *Timeline) Cards() []Card { return t.cards }

// Rate returns the frame rate durations are counted in.
func (t *Timeline) Rate() project.Rate { return t.geom.rate }

// SetRate changes the frame rate durations are counted in.
func (t *Timeline) SetRate(r project.Rate) {
	t.geom.rate = r
	t.timecode = project.Frames(t.playhead, r).Timecode()
	t.Refresh()
}

// Zoom returns the scale in pixels per second.
func (t *Timeline) Zoom() float64 { return t.geom.zoom }

// SetZoom sets the scale in pixels per second, keeping the playhead in
// place on screen.
func (t *Timeline) SetZoom(pxPerSecond float64) {
	pxPerSecond = min(max(pxPerSecond, MinZoom), MaxZoom)
	px := t.geom.x(t.playhead)
	t.geom.zoom = pxPerSecond
	t.geom.scroll = float64(t.playhead)*t.geom.pxPerFrame() - px
	t.geom.clampScroll(float64(t.Size().Width))
	t.Refresh()
}

// Playhead returns the playhead's position.
func (t *Timeline) Playhead() project.Time { return project.Frames(t.playhead, t.geom.rate) }

// SetPlayhead moves the playhead and scrolls it into view.
func (t *Timeline) SetPlayhead(p project.Time) {
	f := max(p.Rescale(t.geom.rate).Frames, 0)
	if f == t.playhead {
		return
	}
	t.playhead = f
	t.timecode = project.Frames(f, t.geom.rate).Timecode()
	w := float64(t.Size().Width)
	if x := t.geom.x(f); w > 0 && (x < 0 || x > w-20) {
		t.geom.scroll = float64(f)*t.geom.pxPerFrame() - w/3
		t.geom.clampScroll(w)
	}
	t.Refresh()
}

// Timecode returns the playhead's timecode as shown.
func (t *Timeline) Timecode() string { return t.timecode }

// SetPeaks sets the audio lane's waveform: one peak (0..1) per timeline frame.
func (t *Timeline) SetPeaks(peaks []float32) {
	t.peaks = peaks
	t.Refresh()
}

// Selected returns the selected shot IDs in timeline order.
func (t *Timeline) Selected() []int64 {
	var ids []int64
	for _, c := range t.cards {
		if t.selected[c.ID] {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// SetSelected selects exactly ids (without calling OnSelect) and scrolls
// the first into view.
func (t *Timeline) SetSelected(ids []int64) {
	clear(t.selected)
	first := -1
	for _, id := range ids {
		t.selected[id] = true
	}
	for i, c := range t.cards {
		if t.selected[c.ID] {
			first = i
			break
		}
	}
	if first >= 0 {
		t.anchor, t.cursor = first, first
		t.scrollToCard(first)
	}
	t.Refresh()
}

// CardAt returns the index of the card under pos (in the timeline's
// coordinates), or -1.
func (t *Timeline) CardAt(pos fyne.Position) int {
	if pos.Y < rulerHeight || pos.Y > rulerHeight+trackHeight {
		return -1
	}
	return t.geom.cardAt(float64(pos.X))
}

// CardPosition returns the centre of card i in the timeline's
// coordinates, scrolling it into view first.
func (t *Timeline) CardPosition(i int) fyne.Position {
	t.scrollToCard(i)
	x0, x1 := t.geom.x(t.geom.starts[i]), t.geom.x(t.geom.starts[i+1])
	return fyne.NewPos(float32((x0+x1)/2), rulerHeight+trackHeight/2)
}

// CardEdge returns a point on card i's right-edge handle.
func (t *Timeline) CardEdge(i int) fyne.Position {
	t.scrollToCard(i)
	return fyne.NewPos(float32(t.geom.x(t.geom.starts[i+1]))-cardGap-2, rulerHeight+trackHeight/2)
}

// PixelsPerFrame returns the current scale.
func (t *Timeline) PixelsPerFrame() float64 { return t.geom.pxPerFrame() }

// DropTarget returns the card highlighted by HighlightDrop, or -1.
func (t *Timeline) DropTarget() int { return t.dropAt }

// HighlightDrop marks card i as the target of a drop (-1 for none).
func (t *Timeline) HighlightDrop(i int) {
	if t.dropAt != i {
		t.dropAt = i
		t.Refresh()
	}
}

func (t *Timeline) scrollToCard(i int) {
	w := float64(t.Size().Width)
	if i < 0 || i >= len(t.cards) || w <= 0 {
		return
	}
	x0, x1 := t.geom.x(t.geom.starts[i]), t.geom.x(t.geom.starts[i+1])
	switch {
	case x0 < 0:
		t.geom.scroll += x0 - 10
	case x1 > w:
		t.geom.scroll += min(x1-w+10, x0-10)
	}
	t.geom.clampScroll(w)
}

// selectIndex applies a click or arrow key on card i: extend selects the
// range from the anchor to i, toggle adds or removes i, and otherwise i
// alone is selected and becomes the anchor.
func (t *Timeline) selectIndex(i int, extend, toggle bool) {
	if i < 0 || i >= len(t.cards) {
		return
	}
	id := t.cards[i].ID
	switch {
	case extend && t.anchor >= 0:
		clear(t.selected)
		lo, hi := min(t.anchor, i), max(t.anchor, i)
		for k := lo; k <= hi; k++ {
			t.selected[t.cards[k].ID] = true
		}
	case toggle:
		if t.selected[id] {
			delete(t.selected, id)
		} else {
			t.selected[id] = true
		}
		t.anchor = i
	default:
		clear(t.selected)
		t.selected[id] = true
		t.anchor = i
	}
	t.cursor = i
	t.scrollToCard(i)
	t.selectAudio(0)
	t.Refresh()
	if t.OnSelect != nil {
		t.OnSelect(t.Selected())
	}
}

func (t *Timeline) scrubTo(x float64) {
	f := min(t.geom.frameAt(x), t.geom.total())
	if f != t.playhead {
		t.playhead = f
		t.timecode = project.Frames(f, t.geom.rate).Timecode()
		t.Refresh()
	}
	if t.OnScrub != nil {
		t.OnScrub(project.Frames(f, t.geom.rate))
	}
}
