package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"time"

	"kino/project"
	kwidget "kino/ui/widget"
)

// noTakes asks loadSnapshot to read no shot's takes.
var noTakes = []int64{}

// editsCtl stores the person's edits, each as one undoable step saved when
// it is made: shots, takes, casts and audio clips, undo and redo, and the
// engine's reading of the prompt being typed.
type editsCtl struct {
	s        *Studio
	inflight map[int64]int // shot → UpdateShot edits not yet stored
	// interpreted is what the prompt chips were last computed from.
	interpreted    string
	interpreting   atomic.Int32  // interpretations not yet posted
	tokenGen       atomic.Uint64 // latest prompt token count asked for
	interpretTimer *time.Timer
}

// apply stores e on the worker, reloads the project (and the takes of
// shotIDs) and shows the result. Every edit is saved when apply's
// worker step returns: there is no unsaved state.
func (ed *editsCtl) apply(e project.Edit, shotIDs ...int64) {
	ed.applyThen(e, nil, shotIDs...)
}

// applyThen is apply with a step on the UI goroutine after success.
func (ed *editsCtl) applyThen(e project.Edit, then func(project.Applied), shotIDs ...int64) {
	if shotIDs == nil {
		shotIDs = noTakes
	}
	ed.s.work.do(func(ctx context.Context) func() {
		res, err := ed.s.deps.Store.Apply(ctx, e)
		ids := shotIDs
		if err == nil && res.ID != 0 {
			ids = append(append([]int64(nil), shotIDs...), res.ID)
		}
		snap, lerr := loadSnapshot(ctx, ed.s.deps.Store, ids)
		return func() {
			if err != nil {
				ed.s.showError(e.Label(), err)
			} else {
				ed.s.setStatus("Saved: " + res.Label)
			}
			if lerr != nil {
				ed.s.showError("Reading the project", lerr)
			} else {
				ed.s.applySnapshot(snap)
			}
			if err == nil && then != nil {
				then(res)
			}
		}
	})
}

// reload reads the project again (the takes of shotIDs; nil: all).
func (ed *editsCtl) reload(shotIDs []int64) {
	ed.s.work.do(func(ctx context.Context) func() {
		snap, err := loadSnapshot(ctx, ed.s.deps.Store, shotIDs)
		return func() {
			if err != nil {
				ed.s.showError("Reading the project", err)
				return
			}
			ed.s.applySnapshot(snap)
		}
	})
}

// reloadLibrary reads the cameo library and the project again.
func (ed *editsCtl) reloadLibrary() {
	if ed.s.deps.Library == nil {
		return
	}
	ed.s.work.do(func(ctx context.Context) func() {
		snap, err := loadSnapshot(ctx, ed.s.deps.Store, noTakes)
		if err == nil {
			readLibrary(ctx, ed.s.deps.Library, snap)
		}
		return func() {
			if err != nil {
				ed.s.showError("Reading the cameo library", err)
				return
			}
			ed.s.applySnapshot(snap)
		}
	})
}

// Reload reads the whole project and library again, for when another
// process changed them.
func (s *Studio) Reload() {
	s.play.peaks.forgetFailures()
	s.edits.reload(nil)
	s.edits.reloadLibrary()
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
	s.edits.reinterpret()
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
		s.clips.panel.Flush()
		s.timeline.SetSelectedAudio(0)
		defer s.clips.refresh()
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
		s.edits.interpret(sh.Prompt)
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
func (ed *editsCtl) addShot(prompt string, index int) {
	sh := project.NewShot(prompt, ed.s.m.settings.Rate, kwidget.NewSeed())
	if ed.s.m.settings.SeedPolicy == project.SeedPerTake {
		sh.Seed.Mode = project.SeedNewEach
	}
	ed.applyThen(project.AddShot{Shot: *sh, Index: index}, func(a project.Applied) {
		if a.ID != 0 {
			ed.s.selectShots([]int64{a.ID})
		}
	})
}

// AddShot adds an empty shot after the selection (the + button).
func (s *Studio) AddShot() { s.edits.addShot("", s.insertIndex()) }

// duplicateSelected copies the selected shots after the last of them.
func (ed *editsCtl) duplicateSelected() {
	ed.s.inspector.Flush()
	at := ed.s.insertIndex()
	for k, id := range ed.s.sel {
		sh := ed.s.m.shot(id)
		if sh == nil {
			continue
		}
		c := sh.Clone()
		c.ID, c.ActiveTakeID = 0, 0
		ed.apply(project.AddShot{Shot: *c, Index: at + k, Duplicate: true})
	}
}

// deleteSelected deletes the selected shots (each one undoable).
func (ed *editsCtl) deleteSelected() {
	if len(ed.s.sel) == 0 {
		return
	}
	next := ed.s.insertIndex() - len(ed.s.sel)
	for _, id := range ed.s.sel {
		ed.apply(project.DeleteShot{ShotID: id})
	}
	ed.s.sel = nil
	ed.s.work.do(func(context.Context) func() {
		return func() {
			if len(ed.s.m.shots) > 0 {
				ed.s.SelectShot(min(max(next, 0), len(ed.s.m.shots)-1) + 1)
			} else {
				ed.s.selectShots(nil)
			}
		}
	})
}

func (ed *editsCtl) moveShot(id int64, index int) {
	ed.apply(project.MoveShot{ShotID: id, Index: index})
}

// resizeShot stores a duration dragged on the timeline.
func (ed *editsCtl) resizeShot(id int64, d project.Time) {
	sh := ed.s.m.shot(id)
	if sh == nil {
		return
	}
	c := sh.Clone()
	c.Duration = d
	for _, l := range c.Dialogue {
		if l.Start.Frames >= d.Frames {
			ed.s.setStatus("Shot " + itoa(sh.Number()) + " cannot be shorter than its dialogue: a line starts at " + l.Start.String())
			ed.s.refreshCards()
			return
		}
	}
	ed.updateShot(c)
}

// updateShot stores the inspector's or timeline's change to a shot.
func (ed *editsCtl) updateShot(sh *project.Shot) {
	id := sh.ID
	ed.inflight[id]++
	ed.applyThen(project.UpdateShot{Shot: *sh}, nil, id)
	ed.s.work.do(func(context.Context) func() {
		return func() {
			ed.inflight[id]--
			if ed.inflight[id] <= 0 {
				delete(ed.inflight, id)
				if id == ed.s.selectedID() {
					ed.s.refreshInspector()
				}
			}
		}
	})
	if id == ed.s.selectedID() {
		ed.interpret(sh.Prompt)
	}
}

// Undo reverts the last edit.
func (s *Studio) Undo() { s.edits.step(true) }

// Redo re-applies the last undone edit.
func (s *Studio) Redo() { s.edits.step(false) }

func (ed *editsCtl) step(undo bool) {
	ed.s.inspector.Flush()
	ed.s.clips.panel.Flush()
	ed.s.work.do(func(ctx context.Context) func() {
		var res project.Applied
		var err error
		if undo {
			res, err = ed.s.deps.Store.Undo(ctx)
		} else {
			res, err = ed.s.deps.Store.Redo(ctx)
		}
		snap, lerr := loadSnapshot(ctx, ed.s.deps.Store, nil)
		return func() {
			switch {
			case project.ErrorCode(err) == project.ENOTFOUND && undo:
				ed.s.setStatus("Nothing to undo")
			case project.ErrorCode(err) == project.ENOTFOUND:
				ed.s.setStatus("Nothing to redo")
			case err != nil:
				ed.s.showError("Undo", err)
			case undo:
				ed.s.setStatus("Undid " + res.Label)
			default:
				ed.s.setStatus("Redid " + res.Label)
			}
			if lerr == nil {
				ed.inflight = map[int64]int{}
				ed.s.inspector.SetShot(nil, kwidget.ShotDetails{}) // show the restored fields, not typed ones
				ed.s.applySnapshot(snap)
			}
		}
	})
}

// useTake makes take id the selected shot's take. A shot with a fixed
// seed adopts the take's seed (a variation picked from a set), so the
// take is not shown as stale and Regenerate makes it again.
func (ed *editsCtl) useTake(id int64) {
	shot := ed.s.selectedID()
	edits := []project.Edit{project.SetActiveTake{ShotID: shot, TakeID: id}}
	if sh := ed.s.m.shot(shot); sh != nil && sh.Seed.Mode == project.SeedFixed {
		for _, t := range ed.s.m.takes[shot] {
			if t.ID == id && t.Seed != sh.Seed.Value {
				c := sh.Clone()
				c.Seed.Value = t.Seed
				edits = append(edits, project.UpdateShot{Shot: *c})
			}
		}
	}
	ed.applyAll(edits, nil, shot)
}

func (ed *editsCtl) deleteTake(id int64) {
	ed.s.play.player.ForgetTake(id)
	ed.apply(project.DeleteTake{TakeID: id}, ed.s.selectedID())
}

func (ed *editsCtl) uncast(handle string) {
	if id := ed.s.selectedID(); id != 0 {
		ed.apply(project.UncastCameo{ShotID: id, Handle: handle}, id)
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

// submitNewShot adds a shot at the end with the prompt typed in the
// toolbar's field; an empty or blank prompt says what to do instead.
func (ed *editsCtl) submitNewShot(text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		ed.s.setStatus("Type what the shot shows, then press Enter (+ adds an empty shot)")
		ed.s.newShot.ForceText("")
		return
	}
	ed.addShot(text, len(ed.s.m.shots))
	ed.s.newShot.ForceText("")
}
