package widget

import "fyne.io/fyne/v2"

// requestFocus gives o the keyboard focus of its window, taking it from
// wherever it was (a text field commits what was typed into it first).
// Clicking a widget that can take focus does not move the focus in Fyne's
// desktop driver, so the studio's own panels ask for it when clicked;
// without that, keys meant for the timeline or the player went on
// editing the inspector field that last had the focus.
func requestFocus(o fyne.Focusable) {
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	c := app.Driver().CanvasForObject(o.(fyne.CanvasObject))
	if c != nil && c.Focused() != o {
		c.Focus(o)
	}
}

// focusedOf returns the focused object of obj's window, or nil.
func focusedOf(obj fyne.CanvasObject) fyne.Focusable {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	if c := app.Driver().CanvasForObject(obj); c != nil {
		return c.Focused()
	}
	return nil
}

// unfocusIf takes the focus away when one of fields has it.
func unfocusIf(obj fyne.CanvasObject, fields ...fyne.Focusable) {
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	c := app.Driver().CanvasForObject(obj)
	if c == nil || c.Focused() == nil {
		return
	}
	for _, f := range fields {
		if c.Focused() == f {
			c.Unfocus()
			return
		}
	}
}
