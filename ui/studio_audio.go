package ui

import (
	"kino/project"
	kwidget "kino/ui/widget"
)

// buildAudio sets up the music and voice-over clips: their sound comes
// from the project's media, the timeline moves them and the player mixes
// them over the takes. build calls it once the timeline and player exist.
func (s *Studio) buildAudio() {
	s.play.sounds = kwidget.NewSoundCache(s.deps.Store.OpenBlob)
	s.play.player.SetAudioSource(s.play.sounds)
	s.timeline.OnAudioMove = s.moveAudioClip
	s.buildClipPanel()
}

// SelectedAudioClip returns the ID of the music or voice-over clip selected
// on the timeline, or 0.
func (s *Studio) SelectedAudioClip() int64 { return s.timeline.SelectedAudio() }

// AudioClips returns the project's music and voice-over clips as last read.
func (s *Studio) AudioClips() []*project.AudioClip {
	return append([]*project.AudioClip(nil), s.m.audio...)
}

// moveAudioClip stores a clip's new start, dragged on the timeline, as one
// undoable edit.
func (s *Studio) moveAudioClip(id int64, start project.Time) {
	s.editAudioClip(id, func(c *project.AudioClip) { c.Start = start })
}

// editAudioClip applies change to the newest copy of clip id and stores
// the result as one undoable edit. The copy is updated at once, before the
// store answers, so that edits made in quick succession (a rename, then a
// drag) build on each other instead of each putting back what the other
// changed.
func (s *Studio) editAudioClip(id int64, change func(c *project.AudioClip)) {
	c := s.m.audioClip(id)
	if c == nil {
		return // deleted meanwhile
	}
	updated := *c
	change(&updated)
	if updated == *c {
		return
	}
	*c = updated
	s.apply(project.UpdateAudioClip{Clip: updated})
}

// deleteSelectedAudio removes the selected clip (undoable). It reports
// whether a clip was selected.
func (s *Studio) deleteSelectedAudio() bool {
	id := s.timeline.SelectedAudio()
	if id == 0 {
		return false
	}
	s.timeline.SetSelectedAudio(0)
	s.refreshClipPanel()
	if s.m.audioClip(id) != nil {
		s.apply(project.DeleteAudioClip{ClipID: id})
	}
	return true
}
