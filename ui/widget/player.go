package widget

import (
	"image"
	"image/color"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/engine"
	"kino/project"
	"kino/ui/playback"
)

// Player previews the selected shot or the whole timeline with sound. The
// sound is the master clock (see playback.Clock); shots without a take
// play as a storyboard card with their prompt for their duration. Music
// and voice-over clips (SetAudioClips) are mixed over the takes'
// soundtracks at their timeline positions.
type Player struct {
	widget.BaseWidget

	// OnPosition reports the timeline frame shown (offset added).
	OnPosition func(frame int64)
	// OnFirstShown is called once, on the UI goroutine, when the player
	// first shows a generated picture (storyboard cards do not count);
	// cold-start timing measures it.
	OnFirstShown func()
	firstShown   bool
	// OnFirstPreview is called once, on the UI goroutine, when the player
	// first shows a preview of a shot still generating (ShowPreview).
	OnFirstPreview func()
	firstPreview   bool
	// OnFilmMode is called when the person switches between the shot and
	// the whole film.
	OnFilmMode func(film bool)
	// OnKey receives the keys typed while the player has the keyboard
	// focus (it takes it when its picture or a control is clicked).
	OnKey func(*fyne.KeyEvent)

	post  func(func())
	clips *clipCache
	out   playback.Output

	prog     program
	offset   int64 // timeline frame of program frame 0
	frame    int64
	playing  bool
	speed    int // 1 normal; 2, 4 faster; negative plays backwards
	loop     bool
	volume   float64
	film     bool
	sess     *session
	still    atomic.Uint64 // generation of still-frame requests
	shownSeg int
	notice   string

	audioSrc     AudioSource
	audio        []project.AudioClip // music and voice-over mixed over the takes
	deviceNotice string              // about the sound device
	clipNotice   map[int64]string    // clip ID → why it plays as silence

	bg        *canvas.Rectangle
	focusRing *canvas.Rectangle
	img       *canvas.Image
	cardBg    *canvas.Rectangle
	cardTitle *widget.Label
	cardText  *widget.Label
	card      *fyne.Container
	noticeL   *widget.Label // problems with audio clips
	audioIcon *HintIcon     // the sound device's state, by the volume
	tip       *tooltip
	controls  *fyne.Container
	screen    *fyne.Container
	playBtn   *widget.Button
	loopChk   *widget.Check
	mode      *widget.RadioGroup
	vol       *widget.Slider
	timecode  *widget.Label
	full      fyne.Window
	fullImg   *canvas.Image
	root      *fyne.Container
}

// NewPlayer returns a player. out may be nil (no audio device: a wall
// clock drives the picture and a notice says so).
func NewPlayer(post func(func()), clips ClipSource, out playback.Output) *Player {
	p := &Player{post: post, clips: newClipCache(clips), out: out, speed: 1, volume: 1, shownSeg: -1}
	p.prog = newProgram(nil, project.DefaultRate)
	p.ExtendBaseWidget(p)
	p.build()
	if out == nil {
		p.setNotice("No audio device: the preview is silent and follows the wall clock.")
	} else if out.Silent() {
		p.setNotice("Silent preview: " + out.Name() + ".")
	}
	return p
}

func (p *Player) build() {
	p.bg = canvas.NewRectangle(color.Black)
	p.img = canvas.NewImageFromImage(nil)
	p.img.FillMode = canvas.ImageFillContain
	p.img.ScaleMode = canvas.ImageScaleFastest
	p.img.Hide()
	p.cardBg = canvas.NewRectangle(colEmpty)
	p.cardTitle = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.cardText = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	p.cardText.Wrapping = fyne.TextWrapWord
	p.card = container.NewStack(p.cardBg, container.NewPadded(container.NewBorder(p.cardTitle, nil, nil, nil, wrapBox(p.cardText))))
	p.card.Hide()
	p.noticeL = widget.NewLabel("")
	p.noticeL.Importance = widget.WarningImportance
	p.noticeL.Wrapping = fyne.TextWrapWord
	p.noticeL.Hide()

	p.focusRing = canvas.NewRectangle(color.Transparent)
	p.focusRing.StrokeColor = theme.Color(theme.ColorNameFocus)
	p.focusRing.StrokeWidth = 2
	p.focusRing.Hide()

	// The controls take the keyboard focus for the player, so space and
	// J/K/L work on after a click.
	focusing := func(f func()) func() { return func() { requestFocus(p); f() } }
	p.playBtn = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), focusing(p.TogglePlay))
	p.loopChk = widget.NewCheck("Loop", func(on bool) { p.loop = on; p.restartIfPlaying(); requestFocus(p) })
	p.mode = widget.NewRadioGroup([]string{"Shot", "Film"}, func(v string) {
		requestFocus(p)
		film := v == "Film"
		if film != p.film {
			p.film = film
			if p.OnFilmMode != nil {
				p.OnFilmMode(film)
			}
		}
	})
	p.mode.Horizontal = true
	p.mode.Required = true
	p.mode.SetSelected("Shot")
	p.vol = widget.NewSlider(0, 1)
	p.vol.Step = 0.05
	p.vol.Value = 1
	p.vol.OnChanged = func(v float64) {
		p.volume = v
		if p.sess != nil {
			p.sess.setVolume(v)
		}
	}
	volBox := container.NewGridWrap(fyne.NewSize(90, p.vol.MinSize().Height), p.vol)
	// The sound device's state is an icon by the volume: no device is
	// said once, calmly, in its tooltip, not in a banner.
	p.audioIcon = NewHintIcon(theme.VolumeUpIcon(), "")
	p.tip = newTooltip()
	p.audioIcon.OnHint = func(show bool) {
		if !show {
			p.tip.box.Hide()
			return
		}
		screen := p.screen.Size()
		p.tip.showAt(p.audioIcon.Hint(), fyne.NewPos(screen.Width-4, screen.Height-4), min(screen.Width-8, 360))
	}
	p.timecode = widget.NewLabelWithStyle(project.Frames(0, p.prog.rate).Timecode(), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	fullBtn := widget.NewButtonWithIcon("", theme.ViewFullScreenIcon(), focusing(p.ShowFullScreen))
	// The controls wrap onto a second row in a narrow player (laptop
	// screens) rather than widening the window past the screen.
	controls := container.New(&flowLayout{},
		container.NewHBox(
			widget.NewButtonWithIcon("", theme.MediaSkipPreviousIcon(), focusing(p.Home)),
			widget.NewButtonWithIcon("", theme.NavigateBackIcon(), focusing(func() { p.Step(-1) })),
			p.playBtn,
			widget.NewButtonWithIcon("", theme.NavigateNextIcon(), focusing(func() { p.Step(1) })),
			widget.NewButtonWithIcon("", theme.MediaSkipNextIcon(), focusing(p.End)),
			p.timecode),
		container.NewHBox(p.loopChk, p.mode),
		container.NewHBox(container.NewCenter(p.audioIcon), volBox, fullBtn),
	)
	p.controls = controls
	p.screen = container.NewStack(p.bg, p.img, p.card, p.focusRing, container.NewWithoutLayout(p.tip.box))
	p.root = container.NewBorder(wrapBox(p.noticeL), controls, nil, nil, p.screen)
}

// CreateRenderer implements fyne.Widget.
func (p *Player) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.root) }

// Tapped gives the player the keyboard focus.
func (p *Player) Tapped(*fyne.PointEvent) { requestFocus(p) }

// FocusGained implements fyne.Focusable: a ring shows the player has the keys.
func (p *Player) FocusGained() { p.focusRing.Show() }

// FocusLost implements fyne.Focusable.
func (p *Player) FocusLost() { p.focusRing.Hide() }

// HasFocus reports whether the player has the keyboard focus.
func (p *Player) HasFocus() bool { return p.focusRing.Visible() }

// TypedRune implements fyne.Focusable.
func (p *Player) TypedRune(rune) {}

// TypedKey hands the key to OnKey.
func (p *Player) TypedKey(e *fyne.KeyEvent) {
	if p.OnKey != nil {
		p.OnKey(e)
	}
}

// MinSize keeps a usable picture.
func (p *Player) MinSize() fyne.Size {
	return p.BaseWidget.MinSize().Max(fyne.NewSize(320, 240))
}

// setNotice shows text about the sound device ("" for none), with any
// notices about clips that play as silence.
func (p *Player) setNotice(text string) {
	p.deviceNotice = text
	p.showNotice()
}

// AudioHint returns what the volume control's icon says about the sound
// device when pointed at ("" when the device works).
func (p *Player) AudioHint() string { return p.audioIcon.Hint() }

// NoticeBanner returns the text of the banner above the picture ("" when
// it is hidden): problems with audio clips, never the device's state.
func (p *Player) NoticeBanner() string {
	if !p.noticeL.Visible() {
		return ""
	}
	return p.noticeL.Text
}

// Notice returns the player's notices: the device's and the clips'
// ("" when none).
func (p *Player) Notice() string { return p.notice }

// Frame returns the timeline frame shown.
func (p *Player) Frame() int64 { return p.frame + p.offset }

// Playing reports whether the player is running.
func (p *Player) Playing() bool { return p.playing }

// FilmMode reports whether the whole timeline plays.
func (p *Player) FilmMode() bool { return p.film }

// SetFilmMode switches between the selected shot and the whole film.
func (p *Player) SetFilmMode(film bool) {
	if film {
		p.mode.SetSelected("Film")
	} else {
		p.mode.SetSelected("Shot")
	}
}

// SetProgram sets what plays: segments at rate, starting at timeline
// frame offset. Playback continues from the same timeline frame.
func (p *Player) SetProgram(segs []Segment, rate project.Rate, offset int64) {
	if offset == p.offset && rate == p.prog.rate && sameSegments(segs, p.prog.segs) {
		return // nothing to play changed: do not interrupt playback
	}
	at := p.frame + p.offset
	p.prog = newProgram(segs, rate)
	p.offset = offset
	p.frame = min(max(at-offset, 0), max(p.prog.total()-1, 0))
	p.shownSeg = -1
	if p.playing {
		p.startSession()
		return
	}
	p.ShowStill()
}

// Cue shows timeline frame f (playing on from there when playing).
func (p *Player) Cue(f int64) {
	p.frame = min(max(f-p.offset, 0), max(p.prog.total()-1, 0))
	if p.playing {
		p.startSession()
		return
	}
	p.ShowStill()
}

// TogglePlay plays or pauses at normal speed.
func (p *Player) TogglePlay() {
	if p.playing {
		p.Pause()
		return
	}
	p.speed = 1
	p.Play()
}

// Play starts playback from the frame shown (from the start when at the end).
func (p *Player) Play() {
	if len(p.prog.segs) == 0 {
		return
	}
	if p.speed > 0 && p.frame >= p.prog.total()-1 {
		p.frame = 0
	}
	p.playing = true
	p.playBtn.SetIcon(theme.MediaPauseIcon())
	p.startSession()
}

// Pause stops on the frame shown.
func (p *Player) Pause() {
	p.stopSession()
	p.playing = false
	p.speed = 1
	p.playBtn.SetIcon(theme.MediaPlayIcon())
}

// Shuttle implements J (-1), K (0) and L (+1): L plays forward, faster on
// each press; J the same backwards; K pauses.
func (p *Player) Shuttle(dir int) {
	switch {
	case dir == 0:
		p.Pause()
		return
	case dir > 0 && p.playing && p.speed > 0:
		p.speed = min(p.speed*2, 4)
	case dir > 0:
		p.speed = 1
	case p.playing && p.speed < 0:
		p.speed = max(p.speed*2, -4)
	default:
		p.speed = -1
	}
	p.playing = true
	p.playBtn.SetIcon(theme.MediaPauseIcon())
	p.startSession()
}

// Step pauses and moves n frames.
func (p *Player) Step(n int) {
	if p.playing {
		p.Pause()
	}
	p.Cue(p.frame + int64(n) + p.offset)
}

// Home shows the first frame.
func (p *Player) Home() {
	if p.playing {
		p.Pause()
	}
	p.Cue(p.offset)
}

// End shows the last frame.
func (p *Player) End() {
	if p.playing {
		p.Pause()
	}
	p.Cue(p.offset + p.prog.total() - 1)
}

func (p *Player) restartIfPlaying() {
	if p.playing {
		p.startSession()
	}
}

// display shows program frame f: a picture, or the storyboard card of its
// segment. img is nil for cards.
func (p *Player) display(f int64, img image.Image, err error) {
	p.frame = f
	i, _ := p.prog.locate(f)
	if i >= 0 {
		seg := p.prog.segs[i]
		if img == nil {
			if i != p.shownSeg || !p.card.Visible() {
				title, text := "Shot "+itoa(seg.Number)+" · not generated", seg.Prompt
				switch {
				case seg.Withheld != "":
					title = "Shot " + itoa(seg.Number) + " · withheld: " + seg.Withheld
					text = "This take is not shown or heard: it depicts a person whose consent does not allow it. Regenerate the shot without them, choose another take, or delete the withheld takes."
				case seg.Take != nil && err != nil:
					title = "Shot " + itoa(seg.Number) + " · " + err.Error()
				}
				p.cardTitle.SetText(title)
				p.cardText.SetText(text)
			}
			p.img.Hide()
			p.card.Show()
		} else {
			p.img.Image = img
			p.img.Refresh()
			p.img.Show()
			p.card.Hide()
			if p.fullImg != nil {
				p.fullImg.Image = img
				p.fullImg.Refresh()
			}
		}
		p.shownSeg = i
	} else {
		p.img.Hide()
		p.card.Hide()
	}
	p.timecode.SetText(project.Frames(f+p.offset, p.prog.rate).Timecode())
	if !p.firstShown && i >= 0 && img != nil {
		p.firstShown = true
		if p.OnFirstShown != nil {
			p.OnFirstShown()
		}
	}
	if p.OnPosition != nil {
		p.OnPosition(f + p.offset)
	}
}

// ShowStill shows the current frame while paused, rendering it off the
// UI goroutine. Only the latest request is shown.
func (p *Player) ShowStill() {
	f := p.frame
	i, local := p.prog.locate(f)
	if i < 0 || p.prog.segs[i].Take == nil {
		p.display(f, nil, nil)
		return
	}
	gen := p.still.Add(1)
	take := p.prog.segs[i].Take
	go func() {
		var img image.Image
		clip, err := p.clips.get(take)
		if err == nil {
			img, err = clip.Frame(int(min(local, int64(clip.Info().Frames-1))))
		}
		p.post(func() {
			if p.still.Load() != gen || p.playing {
				return
			}
			p.display(f, img, err)
		})
	}()
}

// ShowFullScreen opens the picture in a full-screen window; Escape closes it.
func (p *Player) ShowFullScreen() {
	if p.full != nil {
		p.full.RequestFocus()
		return
	}
	w := fyne.CurrentApp().NewWindow("Kino preview")
	p.fullImg = canvas.NewImageFromImage(p.img.Image)
	p.fullImg.FillMode = canvas.ImageFillContain
	w.SetContent(container.NewStack(canvas.NewRectangle(color.Black), p.fullImg))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case fyne.KeyEscape:
			w.Close()
		case fyne.KeySpace:
			p.TogglePlay()
		}
	})
	w.SetOnClosed(func() { p.full, p.fullImg = nil, nil })
	w.SetFullScreen(true)
	p.full = w
	w.Show()
}

// OpenTake returns take t's clip through the player's cache of open
// takes (opening it when needed), so that others reading a take's media
// (the timeline's waveform) share the player's. Call it off the UI
// goroutine.
func (p *Player) OpenTake(t *project.Take) (engine.Clip, error) { return p.clips.get(t) }

// ForgetTake closes take id's clip, after the take was deleted.
func (p *Player) ForgetTake(id int64) { p.clips.forget(id) }

// Controls returns the player's controls by name (see Studio.Controls).
func (p *Player) Controls() map[string]fyne.CanvasObject {
	return map[string]fyne.CanvasObject{"player controls": p.controls, "volume": p.vol}
}

// Close stops playback and closes open clips.
func (p *Player) Close() {
	p.stopSession()
	p.clips.close()
	if p.full != nil {
		p.full.Close()
	}
}

// sameSegments reports whether two programs show the same pictures.
func sameSegments(a, b []Segment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.ShotID != y.ShotID || x.Number != y.Number || x.Frames != y.Frames || x.Prompt != y.Prompt || x.Withheld != y.Withheld || (x.Take == nil) != (y.Take == nil) ||
			x.Take != nil && x.Take.ID != y.Take.ID {
			return false
		}
	}
	return true
}
