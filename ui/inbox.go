package ui

import (
	"kino/project"
)

// InboxImage is an image imported from the project's inbox folder: a
// stored asset, and the file it came from (now in inbox/imported/).
type InboxImage struct {
	// Name is what the cameo form's picker shows (the file name).
	Name string
	// Path is the imported file, readable as a reference image.
	Path string
	// Asset is the image stored in the project.
	Asset project.Asset
}

// AddInboxImage offers an image imported from the inbox in the cameo
// form's image picker. Call it on the UI goroutine.
func (s *Studio) AddInboxImage(img InboxImage) { s.cast.addInboxImage(img) }

// addInboxImage offers img in the cameo form's image picker (see
// AddInboxImage).
func (cs *cameosCtl) addInboxImage(img InboxImage) {
	if cs.s.closed {
		return
	}
	cs.inbox = append(cs.inbox, img)
	if cs.form != nil {
		cs.form.setInbox(cs.inbox)
	}
	cs.s.setStatus("Imported image " + img.Name + " from the inbox")
}

// InboxImages returns the images imported from the inbox, oldest first.
func (s *Studio) InboxImages() []InboxImage { return append([]InboxImage(nil), s.cast.inbox...) }

// AddInboxAudio places a sound imported from the inbox on the music lane
// at the playhead, as an undoable edit. Call it on the UI goroutine.
func (s *Studio) AddInboxAudio(name string, a project.Asset) {
	if s.closed {
		return
	}
	start := s.timeline.Playhead()
	if start.Rate != s.m.settings.Rate {
		start = project.Frames(0, s.m.settings.Rate)
	}
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	s.edits.apply(project.AddAudioClip{Clip: project.AudioClip{Lane: project.LaneMusic, Name: name, Asset: a, Start: start}})
}

// ReloadLibrary reads the cameo library again, for when another window or
// `kino cameo` changed it. Call it on the UI goroutine.
func (s *Studio) ReloadLibrary() {
	if s.closed {
		return
	}
	s.edits.reloadLibrary()
}

// ShowNotice shows a short, non-blocking message in the status line. Call
// it on the UI goroutine.
func (s *Studio) ShowNotice(text string) {
	if !s.closed {
		s.setStatus(text)
	}
}
