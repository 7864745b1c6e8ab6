package widget

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"kino/engine"
)

// Chip colours: words the engine understood, and words it ignored.
var (
	colUnderstood    = color.NRGBA{R: 0x1f, G: 0x6f, B: 0x3f, A: 0xff}
	colNotUnderstood = color.NRGBA{R: 0x55, G: 0x55, B: 0x5d, A: 0xff}
)

// newChip returns a rounded label.
func newChip(text string, bg color.Color) fyne.CanvasObject {
	t := canvas.NewText(text, colWhite)
	t.TextSize = theme.CaptionTextSize()
	r := canvas.NewRectangle(bg)
	r.CornerRadius = 8
	return container.NewStack(r, container.New(&chipPad{}, t))
}

// chipPad pads a chip's text.
type chipPad struct{}

func (chipPad) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(7, 3))
		o.Resize(o.MinSize())
	}
}

func (chipPad) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s.AddWidthHeight(14, 6)
}

// chipTexts returns the chips' texts: the words that changed the picture
// with their meaning, then the ignored words with a "?".
func chipTexts(in engine.Interpretation) []string {
	var out []string
	for _, u := range in.Used {
		text := u.Text
		if u.Meaning != "" {
			text += " → " + u.Meaning
		}
		out = append(out, text)
	}
	for _, w := range in.Ignored {
		out = append(out, w+" ?")
	}
	return out
}

// interpretationChips shows which words changed the picture.
func interpretationChips(in engine.Interpretation) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for k, text := range chipTexts(in) {
		bg := colUnderstood
		if k >= len(in.Used) {
			bg = colNotUnderstood
		}
		out = append(out, newChip(text, bg))
	}
	return out
}
