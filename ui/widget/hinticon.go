package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// HintIcon is an icon that explains itself when the pointer rests on it
// (a tooltip) or when it is clicked. The tooltip is drawn by OnHint's
// owner in its own layer, not in a window overlay, which would take the
// keyboard focus.
type HintIcon struct {
	widget.BaseWidget

	// OnHint is called with the hint to show (true) or hide (false).
	OnHint func(show bool)

	icon *widget.Icon
	hint string
}

var (
	_ desktop.Hoverable = (*HintIcon)(nil)
	_ fyne.Tappable     = (*HintIcon)(nil)
)

// NewHintIcon returns an icon showing res with hint ("" for none).
func NewHintIcon(res fyne.Resource, hint string) *HintIcon {
	h := &HintIcon{icon: widget.NewIcon(res), hint: hint}
	h.ExtendBaseWidget(h)
	return h
}

// Set changes the icon and its hint.
func (h *HintIcon) Set(res fyne.Resource, hint string) {
	h.hint = hint
	h.icon.SetResource(res)
	if hint == "" && h.OnHint != nil {
		h.OnHint(false)
	}
}

// Hint returns the text the icon explains itself with.
func (h *HintIcon) Hint() string { return h.hint }

// CreateRenderer implements fyne.Widget.
func (h *HintIcon) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.icon) }

// MinSize is an inline icon's.
func (h *HintIcon) MinSize() fyne.Size {
	s := theme.IconInlineSize()
	return fyne.NewSize(s, s)
}

// MouseIn shows the hint.
func (h *HintIcon) MouseIn(*desktop.MouseEvent) {
	if h.hint != "" && h.OnHint != nil {
		h.OnHint(true)
	}
}

// MouseMoved implements desktop.Hoverable.
func (h *HintIcon) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the hint.
func (h *HintIcon) MouseOut() {
	if h.OnHint != nil {
		h.OnHint(false)
	}
}

// Tapped shows the hint too (for touch screens and the curious).
func (h *HintIcon) Tapped(*fyne.PointEvent) { h.MouseIn(nil) }

// tooltip is a small label on a panel, placed by its owner.
type tooltip struct {
	label *widget.Label
	box   *fyne.Container
}

func newTooltip() *tooltip {
	t := &tooltip{label: widget.NewLabel("")}
	t.label.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	bg.CornerRadius = 4
	t.box = container.NewStack(bg, t.label)
	t.box.Hide()
	return t
}

// showAt shows text in a box at most width wide whose bottom right
// corner is at corner (in the layer's coordinates).
func (t *tooltip) showAt(text string, corner fyne.Position, width float32) {
	t.label.SetText(text)
	size := fyne.NewSize(width, 0)
	t.box.Resize(size)
	size.Height = t.label.MinSize().Height
	t.box.Resize(size)
	t.box.Move(fyne.NewPos(max(corner.X-size.Width, 0), max(corner.Y-size.Height, 0)))
	t.box.Show()
}
