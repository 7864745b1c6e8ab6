package ui

import (
	"kino/engine/render"
	"kino/project"
)

// isStale reports whether take no longer matches shot s (render.IsStale).
func isStale(settings *project.Project, cameos []*project.Cameo, s *project.Shot, take *project.Take) bool {
	return render.IsStale(settings, cameos, s, take)
}
