package ui

import (
	"fyne.io/fyne/v2"

	"kino/project"
	kwidget "kino/ui/widget"
)

// clipsCtl looks after the music and voice-over clips: moving and
// deleting them on the timeline, and the clip panel that edits the
// selected one in the inspector's place. Each change is one undoable edit.
type clipsCtl struct {
	s     *Studio
	panel *kwidget.AudioClipPanel // in the inspector's place while a clip is selected
}

// AudioClipPanel returns the panel that edits the selected audio clip.
// It is shown in the inspector's place while a clip is selected.
func (s *Studio) AudioClipPanel() *kwidget.AudioClipPanel { return s.clips.panel }

// SelectedAudioClip returns the ID of the music or voice-over clip selected
// on the timeline, or 0.
func (s *Studio) SelectedAudioClip() int64 { return s.timeline.SelectedAudio() }

// AudioClips returns the project's music and voice-over clips as last read.
func (s *Studio) AudioClips() []*project.AudioClip {
	return append([]*project.AudioClip(nil), s.m.audio...)
}

// move stores a clip's new start, dragged on the timeline, as one
// undoable edit.
func (a *clipsCtl) move(id int64, start project.Time) {
	a.edit(id, func(c *project.AudioClip) { c.Start = start })
}

// edit applies change to the newest copy of clip id and stores
// the result as one undoable edit. The copy is updated at once, before the
// store answers, so that edits made in quick succession (a rename, then a
// drag) build on each other instead of each putting back what the other
// changed.
func (a *clipsCtl) edit(id int64, change func(c *project.AudioClip)) {
	c := a.s.m.audioClip(id)
	if c == nil {
		return // deleted meanwhile
	}
	updated := *c
	change(&updated)
	if updated == *c {
		return
	}
	*c = updated
	a.s.edits.apply(project.UpdateAudioClip{Clip: updated})
}

// deleteSelected removes the selected clip (undoable). It reports
// whether a clip was selected.
func (a *clipsCtl) deleteSelected() bool {
	id := a.s.timeline.SelectedAudio()
	if id == 0 {
		return false
	}
	a.s.timeline.SetSelectedAudio(0)
	a.refresh()
	if a.s.m.audioClip(id) != nil {
		a.s.edits.apply(project.DeleteAudioClip{ClipID: id})
	}
	return true
}

// update stores the panel's change to a clip as one undoable edit.
func (a *clipsCtl) update(id int64, change func(c *project.AudioClip)) {
	a.edit(id, change)
}

// build creates the clip panel and follows the timeline's clip moves and
// selection. The studio's build calls it once the timeline exists.
func (a *clipsCtl) build() {
	a.s.timeline.OnAudioMove = a.move
	a.panel = kwidget.NewAudioClipPanel()
	a.panel.Hide()
	a.panel.OnCommit = a.update
	a.panel.OnLengthNeeded = a.readLength
	a.panel.OnDelete = func(id int64) {
		if a.s.timeline.SelectedAudio() == id {
			a.deleteSelected()
		}
	}
	a.s.timeline.OnAudioSelect = func(int64) { a.refresh() }
}

// refresh shows the selected clip in the panel, in the
// inspector's place, or the inspector when no clip is selected.
func (a *clipsCtl) refresh() {
	c := a.s.m.audioClip(a.s.timeline.SelectedAudio())
	if c == nil {
		a.panel.SetClip(nil, a.s.m.settings.Rate, 0)
		showIf(a.panel, false)
		showIf(a.s.inspector, true)
		return
	}
	if a.s.inspector.Visible() {
		a.s.inspector.Flush()
	}
	rate := a.s.m.settings.Rate
	frames := a.frames(c)
	a.panel.SetClip(c, rate, frames)
	showIf(a.s.inspector, false)
	showIf(a.panel, true)
}

// frames returns clip c's length as the audio lane knows it: frames,
// 0 while unknown, -1 when its sound cannot be read.
func (a *clipsCtl) frames(c *project.AudioClip) int64 {
	if b, ok := a.s.timeline.AudioBlock(c.ID); ok {
		if b.Failed {
			return -1
		}
		return b.Frames
	}
	return 0
}

// readLength reads clip c's sound off the UI goroutine, apart from
// the store's worker (the sound cache shares the decoding with the
// waveform), and gives the panel its length at rate.
func (a *clipsCtl) readLength(c project.AudioClip, rate project.Rate) {
	asset, id, sounds, p := c.Asset, c.ID, a.s.play.sounds, a.panel
	go func() {
		pcm, err := sounds.OpenAudio(asset)
		frames := int64(-1)
		if err == nil {
			frames = kwidget.SoundFrames(pcm.Len(), rate)
		}
		a.s.deps.Post(func() { p.SetLength(id, asset.SHA256, rate, frames) })
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
