package widget

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// compareTransport is the one set of controls both takes play from.
type compareTransport struct {
	rate    project.Rate
	total   int64 // frames: the longer take's length
	frame   int64 // frame shown, on both sides
	playing bool
	listen  int // the side whose sound plays
	syncing bool

	playBtn  *widget.Button
	scrub    *scrubSlider
	timecode *widget.Label
	listenTo [2]*widget.Button
	root     fyne.CanvasObject
}

// scrubSlider is the shared position slider. It hands the transport keys
// to the comparison when it has the focus, so that they keep working
// after the person drags it.
type scrubSlider struct {
	widget.Slider
	onKey func(*fyne.KeyEvent)
}

func newScrubSlider(onKey func(*fyne.KeyEvent)) *scrubSlider {
	s := &scrubSlider{onKey: onKey}
	s.Min, s.Max, s.Step = 0, 1, 1
	s.Orientation = widget.Horizontal
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey implements fyne.Focusable.
func (s *scrubSlider) TypedKey(e *fyne.KeyEvent) { s.onKey(e) }

func (c *CompareView) buildTransport() {
	t := &c.transport
	t.rate = project.DefaultRate
	t.playBtn = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), c.togglePlay)
	t.scrub = newScrubSlider(c.typedKey)
	t.scrub.OnChanged = func(v float64) {
		if !t.syncing {
			c.cue(int64(math.Round(v)))
		}
	}
	t.timecode = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	for i, name := range []string{"Listen to A", "Listen to B"} {
		t.listenTo[i] = widget.NewButtonWithIcon(name, theme.VolumeUpIcon(), func() { c.setListen(i) })
	}
	buttons := container.NewHBox(
		widget.NewButtonWithIcon("", theme.MediaSkipPreviousIcon(), c.home),
		widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.step(-1) }),
		t.playBtn,
		widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.step(1) }),
	)
	c.soundIcon = NewHintIcon(theme.VolumeUpIcon(), "")
	t.root = container.NewBorder(nil, nil, buttons, container.NewHBox(t.timecode, t.listenTo[0], t.listenTo[1], container.NewCenter(c.soundIcon)), t.scrub)
	c.showListen()
	if c.clips == nil {
		t.playBtn.Disable()
		t.scrub.Disable()
	}
}

// takesChanged sets the transport's length for the takes picked and
// shows them at the same frame.
func (c *CompareView) takesChanged() {
	t := &c.transport
	takes := c.takes()
	t.rate, t.total = project.DefaultRate, 0
	if takes[0] != nil && takes[0].Rate.Num > 0 {
		t.rate = takes[0].Rate
	} else if takes[1] != nil && takes[1].Rate.Num > 0 {
		t.rate = takes[1].Rate
	}
	for _, tk := range takes {
		if tk != nil {
			t.total = max(t.total, project.Frames(tk.Frames, tk.Rate).Rescale(t.rate).Frames)
		}
	}
	t.scrub.Max = float64(max(t.total-1, 1))
	t.frame = min(t.frame, max(t.total-1, 0))
	t.scrub.Refresh()
	if t.playing {
		c.startSession()
		return
	}
	c.showPosition()
	c.showStill()
}

// typedKey handles the comparison's keys: Space plays or pauses, ←/→
// step one frame, Home and End jump to the ends.
func (c *CompareView) typedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeySpace:
		c.togglePlay()
	case fyne.KeyLeft:
		c.step(-1)
	case fyne.KeyRight:
		c.step(1)
	case fyne.KeyHome:
		c.home()
	case fyne.KeyEnd:
		c.end()
	}
}

func (c *CompareView) togglePlay() {
	if c.transport.playing {
		c.pause()
		return
	}
	c.play()
}

// play plays both takes from the frame shown (from the start when at the
// end).
func (c *CompareView) play() {
	t := &c.transport
	if c.clips == nil || c.closed || t.total == 0 {
		return
	}
	if t.frame >= t.total-1 {
		t.frame = 0
	}
	if c.beforePlay != nil {
		c.beforePlay()
	}
	t.playing = true
	t.playBtn.SetIcon(theme.MediaPauseIcon())
	c.startSession()
}

// pause stops both takes on the frame shown.
func (c *CompareView) pause() {
	c.stopSession()
	c.transport.playing = false
	c.transport.playBtn.SetIcon(theme.MediaPlayIcon())
}

// cue shows frame f on both sides, playing on from there when playing.
func (c *CompareView) cue(f int64) {
	t := &c.transport
	t.frame = min(max(f, 0), max(t.total-1, 0))
	if t.playing {
		c.startSession()
		return
	}
	c.showPosition()
	c.showStill()
}

// step pauses and moves n frames.
func (c *CompareView) step(n int) {
	if c.transport.playing {
		c.pause()
	}
	c.cue(c.transport.frame + int64(n))
}

// home pauses on the first frame.
func (c *CompareView) home() {
	if c.transport.playing {
		c.pause()
	}
	c.cue(0)
}

// end pauses on the last frame.
func (c *CompareView) end() {
	if c.transport.playing {
		c.pause()
	}
	c.cue(c.transport.total - 1)
}

// setListen chooses whose sound plays.
func (c *CompareView) setListen(i int) {
	if c.transport.listen == i {
		return
	}
	c.transport.listen = i
	c.showListen()
	if c.transport.playing {
		c.startSession()
	}
}

func (c *CompareView) showListen() {
	for i, b := range c.transport.listenTo {
		if i == c.transport.listen {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
}

// display shows frame f: both sides' pictures (a nil picture keeps what
// is shown) or why they cannot be shown.
func (c *CompareView) display(f int64, imgs [2]image.Image, errs [2]error) {
	c.transport.frame = f
	for i, sd := range c.side {
		if imgs[i] != nil {
			sd.img.Image = imgs[i]
			sd.img.Refresh()
		}
		msg := ""
		if errs[i] != nil {
			msg = errs[i].Error()
		}
		sd.setError(msg)
	}
	c.showPosition()
}

// showPosition moves the slider and the timecode to the frame shown.
func (c *CompareView) showPosition() {
	t := &c.transport
	t.syncing = true
	t.scrub.SetValue(float64(t.frame))
	t.syncing = false
	t.timecode.SetText(project.Frames(t.frame, t.rate).Timecode() + " / " + project.Frames(t.total, t.rate).Timecode())
}
