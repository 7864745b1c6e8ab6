package sqlite

import (
	"kino/project"
)

// setActiveTake chooses the take a shot shows (0 for none). Only a
// finished, successful take can be shown.
func (et *editTx) setActiveTake(e project.SetActiveTake) (project.Edit, int64, error) {
	s, err := loadShot(et.ctx, et.tx, e.ShotID)
	if err != nil {
		return nil, 0, err
	}
	if e.TakeID != 0 {
		t, err := loadTake(et.ctx, et.tx, e.TakeID)
		if err != nil {
			return nil, 0, err
		}
		if t.ShotID != s.ID {
			return nil, 0, project.Errorf(project.EINVALID, "take %d belongs to another shot, not shot %d", t.ID, s.Number())
		}
		if t.Status != project.TakeDone {
			return nil, 0, project.Errorf(project.ECONFLICT, "take %d of shot %d is %s, not done, so it cannot be shown", t.ID, s.Number(), t.Status)
		}
	}
	if err := setActiveTake(et.ctx, et.tx, s.ID, e.TakeID); err != nil {
		return nil, 0, err
	}
	return project.SetActiveTake{ShotID: s.ID, TakeID: s.ActiveTakeID}, 0, nil
}

// setFavourite stars or un-stars a take.
func (et *editTx) setFavourite(e project.SetFavourite) (project.Edit, int64, error) {
	t, err := loadTake(et.ctx, et.tx, e.TakeID)
	if err != nil {
		return nil, 0, err
	}
	if _, err := et.tx.ExecContext(et.ctx, `UPDATE takes SET favourite = ? WHERE id = ?`, boolInt(e.Favourite), t.ID); err != nil {
		return nil, 0, err
	}
	return project.SetFavourite{TakeID: t.ID, Favourite: t.Favourite}, 0, nil
}

// deleteTake removes a take; its blobs stay, so the inverse brings it back
// whole, active again if it was.
func (et *editTx) deleteTake(e project.DeleteTake) (project.Edit, int64, error) {
	t, err := loadTake(et.ctx, et.tx, e.TakeID)
	if err != nil {
		return nil, 0, err
	}
	s, err := loadShot(et.ctx, et.tx, t.ShotID)
	if err != nil {
		return nil, 0, err
	}
	if err := deleteTakeRow(et.ctx, et.tx, t.ID); err != nil {
		return nil, 0, err
	}
	return project.RestoreTake{Take: *t, WasActive: s.ActiveTakeID == t.ID}, 0, nil
}

// restoreTake puts a deleted take back under its old ID.
func (et *editTx) restoreTake(e project.RestoreTake) (project.Edit, int64, error) {
	t := e.Take.Clone()
	if t.ID <= 0 {
		return nil, 0, project.Errorf(project.EINVALID, "a take to restore needs its old ID")
	}
	if err := t.Validate(); err != nil {
		return nil, 0, err
	}
	if _, err := loadShot(et.ctx, et.tx, t.ShotID); err != nil {
		return nil, 0, err
	}
	if _, err := insertTake(et.ctx, et.tx, et.p.media, t); err != nil {
		return nil, 0, err
	}
	if e.WasActive {
		if err := setActiveTake(et.ctx, et.tx, t.ShotID, t.ID); err != nil {
			return nil, 0, err
		}
	}
	return project.DeleteTake{TakeID: t.ID}, t.ID, nil
}
