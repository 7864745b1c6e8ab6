package project

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// ConsentSigner signs consent records with a person's Ed25519 key.
type ConsentSigner interface {
	PublicKey() ed25519.PublicKey
	Sign(message []byte) []byte
}

// consentMagic starts the bytes every consent signature covers, so a
// signature over anything else can never pass for one.
const consentMagic = "kino consent record v1\n"

// signedConsent is what a signature covers, in a fixed order and format.
type signedConsent struct {
	CameoID      string `json:"cameo_id"`
	ID           string `json:"id"`
	Seq          uint64 `json:"seq"`
	Owner        string `json:"owner"`
	ImageSHA256  string `json:"image_sha256"`
	Scope        string `json:"scope"`
	ProjectID    string `json:"project_id"`
	GrantedAt    string `json:"granted_at"`
	Expires      string `json:"expires"`
	Revoked      bool   `json:"revoked"`
	RevokedAt    string `json:"revoked_at"`
	SelfAttested bool   `json:"self_attested"`
	Key          string `json:"key"`
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// SignedBytes returns the bytes c's signature covers: every consent field
// but the signature itself, bound to the cameo with cameoID.
func (c Consent) SignedBytes(cameoID string) []byte {
	b, err := json.Marshal(signedConsent{
		CameoID: cameoID, ID: c.ID, Seq: c.Seq, Owner: c.Owner, ImageSHA256: c.ImageSHA256,
		Scope: string(c.Scope), ProjectID: c.ProjectID, GrantedAt: stamp(c.GrantedAt),
		Expires: stamp(c.Expires), Revoked: c.Revoked, RevokedAt: stamp(c.RevokedAt),
		SelfAttested: c.SelfAttested, Key: hex.EncodeToString(c.Key),
	})
	if err != nil {
		panic(fmt.Sprintf("project: encoding a consent record: %v", err)) // plain fields only
	}
	return append([]byte(consentMagic), b...)
}

// Sign signs c for the cameo with cameoID with s's key, setting c.Key and
// c.Signature.
func (c *Consent) Sign(cameoID string, s ConsentSigner) {
	c.Key = append([]byte(nil), s.PublicKey()...)
	c.Signature = s.Sign(c.SignedBytes(cameoID))
}

// VerifySignature reports whether c carries a valid signature by c.Key for
// the cameo with cameoID.
func (c Consent) VerifySignature(cameoID string) error {
	switch {
	case len(c.Signature) == 0:
		return Errorf(ECONSENT, "the consent record is not signed")
	case len(c.Key) != ed25519.PublicKeySize:
		return Errorf(ECONSENT, "the consent record's key is not an Ed25519 public key")
	case len(c.Signature) != ed25519.SignatureSize || !ed25519.Verify(c.Key, c.SignedBytes(cameoID), c.Signature):
		return Errorf(ECONSENT, "the consent record's signature does not match its contents")
	}
	return nil
}

// KeyFingerprint returns a short, readable fingerprint of an Ed25519
// public key: the first 16 bytes of its SHA-256 in groups of four hex
// digits, e.g. "3f2a 9c01 …". People compare these to recognise a key.
func KeyFingerprint(key []byte) string {
	if len(key) == 0 {
		return "none"
	}
	sum := sha256.Sum256(key)
	h := hex.EncodeToString(sum[:16])
	var b strings.Builder
	for i := 0; i < len(h); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(h[i : i+4])
	}
	return b.String()
}

// ConsentTerms are the terms of the consent record a take was made under,
// as the take keeps them.
type ConsentTerms struct {
	ID           string       `json:"id"`
	Seq          uint64       `json:"seq"`
	Owner        string       `json:"owner"`
	Scope        ConsentScope `json:"scope"`
	ProjectID    string       `json:"project_id,omitempty"`
	Expires      time.Time    `json:"expires,omitzero"`
	SelfAttested bool         `json:"self_attested,omitempty"`
	// KeyFingerprint identifies who signed the record (KeyFingerprint).
	KeyFingerprint string `json:"key_fingerprint,omitempty"`
}

// Terms returns the terms of c a take keeps.
func (c Consent) Terms() ConsentTerms {
	return ConsentTerms{
		ID: c.ID, Seq: c.Seq, Owner: c.Owner, Scope: c.Scope, ProjectID: c.ProjectID,
		Expires: c.Expires, SelfAttested: c.SelfAttested, KeyFingerprint: KeyFingerprint(c.Key),
	}
}

// ConsentRecord is one consent record of a cameo as a library, a project,
// a revocation list or a file keeps it.
type ConsentRecord struct {
	CameoID string  `json:"cameo_id"`
	Handle  string  `json:"handle"` // for messages; not signed
	Consent Consent `json:"consent"`
	// Likeness is the main image of the cameo row that holds this record,
	// which the record must cover; for records kept apart from a cameo
	// (revocation lists, files) it is the record's own ImageSHA256.
	Likeness string `json:"-"`
}

// RecordOf returns the consent record a cameo row holds.
func RecordOf(c *Cameo) ConsentRecord {
	return ConsentRecord{CameoID: c.ID, Handle: c.Handle, Consent: c.Consent, Likeness: c.MainImage()}
}

// ConsentPin is what a library or project remembers of a cameo's consent:
// the owner key it first saw (later grants must carry the same key) and
// the highest sequence number it has seen (an older record is a rollback).
type ConsentPin struct {
	CameoID string `json:"cameo_id"`
	Key     []byte `json:"key"`
	MaxSeq  uint64 `json:"max_seq"`
}

// ConsentFacts is what one or more places (the library, a project, the
// revocations a farm shares) know about cameos' consent.
type ConsentFacts struct {
	Records []ConsentRecord
	Pins    []ConsentPin
	// Trusted are keys whose revocations count besides the owner's: this
	// machine's user's own key (withdrawing a cameo someone else signed,
	// on their own machine). A revocation signed by any other key is
	// ignored: it could lock a cameo's owner out.
	Trusted [][]byte
}

// Merge returns the facts of f and others together. Nil facts are skipped.
func MergeConsentFacts(all ...*ConsentFacts) *ConsentFacts {
	out := &ConsentFacts{}
	for _, f := range all {
		if f == nil {
			continue
		}
		out.Records = append(out.Records, f.Records...)
		out.Pins = append(out.Pins, f.Pins...)
		out.Trusted = append(out.Trusted, f.Trusted...)
	}
	return out
}

// ConsentReason says why a verdict refuses.
type ConsentReason string

// Reasons a verdict refuses a use.
const (
	ConsentOK          ConsentReason = ""
	ConsentNoRecord    ConsentReason = "no record"
	ConsentUnverified  ConsentReason = "does not verify"
	ConsentOtherKey    ConsentReason = "another key"
	ConsentRolledBack  ConsentReason = "rolled back"
	ConsentRevoked     ConsentReason = "revoked"
	ConsentExpired     ConsentReason = "expired"
	ConsentOutOfScope  ConsentReason = "another project"
	ConsentUnavailable ConsentReason = "unavailable" // the facts could not be read
)

// ConsentVerdict is the answer of the consent rule for one cameo.
type ConsentVerdict struct {
	CameoID string
	Handle  string
	// Record is the record the verdict rests on (the newest valid one);
	// zero when there is none.
	Record Consent
	// Verified is set when every record of the cameo verified.
	Verified bool
	Reason   ConsentReason
	// Err is nil when the use is allowed, and otherwise an ECONSENT error
	// saying why not.
	Err error
}

// Allowed reports whether the verdict allows the use.
func (v ConsentVerdict) Allowed() bool { return v.Err == nil }

// Short is a few words for a badge or a card: "@sam revoked consent".
func (v ConsentVerdict) Short() string {
	switch v.Reason {
	case ConsentOK:
		return v.Handle + " consented"
	case ConsentRevoked:
		return v.Handle + " revoked consent"
	case ConsentExpired:
		return v.Handle + "'s consent expired"
	case ConsentOutOfScope:
		return v.Handle + "'s consent covers another project"
	case ConsentUnverified, ConsentOtherKey, ConsentRolledBack:
		return v.Handle + "'s consent record does not verify"
	}
	return v.Handle + "'s consent cannot be established"
}

// SignatureStatus says how the record was signed, for provenance and the
// cameo panel: "signed by owner", "self-attested" or "does not verify".
func (v ConsentVerdict) SignatureStatus() string {
	switch {
	case !v.Verified:
		return "does not verify"
	case v.Record.SelfAttested:
		return "self-attested"
	}
	return "signed by owner"
}

// JudgeConsent is Kino's one consent rule. It decides whether the cameo
// with cameoID (shown as handle) may be used in project projectID at now,
// from every consent record and pin in facts. It fails closed: the answer
// is no, with the reason, when
//
//   - no record of the cameo is known;
//   - any record does not verify (a hand edit of a signed field, an
//     unsigned record, or a record not covering the likeness it is kept
//     with);
//   - a grant is signed by another key than the one pinned for the cameo
//     (revocations may be signed by anyone: they only take consent away);
//   - the newest record is older than the highest sequence number seen
//     (an older, validly signed record restored: a rollback);
//   - the newest record is revoked, expired, or covers another project.
func JudgeConsent(facts *ConsentFacts, cameoID, handle, projectID string, now time.Time) ConsentVerdict {
	v := ConsentVerdict{CameoID: cameoID, Handle: handle}
	refuse := func(r ConsentReason, format string, args ...any) ConsentVerdict {
		v.Reason, v.Err = r, Errorf(ECONSENT, format, args...)
		return v
	}
	var recs []*ConsentRecord
	var pinKey []byte
	var maxSeen uint64
	if facts != nil {
		for i := range facts.Records {
			if facts.Records[i].CameoID == cameoID {
				recs = append(recs, &facts.Records[i])
			}
		}
		for _, p := range facts.Pins {
			if p.CameoID != cameoID {
				continue
			}
			if len(p.Key) > 0 {
				if pinKey != nil && !bytes.Equal(pinKey, p.Key) {
					return refuse(ConsentOtherKey, "consent for %s is pinned to two different owner keys (%s and %s); it cannot be established", handle, KeyFingerprint(pinKey), KeyFingerprint(p.Key))
				}
				pinKey = p.Key
			}
			maxSeen = max(maxSeen, p.MaxSeq)
		}
	}
	if len(recs) == 0 {
		return refuse(ConsentNoRecord, "there is no consent record for %s, so its use cannot be allowed", handle)
	}
	if pinKey == nil {
		// Without a pin, the grants' key is the owner's (checkRecord
		// holds every grant to one key); find it before revocations are
		// weighed against it.
		for _, r := range recs {
			if !r.Consent.Revoked {
				pinKey = r.Consent.Key
				break
			}
		}
	}
	for _, r := range recs {
		reason, err := checkRecord(*r, handle, &pinKey)
		if err != nil {
			v.Reason, v.Err = reason, err
			return v
		}
	}
	var best *ConsentRecord
	for _, r := range recs {
		if r.Consent.Revoked && !revocationCounts(facts, r.Consent.Key, pinKey) {
			continue // signed by a stranger: ignored
		}
		if best == nil || r.Consent.Seq > best.Consent.Seq || r.Consent.Seq == best.Consent.Seq && r.Consent.Revoked && !best.Consent.Revoked {
			best = r
		}
	}
	if best == nil {
		return refuse(ConsentNoRecord, "there is no consent record for %s from its owner, so its use cannot be allowed", handle)
	}
	v.Record, v.Verified = best.Consent, true
	if maxSeen > best.Consent.Seq {
		v.Verified = false
		return refuse(ConsentRolledBack, "consent record for %s is older than one already seen (record %d, seen %d): it was rolled back outside Kino, so it is refused", handle, best.Consent.Seq, maxSeen)
	}
	if err := best.Consent.Allows(handle, projectID, now); err != nil {
		v.Err = err
		switch {
		case best.Consent.Revoked:
			v.Reason = ConsentRevoked
		case !best.Consent.Expires.IsZero() && !now.Before(best.Consent.Expires):
			v.Reason = ConsentExpired
		default:
			v.Reason = ConsentOutOfScope
		}
	}
	return v
}

// checkRecord verifies one record of a cameo shown as handle: its
// signature, that it covers the likeness it is kept with, and, for a
// grant, that it carries the owner key in *pinKey (which it sets when
// nil). Revocations may be signed by any key: they only take consent away.
func checkRecord(r ConsentRecord, handle string, pinKey *[]byte) (ConsentReason, error) {
	if r.Consent.VerifySignature(r.CameoID) != nil || r.Likeness != r.Consent.ImageSHA256 {
		return ConsentUnverified, Errorf(ECONSENT, "consent record for %s does not verify (edited outside Kino?)", handle)
	}
	if r.Consent.Revoked {
		return ConsentOK, nil
	}
	if *pinKey == nil {
		*pinKey = r.Consent.Key
	}
	if !bytes.Equal(r.Consent.Key, *pinKey) {
		return ConsentOtherKey, Errorf(ECONSENT, "consent record for %s is signed by another key (%s) than its owner's (%s); it is refused", handle, KeyFingerprint(r.Consent.Key), KeyFingerprint(*pinKey))
	}
	return ConsentOK, nil
}

// VerifyConsentRecord reports whether r may be stored beside facts: it
// verifies, and a grant carries the owner key pinned for its cameo in
// facts (if any). It does not judge the terms: a valid revocation or an
// expired grant may be stored.
func VerifyConsentRecord(facts *ConsentFacts, r ConsentRecord) error {
	var pinKey []byte
	if facts != nil {
		for _, p := range facts.Pins {
			if p.CameoID == r.CameoID && len(p.Key) > 0 {
				pinKey = p.Key
				break
			}
		}
	}
	_, err := checkRecord(r, r.Handle, &pinKey)
	return err
}

// revocationCounts reports whether a revocation signed with key takes
// consent away: when it is the owner's (pinned) key or a trusted one.
func revocationCounts(facts *ConsentFacts, key, pinKey []byte) bool {
	if pinKey == nil || bytes.Equal(key, pinKey) {
		return true
	}
	for _, k := range facts.Trusted {
		if bytes.Equal(key, k) {
			return true
		}
	}
	return false
}

// RevocationCounts reports whether the signed revocation r would take
// consent away beside facts: signed by the owner key pinned for its cameo
// (or, with none pinned, by its grants' key) or by a trusted key.
func RevocationCounts(facts *ConsentFacts, r ConsentRecord) bool {
	var pinKey []byte
	if facts != nil {
		for _, p := range facts.Pins {
			if p.CameoID == r.CameoID && len(p.Key) > 0 {
				pinKey = p.Key
			}
		}
		if pinKey == nil {
			for _, o := range facts.Records {
				if o.CameoID == r.CameoID && !o.Consent.Revoked {
					pinKey = o.Consent.Key
					break
				}
			}
		}
	} else {
		facts = &ConsentFacts{}
	}
	return revocationCounts(facts, r.Consent.Key, pinKey)
}
