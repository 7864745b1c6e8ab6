package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
)

// menuBarHeight is what the desktop driver's menu bar takes from the top
// of a real window; the headless window draws no menu bar.
const menuBarHeight = 40

// laptopSizes are the window sizes the studio must be fully usable at.
var laptopSizes = []fyne.Size{{Width: 1280, Height: 800}, {Width: 1366, Height: 768}, {Width: 1440, Height: 900}}

// inside reports whether o lies wholly within the rectangle at pos with size.
func inside(o fyne.CanvasObject, pos fyne.Position, size fyne.Size) bool {
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	end := at.Add(o.Size())
	const slack = 1
	return o.Visible() && o.Size().Width > 0 && o.Size().Height > 0 &&
		at.X >= pos.X-slack && at.Y >= pos.Y-slack && end.X <= pos.X+size.Width+slack && end.Y <= pos.Y+size.Height+slack
}

// TestStudioIsUsableAtLaptopSizes: at 1280x800 and 1366x768 the window
// fits (nothing forces it wider or taller), every main control is on
// screen without scrolling, and the takes strip with its Star, Use,
// Delete and Compare buttons shows with the inspector.
func TestStudioIsUsableAtLaptopSizes(t *testing.T) {
	h := newStudioHarness(t, "a lighthouse at dawn", "waves on the rocks")
	h.s.Inspector().SetVariations(2)
	h.s.GenerateSelected()
	h.settle("two takes", func() bool {
		v := h.s.Inspector().Takes().Views()
		return len(v) == 2 && v[0].Thumb != nil && v[1].Thumb != nil
	})
	for _, size := range laptopSizes {
		t.Run(fmt.Sprintf("%.0fx%.0f", size.Width, size.Height), func(t *testing.T) {
			win := fyne.NewSize(size.Width, size.Height-menuBarHeight)
			h.s.Window().Resize(win)
			h.settle("resizing", func() bool { return true })
			c := h.s.Window().Canvas()
			if min := c.Content().MinSize(); min.Width > win.Width || min.Height > win.Height {
				t.Fatalf("the window cannot be smaller than %.0fx%.0f", min.Width, min.Height)
			}
			for name, o := range h.s.Controls() {
				if !inside(o, fyne.Position{}, win) {
					t.Errorf("%s is not wholly on screen (at %v, %v)", name, fyne.CurrentApp().Driver().AbsolutePositionForObject(o), o.Size())
				}
			}
			in := h.s.Inspector()
			inPos := fyne.CurrentApp().Driver().AbsolutePositionForObject(in)
			strip := in.Takes()
			for _, v := range strip.Views() {
				for what, b := range map[string]fyne.CanvasObject{"Star": strip.StarButton(v.Take.ID), "Use": strip.UseButton(v.Take.ID), "Delete": strip.DeleteButton(v.Take.ID)} {
					if !inside(b, inPos, in.Size()) {
						t.Errorf("take %d's %s button is outside the inspector", v.Number, what)
					}
				}
			}
			if p := h.s.Player().Size(); p.Width < 320 || p.Height < 240 {
				t.Errorf("the player is %v", p)
			}
		})
	}
}
