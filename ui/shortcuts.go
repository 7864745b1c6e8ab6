package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// installShortcuts binds the keys that work anywhere in the window. Menu
// shortcuts (Undo, Redo, Duplicate, Generate, ...) come with the menu.
// Plain keys reach the canvas only when no text field has the focus.
func (s *Studio) installShortcuts() {
	c := s.win.Canvas()
	c.SetOnTypedKey(s.typedKey)
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { s.Redo() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		func(fyne.Shortcut) { s.generateSelected(true) })
}

// typedKey handles the player's and the timeline's plain keys: space
// plays or pauses, J/K/L shuttle, ←/→ step one frame, Home/End jump,
// Delete removes the selected audio clip, or else the selected shots.
func (s *Studio) typedKey(e *fyne.KeyEvent) {
	p := s.player
	switch e.Name {
	case fyne.KeySpace:
		p.TogglePlay()
	case fyne.KeyJ:
		p.Shuttle(-1)
	case fyne.KeyK:
		p.Shuttle(0)
	case fyne.KeyL:
		p.Shuttle(1)
	case fyne.KeyLeft:
		p.Step(-1)
	case fyne.KeyRight:
		p.Step(1)
	case fyne.KeyHome:
		p.Home()
	case fyne.KeyEnd:
		p.End()
	case fyne.KeyDelete, fyne.KeyBackspace:
		if !s.deleteSelectedAudio() {
			s.deleteSelected()
		}
	case fyne.KeyF11:
		p.ShowFullScreen()
	}
}
