package sqlite

import (
	"kino/project"
)

// castCameo checks the cameo's consent, stores or refreshes its snapshot
// and adds it to the shot's cast (or changes its role there). It is the
// compound of UpdateCameoSnapshot and UpdateShot, so its inverse puts back
// both the old cast and the old snapshot (or removes a new one).
func (et *editTx) castCameo(e project.CastCameo) (project.Edit, int64, error) {
	c, err := normalizeCameo(&e.Cameo)
	if err != nil {
		return nil, 0, err
	}
	if c.ID == "" {
		return nil, 0, project.Errorf(project.EINVALID, "cameo %s has no ID; save it in the cameo library first", c.Handle)
	}
	if v, err := et.judge(c.ID, c.Handle, project.RecordOf(c)); err != nil {
		return nil, 0, err
	} else if !v.Allowed() {
		return nil, 0, v.Err
	}
	s, err := loadShot(et.ctx, et.tx, e.ShotID)
	if err != nil {
		return nil, 0, err
	}
	ns := s.Clone()
	member := project.CastMember{CameoID: c.ID, Handle: c.Handle, Role: e.Role}
	found := false
	for i := range ns.Cast {
		if ns.Cast[i].CameoID == c.ID {
			ns.Cast[i], found = member, true
		}
	}
	if !found {
		ns.Cast = append(ns.Cast, member)
	}
	inv, _, err := et.compound(compoundEdit{label: e.Label(), edits: []project.Edit{
		project.UpdateCameoSnapshot{Cameo: *c},
		project.UpdateShot{Shot: *ns},
	}})
	return inv, 0, err
}

// uncastCameo removes a cameo and its dialogue lines from a shot.
func (et *editTx) uncastCameo(e project.UncastCameo) (project.Edit, int64, error) {
	s, err := loadShot(et.ctx, et.tx, e.ShotID)
	if err != nil {
		return nil, 0, err
	}
	h := project.NormalizeHandle(e.Handle)
	if !s.IsCast(h) {
		return nil, 0, project.Errorf(project.ENOTFOUND, "%s is not cast in shot %d", h, s.Number())
	}
	ns := s.Clone()
	ns.Cast = ns.Cast[:0]
	for _, m := range s.Cast {
		if m.Handle != h {
			ns.Cast = append(ns.Cast, m)
		}
	}
	ns.Dialogue = ns.Dialogue[:0]
	for _, d := range s.Dialogue {
		if d.Speaker != h {
			ns.Dialogue = append(ns.Dialogue, d)
		}
	}
	return et.updateShot(project.UpdateShot{Shot: *ns}, true)
}

// updateCameoSnapshot stores or refreshes the project's copy of a cameo.
// Its images must already be in the project's media. A changed handle is
// carried into the dialogue of every shot that casts the cameo.
func (et *editTx) updateCameoSnapshot(e project.UpdateCameoSnapshot) (project.Edit, int64, error) {
	c, err := normalizeCameo(&e.Cameo)
	if err != nil {
		return nil, 0, err
	}
	if c.ID == "" {
		return nil, 0, project.Errorf(project.EINVALID, "cameo %s has no ID; save it in the cameo library first", c.Handle)
	}
	if err := et.verifyIncoming(c); err != nil {
		return nil, 0, err
	}
	old, err := loadCameoWhere(et.ctx, et.tx, "id = ?", c.ID)
	if err != nil {
		return nil, 0, err
	}
	if err := saveCameo(et.ctx, et.tx, et.p.media, c); err != nil {
		return nil, 0, err
	}
	if old != nil && old.Handle != c.Handle {
		if err := et.renameSpeaker(c.ID, old.Handle, c.Handle); err != nil {
			return nil, 0, err
		}
	}
	if old == nil {
		return deleteCameoSnapshot{ID: c.ID}, 0, nil
	}
	return project.UpdateCameoSnapshot{Cameo: *old}, 0, nil
}

// renameSpeaker rewrites dialogue lines of shots casting cameo id from
// handle from to handle to.
func (et *editTx) renameSpeaker(id, from, to string) error {
	rows, err := et.tx.QueryContext(et.ctx, `SELECT DISTINCT shot_id FROM shot_cast WHERE cameo_id = ?`, id)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var sid int64
		if err := rows.Scan(&sid); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, sid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, sid := range ids {
		s, err := loadShot(et.ctx, et.tx, sid)
		if err != nil {
			return err
		}
		changed := false
		for i := range s.Dialogue {
			if s.Dialogue[i].Speaker == from {
				s.Dialogue[i].Speaker, changed = to, true
			}
		}
		if changed {
			if err := updateShotTiming(et.ctx, et.tx, s.ID, s.Duration, s.Dialogue, et.now); err != nil {
				return err
			}
		}
	}
	return nil
}

// deleteCameoSnapshot removes a snapshot no shot casts. It undoes a
// CastCameo that brought a new cameo into the project.
type deleteCameoSnapshot struct{ ID string }

// Label implements project.Edit.
func (deleteCameoSnapshot) Label() string { return "Remove Cameo" }

func (et *editTx) deleteCameoSnapshot(e deleteCameoSnapshot) (project.Edit, int64, error) {
	old, err := loadCameoWhere(et.ctx, et.tx, "id = ?", e.ID)
	if err != nil {
		return nil, 0, err
	}
	if old == nil {
		return nil, 0, project.Errorf(project.ENOTFOUND, "this project has no cameo with ID %s", e.ID)
	}
	var n int
	if err := et.tx.QueryRowContext(et.ctx, `SELECT count(*) FROM shot_cast WHERE cameo_id = ?`, e.ID).Scan(&n); err != nil {
		return nil, 0, err
	}
	if n > 0 {
		return nil, 0, project.Errorf(project.ECONFLICT, "%s is still cast in %d shots", old.Handle, n)
	}
	// Takes that depict the cameo keep its snapshot: their consent is
	// judged by it. The snapshot stays; the inverse re-saves it unchanged.
	if err := et.tx.QueryRowContext(et.ctx, `SELECT count(*) FROM take_cameos WHERE cameo_id = ?`, e.ID).Scan(&n); err != nil {
		return nil, 0, err
	}
	if n > 0 {
		return project.UpdateCameoSnapshot{Cameo: *old}, 0, nil
	}
	if err := deleteCameoRow(et.ctx, et.tx, e.ID); err != nil {
		return nil, 0, err
	}
	return project.UpdateCameoSnapshot{Cameo: *old}, 0, nil
}
