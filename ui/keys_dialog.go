package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// ShowShortcuts opens Help ▸ Keyboard Shortcuts: the keyboard map the
// studio binds, grouped by where the keys work.
func (s *Studio) ShowShortcuts() {
	view, rows := shortcutsView(bindings)
	s.shortcutRows = rows
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(view), s.win)
	h := s.win.Canvas().Size().Height - 60
	d.Resize(fyne.NewSize(680, max(min(h, 720), 300)))
	d.Show()
}

// ShortcutRows returns the rows the last Keyboard Shortcuts dialog showed:
// keys, then what they do.
func (s *Studio) ShortcutRows() [][2]string { return s.shortcutRows }

// shortcutsView lays the map out: a heading per place, then keys and
// actions in two columns.
func shortcutsView(list []Binding) (fyne.CanvasObject, [][2]string) {
	box := container.NewVBox()
	var rows [][2]string
	var where string
	var grid *fyne.Container
	// One width for the keys column in every group, so the actions line up.
	var keyWidth float32
	keyLabels := make([]*widget.Label, len(list))
	for k, b := range list {
		keyLabels[k] = widget.NewLabelWithStyle(b.KeysText(), fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
		keyWidth = max(keyWidth, keyLabels[k].MinSize().Width)
	}
	for k, b := range list {
		if b.Where != where {
			where = b.Where
			box.Add(widget.NewLabelWithStyle(where, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			grid = container.New(layout.NewFormLayout())
			box.Add(grid)
		}
		keys := b.KeysText()
		action := widget.NewLabel(b.Action)
		action.Wrapping = fyne.TextWrapWord
		grid.Add(container.NewGridWrap(fyne.NewSize(keyWidth, keyLabels[k].MinSize().Height), keyLabels[k]))
		grid.Add(action)
		rows = append(rows, [2]string{keys, b.Action})
	}
	return box, rows
}
