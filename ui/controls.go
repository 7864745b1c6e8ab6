package ui

import "fyne.io/fyne/v2"

// Controls returns the studio's main controls by name, for tests that
// check every one is on screen at a given window size: the toolbar's,
// the player's, the inspector's and the cameo panel's.
func (s *Studio) Controls() map[string]fyne.CanvasObject {
	i := s.inspector
	return map[string]fyne.CanvasObject{
		"new shot field":  s.newShot,
		"add shot":        s.addBtn,
		"engine":          s.engine,
		"zoom":            s.zoom,
		"timeline":        s.timeline,
		"status line":     s.status,
		"player controls": s.player.controls,
		"volume":          s.player.vol,
		"prompt":          i.prompt,
		"generate":        i.generate,
		"regenerate":      i.regenerate,
		"variations":      i.variations,
		"takes strip":     i.takes,
		"compare":         i.takes.compare,
		"cameo buttons":   s.cameos.buttons,
	}
}
