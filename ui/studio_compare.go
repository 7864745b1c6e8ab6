package ui

import (
	"kino/project"
	kwidget "kino/ui/widget"
)

// showCompare opens the comparison of views in a dialog on the studio
// window. Make active goes through the studio's Choose Take edit, and the
// studio's player pauses while the takes play.
func (s *Studio) showCompare(views []kwidget.TakeView) {
	if s.compare != nil {
		s.compare.Close()
	}
	s.compare, _ = kwidget.ShowCompare(s.win, views, kwidget.CompareDeps{
		Post:  s.deps.Post,
		Clips: s.deps.Clips,
		Audio: s.deps.Audio,
		Activate: func(t *project.Take, done func()) {
			s.applyThen(project.SetActiveTake{ShotID: t.ShotID, TakeID: t.ID}, func(project.Applied) { done() }, t.ShotID)
		},
		BeforePlay: func() {
			if s.player.Playing() {
				s.player.Pause()
			}
		},
		Gone: s.gone.Load,
	})
}
