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
// for the cameo to be cast again (with its new image). A revocation is
// taken when signed by the cameo's owner or a trusted key (this machine's
// user: trusted), and joins the revocation list. It is not an edit:
// consent cannot be undone. It returns how many records it took.
func (p *Project) SyncConsent(ctx context.Context, records []project.ConsentRecord, trusted ...[]byte) (int, error) {
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
		facts.Trusted = trusted
		for _, r := range records {
			snap, err := loadCameoWhere(ctx, tx, "id = ?", r.CameoID)
			if err != nil {
				return err
			}
			if snap == nil || r.Consent.Seq <= snap.Consent.Seq {
				continue
			}
			r.Handle, r.Likeness = snap.Handle, r.Consent.ImageSHA256
			if project.VerifyConsentRecord(facts, r) != nil || r.Consent.Revoked && !project.RevocationCounts(facts, r) {
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
// them again, purging their media when purge is set.
type restoreTakes struct {
	takes []project.RestoreTake
	purge bool
}

// Label implements project.Edit.
func (restoreTakes) Label() string { return "Restore Takes" }

// deleteTakes removes several takes in one edit. With Purge their media
// are recorded, in the same transaction, for removal from disk once the
// session that could undo it is over (purgeDeleted), so a crash in between
// does not lose the removal.
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
		if !e.Purge {
			continue
		}
		for _, m := range rt.Take.Media {
			if _, err := et.tx.ExecContext(et.ctx, `INSERT INTO purges (take_id, sha256) VALUES (?, ?)
				ON CONFLICT DO NOTHING`, rt.Take.ID, m.Asset.SHA256); err != nil {
				return nil, 0, err
			}
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
		if _, err := et.tx.ExecContext(et.ctx, `DELETE FROM purges WHERE take_id = ?`, e.takes[i].Take.ID); err != nil {
			return nil, 0, err
		}
		inv.TakeIDs = append([]int64{e.takes[i].Take.ID}, inv.TakeIDs...)
	}
	return inv, 0, nil
}

// purgeDeleted removes from disk the media of takes deleted with
// DeleteTakes.Purge that are still deleted, when no row uses them any
// more. It runs when the project closes and when it is opened for editing
// (after a crash, the session that could undo the deletion is over).
func (p *Project) purgeDeleted(ctx context.Context) error {
	if p.ReadOnly() {
		return nil
	}
	var files []string
	err := p.db.write(ctx, "removing deleted takes' media", func(tx *sql.Tx) error {
		files = files[:0]
		rows, err := tx.QueryContext(ctx, `SELECT take_id, sha256 FROM purges
			WHERE take_id NOT IN (SELECT id FROM takes)`)
		if err != nil {
			return err
		}
		type purge struct {
			take int64
			sha  string
		}
		var list []purge
		for rows.Next() {
			var pu purge
			if err := rows.Scan(&pu.take, &pu.sha); err != nil {
				rows.Close()
				return err
			}
			list = append(list, pu)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, pu := range list {
			if _, err := tx.ExecContext(ctx, `DELETE FROM purges WHERE take_id = ? AND sha256 = ?`, pu.take, pu.sha); err != nil {
				return err
			}
			var used int
			err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM take_media WHERE sha256 = ?1)
				+ (SELECT count(*) FROM cameo_images WHERE sha256 = ?1)
				+ (SELECT count(*) FROM audio_clips WHERE sha256 = ?1)`, pu.sha).Scan(&used)
			if err != nil {
				return err
			}
			if used > 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM assets WHERE sha256 = ?`, pu.sha); err != nil {
				return err
			}
			files = append(files, p.media.path(pu.sha))
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
	return nil
}
