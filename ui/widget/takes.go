package widget

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// TakeView is one take as the takes strip shows it.
type TakeView struct {
	Take   *project.Take
	Number int // 1-based, oldest first
	Thumb  image.Image
	Active bool
	Stale  bool
	// Withheld says why the take may not be shown ("@sam revoked
	// consent"): it has no thumbnail, cannot be made active or compared.
	Withheld string
}

// TakesStrip shows every take of a shot as a thumbnail with its status,
// with buttons to star it, make it the active take and delete it, and a
// Compare button for two takes side by side.
type TakesStrip struct {
	widget.BaseWidget

	// OnStar stars or un-stars a take.
	OnStar func(takeID int64, on bool)
	// OnActivate makes a take the shot's active take.
	OnActivate func(takeID int64)
	// OnDelete deletes a take (undoable).
	OnDelete func(takeID int64)
	// OnCompare opens the comparison of two takes.
	OnCompare func(views []TakeView)

	views   []TakeView
	row     *fyne.Container
	empty   *widget.Label
	compare *widget.Button
	root    *fyne.Container
}

// Tile sizes.
var (
	takeThumbSize = fyne.NewSize(128, 72)
)

// takeTileHeight is a tile's height: picture, one line of text, buttons,
// and room for the strip's scroll bar.
func takeTileHeight() float32 {
	line := widget.NewLabel("Take").MinSize().Height
	button := widget.NewButton("Use", nil).MinSize().Height
	return takeThumbSize.Height + line + button + 3*theme.Padding() + 8
}

// NewTakesStrip returns an empty strip.
func NewTakesStrip() *TakesStrip {
	s := &TakesStrip{}
	s.ExtendBaseWidget(s)
	s.row = container.NewHBox()
	s.empty = widget.NewLabel("No takes yet. Generate one with Ctrl+Enter.")
	s.empty.Truncation = fyne.TextTruncateEllipsis
	s.compare = widget.NewButtonWithIcon("Compare…", theme.ViewFullScreenIcon(), func() {
		if s.OnCompare != nil {
			s.OnCompare(s.views)
		}
	})
	scroll := container.NewHScroll(s.row)
	scroll.SetMinSize(fyne.NewSize(takeThumbSize.Width+8, takeTileHeight()))
	head := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Takes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.compare)
	s.root = container.NewBorder(head, nil, nil, nil, container.NewStack(scroll, s.empty))
	s.SetTakes(nil)
	return s
}

// CreateRenderer implements fyne.Widget.
func (s *TakesStrip) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.root) }

// Views returns the takes shown.
func (s *TakesStrip) Views() []TakeView { return s.views }

// SetTakes shows views, newest first.
func (s *TakesStrip) SetTakes(views []TakeView) {
	s.views = views
	objs := make([]fyne.CanvasObject, 0, len(views))
	for k := len(views) - 1; k >= 0; k-- {
		objs = append(objs, s.tile(views[k]))
	}
	s.row.Objects = objs
	s.row.Refresh()
	s.root.Refresh()
	showIf(s.empty, len(views) == 0)
	if s.compare != nil {
		if countDone(views) >= 2 {
			s.compare.Enable()
		} else {
			s.compare.Disable()
		}
	}
}

func countDone(views []TakeView) int {
	n := 0
	for _, v := range views {
		if v.Take.Status == project.TakeDone && v.Withheld == "" {
			n++
		}
	}
	return n
}

// takeStatus says where a take is, in a few words.
func takeStatus(v TakeView) string {
	t := v.Take
	if v.Withheld != "" {
		return "withheld: " + v.Withheld
	}
	switch t.Status {
	case project.TakeDone:
		s := "seed " + uitoa(t.Seed)
		switch {
		case v.Active && v.Stale:
			s = "active · stale"
		case v.Active:
			s = "active"
		}
		if t.MixOnly() {
			s += " · mix only" // no stems: made before Kino kept them
		}
		return s
	case project.TakeFailed:
		return "failed: " + t.Error
	case project.TakeCancelled:
		return "cancelled"
	case project.TakeRunning:
		return "generating…"
	}
	return string(t.Status)
}

func (s *TakesStrip) tile(v TakeView) fyne.CanvasObject {
	id := v.Take.ID
	var pic fyne.CanvasObject
	if v.Thumb != nil {
		img := canvas.NewImageFromImage(v.Thumb)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(takeThumbSize)
		pic = img
	} else {
		bg := canvas.NewRectangle(colEmpty)
		bg.SetMinSize(takeThumbSize)
		pic = bg
	}
	if v.Active {
		frame := canvas.NewRectangle(color.Transparent)
		frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
		frame.StrokeWidth = 3
		pic = container.NewStack(pic, frame)
	}
	// One line: "Take 3 · active", the rest of a long status elided.
	title := "Take " + itoa(v.Number) + " · " + takeStatus(v)
	status := widget.NewLabel(title)
	status.Truncation = fyne.TextTruncateEllipsis
	status.TextStyle.Bold = v.Active
	if v.Take.Status == project.TakeFailed || v.Withheld != "" {
		status.Importance = widget.DangerImportance
	}

	var starIcon fyne.Resource = starOutlineIcon
	if v.Take.Favourite {
		starIcon = starFilledIcon
	}
	star := widget.NewButtonWithIcon("", starIcon, func() {
		if s.OnStar != nil {
			s.OnStar(id, !v.Take.Favourite)
		}
	})
	use := widget.NewButtonWithIcon("Use", theme.ConfirmIcon(), func() {
		if s.OnActivate != nil {
			s.OnActivate(id)
		}
	})
	if v.Active || v.Take.Status != project.TakeDone || v.Withheld != "" {
		use.Disable()
	}
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if s.OnDelete != nil {
			s.OnDelete(id)
		}
	})
	buttons := container.NewHBox(star, use, del)
	box := container.NewVBox(pic, status, buttons)
	return container.NewGridWrap(box.MinSize().Max(fyne.NewSize(takeThumbSize.Width+4, 0)), box)
}

// tileFor returns the tile of take id (for tests and focus).
func (s *TakesStrip) tileFor(id int64) *fyne.Container {
	for k := len(s.views) - 1; k >= 0; k-- {
		if s.views[k].Take.ID == id {
			return s.row.Objects[len(s.views)-1-k].(*fyne.Container)
		}
	}
	return nil
}

// StarButton, UseButton and DeleteButton return take id's buttons (nil
// when the take is not shown).
func (s *TakesStrip) StarButton(id int64) *widget.Button { b, _, _ := s.buttonsOf(id); return b }

// UseButton returns the button that makes take id active.
func (s *TakesStrip) UseButton(id int64) *widget.Button { _, b, _ := s.buttonsOf(id); return b }

// DeleteButton returns the button that deletes take id.
func (s *TakesStrip) DeleteButton(id int64) *widget.Button { _, _, b := s.buttonsOf(id); return b }

// buttonsOf returns the star, use and delete buttons of take id.
func (s *TakesStrip) buttonsOf(id int64) (star, use, del *widget.Button) {
	tile := s.tileFor(id)
	if tile == nil {
		return nil, nil, nil
	}
	box := tile.Objects[0].(*fyne.Container)
	row := box.Objects[len(box.Objects)-1].(*fyne.Container)
	return row.Objects[0].(*widget.Button), row.Objects[1].(*widget.Button), row.Objects[2].(*widget.Button)
}
