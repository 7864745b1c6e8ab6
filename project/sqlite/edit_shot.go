package sqlite

import (
	"kino/project"
)

// normalizeShot returns a copy of s with cast handles and dialogue
// speakers normalised, so "@Ana" and "ana" name the same cameo.
func normalizeShot(s *project.Shot) *project.Shot {
	c := s.Clone()
	for i := range c.Cast {
		c.Cast[i].Handle = project.NormalizeHandle(c.Cast[i].Handle)
	}
	for i := range c.Dialogue {
		if !c.Dialogue[i].Narrator { // a narrator line's speaker is a character's name
			c.Dialogue[i].Speaker = project.NormalizeHandle(c.Dialogue[i].Speaker)
		}
	}
	if len(c.Cast) == 0 {
		c.Cast = nil
	}
	if len(c.Dialogue) == 0 {
		c.Dialogue = nil
	}
	return c
}

// resolveCast fills in each member's cameo ID and handle from the
// project's snapshots. Members not in before (by cameo ID) are new to the
// shot: when checkConsent is set, their snapshot's consent must allow this
// project now.
func (et *editTx) resolveCast(cast []project.CastMember, before []project.CastMember, checkConsent bool) error {
	var err error
	had := map[string]bool{}
	for _, m := range before {
		had[m.CameoID] = true
	}
	for i := range cast {
		m := &cast[i]
		var snap *project.Cameo
		if m.CameoID != "" {
			snap, err = loadCameoWhere(et.ctx, et.tx, "id = ?", m.CameoID)
		} else {
			snap, err = loadCameoWhere(et.ctx, et.tx, "handle = ?", m.Handle)
		}
		if err != nil {
			return err
		}
		if snap == nil {
			return project.Errorf(project.ENOTFOUND, "%s is not among this project's cameos; cast it from the cameo library first", m.Handle)
		}
		if m.Handle != snap.Handle {
			return project.Errorf(project.EINVALID, "cast member %s names cameo %s, which is %s", m.Handle, m.CameoID, snap.Handle)
		}
		m.CameoID = snap.ID
		if checkConsent && !had[snap.ID] {
			v, err := et.judge(snap.ID, snap.Handle)
			if err != nil {
				return err
			}
			if !v.Allowed() {
				return v.Err
			}
		}
	}
	return nil
}

// addShot inserts a new shot; its inverse deletes it.
func (et *editTx) addShot(e project.AddShot) (project.Edit, int64, error) {
	proj, err := et.project()
	if err != nil {
		return nil, 0, err
	}
	n, err := shotCount(et.ctx, et.tx)
	if err != nil {
		return nil, 0, err
	}
	s := normalizeShot(&e.Shot)
	s.ID, s.ActiveTakeID = 0, 0
	s.Index = e.Index
	if s.Index < 0 || s.Index > n {
		s.Index = n
	}
	if err := s.Validate(proj.Rate); err != nil {
		return nil, 0, err
	}
	if err := et.resolveCast(s.Cast, nil, true); err != nil {
		return nil, 0, err
	}
	s.CreatedAt, s.UpdatedAt = et.now, et.now
	if err := openGap(et.ctx, et.tx, s.Index); err != nil {
		return nil, 0, err
	}
	id, err := insertShot(et.ctx, et.tx, s)
	if err != nil {
		return nil, 0, err
	}
	return project.DeleteShot{ShotID: id}, id, nil
}

// updateShot replaces a shot's editable fields; its inverse puts the old
// ones back. Newly cast members need consent when checkConsent is set.
func (et *editTx) updateShot(e project.UpdateShot, checkConsent bool) (project.Edit, int64, error) {
	proj, err := et.project()
	if err != nil {
		return nil, 0, err
	}
	old, err := loadShot(et.ctx, et.tx, e.Shot.ID)
	if err != nil {
		return nil, 0, err
	}
	s := normalizeShot(&e.Shot)
	s.Index, s.ActiveTakeID, s.CreatedAt, s.UpdatedAt = old.Index, old.ActiveTakeID, old.CreatedAt, et.now
	if err := s.Validate(proj.Rate); err != nil {
		return nil, 0, err
	}
	if err := keepsNarrators(old, s); err != nil {
		return nil, 0, err
	}
	if err := et.resolveCast(s.Cast, old.Cast, checkConsent); err != nil {
		return nil, 0, err
	}
	if err := updateShotRow(et.ctx, et.tx, s); err != nil {
		return nil, 0, err
	}
	return project.UpdateShot{Shot: *old}, 0, nil
}

// moveShot moves a shot to a 0-based position (the end when past it).
func (et *editTx) moveShot(e project.MoveShot) (project.Edit, int64, error) {
	old, err := loadShot(et.ctx, et.tx, e.ShotID)
	if err != nil {
		return nil, 0, err
	}
	if e.Index < 0 {
		return nil, 0, project.Errorf(project.EINVALID, "shot position %d is before the first shot", e.Index)
	}
	n, err := shotCount(et.ctx, et.tx)
	if err != nil {
		return nil, 0, err
	}
	to := min(e.Index, n-1)
	if err := moveShotRow(et.ctx, et.tx, old.ID, old.Index, to); err != nil {
		return nil, 0, err
	}
	return project.MoveShot{ShotID: old.ID, Index: old.Index}, 0, nil
}

// deleteShot removes a shot with its takes; the inverse restores both.
func (et *editTx) deleteShot(e project.DeleteShot) (project.Edit, int64, error) {
	old, err := loadShot(et.ctx, et.tx, e.ShotID)
	if err != nil {
		return nil, 0, err
	}
	takes, err := loadTakes(et.ctx, et.tx, old.ID)
	if err != nil {
		return nil, 0, err
	}
	if _, err := et.tx.ExecContext(et.ctx, `DELETE FROM shots WHERE id = ?`, old.ID); err != nil {
		return nil, 0, err
	}
	if err := closeGap(et.ctx, et.tx, old.Index); err != nil {
		return nil, 0, err
	}
	inv := project.RestoreShot{Shot: *old, Takes: make([]project.Take, len(takes))}
	for i, t := range takes {
		inv.Takes[i] = *t
	}
	return inv, 0, nil
}

// restoreShot puts a deleted shot back under its old ID and position, with
// its takes and active take. It restores data rather than casting anyone
// anew, so it does not re-check consent (rendering still does).
func (et *editTx) restoreShot(e project.RestoreShot) (project.Edit, int64, error) {
	proj, err := et.project()
	if err != nil {
		return nil, 0, err
	}
	s := normalizeShot(&e.Shot)
	if s.ID <= 0 {
		return nil, 0, project.Errorf(project.EINVALID, "a shot to restore needs its old ID")
	}
	n, err := shotCount(et.ctx, et.tx)
	if err != nil {
		return nil, 0, err
	}
	if s.Index < 0 || s.Index > n {
		s.Index = n
	}
	if err := s.Validate(proj.Rate); err != nil {
		return nil, 0, err
	}
	if err := et.resolveCast(s.Cast, nil, false); err != nil {
		return nil, 0, err
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = et.now
	}
	s.UpdatedAt = et.now
	if err := openGap(et.ctx, et.tx, s.Index); err != nil {
		return nil, 0, err
	}
	if _, err := insertShot(et.ctx, et.tx, s); err != nil {
		return nil, 0, err
	}
	active := false
	for i := range e.Takes {
		t := e.Takes[i].Clone()
		if t.ID <= 0 {
			return nil, 0, project.Errorf(project.EINVALID, "a take to restore needs its old ID")
		}
		t.ShotID = s.ID
		if err := t.Validate(); err != nil {
			return nil, 0, err
		}
		if _, err := insertTake(et.ctx, et.tx, et.p.media, t); err != nil {
			return nil, 0, err
		}
		active = active || t.ID == s.ActiveTakeID
	}
	if active {
		if err := setActiveTake(et.ctx, et.tx, s.ID, s.ActiveTakeID); err != nil {
			return nil, 0, err
		}
	}
	return project.DeleteShot{ShotID: s.ID}, s.ID, nil
}

// keepsNarrators refuses an update that gives a line to the narrator voice
// for a character the shot had no narrator lines for: narrator lines come
// from an imported script, and lines added by hand need a cast speaker.
// Narrator lines may be edited, retimed or removed.
func keepsNarrators(old, s *project.Shot) error {
	had := map[string]bool{}
	for _, d := range old.Dialogue {
		if d.Narrator {
			had[d.Speaker] = true
		}
	}
	for i, d := range s.Dialogue {
		if d.Narrator && !had[d.Speaker] {
			return project.Errorf(project.EINVALID, "shot %d, line %d: %s is not cast in this shot; cast a cameo to speak the line", s.Number(), i+1, d.Speaker)
		}
	}
	return nil
}
