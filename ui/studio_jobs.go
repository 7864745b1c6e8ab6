package ui

import (
	"context"
	"errors"
	"image"
	"sort"
	"sync"
	"time"

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

// jobsCtl follows the shots being generated: the render queue's jobs and
// their progress, the farm's, and why a shot was last refused or failed.
// Its methods run on the UI goroutine, onEvent excepted.
type jobsCtl struct {
	s       *Studio
	entries map[string]*jobEntry // by queue key
	// farm holds the shots the farm is rendering, by shot ID.
	farm        map[int64]kwidget.FarmShot
	farmTimer   *time.Timer
	farmPolling bool
	failures    map[int64]string // shot → last generation error not stored as a take
	// refusedConsent marks failures that were consent refusals: they go
	// once the shot's consent problem does.
	refusedConsent map[int64]bool
	progMu         sync.Mutex
	progLast       map[jobs.ID]jobs.Event
	progWait       map[jobs.ID]bool
	lastPreview    map[int64]image.Image // shot → its finished job's last preview
}

// newJobsCtl returns the jobs controller of s.
func newJobsCtl(s *Studio) *jobsCtl {
	return &jobsCtl{
		s: s, entries: map[string]*jobEntry{}, farm: map[int64]kwidget.FarmShot{},
		failures: map[int64]string{}, refusedConsent: map[int64]bool{},
		progLast: map[jobs.ID]jobs.Event{}, progWait: map[jobs.ID]bool{}, lastPreview: map[int64]image.Image{},
	}
}

// stop stops polling the farm.
func (c *jobsCtl) stop() {
	if c.farmTimer != nil {
		c.farmTimer.Stop()
	}
}

// OnJobEvent receives the render queue's events. It may be called from
// any goroutine: it hops to the UI goroutine, and folds bursts of
// progress reports into one update.
func (s *Studio) OnJobEvent(ev jobs.Event) { s.jobs.onEvent(ev) }

// onEvent takes a queue event from any goroutine (see OnJobEvent).
func (c *jobsCtl) onEvent(ev jobs.Event) {
	if ev.State != jobs.Reported {
		c.s.deps.Post(func() { c.event(ev) })
		return
	}
	c.progMu.Lock()
	if ev.Progress.Preview == nil {
		// Folding must not lose a preview to a later report without one.
		ev.Progress.Preview = c.progLast[ev.ID].Progress.Preview
	}
	c.progLast[ev.ID] = ev
	waiting := c.progWait[ev.ID]
	c.progWait[ev.ID] = true
	c.progMu.Unlock()
	if waiting {
		return
	}
	c.s.deps.Post(func() {
		c.progMu.Lock()
		last := c.progLast[ev.ID]
		delete(c.progLast, ev.ID)
		delete(c.progWait, ev.ID)
		c.progMu.Unlock()
		c.event(last)
	})
}

// event applies one job event on the UI goroutine.
func (c *jobsCtl) event(ev jobs.Event) {
	if c.s.closed {
		return
	}
	shot, ok := shotOfKey(ev.Key)
	if !ok {
		return
	}
	j := c.entries[ev.Key]
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
			c.entries[ev.Key] = j
		}
		j.state = ev.State
		if ev.State == jobs.Reported {
			j.progress = ev.Progress
			if ev.Progress.Preview != nil {
				j.preview = ev.Progress.Preview
				if sh := c.s.m.shot(shot); shot == c.s.selectedID() && sh != nil && c.s.m.consentProblem(sh, c.s.deps.Now()) == nil {
					c.s.play.player.ShowPreview(shot, j.preview)
				}
			}
		}
		delete(c.failures, shot)
		if ev.State != jobs.Reported {
			c.s.edits.reload([]int64{shot}) // a running take appears in the strip
		}
	default: // finished
		if j != nil && j.id == ev.ID {
			delete(c.entries, ev.Key)
			if ev.Outcome == project.TakeDone && j.preview != nil {
				// The card keeps the last preview until the new take's
				// thumbnail is decoded, rather than flashing empty; the
				// player shows the take when the reload brings it.
				c.lastPreview[shot] = j.preview
			} else if j.preview != nil && !c.s.play.player.Playing() {
				c.s.play.player.ShowStill() // the storyboard card again
			}
		}
		switch {
		case ev.Outcome == project.TakeFailed && ev.Err != nil:
			c.failures[shot] = "Generation failed: " + project.ErrorMessage(ev.Err)
		case ev.Outcome == project.TakeDone && len(c.shotJobs(shot)) > 0:
			delete(c.failures, shot)
			c.s.setStatus("Shot " + itoa(c.s.m.index(shot)+1) + ": a variation is ready; " + itoa(len(c.shotJobs(shot))) + " more to come")
		case ev.Outcome == project.TakeDone:
			delete(c.failures, shot)
			c.s.setStatus("Shot " + itoa(c.s.m.index(shot)+1) + " generated")
		case errors.Is(ev.Err, jobs.ErrReplaced):
			// It made way for a newer job of the shot: nothing to say.
		case ev.Outcome == project.TakeCancelled:
			c.s.setStatus("Generation of shot " + itoa(c.s.m.index(shot)+1) + " cancelled")
		}
		c.s.edits.reload([]int64{shot})
	}
	c.updateViews(shot)
}

// updateViews redraws a shot's card and, when selected, its details.
func (c *jobsCtl) updateViews(shot int64) {
	sh := c.s.m.shot(shot)
	if sh == nil {
		return
	}
	c.s.timeline.UpdateCard(c.s.cardFor(sh, c.s.cameoStamp(), c.s.deps.Now()))
	if shot == c.s.selectedID() {
		c.s.inspector.SetDetails(c.s.details(sh))
	}
}

// card shows shot id's generation on its card: a finished job's last
// preview while the new take's thumbnail loads, and the state, progress
// and newest preview of its local or farm jobs. Previews are shown only
// when previews allows (the shot's consent). It reports whether the shot
// has a job, whose state the card then shows.
func (c *jobsCtl) card(card *kwidget.Card, id int64, previews bool) bool {
	if p := c.lastPreview[id]; p != nil {
		if card.Thumb == nil && previews {
			card.Thumb = p // the new take is loading, or its thumbnail decoding
		} else {
			delete(c.lastPreview, id)
		}
	}
	fs, onFarm := c.farm[id]
	switch j := c.shotJob(id); {
	case j == nil && onFarm && fs.State == "active":
		card.State = kwidget.CardRunning
	case j == nil && onFarm:
		card.State = kwidget.CardQueued
	case j != nil && j.state == jobs.Queued:
		card.State = kwidget.CardQueued
	case j != nil:
		card.State, card.Progress = kwidget.CardRunning, j.progress.Fraction()
		if j.preview != nil && previews {
			card.Thumb = j.preview
		}
	default:
		return false
	}
	return true
}

// details fills in what the inspector shows of sh's generation: its job
// (local or on the farm), and the last refusal or failure with a Retry.
// d.Problem is the shot's consent problem now: a refusal for consent goes
// once the problem has.
func (c *jobsCtl) details(sh *project.Shot, d *kwidget.ShotDetails) {
	s := c.s
	if j := c.shotJob(sh.ID); j != nil {
		d.Job = &kwidget.JobView{State: j.state, Progress: j.progress, Variations: j.count}
	} else if fs, ok := c.farm[sh.ID]; ok {
		d.Job = &kwidget.JobView{State: jobs.Queued, Farm: &fs}
		if fs.State == "active" {
			d.Job.State = jobs.Running
		}
	}
	if c.refusedConsent[sh.ID] && d.Problem == "" {
		// The consent problem that refused the shot is gone: so is the
		// refusal, and its Retry.
		delete(c.failures, sh.ID)
		delete(c.refusedConsent, sh.ID)
		if s.lastError != "" && s.status.Text == s.lastError {
			s.setStatus("")
		}
	}
	if msg, ok := c.failures[sh.ID]; ok {
		d.Message = msg
	} else if t := s.m.lastFailed(sh); t != nil && d.Job == nil {
		d.Message = "Take " + itoa(len(s.m.takes[sh.ID])) + " failed: " + t.Error
	}
	d.Retry = d.Message != "" && d.Problem == "" && d.Job == nil
}

// generateSelected generates the selected shots, as many variations of
// each as the inspector asks for.
func (c *jobsCtl) generateSelected(force bool) {
	c.s.inspector.Flush()
	for _, id := range c.s.sel {
		c.generateVariations(id, c.s.inspector.Variations(), GenerateOptions{Force: force})
	}
}

// generateVariations queues n takes of shot id together, with the seeds
// base, base+1, ... (base: the shot's seed, or a new one for a shot whose
// seed changes with every take). One take is an ordinary generation.
func (c *jobsCtl) generateVariations(id int64, n int, opts GenerateOptions) {
	sh := c.s.m.shot(id)
	if sh == nil || n <= 1 {
		c.generate(id, opts)
		return
	}
	base := render.TakeSeed(sh, kwidget.NewSeed)
	for k := 1; k <= n; k++ {
		o := opts
		seed := base + uint64(k-1)
		o.Seed, o.Variation = &seed, k
		if !c.generate(id, o) {
			return // refused: the reason is shown once
		}
	}
	c.s.setStatus("Generating " + itoa(n) + " variations of shot " + itoa(sh.Number()))
}

// shotJobs returns the queued and running jobs of a shot, oldest first.
func (c *jobsCtl) shotJobs(shot int64) []*jobEntry {
	var out []*jobEntry
	for _, j := range c.entries {
		if j.shot == shot {
			out = append(out, j)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].id < out[b].id })
	return out
}

// shotJob sums up a shot's jobs as one: running when any runs, with the
// mean progress and the newest preview; nil when it has none.
func (c *jobsCtl) shotJob(shot int64) *jobEntry {
	list := c.shotJobs(shot)
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
func (s *Studio) GenerateSelected() { s.jobs.generateSelected(false) }

// errNoEngine is shown when the app gave the studio no renderer.
var errNoEngine = errors.New("no engine is available to generate shots")

// generate queues a take of shot id. A shot whose cast cameo's consent
// does not allow it is refused here with the reason shown.
func (c *jobsCtl) generate(id int64, opts GenerateOptions) bool {
	sh := c.s.m.shot(id)
	if sh == nil {
		return false
	}
	if err := c.s.m.consentProblem(sh, c.s.deps.Now()); err != nil {
		c.refuse(id, project.WrapError(project.ECONSENT, err, "shot %d cannot be generated", sh.Number()))
		return false
	}
	if c.s.deps.Renderer == nil {
		c.refuse(id, errNoEngine)
		return false
	}
	c.s.work.do(func(context.Context) func() {
		_, err := c.s.deps.Renderer.Generate(id, opts)
		return func() {
			if err != nil {
				c.refuse(id, err)
			}
		}
	})
	return true
}

// refuse shows why shot id was not generated.
func (c *jobsCtl) refuse(id int64, err error) {
	msg := capitalize(err.Error())
	c.failures[id] = msg
	c.refusedConsent[id] = project.ErrorCode(err) == project.ECONSENT
	c.s.lastError = "Generate: " + msg
	c.s.setStatus(c.s.lastError)
	c.updateViews(id)
}

// cancelSelected cancels the selected shot's jobs: the local ones (every
// variation), or the farm job rendering it.
func (c *jobsCtl) cancelSelected() {
	id := c.s.selectedID()
	if list := c.shotJobs(id); len(list) > 0 {
		if c.s.deps.Renderer != nil {
			for _, j := range list { // every variation
				c.s.deps.Renderer.Cancel(j.id)
			}
		}
		return
	}
	if _, ok := c.farm[id]; ok {
		c.cancelFarm()
	}
}

// regenerateStale queues every stale shot as a batch job.
func (c *jobsCtl) regenerateStale() {
	c.s.inspector.Flush()
	stamp := c.s.cameoStamp()
	n, blocked := 0, 0
	for _, sh := range c.s.m.shots {
		if !c.s.shotStale(sh, c.s.m.activeTake(sh), stamp) {
			continue
		}
		if c.generate(sh.ID, GenerateOptions{Batch: true}) {
			n++
		} else {
			blocked++
		}
	}
	switch {
	case n == 0 && blocked == 0:
		c.s.setStatus("No shot is stale")
	case blocked > 0:
		c.s.setStatus("Regenerating " + itoa(n) + " stale shots; " + itoa(blocked) + " could not be queued")
	default:
		c.s.setStatus("Regenerating " + itoa(n) + " stale shots")
	}
}

// capitalize upper-cases the first letter of an error message for display.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
