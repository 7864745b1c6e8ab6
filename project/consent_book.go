package project

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// ConsentBook answers consent questions for one project at one moment,
// judging each cameo once (JudgeConsent) however many shots and takes ask.
// It is not safe for concurrent use.
type ConsentBook struct {
	facts     *ConsentFacts
	projectID string
	now       time.Time
	verdicts  map[string]ConsentVerdict
	// unavailable, when set, refuses every cameo: a place whose records
	// are needed could not be read (consent fails closed).
	unavailable error
	// matches caches whether a take's record of whom it depicts agrees
	// with its stored request, by take ID.
	matches map[int64]*ConsentVerdict
}

// FailClosed makes every verdict of b refuse with err: the consent records
// of a place b needs (the cameo library) could not be read.
func (b *ConsentBook) FailClosed(err error) { b.unavailable = err }

// NewConsentBook returns a book over facts for project projectID at now.
func NewConsentBook(facts *ConsentFacts, projectID string, now time.Time) *ConsentBook {
	return &ConsentBook{facts: facts, projectID: projectID, now: now, verdicts: map[string]ConsentVerdict{}}
}

// Verdict returns the verdict on the cameo with cameoID (shown as handle).
func (b *ConsentBook) Verdict(cameoID, handle string) ConsentVerdict {
	if b.unavailable != nil {
		return ConsentVerdict{CameoID: cameoID, Handle: handle, Reason: ConsentUnavailable,
			Err: WrapError(ECONSENT, b.unavailable, "consent for %s cannot be established: the cameo library cannot be read", handle)}
	}
	if v, ok := b.verdicts[cameoID]; ok {
		if handle != "" && v.Handle != handle {
			v = JudgeConsent(b.facts, cameoID, handle, b.projectID, b.now)
		}
		return v
	}
	v := JudgeConsent(b.facts, cameoID, handle, b.projectID, b.now)
	b.verdicts[cameoID] = v
	return v
}

// Judged returns the verdict on every cameo take t depicts, allowed or
// not, and a refusing verdict when t's record of whom it depicts does not
// match its stored request (see mismatch).
func (b *ConsentBook) Judged(t *Take) []ConsentVerdict {
	var out []ConsentVerdict
	if v := b.mismatch(t); v != nil {
		out = append(out, *v)
	}
	for _, c := range t.Cameos {
		out = append(out, b.Verdict(c.CameoID, c.Handle))
	}
	return out
}

// Withheld returns the verdicts that withhold take t: one for each cameo
// it depicts whose consent does not allow the use now (and one when its
// record of whom it depicts was changed). A take with none may be shown,
// played and exported.
func (b *ConsentBook) Withheld(t *Take) []ConsentVerdict {
	var out []ConsentVerdict
	for _, v := range b.Judged(t) {
		if !v.Allowed() {
			out = append(out, v)
		}
	}
	return out
}

// WithheldError returns an ECONSENT error naming take t's shot number and
// why it is withheld, or nil when it is not.
func (b *ConsentBook) WithheldError(t *Take, shotNumber int) error {
	w := b.Withheld(t)
	if len(w) == 0 {
		return nil
	}
	return Errorf(ECONSENT, "shot %d, take %d is withheld: %s", shotNumber, t.ID, WithheldSummary(w))
}

// WithheldSummary joins the short reasons of verdicts: "@sam revoked
// consent; @ana's consent expired".
func WithheldSummary(vs []ConsentVerdict) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Short()
	}
	return strings.Join(parts, "; ")
}

// ConsentLabel is how a verdict reads in provenance and listings:
// "Sam (record c1d2 #3, signed by owner)".
func ConsentLabel(v ConsentVerdict) string {
	return fmt.Sprintf("%s (record %s #%d, %s)", v.Record.Owner, v.Record.ID, v.Record.Seq, v.SignatureStatus())
}

// mismatch checks that take t's record of whom it depicts names every
// cameo its stored request casts: the record is what consent is judged
// on, so a row removed from it by hand must not let the take through. It
// returns a refusing verdict when they disagree, or when the request is
// damaged, and nil when they agree.
func (b *ConsentBook) mismatch(t *Take) *ConsentVerdict {
	if b.matches == nil {
		b.matches = map[int64]*ConsentVerdict{}
	}
	if v, ok := b.matches[t.ID]; ok && t.ID != 0 {
		return v
	}
	var v *ConsentVerdict
	cast, ok := requestCast(t.Request)
	if !ok {
		v = &ConsentVerdict{Handle: "a cameo", Reason: ConsentUnverified,
			Err: Errorf(ECONSENT, "take %d's stored request is damaged, so whom it depicts cannot be told; it is withheld", t.ID)}
	}
	for _, rc := range cast {
		if v != nil {
			break
		}
		found := false
		for _, c := range t.Cameos {
			switch {
			case rc.CameoID != "":
				found = found || c.CameoID == rc.CameoID
			default: // a take made before takes recorded cameo IDs
				found = found || c.Handle == rc.Handle || rc.Image != "" && c.ImageSHA256 == rc.Image
			}
		}
		if !found {
			v = &ConsentVerdict{CameoID: rc.CameoID, Handle: rc.Handle, Reason: ConsentUnverified,
				Err: Errorf(ECONSENT, "take %d's record of whom it depicts leaves out %s, whom its request casts (edited outside Kino?); it is withheld", t.ID, rc.Handle)}
		}
	}
	b.matches[t.ID] = v
	return v
}

// castEntry is one cast member of a stored engine request, read without
// the engine package (project depends on the standard library only).
type castEntry struct {
	CameoID string `json:"cameo_id"`
	Handle  string `json:"handle"`
	Image   string `json:"image_sha256"`
}

// requestCast reads the cast of a take's stored request. An empty request
// casts nobody; one that is not JSON is damaged (ok false).
func requestCast(req string) ([]castEntry, bool) {
	if strings.TrimSpace(req) == "" {
		return nil, true
	}
	var r struct {
		Cast []castEntry `json:"cast"`
	}
	if err := json.Unmarshal([]byte(req), &r); err != nil {
		return nil, false
	}
	return r.Cast, true
}

// Shareable reports whether cameo c's likeness may be handed to someone
// else (a .kinocameo file): its consent, judged with facts at now for the
// project it covers, must verify and be in force. A revoked or expired
// cameo is not shared; share its revocation instead.
func Shareable(facts *ConsentFacts, c *Cameo, now time.Time) error {
	v := JudgeConsent(facts, c.ID, c.Handle, c.Consent.ProjectID, now)
	if !v.Allowed() {
		return WrapError(ECONSENT, v.Err, "%s cannot be exported", c.Handle)
	}
	return nil
}
