package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// flowLayout places objects left to right, wrapping onto new rows. It
// remembers the width it last had, so its minimum height fits that width.
type flowLayout struct{ width float32 }

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	pad := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > size.Width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(m)
		x += m.Width + pad
		rowH = max(rowH, m.Height)
	}
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	// Before the first layout, assume rows of about 320 units.
	width := f.width
	if width <= 0 {
		width = 320
	}
	pad := theme.Padding()
	x, y, rowH, widest := float32(0), float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		x += m.Width + pad
		rowH = max(rowH, m.Height)
		widest = max(widest, min(m.Width, width))
	}
	return fyne.NewSize(widest, y+rowH)
}
