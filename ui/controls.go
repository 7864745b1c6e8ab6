package ui

import "fyne.io/fyne/v2"

// Controls returns the studio's main controls by name, for tests that
// check every one is on screen at a given window size: the toolbar's,
// the player's, the inspector's and the cameo panel's.
func (s *Studio) Controls() map[string]fyne.CanvasObject {
	out := map[string]fyne.CanvasObject{
		"new shot field": s.newShot,
		"add shot":       s.addBtn,
		"engine":         s.engine.picker,
		"zoom":           s.zoom,
		"timeline":       s.timeline,
		"status line":    s.status,
	}
	for _, part := range []map[string]fyne.CanvasObject{s.play.player.Controls(), s.inspector.Controls(), s.cast.panel.Controls()} {
		for name, o := range part {
			out[name] = o
		}
	}
	return out
}
