package ui

import (
	"fyne.io/fyne/v2"

	"kino/project"
	kwidget "kino/ui/widget"
)

// The studio's side: the panel takes the shot inspector's place while a
// clip is selected.

// AudioClipPanel returns the panel that edits the selected audio clip.
// It is shown in the inspector's place while a clip is selected.
func (s *Studio) AudioClipPanel() *kwidget.AudioClipPanel { return s.clipPanel }

// buildClipPanel creates the clip panel and follows the timeline's clip
// selection. buildAudio calls it.
func (s *Studio) buildClipPanel() {
	s.clipPanel = kwidget.NewAudioClipPanel()
	s.clipPanel.Hide()
	s.clipPanel.OnCommit = s.edits.updateAudioClip
	s.clipPanel.OnLengthNeeded = s.readClipLength
	s.clipPanel.OnDelete = func(id int64) {
		if s.timeline.SelectedAudio() == id {
			s.edits.deleteSelectedAudio()
		}
	}
	s.timeline.OnAudioSelect = func(int64) { s.refreshClipPanel() }
}

// refreshClipPanel shows the selected clip in the panel, in the
// inspector's place, or the inspector when no clip is selected.
func (s *Studio) refreshClipPanel() {
	c := s.m.audioClip(s.timeline.SelectedAudio())
	if c == nil {
		s.clipPanel.SetClip(nil, s.m.settings.Rate, 0)
		showIf(s.clipPanel, false)
		showIf(s.inspector, true)
		return
	}
	if s.inspector.Visible() {
		s.inspector.Flush()
	}
	rate := s.m.settings.Rate
	frames := s.clipFrames(c)
	s.clipPanel.SetClip(c, rate, frames)
	showIf(s.inspector, false)
	showIf(s.clipPanel, true)
}

// clipFrames returns clip c's length as the audio lane knows it: frames,
// 0 while unknown, -1 when its sound cannot be read.
func (s *Studio) clipFrames(c *project.AudioClip) int64 {
	if b, ok := s.timeline.AudioBlock(c.ID); ok {
		if b.Failed {
			return -1
		}
		return b.Frames
	}
	return 0
}

// readClipLength reads clip c's sound off the UI goroutine, apart from
// the store's worker (the sound cache shares the decoding with the
// waveform), and gives the panel its length at rate.
func (s *Studio) readClipLength(c project.AudioClip, rate project.Rate) {
	asset, id, sounds, p := c.Asset, c.ID, s.play.sounds, s.clipPanel
	go func() {
		pcm, err := sounds.OpenAudio(asset)
		frames := int64(-1)
		if err == nil {
			frames = kwidget.SoundFrames(pcm.Len(), rate)
		}
		s.deps.Post(func() { p.SetLength(id, asset.SHA256, rate, frames) })
	}()
}

// showIf shows or hides o, touching it only when that changes.
func showIf(o fyne.CanvasObject, show bool) {
	if show && !o.Visible() {
		o.Show()
	} else if !show && o.Visible() {
		o.Hide()
	}
}
