package ui

import (
	"context"
	"errors"
	"image"

	"kino/engine"
	"kino/project"
)

// jobEntry is a shot's queued or running generation.
type jobEntry struct {
	id       engine.JobID
	state    engine.JobState
	progress engine.Progress
	// preview is the newest picture of the shot taking shape.
	preview image.Image
}

// OnJobEvent receives the render queue's events. It may be called from
// any goroutine: it hops to the UI goroutine, and folds bursts of
// progress reports into one update.
func (s *Studio) OnJobEvent(ev engine.JobEvent) {
	if ev.State != engine.JobProgress {
		s.deps.Post(func() { s.jobEvent(ev) })
		return
	}
	s.progMu.Lock()
	if ev.Progress.Preview == nil {
		// Folding must not lose a preview to a later report without one.
		ev.Progress.Preview = s.progLast[ev.ID].Progress.Preview
	}
	s.progLast[ev.ID] = ev
	waiting := s.progWait[ev.ID]
	s.progWait[ev.ID] = true
	s.progMu.Unlock()
	if waiting {
		return
	}
	s.deps.Post(func() {
		s.progMu.Lock()
		last := s.progLast[ev.ID]
		delete(s.progLast, ev.ID)
		delete(s.progWait, ev.ID)
		s.progMu.Unlock()
		s.jobEvent(last)
	})
}

// jobEvent applies one job event on the UI goroutine.
func (s *Studio) jobEvent(ev engine.JobEvent) {
	if s.closed {
		return
	}
	shot, ok := shotOfKey(ev.Key)
	if !ok {
		return
	}
	j := s.jobs[shot]
	switch ev.State {
	case engine.JobQueued, engine.JobRunning, engine.JobProgress:
		if j != nil && ev.ID < j.id {
			return // an older job's late report
		}
		if j == nil || j.id != ev.ID {
			if ev.State == engine.JobProgress {
				return // a finished job's late report
			}
			j = &jobEntry{id: ev.ID}
			s.jobs[shot] = j
		}
		j.state = ev.State
		if ev.State == engine.JobProgress {
			j.progress = ev.Progress
			if ev.Progress.Preview != nil {
				j.preview = ev.Progress.Preview
				if shot == s.selectedID() {
					s.player.ShowPreview(shot, j.preview)
				}
			}
		}
		delete(s.failures, shot)
		if ev.State != engine.JobProgress {
			s.reload([]int64{shot}) // a running take appears in the strip
		}
	default: // finished
		if j != nil && j.id == ev.ID {
			delete(s.jobs, shot)
			if ev.State == engine.JobDone && j.preview != nil {
				// The card keeps the last preview until the new take's
				// thumbnail is decoded, rather than flashing empty; the
				// player shows the take when the reload brings it.
				s.lastPreview[shot] = j.preview
			} else if j.preview != nil && !s.player.Playing() {
				s.player.showStill() // the storyboard card again
			}
		}
		switch {
		case ev.State == engine.JobFailed && ev.Err != nil:
			s.failures[shot] = "Generation failed: " + project.ErrorMessage(ev.Err)
		case ev.State == engine.JobDone:
			delete(s.failures, shot)
			s.setStatus("Shot " + itoa(s.m.index(shot)+1) + " generated")
		case ev.State == engine.JobCancelled:
			s.setStatus("Generation of shot " + itoa(s.m.index(shot)+1) + " cancelled")
		}
		s.reload([]int64{shot})
	}
	s.updateJobViews(shot)
}

// updateJobViews redraws a shot's card and, when selected, its details.
func (s *Studio) updateJobViews(shot int64) {
	sh := s.m.shot(shot)
	if sh == nil {
		return
	}
	s.timeline.UpdateCard(s.cardFor(sh, s.cameoStamp(), s.deps.Now()))
	if shot == s.selectedID() {
		s.inspector.SetDetails(s.details(sh))
	}
}

// generateSelected generates the selected shots.
func (s *Studio) generateSelected(force bool) {
	s.inspector.Flush()
	for _, id := range s.sel {
		s.generate(id, GenerateOptions{Force: force})
	}
}

// GenerateSelected generates the selected shots (Shot ▸ Generate).
func (s *Studio) GenerateSelected() { s.generateSelected(false) }

// errNoEngine is shown when the app gave the studio no renderer.
var errNoEngine = errors.New("no engine is available to generate shots")

// generate queues a take of shot id. A shot whose cast cameo's consent
// does not allow it is refused here with the reason shown.
func (s *Studio) generate(id int64, opts GenerateOptions) bool {
	sh := s.m.shot(id)
	if sh == nil {
		return false
	}
	if err := s.m.consentProblem(sh, s.deps.Now()); err != nil {
		s.refuse(id, project.WrapError(project.ECONSENT, err, "shot %d cannot be generated", sh.Number()))
		return false
	}
	if s.deps.Renderer == nil {
		s.refuse(id, errNoEngine)
		return false
	}
	s.work.do(func(context.Context) func() {
		_, err := s.deps.Renderer.Generate(id, opts)
		return func() {
			if err != nil {
				s.refuse(id, err)
			}
		}
	})
	return true
}

// refuse shows why shot id was not generated.
func (s *Studio) refuse(id int64, err error) {
	msg := capitalize(err.Error())
	s.failures[id] = msg
	s.refusedConsent[id] = project.ErrorCode(err) == project.ECONSENT
	s.lastError = "Generate: " + msg
	s.setStatus(s.lastError)
	s.updateJobViews(id)
}

// cancelSelected cancels the selected shot's job.
func (s *Studio) cancelSelected() {
	if j := s.jobs[s.selectedID()]; j != nil && s.deps.Renderer != nil {
		s.deps.Renderer.Cancel(j.id)
	}
}

// regenerateStale queues every stale shot as a batch job.
func (s *Studio) regenerateStale() {
	s.inspector.Flush()
	stamp := s.cameoStamp()
	n, blocked := 0, 0
	for _, sh := range s.m.shots {
		if !s.shotStale(sh, s.m.activeTake(sh), stamp) {
			continue
		}
		if s.generate(sh.ID, GenerateOptions{Batch: true}) {
			n++
		} else {
			blocked++
		}
	}
	switch {
	case n == 0 && blocked == 0:
		s.setStatus("No shot is stale")
	case blocked > 0:
		s.setStatus("Regenerating " + itoa(n) + " stale shots; " + itoa(blocked) + " could not be queued")
	default:
		s.setStatus("Regenerating " + itoa(n) + " stale shots")
	}
}

// capitalize upper-cases the first letter of an error message for display.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
