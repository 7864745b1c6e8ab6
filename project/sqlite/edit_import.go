package sqlite

import (
	"kino/project"
)

// importShots stores the snapshots of the cameos an import casts (checking
// their consent), then inserts its shots at one place, shifting the shots
// after them once. Its inverse deletes the shots (with any takes made
// since) and puts the snapshots back as they were.
func (et *editTx) importShots(e project.ImportShots) (project.Edit, int64, error) {
	proj, err := et.project()
	if err != nil {
		return nil, 0, err
	}
	if len(e.Shots) == 0 {
		return nil, 0, project.Errorf(project.EINVALID, "there are no shots to import")
	}
	if len(e.Shots) > project.MaxImportShots {
		return nil, 0, project.Errorf(project.EINVALID, "the script makes %d shots; one import adds at most %d", len(e.Shots), project.MaxImportShots)
	}
	var snapInv []project.Edit
	seen := map[string]bool{}
	for i := range e.Cameos {
		c, err := normalizeCameo(&e.Cameos[i])
		if err != nil {
			return nil, 0, err
		}
		if c.ID == "" {
			return nil, 0, project.Errorf(project.EINVALID, "cameo %s has no ID; save it in the cameo library first", c.Handle)
		}
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		if v, err := et.judge(c.ID, c.Handle, project.RecordOf(c)); err != nil {
			return nil, 0, err
		} else if !v.Allowed() {
			return nil, 0, v.Err
		}
		inv, _, err := et.updateCameoSnapshot(project.UpdateCameoSnapshot{Cameo: *c})
		if err != nil {
			return nil, 0, err
		}
		snapInv = append(snapInv, inv)
	}
	n, err := shotCount(et.ctx, et.tx)
	if err != nil {
		return nil, 0, err
	}
	at := e.Index
	if at < 0 || at > n {
		at = n
	}
	shots := make([]*project.Shot, len(e.Shots))
	for i := range e.Shots {
		s := normalizeShot(&e.Shots[i])
		s.ID, s.ActiveTakeID = 0, 0
		s.Index = at + i
		if err := s.Validate(proj.Rate); err != nil {
			return nil, 0, err
		}
		if err := et.resolveCast(s.Cast, nil, true); err != nil {
			return nil, 0, err
		}
		s.CreatedAt, s.UpdatedAt = et.now, et.now
		shots[i] = s
	}
	if _, err := et.tx.ExecContext(et.ctx, `UPDATE shots SET position = position + ? WHERE position >= ?`, len(shots), at); err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(shots))
	for i, s := range shots {
		if ids[i], err = insertShot(et.ctx, et.tx, s); err != nil {
			return nil, 0, err
		}
	}
	// Undo deletes the last shot first, so each deletion closes no gap
	// between imported shots, then puts the snapshots back.
	inv := compoundEdit{label: e.Label()}
	for i := len(ids) - 1; i >= 0; i-- {
		inv.edits = append(inv.edits, project.DeleteShot{ShotID: ids[i]})
	}
	for i := len(snapInv) - 1; i >= 0; i-- {
		inv.edits = append(inv.edits, snapInv[i])
	}
	return inv, ids[0], nil
}
