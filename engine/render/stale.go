package render

import (
	"kino/engine"
	"kino/project"
)

// IsStale reports whether take no longer matches shot s under settings:
// a generation now would ask the engine for something else (the prompt,
// duration, camera, cast, dialogue or engine settings changed since). A
// shot that draws a new seed per take is compared at the take's own seed.
// cameos are the project's cameo snapshots. A take that is not finished
// is not stale (there is nothing to compare).
func IsStale(settings *project.Project, cameos []*project.Cameo, s *project.Shot, take *project.Take) bool {
	if take == nil || take.Status != project.TakeDone || take.ParamsHash == "" {
		return false
	}
	seed := take.Seed
	if s.Seed.Mode == project.SeedFixed {
		seed = s.Seed.Value
	}
	req := Request(settings, cameos, s, seed)
	ApplyEngine(&req, settings.Engine, s, take.Backend)
	norm, _, err := req.Normalize()
	if err != nil {
		return true
	}
	return engine.Hash(take.Backend, take.Model, norm) != take.ParamsHash
}
