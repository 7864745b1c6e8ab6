package ui

import (
	"kino/engine"
	"kino/engine/render"
	"kino/project"
)

// requestFor builds the engine request a generation of s would send, the
// way render.Resolve does, without decoding reference images (they are
// not part of a request's hash).
func requestFor(settings *project.Project, cameos []*project.Cameo, s *project.Shot, seed uint64) engine.Request {
	req := engine.DefaultRequest()
	req.Prompt = s.Prompt
	req.NegativePrompt = s.NegativePrompt
	req.Duration = s.Duration
	req.Width, req.Height = settings.Resolution.Width, settings.Resolution.Height
	req.Seed = seed
	req.Camera = s.Camera
	req.Style = s.Style
	for _, m := range s.Cast {
		var c *project.Cameo
		for _, pc := range cameos {
			if pc.ID == m.CameoID {
				c = pc
			}
		}
		if c == nil {
			req.Cast = append(req.Cast, engine.CastCameo{Handle: m.Handle, Role: m.Role})
			continue
		}
		cc := engine.CastCameo{Handle: c.Handle, Name: c.Name, Role: m.Role, Appearance: c.Appearance, IsSelf: c.IsSelf, Voice: c.Voice}
		if len(c.Images) > 0 {
			cc.ImageSHA256 = c.Images[0].SHA256
		}
		req.Cast = append(req.Cast, cc)
	}
	for _, d := range s.Dialogue {
		req.Dialogue = append(req.Dialogue, engine.Line{Speaker: d.Speaker, Text: d.Text, Start: d.Start})
	}
	return req
}

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
	req := requestFor(settings, cameos, s, seed)
	render.ApplyEngine(&req, settings.Engine, s, take.Backend)
	norm, _, err := req.Normalize()
	if err != nil {
		return true
	}
	return engine.Hash(take.Backend, take.Model, norm) != take.ParamsHash
}
