package widget

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// audioSlot is the set of canvas objects that draw one music or
// voice-over clip block on the audio lane (its waveform is drawn by the
// lane's raster, between bg and the name). Like cardSlot, slots are
// pooled and re-pointed as the view scrolls, so laying out never
// allocates once the pool is big enough.
type audioSlot struct {
	bg      canvas.Rectangle
	name    canvas.Text
	outline canvas.Rectangle

	shownFill color.Color
	used      bool
}

func newAudioSlot() *audioSlot {
	s := &audioSlot{}
	s.bg.CornerRadius = 3
	s.name.Color = colWhite
	s.name.TextStyle = fyne.TextStyle{Bold: true}
	s.outline.FillColor = color.Transparent
	s.outline.StrokeWidth = 2
	s.outline.CornerRadius = 3
	s.applyTheme()
	s.used = true
	s.hide()
	return s
}

func (s *audioSlot) applyTheme() {
	th := theme.Current()
	v := theme.VariantDark
	if app := fyne.CurrentApp(); app != nil {
		v = app.Settings().ThemeVariant()
	}
	s.name.TextSize = th.Size(theme.SizeNameCaptionText) * 0.9
	s.outline.StrokeColor = th.Color(theme.ColorNameFocus, v)
}

// hide hides every object of an unused slot.
func (s *audioSlot) hide() {
	if !s.used {
		return
	}
	s.used = false
	showIf(&s.bg, false)
	showIf(&s.name, false)
	showIf(&s.outline, false)
}

// place draws block b at x with width w on the lane whose top is y.
func (s *audioSlot) place(b *AudioBlock, x, y, w float32, selected bool) {
	s.used = true
	pos := fyne.NewPos(x, y+1)
	size := fyne.NewSize(max(w-1, 1), audioHeight-2)
	if _, fill := laneColour(b); fill != s.shownFill {
		s.bg.FillColor = fill
		s.shownFill = fill
		s.bg.Refresh()
	}
	s.bg.Move(pos)
	s.bg.Resize(size)
	showIf(&s.bg, true)

	room := size.Width - 6
	setText(&s.name, promptHead(b.Name, int(room/(s.name.TextSize*0.6))))
	s.name.Move(fyne.NewPos(x+3, y+2))
	showIf(&s.name, room > 10)

	s.outline.Move(pos)
	s.outline.Resize(size)
	showIf(&s.outline, selected)
}
