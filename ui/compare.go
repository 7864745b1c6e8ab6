package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// compareView is the side-by-side comparison of two takes.
type compareView struct {
	views  []TakeView
	pickA  *widget.Select
	pickB  *widget.Select
	imgA   *canvas.Image
	imgB   *canvas.Image
	infoA  *widget.Label
	infoB  *widget.Label
	root   fyne.CanvasObject
	labels []string
}

// newCompareView shows the two newest finished takes first.
func newCompareView(views []TakeView) *compareView {
	c := &compareView{views: views}
	var done []int
	for k, v := range views {
		if v.Take.Status == project.TakeDone {
			c.labels = append(c.labels, c.label(v))
			done = append(done, k)
		}
	}
	c.imgA, c.imgB = canvas.NewImageFromImage(nil), canvas.NewImageFromImage(nil)
	for _, img := range []*canvas.Image{c.imgA, c.imgB} {
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(320, 180))
	}
	c.infoA, c.infoB = widget.NewLabel(""), widget.NewLabel("")
	c.pickA = widget.NewSelect(c.labels, func(s string) { c.show(s, c.imgA, c.infoA) })
	c.pickB = widget.NewSelect(c.labels, func(s string) { c.show(s, c.imgB, c.infoB) })
	if n := len(c.labels); n >= 2 {
		c.pickA.SetSelected(c.labels[n-2])
		c.pickB.SetSelected(c.labels[n-1])
	}
	c.root = container.NewGridWithColumns(2,
		container.NewVBox(c.pickA, c.imgA, c.infoA),
		container.NewVBox(c.pickB, c.imgB, c.infoB))
	return c
}

func (c *compareView) label(v TakeView) string {
	s := "Take " + itoa(v.Number)
	if v.Active {
		s += " (active)"
	}
	return s
}

func (c *compareView) show(label string, img *canvas.Image, info *widget.Label) {
	for _, v := range c.views {
		if c.label(v) != label {
			continue
		}
		img.Image = v.Thumb
		img.Refresh()
		t := v.Take
		text := "Seed " + uitoa(t.Seed) + " · " + t.Backend
		if t.Model != "" {
			text += " " + t.Model
		}
		text += " · " + project.Frames(t.Frames, t.Rate).String()
		if t.Favourite {
			text += " · starred"
		}
		info.SetText(text)
	}
}

// showCompare opens the comparison dialog on win.
func showCompare(win fyne.Window, views []TakeView) {
	c := newCompareView(views)
	dialog.ShowCustom("Compare takes", "Close", c.root, win)
}
