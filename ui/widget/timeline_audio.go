package widget

import (
	"image/color"

	"fyne.io/fyne/v2"

	"kino/project"
)

// AudioBlock is a music or voice-over clip as the audio lane draws it.
type AudioBlock struct {
	ID    int64
	Lane  project.AudioLane
	Name  string
	Start int64 // the timeline frame it starts on
	// Frames is how long its sound lasts; 0 while the sound is being read
	// (the block is then drawn one second long).
	Frames int64
	// Peaks is its waveform, one peak (0..1) per frame from Start; nil
	// while the sound is being read.
	Peaks []float32
	// Failed marks a clip whose sound cannot be read: it plays as silence.
	Failed bool
}

// span returns how many frames the block is drawn over at rate.
func (b *AudioBlock) span(rate project.Rate) int64 {
	if b.Frames > 0 {
		return b.Frames
	}
	return max(project.Seconds(1, rate).Frames, 1)
}

// Lane colours: the takes' soundtrack uses the theme's primary colour,
// music and voice-over clips their own, and unreadable clips a warning.
var (
	colMusic                 = color.RGBA{R: 0x2b, G: 0xb5, B: 0x8f, A: 0xff}
	colVoice                 = color.RGBA{R: 0xf0, G: 0x9a, B: 0x3c, A: 0xff}
	colAudioBad              = color.RGBA{R: 0xc0, G: 0x40, B: 0x40, A: 0xff}
	colMusicBg   color.Color = color.NRGBA{R: 0x2b, G: 0xb5, B: 0x8f, A: 0x40}
	colVoiceBg   color.Color = color.NRGBA{R: 0xf0, G: 0x9a, B: 0x3c, A: 0x40}
	colAudioBadB color.Color = color.NRGBA{R: 0xc0, G: 0x40, B: 0x40, A: 0x50}
)

// laneColour returns the colour of a clip's waveform and its block's fill.
func laneColour(b *AudioBlock) (wave color.RGBA, fill color.Color) {
	switch {
	case b.Failed:
		return colAudioBad, colAudioBadB
	case b.Lane == project.LaneVoiceOver:
		return colVoice, colVoiceBg
	}
	return colMusic, colMusicBg
}

// SetAudioClips replaces the music and voice-over clips the audio lane
// shows. A selected clip stays selected while it remains.
func (t *Timeline) SetAudioClips(blocks []AudioBlock) {
	t.audio = append(t.audio[:0], blocks...)
	t.geom.reach = 0
	kept := false
	for i := range t.audio {
		b := &t.audio[i]
		t.geom.reach = max(t.geom.reach, b.Start+b.span(t.geom.rate))
		kept = kept || b.ID == t.audioSel
	}
	if !kept {
		t.audioSel = 0
	}
	t.Refresh()
}

// AudioClips returns the clips the audio lane shows.
func (t *Timeline) AudioClips() []AudioBlock { return t.audio }

// SelectedAudio returns the selected clip's ID, or 0.
func (t *Timeline) SelectedAudio() int64 { return t.audioSel }

// SetSelectedAudio selects clip id (0: none) without calling OnAudioSelect.
func (t *Timeline) SetSelectedAudio(id int64) {
	if t.audioSel != id {
		t.audioSel = id
		t.Refresh()
	}
}

// selectAudio selects clip id (0: none) as the person did.
func (t *Timeline) selectAudio(id int64) {
	if t.audioSel == id {
		return
	}
	t.audioSel = id
	t.Refresh()
	if t.OnAudioSelect != nil {
		t.OnAudioSelect(id)
	}
}

// laneTop is the audio lane's top edge.
const laneTop = rulerHeight + trackHeight + laneGap

// AudioClipAt returns the index of the clip under pos (in the timeline's
// coordinates), or -1. Where clips overlap, the one drawn on top wins.
func (t *Timeline) AudioClipAt(pos fyne.Position) int {
	if pos.Y < laneTop || pos.Y > laneTop+audioHeight {
		return -1
	}
	g := &t.geom
	x := float64(pos.X)
	for i := len(t.audio) - 1; i >= 0; i-- {
		b := &t.audio[i]
		x0 := g.x(t.blockStart(i))
		if x >= x0 && x < x0+float64(b.span(g.rate))*g.pxPerFrame() {
			return i
		}
	}
	return -1
}

// AudioClipPosition returns a point inside clip i's block, near its
// start, in the timeline's coordinates, scrolling it into view first.
func (t *Timeline) AudioClipPosition(i int) fyne.Position {
	g := &t.geom
	b := &t.audio[i]
	w := float64(t.Size().Width)
	x0 := g.x(b.Start)
	if w > 0 && (x0 < 0 || x0 > w-20) {
		g.scroll = float64(b.Start)*g.pxPerFrame() - 10
		g.clampScroll(w)
		t.Refresh()
		x0 = g.x(b.Start)
	}
	width := float64(b.span(g.rate)) * g.pxPerFrame()
	return fyne.NewPos(float32(x0+min(width/2, 20)), laneTop+audioHeight/2)
}

// FrameX returns where timeline frame f is drawn, as an x coordinate in
// the timeline's coordinates at the current zoom and scroll.
func (t *Timeline) FrameX(f int64) float64 { return t.geom.x(f) }

// blockStart returns where clip i is drawn: its start, or its live start
// while it is dragged.
func (t *Timeline) blockStart(i int) int64 {
	if d := &t.drag; d.kind == dragAudio && d.clip == t.audio[i].ID {
		return d.start
	}
	return t.audio[i].Start
}

// AudioBlock returns the block of clip id as the lane shows it.
func (t *Timeline) AudioBlock(id int64) (AudioBlock, bool) {
	if i := t.audioIndex(id); i >= 0 {
		return t.audio[i], true
	}
	return AudioBlock{}, false
}

// audioIndex returns the index of clip id, or -1.
func (t *Timeline) audioIndex(id int64) int {
	for i := range t.audio {
		if t.audio[i].ID == id {
			return i
		}
	}
	return -1
}
