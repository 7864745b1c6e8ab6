package widget

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"kino/project"
)

// MouseDown records where a press started and with which modifiers;
// Tapped and Dragged use them.
// The timeline takes the keyboard focus, so the keys that follow (space,
// arrows, Delete) act on the timeline and the player, not on a field.
func (t *Timeline) MouseDown(e *desktop.MouseEvent) {
	ev := *e
	t.down = &ev
	requestFocus(t)
}

// MouseUp implements desktop.Mouseable.
func (t *Timeline) MouseUp(*desktop.MouseEvent) {}

// Tapped selects a card or an audio clip, or moves the playhead to a
// ruler position.
func (t *Timeline) Tapped(e *fyne.PointEvent) {
	requestFocus(t)
	mod := t.modifiers()
	t.down = nil
	if e.Position.Y < rulerHeight {
		t.scrubTo(float64(e.Position.X))
		return
	}
	if e.Position.Y >= laneTop {
		if i := t.AudioClipAt(e.Position); i >= 0 {
			t.selectAudio(t.audio[i].ID)
		} else {
			t.selectAudio(0)
		}
		return
	}
	if i := t.CardAt(e.Position); i >= 0 {
		t.selectIndex(i, mod&fyne.KeyModifierShift != 0, mod&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0)
	}
}

func (t *Timeline) modifiers() fyne.KeyModifier {
	var m fyne.KeyModifier
	if t.down != nil {
		m = t.down.Modifier
	}
	if t.shiftDown {
		m |= fyne.KeyModifierShift
	}
	if t.ctrlDown {
		m |= fyne.KeyModifierControl
	}
	return m
}

// Dragged scrubs, moves a card or an audio clip, or changes a card's
// duration, depending on where the drag started.
func (t *Timeline) Dragged(e *fyne.DragEvent) {
	d := &t.drag
	if d.kind == dragNone {
		start := e.Position
		if t.down != nil {
			start = t.down.Position
		}
		d.startX, d.dx = float64(start.X), 0
		d.snap = t.modifiers()&(fyne.KeyModifierShift|fyne.KeyModifierAlt) != 0
		clip := t.AudioClipAt(start)
		switch i, edge := t.hit(start); {
		case start.Y < rulerHeight:
			d.kind = dragScrub
		case clip >= 0:
			c := t.audio[clip]
			d.kind, d.clip, d.from, d.start = dragAudio, c.ID, c.Start, c.Start
			t.selectAudio(c.ID)
		case i >= 0 && edge:
			d.kind, d.index, d.frames = dragResize, i, t.cards[i].Frames
		case i >= 0:
			d.kind, d.index, d.to = dragMove, i, i
		default:
			d.kind = dragScrub
		}
	}
	d.dx += float64(e.Dragged.DX)
	switch d.kind {
	case dragScrub:
		t.scrubTo(d.startX + d.dx)
	case dragResize:
		d.frames = snapDuration(t.cards[d.index].Frames, d.dx, t.geom.pxPerFrame(), t.geom.rate, d.snap)
		t.Refresh()
	case dragMove:
		g := &t.geom
		i := d.index
		half := float64(g.starts[i+1]-g.starts[i]) / 2
		centre := float64(g.starts[i]) + half + d.dx/g.pxPerFrame()
		d.to = dropIndex(g.starts, i, centre)
		t.Refresh()
	case dragAudio:
		d.start = snapStart(d.from, d.dx, t.geom.pxPerFrame(), t.geom.rate, d.snap)
		t.Refresh()
	}
}

// DragEnd finishes a drag: a moved card reports its new index, a resized
// one its new duration and a moved clip its new start.
func (t *Timeline) DragEnd() {
	d := t.drag
	t.drag = timelineDrag{}
	t.down = nil
	switch d.kind {
	case dragAudio:
		i := t.audioIndex(d.clip)
		if i < 0 || d.start == d.from {
			t.Refresh()
			return
		}
		// Show the new place until the store confirms it.
		t.audio[i].Start = d.start
		t.geom.reach = max(t.geom.reach, d.start+t.audio[i].span(t.geom.rate))
		t.Refresh()
		if t.OnAudioMove != nil {
			t.OnAudioMove(d.clip, project.Frames(d.start, t.geom.rate))
		}
	case dragMove:
		t.Refresh()
		if d.to != d.index && t.OnMove != nil {
			t.OnMove(t.cards[d.index].ID, d.to)
		}
	case dragResize:
		if d.frames != t.cards[d.index].Frames {
			// Show the new length until the store confirms it.
			c := t.cards[d.index]
			c.Frames = d.frames
			t.SetCards(t.replaced(d.index, c))
			if t.OnResize != nil {
				t.OnResize(c.ID, project.Frames(d.frames, t.geom.rate))
			}
		} else {
			t.Refresh()
		}
	}
}

// hit returns the card under pos and whether pos is on its right edge.
func (t *Timeline) hit(pos fyne.Position) (int, bool) {
	i := t.CardAt(pos)
	if i < 0 {
		return -1, false
	}
	right := t.geom.x(t.geom.starts[i+1])
	left := t.geom.x(t.geom.starts[i])
	grab := math.Min(edgeGrab, (right-left)/3)
	return i, float64(pos.X) >= right-grab
}

// Scrolled pans the timeline; a vertical wheel pans it too.
func (t *Timeline) Scrolled(e *fyne.ScrollEvent) {
	t.geom.scroll -= float64(e.Scrolled.DX + e.Scrolled.DY)
	t.geom.clampScroll(float64(t.Size().Width))
	t.Refresh()
}

// FocusGained implements fyne.Focusable.
func (t *Timeline) FocusGained() { t.focused = true; t.Refresh() }

// FocusLost implements fyne.Focusable.
func (t *Timeline) FocusLost() {
	t.focused, t.shiftDown, t.ctrlDown = false, false, false
	t.Refresh()
}

// TypedRune implements fyne.Focusable.
func (t *Timeline) TypedRune(rune) {}

// TypedKey moves the selection with the arrow keys (extending it with
// shift) and hands other keys to OnKey.
func (t *Timeline) TypedKey(e *fyne.KeyEvent) {
	n := len(t.cards)
	switch e.Name {
	case fyne.KeyLeft, fyne.KeyUp:
		if n > 0 {
			t.selectIndex(max(t.cursor-1, 0), t.shiftDown, false)
		}
	case fyne.KeyRight, fyne.KeyDown:
		if n > 0 {
			t.selectIndex(min(t.cursor+1, n-1), t.shiftDown, false)
		}
	default:
		if t.OnKey != nil {
			t.OnKey(e)
		}
	}
}

// KeyDown tracks the modifier keys for shift-arrows and shift-drags.
func (t *Timeline) KeyDown(e *fyne.KeyEvent) {
	switch e.Name {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		t.shiftDown = true
	case desktop.KeyControlLeft, desktop.KeyControlRight, desktop.KeySuperLeft, desktop.KeySuperRight:
		t.ctrlDown = true
	}
}

// KeyUp implements desktop.Keyable.
func (t *Timeline) KeyUp(e *fyne.KeyEvent) {
	switch e.Name {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		t.shiftDown = false
	case desktop.KeyControlLeft, desktop.KeyControlRight, desktop.KeySuperLeft, desktop.KeySuperRight:
		t.ctrlDown = false
	}
}

// MouseIn implements desktop.Hoverable.
func (t *Timeline) MouseIn(e *desktop.MouseEvent) { t.MouseMoved(e) }

// MouseMoved tracks whether the pointer is on a card's edge (for the cursor).
func (t *Timeline) MouseMoved(e *desktop.MouseEvent) {
	_, edge := t.hit(e.Position)
	t.hoverEdge = edge
}

// MouseOut implements desktop.Hoverable.
func (t *Timeline) MouseOut() { t.hoverEdge = false }

// Cursor shows a resize cursor on card edges.
func (t *Timeline) Cursor() desktop.Cursor {
	if t.hoverEdge || t.drag.kind == dragResize {
		return desktop.HResizeCursor
	}
	return desktop.DefaultCursor
}
