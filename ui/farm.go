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
func (c *jobsCtl) renderOnFarm() {
	f := c.s.deps.Farm
	if f == nil || !f.Configured() {
		c.s.setStatus("No farm is set up for this project; set one up with: kino farm setup PATH --manager URL --shared DIR")
		return
	}
	c.s.inspector.Flush()
	ids := append([]int64(nil), c.s.sel...)
	if len(ids) == 0 {
		stamp := c.s.cameoStamp()
		for _, sh := range c.s.m.shots {
			if a := c.s.m.activeTake(sh); a == nil || c.s.shotStale(sh, a, stamp) {
				ids = append(ids, sh.ID)
			}
		}
	}
	if len(ids) == 0 {
		c.s.setStatus("No shot needs rendering")
		return
	}
	now := c.s.deps.Now()
	for _, id := range ids {
		if sh := c.s.m.shot(id); sh != nil {
			if err := c.s.m.consentProblem(sh, now); err != nil {
				c.refuse(id, err)
				return
			}
		}
	}
	c.s.setStatus("Submitting " + itoa(len(ids)) + " shots to the farm…")
	c.s.work.do(func(ctx context.Context) func() {
		job, err := f.Submit(ctx, ids)
		return func() {
			if err != nil {
				c.s.showError("Render on Farm", err)
				return
			}
			c.s.setStatus("Submitted " + itoa(len(ids)) + " shots to the farm (job " + job + ")")
			for _, id := range ids {
				c.farm[id] = kwidget.FarmShot{State: "queued"}
				c.updateViews(id)
			}
			c.pollFarm()
		}
	})
}

// FarmWoken tells the studio that the farm's shared folder changed (a
// take finished): it asks the farm now instead of at the next poll.
func (s *Studio) FarmWoken() { s.deps.Post(s.jobs.pollFarm) }

// pollFarm asks the farm where its shots are, collects finished takes,
// and polls again while any shot is still on the farm.
func (c *jobsCtl) pollFarm() {
	f := c.s.deps.Farm
	if f == nil || c.s.closed || c.farmPolling {
		return
	}
	c.farmPolling = true
	c.s.work.do(func(ctx context.Context) func() {
		shots, err := f.Shots(ctx)
		collected := 0
		if err == nil {
			collected, err = f.Collect(ctx)
		}
		return func() {
			c.farmPolling = false
			if err != nil {
				c.s.setStatus("Farm: " + project.ErrorMessage(err))
			}
			busy := false
			old := c.farm
			c.farm = map[int64]kwidget.FarmShot{}
			for id, fs := range shots {
				if fs.Busy() {
					c.farm[id] = fs
					busy = true
				} else if fs.State == "failed" {
					c.failures[id] = "Farm render failed: " + fs.Reason
				}
			}
			for id := range old {
				c.updateViews(id)
			}
			for id := range c.farm {
				c.updateViews(id)
			}
			if collected > 0 {
				c.s.setStatus("Collected " + itoa(collected) + " takes from the farm")
				c.s.edits.reload(nil)
			}
			if busy && c.farmTimer == nil {
				c.farmTimer = time.AfterFunc(farmPoll, func() {
					c.s.deps.Post(func() {
						c.farmTimer = nil
						c.pollFarm()
					})
				})
			}
		}
	})
}

// cancelFarm cancels the project's unfinished farm jobs.
func (c *jobsCtl) cancelFarm() {
	f := c.s.deps.Farm
	if f == nil {
		return
	}
	c.s.work.do(func(ctx context.Context) func() {
		err := f.Cancel(ctx)
		return func() {
			if err != nil {
				c.s.showError("Cancel farm job", err)
				return
			}
			c.s.setStatus("Cancelled the farm job")
			c.pollFarm()
		}
	})
}

// FarmShots returns where the shots on the farm are, by shot ID (for
// tests).
func (s *Studio) FarmShots() map[int64]kwidget.FarmShot { return s.jobs.farm }

// RenderOnFarm is Shot ▸ Render on Farm.
func (s *Studio) RenderOnFarm() { s.jobs.renderOnFarm() }
