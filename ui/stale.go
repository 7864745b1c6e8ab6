package ui

import (
	"kino/engine"
	"kino/engine/render"
	"kino/project"
)

// isStale reports whether take no longer matches shot s: a generation now
// would ask the engine for something else (the prompt, duration, camera,
// cast or dialogue changed since). A shot that draws a new seed per take
// is compared at the take's own seed.
func isStale(settings *project.Project, cameos []*project.Cameo, s *project.Shot, take *project.Take) bool {
	if take == nil || take.Status != project.TakeDone || take.ParamsHash == "" {
		return false
	}
	seed := take.Seed
	if s.Seed.Mode == project.SeedFixed {
		seed = s.Seed.Value
	}
	req := render.Request(settings, cameos, s, seed)
	render.ApplyEngine(&req, settings.Engine, s, take.Backend)
	norm, _, err := req.Normalize()
	if err != nil {
		return true
	}
	return engine.Hash(take.Backend, take.Model, norm) != take.ParamsHash
}
