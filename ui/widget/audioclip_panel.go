package widget

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// Gain slider range and step, in dB. A clip stored outside the range
// widens the slider to show it.
const (
	clipGainMin  = -30
	clipGainMax  = 12
	clipGainStep = 0.5
)

// Lane choices as the panel names them.
const (
	laneOptMusic = "Music"
	laneOptVoice = "Voice-over"
)

// AudioClipPanel edits the selected music or voice-over clip: its name,
// lane, start (as timecode) and gain, with its length shown and a Delete
// button. Every finished change is reported through OnCommit as a change
// to one field, which the studio applies to its newest copy of the clip
// and stores at once as one edit (so a drag on the timeline that is not
// stored yet is not undone by a change made here).
type AudioClipPanel struct {
	widget.BaseWidget

	// OnCommit receives a change to one field of the clip with id.
	OnCommit func(id int64, change func(c *project.AudioClip))
	// OnDelete asks to delete the clip with id.
	OnDelete func(id int64)
	// OnLengthNeeded asks for the length of clip c at rate, once per clip
	// and sound, when SetClip was given none (frames 0). The answer comes
	// back through SetLength.
	OnLengthNeeded func(c project.AudioClip, rate project.Rate)

	rate    project.Rate
	base    *project.AudioClip // the clip shown, with the changes committed so far
	loading bool               // set while the program fills the fields
	asked   string             // the asset whose length OnLengthNeeded is reading

	title     *widget.Label
	name      *CommitEntry
	lane      *widget.Select
	start     *CommitEntry
	gain      *widget.Slider
	gainLabel *widget.Label
	length    *widget.Label
	message   *widget.Label
	del       *widget.Button
	root      fyne.CanvasObject
}

var _ fyne.Widget = (*AudioClipPanel)(nil)

// NewAudioClipPanel returns an empty panel; SetClip fills it.
func NewAudioClipPanel() *AudioClipPanel {
	p := &AudioClipPanel{}
	p.ExtendBaseWidget(p)
	p.build()
	return p
}

func (p *AudioClipPanel) build() {
	p.title = widget.NewLabelWithStyle("Audio clip", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.name = NewCommitEntry(false)
	p.name.SetPlaceHolder("Name")
	p.name.OnCommit = p.commitName
	p.lane = widget.NewSelect([]string{laneOptMusic, laneOptVoice}, p.commitLane)
	p.start = NewCommitEntry(false)
	p.start.SetPlaceHolder("00:00:00:00")
	p.start.OnCommit = p.commitStart
	p.gain = widget.NewSlider(clipGainMin, clipGainMax)
	p.gain.Step = clipGainStep
	p.gainLabel = widget.NewLabel(formatGain(0))
	p.gain.OnChanged = func(v float64) { p.gainLabel.SetText(formatGain(roundGain(v))) }
	p.gain.OnChangeEnded = p.commitGain
	p.length = widget.NewLabel("")
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	p.message.Importance = widget.WarningImportance
	p.message.Hide()
	p.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		if p.base != nil && p.OnDelete != nil {
			p.OnDelete(p.base.ID)
		}
	})
	form := widget.NewForm(
		widget.NewFormItem("Name", p.name),
		widget.NewFormItem("Lane", p.lane),
		widget.NewFormItem("Start", p.start),
		widget.NewFormItem("Gain", container.NewBorder(nil, nil, nil, p.gainLabel, p.gain)),
		widget.NewFormItem("Length", p.length),
	)
	p.root = container.NewVScroll(container.NewVBox(p.title, form, p.message, container.NewHBox(p.del)))
}

// CreateRenderer implements fyne.Widget.
func (p *AudioClipPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.root)
}

// SetClip shows c at the project rate r (nil: nothing). frames is the
// clip's length in frames at r, 0 while unknown, -1 when its sound
// cannot be read. Showing another clip first commits typing left on the
// one shown; for the same clip, text the person is still typing is kept.
func (p *AudioClipPanel) SetClip(c *project.AudioClip, r project.Rate, frames int64) {
	same := c != nil && p.base != nil && c.ID == p.base.ID
	if p.base != nil && !same {
		p.Flush()
	}
	p.loading = true
	defer func() { p.loading = false }()
	p.rate = r
	if c == nil {
		p.base = nil
		p.showMessage("")
		return
	}
	cp := *c
	p.base = &cp
	if !same {
		p.showMessage("")
		p.asked = ""
	}
	p.title.SetText(laneTitle(c.Lane))
	set := func(e *CommitEntry, v string) {
		if same {
			e.setCommitted(v)
		} else {
			e.ForceText(v)
		}
	}
	set(p.name, c.Name)
	set(p.start, c.Start.Rescale(r).Timecode())
	p.lane.SetSelected(laneOption(c.Lane))
	// Widen the slider for a gain stored outside its usual range.
	lo := math.Min(clipGainMin, math.Floor(c.GainDB/clipGainStep)*clipGainStep)
	hi := math.Max(clipGainMax, math.Ceil(c.GainDB/clipGainStep)*clipGainStep)
	if lo != p.gain.Min || hi != p.gain.Max {
		p.gain.Min, p.gain.Max = lo, hi
		p.gain.Refresh()
	}
	p.gain.SetValue(c.GainDB)
	p.gainLabel.SetText(formatGain(c.GainDB))
	p.setLength(frames)
	if frames == 0 && p.asked != c.Asset.SHA256 && p.OnLengthNeeded != nil {
		p.asked = c.Asset.SHA256
		p.OnLengthNeeded(cp, r)
	}
}

// SetLength shows the length read for clip id with sound asset at rate
// (see OnLengthNeeded): frames, or -1 when its sound cannot be read. An
// answer for a clip, sound or rate no longer shown is dropped.
func (p *AudioClipPanel) SetLength(id int64, asset string, rate project.Rate, frames int64) {
	if p.base != nil && p.base.ID == id && p.base.Asset.SHA256 == asset && p.rate == rate {
		p.setLength(frames)
	}
}

// setLength shows the clip's length: frames at the panel's rate, 0 while
// it is being read, -1 when its sound cannot be read.
func (p *AudioClipPanel) setLength(frames int64) {
	switch {
	case frames < 0:
		p.length.SetText("unreadable (plays as silence)")
	case frames == 0:
		p.length.SetText("reading…")
	default:
		p.length.SetText(project.Frames(frames, p.rate).String())
	}
}

// Clip returns the clip shown, with the changes committed so far, or nil.
func (p *AudioClipPanel) Clip() *project.AudioClip {
	if p.base == nil {
		return nil
	}
	c := *p.base
	return &c
}

// NameField returns the name field (committed on Enter or focus loss).
func (p *AudioClipPanel) NameField() Field { return p.name }

// StartField returns the start field, which takes a timecode such as
// 00:00:01:12 (or 36f, 1.5s), committed on Enter or focus loss.
func (p *AudioClipPanel) StartField() Field { return p.start }

// LaneSelect returns the Music / Voice-over choice.
func (p *AudioClipPanel) LaneSelect() *widget.Select { return p.lane }

// GainSlider returns the gain slider, in dB; a change is stored when the
// drag ends.
func (p *AudioClipPanel) GainSlider() *widget.Slider { return p.gain }

// DeleteButton returns the button that deletes the clip.
func (p *AudioClipPanel) DeleteButton() *widget.Button { return p.del }

// Length returns the clip's length as shown.
func (p *AudioClipPanel) Length() string { return p.length.Text }

// Message returns the message about refused input ("" when none).
func (p *AudioClipPanel) Message() string {
	if !p.message.Visible() {
		return ""
	}
	return p.message.Text
}

// Flush commits the text fields that hold unsaved typing.
func (p *AudioClipPanel) Flush() {
	p.name.commit()
	p.start.commit()
}

// commitWith applies change to the shown clip and reports it.
func (p *AudioClipPanel) commitWith(change func(c *project.AudioClip)) {
	if p.base == nil {
		return
	}
	change(p.base)
	p.showMessage("")
	if p.OnCommit != nil {
		p.OnCommit(p.base.ID, change)
	}
}

func (p *AudioClipPanel) commitName(text string) {
	if p.loading || p.base == nil {
		return
	}
	text = strings.TrimSpace(text)
	if n := utf8.RuneCountInString(text); n > 200 {
		p.refuse(p.name, p.base.Name, "The name has "+strconv.Itoa(n)+" characters; at most 200 fit. It stays “"+p.base.Name+"”.")
		return
	}
	if text == p.base.Name {
		return
	}
	p.commitWith(func(c *project.AudioClip) { c.Name = text })
}

func (p *AudioClipPanel) commitLane(opt string) {
	if p.loading || p.base == nil {
		return
	}
	lane := project.LaneMusic
	if opt == laneOptVoice {
		lane = project.LaneVoiceOver
	}
	if lane == p.base.Lane {
		return
	}
	p.title.SetText(laneTitle(lane))
	p.commitWith(func(c *project.AudioClip) { c.Lane = lane })
}

func (p *AudioClipPanel) commitStart(text string) {
	if p.loading || p.base == nil {
		return
	}
	old := p.base.Start.Rescale(p.rate).Timecode()
	t, err := project.ParseTime(text, p.rate)
	switch {
	case err != nil:
		p.refuse(p.start, old, "Start “"+strings.TrimSpace(text)+"” is not a time: "+project.ErrorMessage(err)+". Type a timecode such as 00:00:01:12. It stays "+old+".")
		return
	case t.Frames < 0:
		p.refuse(p.start, old, "Start cannot be before 00:00:00:00. It stays "+old+".")
		return
	}
	if t == p.base.Start.Rescale(p.rate) {
		p.start.ForceText(old) // the same time typed another way
		return
	}
	p.commitWith(func(c *project.AudioClip) { c.Start = t })
	p.start.ForceText(t.Timecode())
}

// commitGain stores the gain when a drag on the slider ends. Values the
// program sets, and ones that round to the stored gain, are not edits.
func (p *AudioClipPanel) commitGain(v float64) {
	if p.loading || p.base == nil {
		return
	}
	g := roundGain(v)
	if g == p.base.GainDB {
		return
	}
	p.gainLabel.SetText(formatGain(g))
	p.commitWith(func(c *project.AudioClip) { c.GainDB = g })
}

// refuse shows msg and puts the stored value back in field e.
func (p *AudioClipPanel) refuse(e *CommitEntry, stored, msg string) {
	e.ForceText(stored)
	p.showMessage(msg)
}

func (p *AudioClipPanel) showMessage(msg string) {
	p.message.SetText(msg)
	showIf(p.message, msg != "")
}

// roundGain rounds v to the slider's step.
func roundGain(v float64) float64 {
	g := math.Round(v/clipGainStep) * clipGainStep
	if g == 0 {
		return 0 // no "-0.0 dB"
	}
	return g
}

// formatGain formats a gain as "+3.5 dB", "0.0 dB" or "-6.0 dB".
func formatGain(db float64) string {
	s := strconv.FormatFloat(db, 'f', 1, 64)
	if db > 0 {
		s = "+" + s
	}
	return s + " dB"
}

// laneOption returns the choice that names lane.
func laneOption(l project.AudioLane) string {
	if l == project.LaneVoiceOver {
		return laneOptVoice
	}
	return laneOptMusic
}

// laneTitle is the panel's heading for a clip on lane l.
func laneTitle(l project.AudioLane) string {
	if l == project.LaneVoiceOver {
		return "Audio clip · voice-over"
	}
	return "Audio clip · music"
}
