package ui

import (
	"context"
	"errors"
	"image"
	"sort"

	"kino/engine"
	"kino/engine/jobs"
	"kino/engine/render"
	"kino/project"
	kwidget "kino/ui/widget"
)

// jobEntry is a shot's queued or running generation (one of a set of
// variations, or a single take).
type jobEntry struct {
	id       jobs.ID
	shot     int64
	state    jobs.State
	progress engine.Progress
	// preview is the newest picture of the shot taking shape.
	preview image.Image
	// count is the number of variations a summary stands for (0 or 1:
	// one job).
	count int
}

// OnJobEvent receives the render queue's events. It may be called from
// any goroutine: it hops to the UI goroutine, and folds bursts of
// progress reports into one update.
func (s *Studio) OnJobEvent(ev jobs.Event) {
	if ev.State != jobs.Reported {
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
func (s *Studio) jobEvent(ev jobs.Event) {
	if s.closed {
		return
	}
	shot, ok := shotOfKey(ev.Key)
	if !ok {
		return
	}
	j := s.jobs[ev.Key]
	switch ev.State {
	case jobs.Queued, jobs.Running, jobs.Reported:
		if j != nil && ev.ID < j.id {
			return // an older job's late report
		}
		if j == nil || j.id != ev.ID {
			if ev.State == jobs.Reported {
				return // a finished job's late report
			}
			j = &jobEntry{id: ev.ID, shot: shot}
			s.jobs[ev.Key] = j
		}
		j.state = ev.State
		if ev.State == jobs.Reported {
			j.progress = ev.Progress
			if ev.Progress.Preview != nil {
				j.preview = ev.Progress.Preview
				if sh := s.m.shot(shot); shot == s.selectedID() && sh != nil && s.m.consentProblem(sh, s.deps.Now()) == nil {
					s.player.ShowPreview(shot, j.preview)
				}
			}
		}
		delete(s.failures, shot)
		if ev.State != jobs.Reported {
			s.reload([]int64{shot}) // a running take appears in the strip
		}
	default: // finished
		if j != nil && j.id == ev.ID {
			delete(s.jobs, ev.Key)
			if ev.Outcome == project.TakeDone && j.preview != nil {
				// The card keeps the last preview until the new take's
				// thumbnail is decoded, rather than flashing empty; the
				// player shows the take when the reload brings it.
				s.lastPreview[shot] = j.preview
			} else if j.preview != nil && !s.player.Playing() {
				s.player.ShowStill() // the storyboard card again
			}
		}
		switch {
		case ev.Outcome == project.TakeFailed && ev.Err != nil:
			s.failures[shot] = "Generation failed: " + project.ErrorMessage(ev.Err)
		case ev.Outcome == project.TakeDone && len(s.shotJobs(shot)) > 0:
			delete(s.failures, shot)
			s.setStatus("Shot " + itoa(s.m.index(shot)+1) + ": a variation is ready; " + itoa(len(s.shotJobs(shot))) + " more to come")
		case ev.Outcome == project.TakeDone:
			delete(s.failures, shot)
			s.setStatus("Shot " + itoa(s.m.index(shot)+1) + " generated")
		case errors.Is(ev.Err, jobs.ErrReplaced):
			// It made way for a newer job of the shot: nothing to say.
		case ev.Outcome == project.TakeCancelled:
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

// generateSelected generates the selected shots, as many variations of
// each as the inspector asks for.
func (s *Studio) generateSelected(force bool) {
	s.inspector.Flush()
	for _, id := range s.sel {
		s.generateVariations(id, s.inspector.Variations(), GenerateOptions{Force: force})
	}
}

// generateVariations queues n takes of shot id together, with the seeds
// base, base+1, ... (base: the shot's seed, or a new one for a shot whose
// seed changes with every take). One take is an ordinary generation.
func (s *Studio) generateVariations(id int64, n int, opts GenerateOptions) {
	sh := s.m.shot(id)
	if sh == nil || n <= 1 {
		s.generate(id, opts)
		return
	}
	base := render.TakeSeed(sh, kwidget.NewSeed)
	for k := 1; k <= n; k++ {
		o := opts
		seed := base + uint64(k-1)
		o.Seed, o.Variation = &seed, k
		if !s.generate(id, o) {
			return // refused: the reason is shown once
		}
	}
	s.setStatus("Generating " + itoa(n) + " variations of shot " + itoa(sh.Number()))
}

// shotJobs returns the queued and running jobs of a shot, oldest first.
func (s *Studio) shotJobs(shot int64) []*jobEntry {
	var out []*jobEntry
	for _, j := range s.jobs {
		if j.shot == shot {
			out = append(out, j)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].id < out[b].id })
	return out
}

// shotJob sums up a shot's jobs as one: running when any runs, with the
// mean progress and the newest preview; nil when it has none.
func (s *Studio) shotJob(shot int64) *jobEntry {
	list := s.shotJobs(shot)
	if len(list) == 0 {
		return nil
	}
	if len(list) == 1 {
		return list[0]
	}
	sum := &jobEntry{id: list[0].id, shot: shot, state: jobs.Queued, count: len(list)}
	var frac float64
	for _, j := range list {
		if j.state != jobs.Queued {
			sum.state = jobs.Running
		}
		if j.state == jobs.Reported {
			sum.state = jobs.Reported
			sum.progress.Stage = j.progress.Stage
		}
		frac += j.progress.Fraction()
		if j.preview != nil {
			sum.preview = j.preview
		}
	}
	sum.progress.Step, sum.progress.Total = int(frac/float64(len(list))*1000+0.5), 1000
	return sum
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

// cancelSelected cancels the selected shot's jobs: the local ones (every
// variation), or the farm job rendering it.
func (s *Studio) cancelSelected() {
	id := s.selectedID()
	if list := s.shotJobs(id); len(list) > 0 {
		if s.deps.Renderer != nil {
			for _, j := range list { // every variation
				s.deps.Renderer.Cancel(j.id)
			}
		}
		return
	}
	if _, ok := s.farm[id]; ok {
		s.cancelFarm()
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
