package uitest

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Click, PressKey and TypeText drive a window the way Fyne's desktop
// (GLFW) driver delivers mouse and keyboard events, for tests. They
// differ from fyne.io/fyne/v2/test's Tap and Type, which hand events to
// a widget directly and unfocus on every tap: the desktop driver leaves
// the focus alone when the clicked widget can take focus itself, and
// sends keys to whatever has the focus, or to the window's own key
// handler when nothing has. That is where keys went astray.

// Click presses and releases the primary button on obj at pos (in obj's
// coordinates).
func Click(obj fyne.CanvasObject, pos fyne.Position) {
	c := fyne.CurrentApp().Driver().CanvasForObject(obj)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj).Add(pos)
	me := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos, AbsolutePosition: abs}, Button: desktop.MouseButtonPrimary}
	if m, ok := obj.(desktop.Mouseable); ok {
		m.MouseDown(me)
	}
	if _, ok := obj.(fyne.Focusable); !ok && c != nil {
		c.Unfocus()
	}
	if m, ok := obj.(desktop.Mouseable); ok {
		m.MouseUp(me)
	}
	if t, ok := obj.(fyne.Tappable); ok {
		t.Tapped(&me.PointEvent)
	}
}

// PressKey types key name into c: Tab moves the focus unless the focused
// widget accepts tabs; other keys go to the focused widget, or to the
// canvas's key handler when nothing has the focus. Keys that make a
// character (space, letters, digits) also type it, as a keyboard does.
func PressKey(c fyne.Canvas, name fyne.KeyName) {
	pressKey(c, name)
	switch {
	case name == fyne.KeySpace:
		TypeText(c, " ")
	case len(name) == 1 && (name[0] >= 'A' && name[0] <= 'Z' || name[0] >= '0' && name[0] <= '9'):
		TypeText(c, strings.ToLower(string(name)))
	}
}

func pressKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	f := c.Focused()
	if name == fyne.KeyTab {
		if t, ok := f.(fyne.Tabbable); !ok || !t.AcceptsTab() {
			c.FocusNext()
			return
		}
	}
	if f != nil {
		if k, ok := f.(desktop.Keyable); ok {
			k.KeyDown(ev)
		}
		f.TypedKey(ev)
		if k, ok := f.(desktop.Keyable); ok {
			k.KeyUp(ev)
		}
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// TypeText types text into c, one character at a time, to the focused
// widget or the canvas's rune handler.
func TypeText(c fyne.Canvas, text string) {
	for _, r := range text {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if h := c.OnTypedRune(); h != nil {
			h(r)
		}
	}
}
