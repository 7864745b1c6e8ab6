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
	s.timeline.OnAudioMove = s.edits.moveAudioClip
	s.buildClipPanel()
}

// SelectedAudioClip returns the ID of the music or voice-over clip selected
// on the timeline, or 0.
func (s *Studio) SelectedAudioClip() int64 { return s.timeline.SelectedAudio() }

// AudioClips returns the project's music and voice-over clips as last read.
func (s *Studio) AudioClips() []*project.AudioClip {
	return append([]*project.AudioClip(nil), s.m.audio...)
}
