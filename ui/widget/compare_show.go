package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// ShowCompare shows the comparison of views in a dialog on win. While it
// is open the window's plain keys drive its transport (Escape closes it);
// closing it stops playback, releases the clips and gives the keys back.
func ShowCompare(win fyne.Window, views []TakeView, d CompareDeps) (*CompareView, dialog.Dialog) {
	c := NewCompareView(views, d)
	dlg := dialog.NewCustom("Compare takes", "Close", c, win)
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
		c.Close()
	})
	dlg.Show()
	return c, dlg
}
