package ui

import (
	"context"
	"time"

	"kino/project"
	kwidget "kino/ui/widget"
)

// Farm renders shots on a render farm (Shot ▸ Render on Farm). The app
// implements it with engine/farm over the project's farm settings.
type Farm interface {
	// Configured reports whether the project has a farm set up.
	Configured() bool
	// Submit renders shots on the farm as one job and returns its ID.
	Submit(ctx context.Context, shotIDs []int64) (string, error)
	// Shots reports where each farm-rendered shot of unfinished or
	// uncollected jobs is, by shot ID.
	Shots(ctx context.Context) (map[int64]kwidget.FarmShot, error)
	// Collect imports the takes the farm finished; it returns how many.
	Collect(ctx context.Context) (int, error)
	// Cancel cancels the project's unfinished farm jobs.
	Cancel(ctx context.Context) error
}

// farmPoll is how often the studio asks the farm about its shots while
// any is queued or rendering; the app also wakes it when a finished take
// appears in the shared folder (FarmWoken).
const farmPoll = 3 * time.Second

// renderOnFarm submits the selected shots (all stale shots when none is
// selected) to the farm.
func (s *Studio) renderOnFarm() {
	f := s.deps.Farm
	if f == nil || !f.Configured() {
		s.setStatus("No farm is set up for this project; set one up with: kino farm setup PATH --manager URL --shared DIR")
		return
	}
	s.inspector.Flush()
	ids := append([]int64(nil), s.sel...)
	if len(ids) == 0 {
		stamp := s.cameoStamp()
		for _, sh := range s.m.shots {
			if a := s.m.activeTake(sh); a == nil || s.shotStale(sh, a, stamp) {
				ids = append(ids, sh.ID)
			}
		}
	}
	if len(ids) == 0 {
		s.setStatus("No shot needs rendering")
		return
	}
	now := s.deps.Now()
	for _, id := range ids {
		if sh := s.m.shot(id); sh != nil {
			if err := s.m.consentProblem(sh, now); err != nil {
				s.refuse(id, err)
				return
			}
		}
	}
	s.setStatus("Submitting " + itoa(len(ids)) + " shots to the farm…")
	s.work.do(func(ctx context.Context) func() {
		job, err := f.Submit(ctx, ids)
		return func() {
			if err != nil {
				s.showError("Render on Farm", err)
				return
			}
			s.setStatus("Submitted " + itoa(len(ids)) + " shots to the farm (job " + job + ")")
			for _, id := range ids {
				s.farm[id] = kwidget.FarmShot{State: "queued"}
				s.updateJobViews(id)
			}
			s.pollFarm()
		}
	})
}

// FarmWoken tells the studio that the farm's shared folder changed (a
// take finished): it asks the farm now instead of at the next poll.
func (s *Studio) FarmWoken() { s.deps.Post(s.pollFarm) }

// pollFarm asks the farm where its shots are, collects finished takes,
// and polls again while any shot is still on the farm.
func (s *Studio) pollFarm() {
	f := s.deps.Farm
	if f == nil || s.closed || s.farmPolling {
		return
	}
	s.farmPolling = true
	s.work.do(func(ctx context.Context) func() {
		shots, err := f.Shots(ctx)
		collected := 0
		if err == nil {
			collected, err = f.Collect(ctx)
		}
		return func() {
			s.farmPolling = false
			if err != nil {
				s.setStatus("Farm: " + project.ErrorMessage(err))
			}
			busy := false
			old := s.farm
			s.farm = map[int64]kwidget.FarmShot{}
			for id, fs := range shots {
				if fs.Busy() {
					s.farm[id] = fs
					busy = true
				} else if fs.State == "failed" {
					s.failures[id] = "Farm render failed: " + fs.Reason
				}
			}
			for id := range old {
				s.updateJobViews(id)
			}
			for id := range s.farm {
				s.updateJobViews(id)
			}
			if collected > 0 {
				s.setStatus("Collected " + itoa(collected) + " takes from the farm")
				s.reload(nil)
			}
			if busy && s.farmTimer == nil {
				s.farmTimer = time.AfterFunc(farmPoll, func() {
					s.deps.Post(func() {
						s.farmTimer = nil
						s.pollFarm()
					})
				})
			}
		}
	})
}

// cancelFarm cancels the project's unfinished farm jobs.
func (s *Studio) cancelFarm() {
	f := s.deps.Farm
	if f == nil {
		return
	}
	s.work.do(func(ctx context.Context) func() {
		err := f.Cancel(ctx)
		return func() {
			if err != nil {
				s.showError("Cancel farm job", err)
				return
			}
			s.setStatus("Cancelled the farm job")
			s.pollFarm()
		}
	})
}

// FarmShots returns where the shots on the farm are, by shot ID (for
// tests).
func (s *Studio) FarmShots() map[int64]kwidget.FarmShot { return s.farm }

// RenderOnFarm is Shot ▸ Render on Farm.
func (s *Studio) RenderOnFarm() { s.renderOnFarm() }
