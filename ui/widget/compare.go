package widget

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
	"kino/ui/playback"
)

// CompareDeps are what the comparison plays with. Every field may be
// zero: without Clips the takes show their thumbnails and cannot play,
// without Audio they play silent on the wall clock, and without Activate
// there are no Make active buttons.
type CompareDeps struct {
	// Post runs f on the UI goroutine (fyne.Do when nil).
	Post func(func())
	// Clips opens the takes' media.
	Clips ClipSource
	// Audio plays the sound of the take listened to.
	Audio playback.Output
	// Activate makes t its shot's active take and calls done on the UI
	// goroutine once that is stored.
	Activate func(t *project.Take, done func())
	// BeforePlay is called before the comparison starts playing (the
	// studio pauses its player: one sound plays at a time).
	BeforePlay func()
	// Gone reports that the studio has stopped; a playing comparison
	// then stops too, even though its dialog was never closed.
	Gone func() bool
}

// compareSide is one of the two takes compared.
type compareSide struct {
	sel  int // index into CompareView.done; -1 when none
	pick *widget.Select
	img  *canvas.Image
	info *widget.Label
	errL *widget.Label
	use  *widget.Button
}

// CompareView plays two takes side by side, in sync, from one transport,
// so that a person can choose between them. ShowCompare opens one in a
// dialog; Close stops it and releases the takes' clips.
type CompareView struct {
	widget.BaseWidget

	done   []TakeView // the finished takes, oldest first
	labels []string   // done's picker labels
	side   [2]*compareSide

	// The first side's and the second side's widgets, by name.
	pickA, pickB *widget.Select
	imgA, imgB   *canvas.Image
	infoA, infoB *widget.Label

	post       func(func())
	clips      *clipCache // nil: nothing plays
	out        playback.Output
	activate   func(t *project.Take, done func())
	beforePlay func()
	gone       func() bool
	unfocus    func() // gives the keys back to the transport after a pick

	transport compareTransport
	noticeL   *widget.Label // the takes cannot be played at all
	soundIcon *HintIcon     // the sound device's state, in the transport
	tip       *tooltip
	pictures  *fyne.Container
	root      fyne.CanvasObject

	sess     *compareSession
	still    compareStills
	work     sync.WaitGroup // rendering goroutines, waited for before the clips close
	closed   bool
	released bool // the clips are closed (set on the UI goroutine)
}

// compareScreen is the least size of each take's picture.
var compareScreen = fyne.NewSize(480, 270)

// newCompareThumbs shows the two newest finished takes first, as
// thumbnails; nothing plays.
func newCompareThumbs(views []TakeView) *CompareView {
	return NewCompareView(views, CompareDeps{})
}

// NewCompareView shows the two newest finished takes of views first, on
// their first frame, ready to play.
func NewCompareView(views []TakeView, d CompareDeps) *CompareView {
	c := &CompareView{post: d.Post, out: d.Audio, activate: d.Activate, beforePlay: d.BeforePlay, gone: d.Gone}
	c.ExtendBaseWidget(c)
	if c.post == nil {
		c.post = fyne.Do
	}
	if d.Clips != nil {
		c.clips = newClipCache(d.Clips)
	}
	for _, v := range views {
		if v.Take.Status == project.TakeDone && v.Withheld == "" { // a withheld take is never shown
			c.done = append(c.done, v)
		}
	}
	c.labels = c.makeLabels()
	c.noticeL = widget.NewLabel("")
	c.noticeL.Importance = widget.WarningImportance
	c.noticeL.Wrapping = fyne.TextWrapWord
	c.noticeL.Hide()
	cols := make([]fyne.CanvasObject, 2)
	for i := range c.side {
		c.side[i] = c.newSide(i)
		cols[i] = c.side[i].layout([]string{"A", "B"}[i])
	}
	c.pickA, c.imgA, c.infoA = c.side[0].pick, c.side[0].img, c.side[0].info
	c.pickB, c.imgB, c.infoB = c.side[1].pick, c.side[1].img, c.side[1].info
	c.tip = newTooltip()
	c.buildTransport()
	// What the sound device does is an icon in the transport with a
	// tooltip: a banner appearing on Play re-laid the dialog out and
	// moved its Close button.
	c.soundIcon.OnHint = func(show bool) {
		if !show {
			c.tip.box.Hide()
			return
		}
		area := c.pictures.Size()
		c.tip.showAt(c.soundIcon.Hint(), fyne.NewPos(area.Width-4, area.Height-4), min(area.Width-8, 420))
	}
	c.pictures = container.NewStack(container.NewGridWithColumns(2, cols...), container.NewWithoutLayout(c.tip.box))
	c.root = container.NewBorder(wrapBox(c.noticeL), c.transport.root, nil, nil, c.pictures)

	switch {
	case c.clips == nil:
		c.setNotice("These takes cannot be played here: only their thumbnails are shown.")
	case c.out == nil:
		c.setSoundNotice("No audio device: the takes play silent and follow the wall clock.")
	case c.out.Silent():
		c.setSoundNotice("Silent comparison: " + c.out.Name() + ".")
	}
	if n := len(c.labels); n >= 2 {
		c.pickA.SetSelected(c.labels[n-2])
		c.pickB.SetSelected(c.labels[n-1])
	}
	c.updateButtons()
	c.showPosition()
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *CompareView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.root) }

func (c *CompareView) newSide(i int) *compareSide {
	sd := &compareSide{sel: -1}
	sd.img = canvas.NewImageFromImage(nil)
	sd.img.FillMode = canvas.ImageFillContain
	sd.img.ScaleMode = canvas.ImageScaleFastest
	sd.img.SetMinSize(compareScreen)
	sd.info = widget.NewLabel("")
	sd.errL = widget.NewLabel("")
	sd.errL.Importance = widget.DangerImportance
	sd.errL.Wrapping = fyne.TextWrapWord
	sd.errL.Hide()
	sd.pick = widget.NewSelect(c.labels, func(label string) { c.picked(i, label) })
	sd.use = widget.NewButtonWithIcon("Make active", theme.ConfirmIcon(), func() { c.makeActive(i) })
	return sd
}

func (sd *compareSide) layout(name string) fyne.CanvasObject {
	screen := container.NewStack(canvas.NewRectangle(color.Black), sd.img)
	head := container.NewBorder(nil, nil, widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, sd.pick)
	return container.NewBorder(head, container.NewVBox(sd.info, sd.errL, container.NewHBox(sd.use)), nil, nil, screen)
}

func (c *CompareView) label(v TakeView) string {
	s := "Take " + itoa(v.Number)
	if v.Active {
		s += " (active)"
	}
	return s
}

func (c *CompareView) makeLabels() []string {
	labels := make([]string, len(c.done))
	for k, v := range c.done {
		labels[k] = c.label(v)
	}
	return labels
}

// take returns side i's take (nil when none is picked).
func (c *CompareView) take(i int) *project.Take {
	if k := c.side[i].sel; k >= 0 {
		return c.done[k].Take
	}
	return nil
}

// takes returns both sides' takes.
func (c *CompareView) takes() [2]*project.Take { return [2]*project.Take{c.take(0), c.take(1)} }

// picked puts the take labelled label on side i.
func (c *CompareView) picked(i int, label string) {
	sd := c.side[i]
	k := -1
	for n, l := range c.labels {
		if l == label {
			k = n
		}
	}
	if k < 0 {
		return
	}
	changed := k != sd.sel
	sd.sel = k
	v := c.done[k]
	sd.info.SetText(takeInfo(v.Take))
	c.updateButtons()
	if !changed {
		return
	}
	sd.img.Image = v.Thumb // until its frame is rendered
	sd.img.Refresh()
	sd.setError("")
	c.takesChanged()
	if c.unfocus != nil {
		c.unfocus()
	}
}

// takeInfo describes a take in one line.
func takeInfo(t *project.Take) string {
	text := "Seed " + uitoa(t.Seed) + " · " + t.Backend
	if t.Model != "" {
		text += " " + t.Model
	}
	text += " · " + project.Frames(t.Frames, t.Rate).String()
	if t.Favourite {
		text += " · starred"
	}
	return text
}

func (sd *compareSide) setError(text string) {
	if sd.errL.Text != text {
		sd.errL.SetText(text)
	}
	showIf(sd.errL, text != "")
}

func (c *CompareView) setNotice(text string) {
	c.noticeL.SetText(text)
	showIf(c.noticeL, text != "")
}

// setSoundNotice says what the sound device does, on the transport's
// sound icon ("" when it works).
func (c *CompareView) setSoundNotice(text string) {
	if text == "" {
		c.soundIcon.Set(theme.VolumeUpIcon(), "")
		return
	}
	c.soundIcon.Set(theme.VolumeMuteIcon(), text)
}

// makeActive makes side i's take its shot's active take.
func (c *CompareView) makeActive(i int) {
	t := c.take(i)
	if t == nil || c.activate == nil {
		return
	}
	id := t.ID
	c.activate(t, func() {
		if !c.closed {
			c.markActive(id)
		}
	})
}

// markActive shows take id as the active take.
func (c *CompareView) markActive(id int64) {
	for k := range c.done {
		c.done[k].Active = c.done[k].Take.ID == id
	}
	c.labels = c.makeLabels()
	for _, sd := range c.side {
		sd.pick.Options = c.labels
		if sd.sel >= 0 {
			sd.pick.Selected = c.labels[sd.sel]
		}
		sd.pick.Refresh()
	}
	c.updateButtons()
}

// updateButtons enables Make active where it would change something.
func (c *CompareView) updateButtons() {
	for _, sd := range c.side {
		if c.activate == nil || sd.sel < 0 || c.done[sd.sel].Active {
			sd.use.Disable()
		} else {
			sd.use.Enable()
		}
	}
}
