package ui

import "context"

// GenerateMissing queues a batch render of every shot that has no take
// yet. The app calls it when it opens a freshly made demo project, so the
// film renders by itself and can be played right away. It runs after the
// project has loaded (the store work queue keeps order). Call it on the UI
// goroutine.
func (s *Studio) GenerateMissing() { s.jobs.generateMissing() }

// generateMissing queues every shot without a take (see GenerateMissing).
func (c *jobsCtl) generateMissing() {
	c.s.work.do(func(ctx context.Context) func() {
		shots, err := c.s.deps.Store.Shots(ctx)
		return func() {
			if err != nil {
				c.s.setStatus("Generate: " + err.Error())
				return
			}
			for _, sh := range shots {
				if sh.ActiveTakeID == 0 {
					c.generate(sh.ID, GenerateOptions{Batch: true})
				}
			}
		}
	})
}
