package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"kino/project"
)

// showCompare opens the comparison of views in a dialog on the studio
// window. Make active goes through the studio's Choose Take edit, and the
// studio's player pauses while the takes play.
func (s *Studio) showCompare(views []TakeView) {
	if s.compare != nil {
		s.compare.close()
	}
	s.compare, _ = openCompare(s.win, views, compareDeps{
		Post:  s.deps.Post,
		Clips: s.deps.Clips,
		Audio: s.deps.Audio,
		Activate: func(t *project.Take, done func()) {
			s.applyThen(project.SetActiveTake{ShotID: t.ShotID, TakeID: t.ID}, func(project.Applied) { done() }, t.ShotID)
		},
		BeforePlay: func() {
			if s.player.Playing() {
				s.player.Pause()
			}
		},
		Gone: s.gone.Load,
	})
}

// openCompare shows the comparison in a dialog on win. While it is open
// the window's plain keys drive its transport (Escape closes it); closing
// it stops playback, releases the clips and gives the keys back.
func openCompare(win fyne.Window, views []TakeView, d compareDeps) (*compareView, dialog.Dialog) {
	c := newComparePlayer(views, d)
	dlg := dialog.NewCustom("Compare takes", "Close", c.root, win)
	cv := win.Canvas()
	prev := cv.OnTypedKey()
	c.unfocus = cv.Unfocus
	cv.Unfocus()
	cv.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			dlg.Hide()
			return
		}
		c.typedKey(e)
	})
	dlg.SetOnClosed(func() {
		cv.SetOnTypedKey(prev)
		c.close()
	})
	dlg.Show()
	return c, dlg
}
