package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// wrapLayout holds one object whose height depends on its width (a
// wrapping label), and asks for the height it needs at the width it last
// had, or at 320 units before it was first laid out. A wrapping label on
// its own reports its height at width zero before layout, one word per
// line, which made the window grow taller than the screen.
type wrapLayout struct{ width float32 }

// wrapBox puts o in a wrapLayout.
func wrapBox(o fyne.CanvasObject) *fyne.Container {
	return container.New(&wrapLayout{}, o)
}

func (w *wrapLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w.width = size.Width
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (w *wrapLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	width := w.width
	if width <= 0 {
		width = 320
	}
	var h float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		if o.Size().Width != width {
			o.Resize(fyne.NewSize(width, o.Size().Height))
		}
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}
