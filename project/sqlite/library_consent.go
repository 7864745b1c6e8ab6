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

// ConsentFacts returns every consent record and pin the library holds.
func (l *Library) ConsentFacts(ctx context.Context) (*project.ConsentFacts, error) {
	return consentFactsOf(ctx, l.db, "reading consent records")
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
