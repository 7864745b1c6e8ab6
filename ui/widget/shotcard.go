package widget

import (
	"image"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// cardSlot is the set of canvas objects that draw one shot card. The
// timeline keeps a pool of slots for the cards in view and re-points them
// as the view scrolls, so laying out never allocates once the pool is big
// enough. Each field remembers what it shows so unchanged cards cost
// nothing.
type cardSlot struct {
	bg       canvas.Rectangle
	thumb    canvas.Image
	textBg   canvas.Rectangle
	number   canvas.Text
	prompt   canvas.Text
	status   canvas.Text
	progress canvas.Rectangle
	edge     canvas.Rectangle
	outline  canvas.Rectangle

	shownThumb image.Image
	shownState CardState
	shownProg  float64
	shownID    int64
	used       bool
}

// cardTextHeight is the band at the bottom of a card with its number and prompt.
const cardTextHeight = 22

// Card state colours, held as interfaces so that picking one never
// allocates.
var (
	colEmpty   color.Color = color.NRGBA{R: 0x3a, G: 0x40, B: 0x4c, A: 0xff}
	colReady   color.Color = color.NRGBA{R: 0x24, G: 0x2a, B: 0x33, A: 0xff}
	colStale   color.Color = color.NRGBA{R: 0x7a, G: 0x5a, B: 0x12, A: 0xff}
	colFailed  color.Color = color.NRGBA{R: 0x7a, G: 0x22, B: 0x22, A: 0xff}
	colBlocked color.Color = color.NRGBA{R: 0x5c, G: 0x1a, B: 0x3a, A: 0xff}
)

// Text colours.
var (
	colTextBand = color.NRGBA{A: 0xb0}
	colWhite    = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	colDim      = color.NRGBA{R: 0xd0, G: 0xd0, B: 0xd0, A: 0xff}
)

// Status words drawn on cards.
var cardStatusText = [...]string{
	CardEmpty:    "not generated",
	CardReady:    "",
	CardStale:    "stale",
	CardQueued:   "queued",
	CardRunning:  "generating",
	CardFailed:   "failed",
	CardBlocked:  "consent",
	CardWithheld: "withheld",
}

// percentText holds "0%" to "100%" so progress never formats strings.
var percentText = func() [101]string {
	var p [101]string
	for i := range p {
		p[i] = strconv.Itoa(i) + "%"
	}
	return p
}()

func newCardSlot() *cardSlot {
	s := &cardSlot{shownID: -1}
	s.thumb.FillMode = canvas.ImageFillCover
	s.thumb.ScaleMode = canvas.ImageScaleFastest
	s.textBg.FillColor = colTextBand
	s.number.TextStyle = fyne.TextStyle{Bold: true}
	s.number.Color = colWhite
	s.prompt.Color = colDim
	s.status.TextStyle = fyne.TextStyle{Bold: true}
	s.status.Color = colWhite
	s.outline.FillColor = color.Transparent
	s.outline.StrokeWidth = 2
	s.outline.CornerRadius = 3
	s.bg.CornerRadius = 3
	s.applyTheme()
	s.used = true
	s.hide()
	return s
}

func (s *cardSlot) applyTheme() {
	th := theme.Current()
	v := theme.VariantDark
	if app := fyne.CurrentApp(); app != nil {
		v = app.Settings().ThemeVariant()
	}
	size := th.Size(theme.SizeNameCaptionText)
	s.number.TextSize, s.prompt.TextSize, s.status.TextSize = size, size, size
	s.progress.FillColor = th.Color(theme.ColorNamePrimary, v)
	s.edge.FillColor = th.Color(theme.ColorNamePrimary, v)
	s.outline.StrokeColor = th.Color(theme.ColorNamePrimary, v)
}

// objects appends the slot's objects in drawing order.
func (s *cardSlot) objects(to []fyne.CanvasObject) []fyne.CanvasObject {
	return append(to, &s.bg, &s.thumb, &s.textBg, &s.number, &s.prompt, &s.status, &s.progress, &s.edge, &s.outline)
}

// hide hides every object of an unused slot.
func (s *cardSlot) hide() {
	if !s.used {
		return
	}
	s.used = false
	for _, o := range []fyne.CanvasObject{&s.bg, &s.thumb, &s.textBg, &s.number, &s.prompt, &s.status, &s.progress, &s.edge, &s.outline} {
		if o.Visible() {
			o.Hide()
		}
	}
}

func showIf(o fyne.CanvasObject, show bool) {
	if show && !o.Visible() {
		o.Show()
	} else if !show && o.Visible() {
		o.Hide()
	}
}

func stateColour(s CardState) color.Color {
	switch s {
	case CardReady:
		return colReady
	case CardStale:
		return colStale
	case CardFailed:
		return colFailed
	case CardBlocked, CardWithheld:
		return colBlocked
	}
	return colEmpty
}

// place draws card c, labelled label, at x with width w (at top y),
// selected and highlighted as asked.
func (s *cardSlot) place(c *Card, label string, x, y, w float32, selected, target bool) {
	s.used = true
	h := float32(trackHeight)
	pos := fyne.NewPos(x, y)
	size := fyne.NewSize(max(w-cardGap, 1), h)

	if s.shownID != c.ID || s.shownState != c.State {
		s.bg.FillColor = stateColour(c.State)
		s.bg.Refresh()
	}
	s.bg.Move(pos)
	s.bg.Resize(size)
	showIf(&s.bg, true)

	hasThumb := c.Thumb != nil
	if hasThumb && s.shownThumb != c.Thumb {
		s.thumb.Image = c.Thumb
		s.thumb.Refresh()
	}
	s.shownThumb = c.Thumb
	s.thumb.Move(pos)
	s.thumb.Resize(fyne.NewSize(size.Width, h-cardTextHeight))
	showIf(&s.thumb, hasThumb)

	textShown := size.Width >= 18
	s.textBg.Move(fyne.NewPos(x, y+h-cardTextHeight))
	s.textBg.Resize(fyne.NewSize(size.Width, cardTextHeight))
	showIf(&s.textBg, true)
	setText(&s.number, label)
	s.number.Move(fyne.NewPos(x+4, y+h-cardTextHeight+4))
	showIf(&s.number, textShown)

	numW := float32(len(label))*s.number.TextSize*0.62 + 10
	room := size.Width - numW - 4
	setText(&s.prompt, promptHead(c.Prompt, int(room/(s.prompt.TextSize*0.55))))
	s.prompt.Move(fyne.NewPos(x+numW, y+h-cardTextHeight+4))
	showIf(&s.prompt, textShown && room > 10)

	status := cardStatusText[c.State]
	if c.State == CardRunning {
		status = percentText[min(max(int(c.Progress*100), 0), 100)]
	}
	setText(&s.status, status)
	s.status.Move(fyne.NewPos(x+4, y+4))
	showIf(&s.status, status != "" && size.Width >= 40)

	running := c.State == CardRunning
	if running {
		s.progress.Move(fyne.NewPos(x, y+h-3))
		s.progress.Resize(fyne.NewSize(size.Width*float32(min(max(c.Progress, 0), 1)), 3))
	}
	showIf(&s.progress, running)

	s.edge.Move(fyne.NewPos(x+size.Width-4, y+h/2-12))
	s.edge.Resize(fyne.NewSize(3, 24))
	showIf(&s.edge, selected && size.Width >= 12)

	if target != (s.outline.StrokeWidth == 3) {
		s.outline.StrokeWidth = 2
		if target {
			s.outline.StrokeWidth = 3
		}
		s.outline.Refresh()
	}
	s.outline.Move(pos)
	s.outline.Resize(size)
	showIf(&s.outline, selected || target)

	s.shownID, s.shownState, s.shownProg = c.ID, c.State, c.Progress
}

// setText changes t's text, refreshing only when it changed.
func setText(t *canvas.Text, s string) {
	if t.Text != s {
		t.Text = s
		t.Refresh()
	}
}

// promptHead returns the first n characters of p, without allocating.
func promptHead(p string, n int) string {
	if n <= 0 {
		return ""
	}
	count := 0
	for i := range p {
		if count == n {
			return p[:i]
		}
		count++
	}
	return p
}
