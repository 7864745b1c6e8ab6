package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"kino/project"
)

// ConsentFacts returns every consent record (the cameo snapshots and the
// revocation list) and pin the project holds.
func (p *Project) ConsentFacts(ctx context.Context) (*project.ConsentFacts, error) {
	return consentFactsOf(ctx, p.db, "reading consent records")
}

// SyncConsent brings newer consent records into the project, typically
// the library's on open, so a revocation made anywhere reaches the
// project and stays with it when the folder is copied to another machine.
// A record is taken when the project has a snapshot of its cameo, it
// verifies, a grant carries the pinned owner key, and it is newer than
// the snapshot's; a grant for another likeness than the snapshot's waits
// for the cameo to be cast again (with its new image). Revocations always
// join the revocation list. It is not an edit: consent cannot be undone.
// It returns how many records it took.
func (p *Project) SyncConsent(ctx context.Context, records []project.ConsentRecord) (int, error) {
	if len(records) == 0 || p.ReadOnly() {
		return 0, nil
	}
	taken := 0
	err := p.db.write(ctx, "updating consent records", func(tx *sql.Tx) error {
		taken = 0
		facts, err := loadConsentFacts(ctx, tx)
		if err != nil {
			return err
		}
		for _, r := range records {
			snap, err := loadCameoWhere(ctx, tx, "id = ?", r.CameoID)
			if err != nil {
				return err
			}
			if snap == nil || r.Consent.Seq <= snap.Consent.Seq {
				continue
			}
			r.Handle, r.Likeness = snap.Handle, r.Consent.ImageSHA256
			if project.VerifyConsentRecord(facts, r) != nil {
				continue
			}
			if r.Consent.ImageSHA256 == snap.MainImage() {
				snap.Consent = r.Consent
				if err := saveCameo(ctx, tx, p.media, snap); err != nil {
					return err
				}
			} else if r.Consent.Revoked {
				if err := rememberConsent(ctx, tx, r); err != nil {
					return err
				}
			} else {
				continue
			}
			taken++
		}
		return nil
	})
	return taken, err
}

// verifyIncoming checks a cameo an edit brings into the project: when its
// consent record would replace the snapshot's (it is newer, or there is
// none), the record must verify beside the project's facts.
func (et *editTx) verifyIncoming(c *project.Cameo) error {
	old, err := loadCameoWhere(et.ctx, et.tx, "id = ?", c.ID)
	if err != nil {
		return err
	}
	if old != nil && old.Consent.Seq >= c.Consent.Seq {
		return nil
	}
	facts, err := loadConsentFacts(et.ctx, et.tx)
	if err != nil {
		return err
	}
	return project.VerifyConsentRecord(facts, project.RecordOf(c))
}

// judge applies the consent rule to the cameo with id (shown as handle)
// over the project's facts and extra records.
func (et *editTx) judge(id, handle string, extra ...project.ConsentRecord) (project.ConsentVerdict, error) {
	proj, err := et.project()
	if err != nil {
		return project.ConsentVerdict{}, err
	}
	facts, err := loadConsentFacts(et.ctx, et.tx)
	if err != nil {
		return project.ConsentVerdict{}, err
	}
	facts.Records = append(facts.Records, extra...)
	return project.JudgeConsent(facts, id, handle, proj.ID, et.now), nil
}

// restoreTakes puts back takes a DeleteTakes removed; its inverse deletes
// them again, purging their media on close when purge is set.
type restoreTakes struct {
	takes []project.RestoreTake
	purge bool
}

// Label implements project.Edit.
func (restoreTakes) Label() string { return "Restore Takes" }

// deleteTakes removes several takes in one edit. With Purge their media
// are removed from disk when the project closes, unless undone first.
func (et *editTx) deleteTakes(e project.DeleteTakes) (project.Edit, int64, error) {
	if len(e.TakeIDs) == 0 {
		return nil, 0, project.Errorf(project.EINVALID, "no takes to delete")
	}
	inv := restoreTakes{purge: e.Purge}
	for _, id := range e.TakeIDs {
		ie, _, err := et.deleteTake(project.DeleteTake{TakeID: id})
		if err != nil {
			return nil, 0, err
		}
		rt := ie.(project.RestoreTake)
		inv.takes = append(inv.takes, rt)
		if e.Purge {
			et.p.purgeLater(rt.Take)
		}
	}
	return inv, 0, nil
}

func (et *editTx) restoreTakes(e restoreTakes) (project.Edit, int64, error) {
	inv := project.DeleteTakes{Purge: e.purge}
	for i := len(e.takes) - 1; i >= 0; i-- {
		if _, _, err := et.restoreTake(e.takes[i]); err != nil {
			return nil, 0, err
		}
		et.p.keep(e.takes[i].Take.ID)
		inv.TakeIDs = append([]int64{e.takes[i].Take.ID}, inv.TakeIDs...)
	}
	return inv, 0, nil
}

// purgeLater marks the media of deleted take t for removal on Close.
// p.mu is held (edits run under it).
func (p *Project) purgeLater(t project.Take) {
	if p.purge == nil {
		p.purge = map[int64][]string{}
	}
	for _, m := range t.Media {
		p.purge[t.ID] = append(p.purge[t.ID], m.Asset.SHA256)
	}
	if _, ok := p.purge[t.ID]; !ok {
		p.purge[t.ID] = nil
	}
}

// keep cancels the purge of take id (it was restored). p.mu is held.
func (p *Project) keep(id int64) { delete(p.purge, id) }

// purgeDeleted removes, at close, the media of takes deleted with Purge
// that are still deleted, when no row uses them any more. p.mu is held.
func (p *Project) purgeDeleted(ctx context.Context) error {
	if len(p.purge) == 0 || p.ReadOnly() {
		return nil
	}
	var files []string
	err := p.db.write(ctx, "removing deleted takes' media", func(tx *sql.Tx) error {
		files = files[:0]
		for id, shas := range p.purge {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM takes WHERE id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			for _, sha := range shas {
				var used int
				err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM take_media WHERE sha256 = ?1)
					+ (SELECT count(*) FROM cameo_images WHERE sha256 = ?1)
					+ (SELECT count(*) FROM audio_clips WHERE sha256 = ?1)`, sha).Scan(&used)
				if err != nil {
					return err
				}
				if used > 0 {
					continue
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM assets WHERE sha256 = ?`, sha); err != nil {
					return err
				}
				files = append(files, p.media.path(sha))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The rows are gone (committed) before the files: a crash in between
	// leaves only orphan files, which kino doctor --fix removes.
	for _, f := range files {
		if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("removing %s: %w", f, err)
		}
	}
	p.purge = nil
	return nil
}
