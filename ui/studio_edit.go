package ui

import (
	"context"

	"kino/project"
	kwidget "kino/ui/widget"
)

// noTakes asks loadSnapshot to read no shot's takes.
var noTakes = []int64{}

// apply stores e on the worker, reloads the project (and the takes of
// shotIDs) and shows the result. Every edit is saved when apply's
// worker step returns: there is no unsaved state.
func (s *Studio) apply(e project.Edit, shotIDs ...int64) {
	s.applyThen(e, nil, shotIDs...)
}

// applyThen is apply with a step on the UI goroutine after success.
func (s *Studio) applyThen(e project.Edit, then func(project.Applied), shotIDs ...int64) {
	if shotIDs == nil {
		shotIDs = noTakes
	}
	s.work.do(func(ctx context.Context) func() {
		res, err := s.deps.Store.Apply(ctx, e)
		ids := shotIDs
		if err == nil && res.ID != 0 {
			ids = append(append([]int64(nil), shotIDs...), res.ID)
		}
		snap, lerr := loadSnapshot(ctx, s.deps.Store, ids)
		return func() {
			if err != nil {
				s.showError(e.Label(), err)
			} else {
				s.setStatus("Saved: " + res.Label)
			}
			if lerr != nil {
				s.showError("Reading the project", lerr)
			} else {
				s.applySnapshot(snap)
			}
			if err == nil && then != nil {
				then(res)
			}
		}
	})
}

// reload reads the project again (the takes of shotIDs; nil: all).
func (s *Studio) reload(shotIDs []int64) {
	s.work.do(func(ctx context.Context) func() {
		snap, err := loadSnapshot(ctx, s.deps.Store, shotIDs)
		return func() {
			if err != nil {
				s.showError("Reading the project", err)
				return
			}
			s.applySnapshot(snap)
		}
	})
}

// reloadLibrary reads the cameo library and the project again.
func (s *Studio) reloadLibrary() {
	if s.deps.Library == nil {
		return
	}
	s.work.do(func(ctx context.Context) func() {
		snap, err := loadSnapshot(ctx, s.deps.Store, noTakes)
		if err == nil {
			readLibrary(ctx, s.deps.Library, snap)
		}
		return func() {
			if err != nil {
				s.showError("Reading the cameo library", err)
				return
			}
			s.applySnapshot(snap)
		}
	})
}

// Reload reads the whole project and library again, for when another
// process changed them.
func (s *Studio) Reload() {
	s.play.peaks.forgetFailures()
	s.reload(nil)
	s.reloadLibrary()
}

func (s *Studio) applySnapshot(snap *snapshot) {
	if s.closed {
		return
	}
	s.m.apply(snap)
	kept := s.sel[:0]
	for _, id := range s.sel {
		if s.m.shot(id) != nil {
			kept = append(kept, id)
		}
	}
	s.sel = kept
	s.refreshAll()
	s.reinterpret()
}

// selectedID returns the first selected shot's ID, or 0.
func (s *Studio) selectedID() int64 {
	if len(s.sel) == 0 {
		return 0
	}
	return s.sel[0]
}

func (s *Studio) selectedShot() *project.Shot { return s.m.shot(s.selectedID()) }

// selectShots makes ids the selection (from the timeline or a command).
func (s *Studio) selectShots(ids []int64) {
	changed := len(ids) == 0 || len(s.sel) == 0 || ids[0] != s.sel[0]
	if changed {
		s.inspector.Flush()
	}
	if len(ids) > 0 && s.timeline.SelectedAudio() != 0 {
		// A shot chosen (from code, keys or scrubbing) takes the
		// inspector's place back from the audio clip panel.
		s.clipPanel.Flush()
		s.timeline.SetSelectedAudio(0)
		defer s.refreshClipPanel()
	}
	s.sel = append(s.sel[:0:0], ids...)
	s.timeline.SetSelected(s.sel)
	// The player first: its next frame renders off the UI goroutine
	// while the inspector is filled in.
	s.play.refreshProgram()
	sh := s.selectedShot()
	if sh != nil {
		switch {
		case s.play.player.FilmMode() && !s.play.player.Playing():
			s.play.player.Cue(s.m.shotStart(s.m.index(sh.ID)))
		case !s.play.player.FilmMode() && changed && s.play.player.Playing():
			// Another shot chosen while playing plays from its start
			// (not from its last frame, where the old shot's position
			// would put it).
			s.play.player.Cue(s.m.shotStart(s.m.index(sh.ID)))
		}
	}
	s.refreshInspector()
	if sh != nil {
		s.interpret(sh.Prompt)
	}
}

// SelectShot selects the shot with the 1-based number n.
func (s *Studio) SelectShot(n int) {
	if n >= 1 && n <= len(s.m.shots) {
		s.selectShots([]int64{s.m.shots[n-1].ID})
	}
}

// Selected returns the selected shot IDs.
func (s *Studio) Selected() []int64 { return append([]int64(nil), s.sel...) }

// insertIndex is where a new shot goes: after the selection, or last.
func (s *Studio) insertIndex() int {
	last := -1
	for _, id := range s.sel {
		last = max(last, s.m.index(id))
	}
	if last < 0 {
		return len(s.m.shots)
	}
	return last + 1
}

// addShot adds a shot with prompt at index and selects it.
func (s *Studio) addShot(prompt string, index int) {
	sh := project.NewShot(prompt, s.m.settings.Rate, kwidget.NewSeed())
	if s.m.settings.SeedPolicy == project.SeedPerTake {
		sh.Seed.Mode = project.SeedNewEach
	}
	s.applyThen(project.AddShot{Shot: *sh, Index: index}, func(a project.Applied) {
		if a.ID != 0 {
			s.selectShots([]int64{a.ID})
		}
	})
}

// AddShot adds an empty shot after the selection (the + button).
func (s *Studio) AddShot() { s.addShot("", s.insertIndex()) }

// duplicateSelected copies the selected shots after the last of them.
func (s *Studio) duplicateSelected() {
	s.inspector.Flush()
	at := s.insertIndex()
	for k, id := range s.sel {
		sh := s.m.shot(id)
		if sh == nil {
			continue
		}
		c := sh.Clone()
		c.ID, c.ActiveTakeID = 0, 0
		s.apply(project.AddShot{Shot: *c, Index: at + k, Duplicate: true})
	}
}

// deleteSelected deletes the selected shots (each one undoable).
func (s *Studio) deleteSelected() {
	if len(s.sel) == 0 {
		return
	}
	next := s.insertIndex() - len(s.sel)
	for _, id := range s.sel {
		s.apply(project.DeleteShot{ShotID: id})
	}
	s.sel = nil
	s.work.do(func(context.Context) func() {
		return func() {
			if len(s.m.shots) > 0 {
				s.SelectShot(min(max(next, 0), len(s.m.shots)-1) + 1)
			} else {
				s.selectShots(nil)
			}
		}
	})
}

func (s *Studio) moveShot(id int64, index int) {
	s.apply(project.MoveShot{ShotID: id, Index: index})
}

// resizeShot stores a duration dragged on the timeline.
func (s *Studio) resizeShot(id int64, d project.Time) {
	sh := s.m.shot(id)
	if sh == nil {
		return
	}
	c := sh.Clone()
	c.Duration = d
	for _, l := range c.Dialogue {
		if l.Start.Frames >= d.Frames {
			s.setStatus("Shot " + itoa(sh.Number()) + " cannot be shorter than its dialogue: a line starts at " + l.Start.String())
			s.refreshCards()
			return
		}
	}
	s.updateShot(c)
}

// updateShot stores the inspector's or timeline's change to a shot.
func (s *Studio) updateShot(sh *project.Shot) {
	id := sh.ID
	s.inflight[id]++
	s.applyThen(project.UpdateShot{Shot: *sh}, nil, id)
	s.work.do(func(context.Context) func() {
		return func() {
			s.inflight[id]--
			if s.inflight[id] <= 0 {
				delete(s.inflight, id)
				if id == s.selectedID() {
					s.refreshInspector()
				}
			}
		}
	})
	if id == s.selectedID() {
		s.interpret(sh.Prompt)
	}
}

// Undo reverts the last edit.
func (s *Studio) Undo() { s.step(true) }

// Redo re-applies the last undone edit.
func (s *Studio) Redo() { s.step(false) }

func (s *Studio) step(undo bool) {
	s.inspector.Flush()
	s.clipPanel.Flush()
	s.work.do(func(ctx context.Context) func() {
		var res project.Applied
		var err error
		if undo {
			res, err = s.deps.Store.Undo(ctx)
		} else {
			res, err = s.deps.Store.Redo(ctx)
		}
		snap, lerr := loadSnapshot(ctx, s.deps.Store, nil)
		return func() {
			switch {
			case project.ErrorCode(err) == project.ENOTFOUND && undo:
				s.setStatus("Nothing to undo")
			case project.ErrorCode(err) == project.ENOTFOUND:
				s.setStatus("Nothing to redo")
			case err != nil:
				s.showError("Undo", err)
			case undo:
				s.setStatus("Undid " + res.Label)
			default:
				s.setStatus("Redid " + res.Label)
			}
			if lerr == nil {
				s.inflight = map[int64]int{}
				s.inspector.SetShot(nil, kwidget.ShotDetails{}) // show the restored fields, not typed ones
				s.applySnapshot(snap)
			}
		}
	})
}

// useTake makes take id the selected shot's take. A shot with a fixed
// seed adopts the take's seed (a variation picked from a set), so the
// take is not shown as stale and Regenerate makes it again.
func (s *Studio) useTake(id int64) {
	shot := s.selectedID()
	edits := []project.Edit{project.SetActiveTake{ShotID: shot, TakeID: id}}
	if sh := s.m.shot(shot); sh != nil && sh.Seed.Mode == project.SeedFixed {
		for _, t := range s.m.takes[shot] {
			if t.ID == id && t.Seed != sh.Seed.Value {
				c := sh.Clone()
				c.Seed.Value = t.Seed
				edits = append(edits, project.UpdateShot{Shot: *c})
			}
		}
	}
	s.applyAll(edits, nil, shot)
}

func (s *Studio) deleteTake(id int64) {
	s.play.player.ForgetTake(id)
	s.apply(project.DeleteTake{TakeID: id}, s.selectedID())
}

func (s *Studio) uncast(handle string) {
	if id := s.selectedID(); id != 0 {
		s.apply(project.UncastCameo{ShotID: id, Handle: handle}, id)
	}
}

// readLibrary reads the cameo library into snap. A library that cannot be
// read leaves snap with its error: every cameo's consent is then refused
// (fails closed) until it can be read again, and the rest works.
func readLibrary(ctx context.Context, lib Library, snap *snapshot) {
	snap.withLib = true
	cameos, err := lib.Cameos(ctx)
	if err == nil {
		snap.libCameos = cameos
		snap.libFacts, err = lib.ConsentFacts(ctx)
	}
	snap.libErr = err
}
