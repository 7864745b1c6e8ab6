package sqlite

import (
	"context"
	"database/sql"
	"time"

	"kino/project"
)

// editTx is one edit being applied inside a write transaction.
type editTx struct {
	ctx      context.Context
	tx       *sql.Tx
	p        *Project
	now      time.Time
	settings *project.Project // loaded on first use
}

// project returns the project's settings as of this transaction.
func (et *editTx) project() (*project.Project, error) {
	if et.settings == nil {
		s, err := loadSettings(et.ctx, et.tx)
		if err != nil {
			return nil, err
		}
		et.settings = s
	}
	return et.settings, nil
}

// Apply validates e and commits it in one transaction, and pushes its
// inverse on the undo stack (clearing the redo stack). When Apply returns
// nil the edit is on disk.
func (p *Project) Apply(ctx context.Context, e project.Edit) (project.Applied, error) {
	if e == nil {
		return project.Applied{}, project.Errorf(project.EINVALID, "no edit to apply")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	inv, id, err := p.commit(ctx, e)
	if err != nil {
		return project.Applied{}, err
	}
	p.push(&p.undo, stackEntry{label: e.Label(), edit: inv})
	p.redo = nil
	return project.Applied{Label: e.Label(), ID: id}, nil
}

// commit applies e in one transaction and returns its inverse and the ID
// of a row it created. p.mu must be held.
func (p *Project) commit(ctx context.Context, e project.Edit) (project.Edit, int64, error) {
	var inv project.Edit
	var id int64
	err := p.db.write(ctx, "applying "+e.Label(), func(tx *sql.Tx) error {
		et := &editTx{ctx: ctx, tx: tx, p: p, now: p.now()}
		var err error
		inv, id, err = et.apply(e)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return inv, id, nil
}

// apply dispatches one edit and returns its inverse and the ID of a row it
// created (or restored), or 0.
func (et *editTx) apply(e project.Edit) (project.Edit, int64, error) {
	switch e := e.(type) {
	case project.UpdateProject:
		return et.updateProject(e)
	case project.AddShot:
		return et.addShot(e)
	case project.UpdateShot:
		return et.updateShot(e, true)
	case project.MoveShot:
		return et.moveShot(e)
	case project.DeleteShot:
		return et.deleteShot(e)
	case project.RestoreShot:
		return et.restoreShot(e)
	case project.CastCameo:
		return et.castCameo(e)
	case project.UncastCameo:
		return et.uncastCameo(e)
	case project.SetActiveTake:
		return et.setActiveTake(e)
	case project.SetFavourite:
		return et.setFavourite(e)
	case project.DeleteTake:
		return et.deleteTake(e)
	case project.RestoreTake:
		return et.restoreTake(e)
	case project.DeleteTakes:
		return et.deleteTakes(e)
	case restoreTakes:
		return et.restoreTakes(e)
	case project.AddAudioClip:
		return et.addAudioClip(e)
	case project.UpdateAudioClip:
		return et.updateAudioClip(e)
	case project.DeleteAudioClip:
		return et.deleteAudioClip(e)
	case project.RestoreAudioClip:
		return et.restoreAudioClip(e)
	case project.UpdateCameoSnapshot:
		return et.updateCameoSnapshot(e)
	case project.ImportShots:
		return et.importShots(e)
	case compoundEdit:
		return et.compound(e)
	case deleteCameoSnapshot:
		return et.deleteCameoSnapshot(e)
	case restoreSettings:
		return et.restoreSettings(e)
	}
	if d, ok := deref(e); ok {
		return et.apply(d)
	}
	return nil, 0, project.Errorf(project.EINVALID, "Kino does not know the edit %T", e)
}

// deref turns a pointer to a known edit into the edit itself, so callers
// may pass either.
func deref(e project.Edit) (project.Edit, bool) {
	switch e := e.(type) {
	case *project.UpdateProject:
		return *e, e != nil
	case *project.AddShot:
		return *e, e != nil
	case *project.UpdateShot:
		return *e, e != nil
	case *project.MoveShot:
		return *e, e != nil
	case *project.DeleteShot:
		return *e, e != nil
	case *project.RestoreShot:
		return *e, e != nil
	case *project.CastCameo:
		return *e, e != nil
	case *project.UncastCameo:
		return *e, e != nil
	case *project.SetActiveTake:
		return *e, e != nil
	case *project.SetFavourite:
		return *e, e != nil
	case *project.DeleteTake:
		return *e, e != nil
	case *project.RestoreTake:
		return *e, e != nil
	case *project.DeleteTakes:
		return *e, e != nil
	case *project.AddAudioClip:
		return *e, e != nil
	case *project.UpdateAudioClip:
		return *e, e != nil
	case *project.DeleteAudioClip:
		return *e, e != nil
	case *project.RestoreAudioClip:
		return *e, e != nil
	case *project.UpdateCameoSnapshot:
		return *e, e != nil
	case *project.ImportShots:
		return *e, e != nil
	}
	return nil, false
}

// compoundEdit applies several edits in order in one transaction. Its
// inverse is the inverses of its parts in reverse order. It exists only on
// the undo and redo stacks.
type compoundEdit struct {
	label string
	edits []project.Edit
}

// Label implements project.Edit.
func (c compoundEdit) Label() string { return c.label }

func (et *editTx) compound(c compoundEdit) (project.Edit, int64, error) {
	inv := compoundEdit{label: c.label, edits: make([]project.Edit, len(c.edits))}
	var id int64
	for i, e := range c.edits {
		ie, eid, err := et.apply(e)
		if err != nil {
			return nil, 0, err
		}
		inv.edits[len(c.edits)-1-i] = ie
		if id == 0 {
			id = eid
		}
	}
	return inv, id, nil
}
