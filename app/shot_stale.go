package app

import (
	"context"

	"kino/engine/render"
	"kino/project"
)

// listedShot is a shot as kino shot list prints it: the shot, and whether
// its active take is stale (render.IsStale: a generation now would ask the
// engine for something else, so the take no longer shows the shot).
type listedShot struct {
	*project.Shot
	Stale bool `json:"stale"`
}

// listShots returns shots with their staleness, judged against the
// project's settings and cameo snapshots in r.
func listShots(ctx context.Context, r project.Reader, shots []*project.Shot) ([]listedShot, error) {
	out := make([]listedShot, len(shots))
	if len(shots) == 0 {
		return out, nil
	}
	settings, err := r.Project(ctx)
	if err != nil {
		return nil, err
	}
	cameos, err := r.Cameos(ctx)
	if err != nil {
		return nil, err
	}
	for i, s := range shots {
		out[i].Shot = s
		if s.ActiveTakeID == 0 {
			continue
		}
		take, err := r.Take(ctx, s.ActiveTakeID)
		if err != nil {
			return nil, err
		}
		out[i].Stale = render.IsStale(settings, cameos, s, take)
	}
	return out, nil
}
