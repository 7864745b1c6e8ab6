package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"time"

	"kino/project"
)

var _ interface {
	ConsentFacts(context.Context) (*project.ConsentFacts, error)
} = (*Library)(nil)

// ConsentFacts returns every consent record and pin the library holds,
// and this machine's user's key as trusted (their own withdrawals count).
func (l *Library) ConsentFacts(ctx context.Context) (*project.ConsentFacts, error) {
	f, err := consentFactsOf(ctx, l.db, "reading consent records")
	if err == nil && l.signer != nil {
		f.Trusted = append(f.Trusted, l.signer.PublicKey())
	}
	return f, err
}

// nextSeq returns the sequence number a new record of c takes: one above
// both c's and the highest the database has seen.
func nextSeq(ctx context.Context, q querier, c *project.Cameo) (uint64, error) {
	var seen int64
	err := q.QueryRowContext(ctx, `SELECT max_seq FROM consent_pins WHERE cameo_id = ?`, c.ID).Scan(&seen)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	return max(c.Consent.Seq, uint64(seen)) + 1, nil
}

// consentChanged reports whether n changes what old's consent record
// covers: its terms or the likeness.
func consentChanged(old, n *project.Cameo) bool {
	a, b := old.Consent, n.Consent
	return a.Owner != b.Owner || a.Scope != b.Scope || a.ProjectID != b.ProjectID ||
		!a.Expires.Equal(b.Expires) || a.Revoked != b.Revoked || old.MainImage() != n.MainImage()
}

// carryConsent gives n, an edited copy of old, its consent record: old's
// own when the edit leaves the consent alone (name, appearance, voice),
// otherwise a new record signed by this machine's user, allowed only when
// old's record is theirs to change. A cameo signed by its owner on
// another machine keeps the terms and likeness they signed.
func (l *Library) carryConsent(ctx context.Context, q querier, old, n *project.Cameo) error {
	if !consentChanged(old, n) {
		n.Consent = old.Consent
		return nil
	}
	if l.signer == nil {
		return project.Errorf(project.ECONSENT, "the consent of %s cannot be changed: this Kino has no consent key", n.Handle)
	}
	if len(old.Consent.Key) > 0 && !bytes.Equal(old.Consent.Key, l.signer.PublicKey()) {
		return project.Errorf(project.ECONSENT, "the consent of %s was signed by %s (key %s); only they can change its terms or likeness", n.Handle, old.Consent.Owner, project.KeyFingerprint(old.Consent.Key))
	}
	seq, err := nextSeq(ctx, q, old)
	if err != nil {
		return err
	}
	c := n.Consent
	c.ID, c.GrantedAt, c.SelfAttested = old.Consent.ID, old.Consent.GrantedAt, old.Consent.SelfAttested
	c.Seq, c.ImageSHA256 = seq, n.MainImage()
	if !c.Revoked {
		c.RevokedAt = time.Time{}
	} else if c.RevokedAt.IsZero() {
		c.RevokedAt = l.now()
	}
	c.Sign(n.ID, l.signer)
	n.Consent = c
	return nil
}

// ImportCameo stores a cameo received from another machine with its
// signed consent (its images must already be in the library's media).
// The record must verify; the first import of a cameo pins its owner key
// and a later record signed by another key is refused. A cameo already in
// the library is updated only by a newer record, and keeps its local
// handle. A new cameo whose handle is taken by another is ECONFLICT (set
// another c.Handle to import it under that). An expired or out-of-scope
// consent imports, but cannot be cast.
func (l *Library) ImportCameo(ctx context.Context, c *project.Cameo) (project.CameoImport, error) {
	n, err := normalizeCameo(c)
	if err != nil {
		return project.CameoImport{}, err
	}
	out := project.CameoImport{Fingerprint: project.KeyFingerprint(n.Consent.Key)}
	err = l.db.write(ctx, "importing cameo "+n.Handle, func(tx *sql.Tx) error {
		facts, err := loadConsentFacts(ctx, tx)
		if err != nil {
			return err
		}
		if err := project.VerifyConsentRecord(facts, project.RecordOf(n)); err != nil {
			return err
		}
		out.FirstSeen = true
		for _, p := range facts.Pins {
			if p.CameoID == n.ID && len(p.Key) > 0 {
				out.FirstSeen = false
			}
		}
		old, err := loadCameoWhere(ctx, tx, "id = ?", n.ID)
		if err != nil {
			return err
		}
		now := l.now()
		if old != nil {
			if old.Consent.Seq >= n.Consent.Seq {
				out.Cameo, out.Unchanged = old, true
				return rememberConsent(ctx, tx, project.RecordOf(n))
			}
			n.Handle, n.CreatedAt = old.Handle, old.CreatedAt
		} else {
			if taken, err := loadCameoWhere(ctx, tx, "handle = ?", n.Handle); err != nil {
				return err
			} else if taken != nil {
				return project.Errorf(project.ECONFLICT, "the handle %s is already taken by %s; import the cameo under another handle", n.Handle, taken.Name)
			}
			n.CreatedAt = now
		}
		n.UpdatedAt = now
		if err := saveCameo(ctx, tx, l.media, n); err != nil {
			return err
		}
		out.Cameo = n
		return nil
	})
	return out, err
}

// ImportRevocation stores a signed revocation received from another
// machine in the library's revocation list, and into the cameo's row when
// it is newer and covers the same likeness. It returns whether the
// library holds the cameo. The record must verify and be signed by the
// cameo's owner (the pinned key) or by this machine's user: a revocation
// signed by anyone else is refused, since it could lock the owner out.
func (l *Library) ImportRevocation(ctx context.Context, r project.ConsentRecord) (bool, error) {
	r.Likeness = r.Consent.ImageSHA256
	if !r.Consent.Revoked {
		return false, project.Errorf(project.EINVALID, "the record for %s is not a revocation", r.Handle)
	}
	if err := project.VerifyConsentRecord(nil, r); err != nil {
		return false, err
	}
	known := false
	err := l.db.write(ctx, "importing a revocation", func(tx *sql.Tx) error {
		facts, err := loadConsentFacts(ctx, tx)
		if err != nil {
			return err
		}
		if l.signer != nil {
			facts.Trusted = append(facts.Trusted, l.signer.PublicKey())
		}
		if !project.RevocationCounts(facts, r) {
			return project.Errorf(project.ECONSENT, "the revocation of %s is signed by key %s, which is neither its owner's nor yours; it is not taken", r.Handle, project.KeyFingerprint(r.Consent.Key))
		}
		c, err := loadCameoWhere(ctx, tx, "id = ?", r.CameoID)
		if err != nil {
			return err
		}
		known = c != nil
		if c != nil && r.Consent.Seq > c.Consent.Seq && r.Consent.ImageSHA256 == c.MainImage() {
			c.Consent, c.UpdatedAt = r.Consent, l.now()
			return saveCameo(ctx, tx, l.media, c)
		}
		return rememberConsent(ctx, tx, r)
	})
	return known, err
}
