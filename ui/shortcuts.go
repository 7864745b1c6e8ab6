package ui

import (
	"fyne.io/fyne/v2"
)

// installShortcuts binds the window's keys from the keyboard map
// (keys.go). Menu shortcuts (Undo, Redo, Duplicate, Generate, ...) come
// with the menu. Plain keys reach the window only when no text field has
// the focus; the timeline and the player pass on the ones they do not use.
func (s *Studio) installShortcuts() {
	c := s.win.Canvas()
	c.SetOnTypedKey(s.typedKey)
	for _, b := range bindings {
		if b.Window && b.Shortcut != nil && b.run != nil {
			run := b.run
			c.AddShortcut(b.Shortcut, func(fyne.Shortcut) { run(s) })
		}
	}
}

// typedKey runs the keyboard map's plain keys: the player's transport,
// Delete and full screen.
func (s *Studio) typedKey(e *fyne.KeyEvent) { s.runKey(e.Name) }
