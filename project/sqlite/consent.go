package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"kino/project"
)

// Consent storage shared by the library and projects: pins, the
// revocation list and the facts the consent rule (project.JudgeConsent)
// reads. The tables are the same in both databases.

// nullBytes stores an empty byte slice as NULL.
func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// rememberConsent pins the key of a signed grant (when the cameo has no
// pin yet), raises the highest sequence number seen, and keeps a signed
// revocation in the revocation list. Unsigned records are not remembered.
func rememberConsent(ctx context.Context, q querier, r project.ConsentRecord) error {
	c := r.Consent
	if len(c.Signature) == 0 || len(c.Key) == 0 {
		return nil
	}
	key := c.Key
	if c.Revoked {
		// A revocation may be signed by anyone but the owner; it must not
		// become the key later grants are held to.
		key = nil
	}
	_, err := q.ExecContext(ctx, `INSERT INTO consent_pins (cameo_id, owner_key, max_seq)
		VALUES (?, coalesce(?, x''), ?)
		ON CONFLICT (cameo_id) DO UPDATE SET
			owner_key = CASE WHEN length(owner_key) = 0 THEN coalesce(excluded.owner_key, x'') ELSE owner_key END,
			max_seq = max(max_seq, excluded.max_seq)`,
		r.CameoID, nullBytes(key), int64(c.Seq))
	if err != nil {
		return fmt.Errorf("remembering the consent of %s: %w", r.Handle, err)
	}
	if !c.Revoked {
		return nil
	}
	rec, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encoding the revocation of %s: %w", r.Handle, err)
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO consent_revocations (cameo_id, seq, record) VALUES (?, ?, ?)
		ON CONFLICT (cameo_id, seq) DO NOTHING`, r.CameoID, int64(c.Seq), string(rec)); err != nil {
		return fmt.Errorf("keeping the revocation of %s: %w", r.Handle, err)
	}
	return nil
}

// loadConsentFacts reads every consent record (cameo rows and the
// revocation list) and pin in q's database.
func loadConsentFacts(ctx context.Context, q querier) (*project.ConsentFacts, error) {
	cameos, err := loadCameos(ctx, q)
	if err != nil {
		return nil, err
	}
	f := &project.ConsentFacts{}
	for _, c := range cameos {
		f.Records = append(f.Records, project.RecordOf(c))
	}
	rows, err := q.QueryContext(ctx, `SELECT cameo_id, seq, record FROM consent_revocations ORDER BY cameo_id, seq`)
	if err != nil {
		return nil, fmt.Errorf("reading the revocation list: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, text string
		var seq int64
		if err := rows.Scan(&id, &seq, &text); err != nil {
			return nil, fmt.Errorf("reading the revocation list: %w", err)
		}
		var r project.ConsentRecord
		if err := json.Unmarshal([]byte(text), &r); err != nil || r.CameoID != id {
			// A damaged entry still says "revoked": keep it as a record
			// that fails verification, so the cameo is refused.
			r = project.ConsentRecord{CameoID: id, Consent: project.Consent{Revoked: true, Seq: uint64(seq)}}
		}
		r.Likeness = r.Consent.ImageSHA256
		f.Records = append(f.Records, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading the revocation list: %w", err)
	}
	prows, err := q.QueryContext(ctx, `SELECT cameo_id, owner_key, max_seq FROM consent_pins ORDER BY cameo_id`)
	if err != nil {
		return nil, fmt.Errorf("reading consent pins: %w", err)
	}
	defer prows.Close()
	for prows.Next() {
		var p project.ConsentPin
		var seq int64
		if err := prows.Scan(&p.CameoID, &p.Key, &seq); err != nil {
			return nil, fmt.Errorf("reading consent pins: %w", err)
		}
		p.MaxSeq = uint64(seq)
		f.Pins = append(f.Pins, p)
	}
	return f, prows.Err()
}

// attestLegacy signs, as self-attested by signer, the consent of every
// cameo row that has no signature. It runs only inside the migration that
// added signed consent, so a signature removed by hand later is never
// signed again: it does not verify. Without a signer (why says why not)
// a database that has cameos is not upgraded: the migration fails, and
// nothing changes until the key can be used. It reads only the columns
// that exist at that migration (later ones add more).
func attestLegacy(signer project.ConsentSigner, why error, file string) migrationHook {
	return func(ctx context.Context, tx *sql.Tx) error {
		if signer == nil {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cameos WHERE consent_signature IS NULL`).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return noSignerError(file, why)
			}
			return nil
		}
		rows, err := tx.QueryContext(ctx, `SELECT c.id, c.handle, c.consent_id, c.consent_owner, c.consent_scope,
			c.consent_project_id, c.consent_granted_at, c.consent_expires, c.consent_revoked, c.consent_revoked_at,
			coalesce((SELECT sha256 FROM cameo_images i WHERE i.cameo_id = c.id ORDER BY ord LIMIT 1), '')
			FROM cameos c WHERE c.consent_signature IS NULL`)
		if err != nil {
			return fmt.Errorf("reading the cameos to sign: %w", err)
		}
		var recs []project.ConsentRecord
		for rows.Next() {
			var r project.ConsentRecord
			var scope string
			var granted, expires, revokedAt nullTime
			var revoked int64
			if err := rows.Scan(&r.CameoID, &r.Handle, &r.Consent.ID, &r.Consent.Owner, &scope, &r.Consent.ProjectID,
				&granted, &expires, &revoked, &revokedAt, &r.Likeness); err != nil {
				rows.Close()
				return fmt.Errorf("reading the cameos to sign: %w", err)
			}
			r.Consent.Scope = project.ConsentScope(scope)
			r.Consent.GrantedAt, r.Consent.Expires, r.Consent.RevokedAt = granted.T, expires.T, revokedAt.T
			r.Consent.Revoked = revoked != 0
			recs = append(recs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range recs {
			r.Consent.Seq, r.Consent.ImageSHA256, r.Consent.SelfAttested = 1, r.Likeness, true
			r.Consent.Sign(r.CameoID, signer)
			if _, err := tx.ExecContext(ctx, `UPDATE cameos SET consent_seq = ?, consent_image_sha256 = ?,
				consent_self_attested = 1, consent_key = ?, consent_signature = ? WHERE id = ?`,
				int64(r.Consent.Seq), r.Consent.ImageSHA256, r.Consent.Key, r.Consent.Signature, r.CameoID); err != nil {
				return fmt.Errorf("signing the consent of %s: %w", r.Handle, err)
			}
			if err := rememberConsent(ctx, tx, r); err != nil {
				return err
			}
		}
		return nil
	}
}

// consentFacts is the read every consent check of a store starts from.
func consentFactsOf(ctx context.Context, st *store, what string) (*project.ConsentFacts, error) {
	var f *project.ConsentFacts
	err := st.read(ctx, what, func(tx *sql.Tx) (err error) {
		f, err = loadConsentFacts(ctx, tx)
		return err
	})
	return f, err
}

var errNoSigner = errors.New("no consent key")

// noSignerError is the error for upgrading a database made before consent
// was signed when this machine's consent key cannot be used: the upgrade
// signs its cameos' consent once, and cannot be done without the key.
func noSignerError(file string, why error) error {
	msg := "%s was made before consent was signed; upgrading it signs its cameos' consent once with your consent key, which is not available"
	if why != nil {
		return project.WrapError(project.ECONSENT, why, msg, file)
	}
	return project.Errorf(project.ECONSENT, msg, file)
}
