package project

import (
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
}

// NewConsentBook returns a book over facts for project projectID at now.
func NewConsentBook(facts *ConsentFacts, projectID string, now time.Time) *ConsentBook {
	return &ConsentBook{facts: facts, projectID: projectID, now: now, verdicts: map[string]ConsentVerdict{}}
}

// Verdict returns the verdict on the cameo with cameoID (shown as handle).
func (b *ConsentBook) Verdict(cameoID, handle string) ConsentVerdict {
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

// Withheld returns the verdicts that withhold take t: one for each cameo
// it depicts whose consent does not allow the use now. A take with none
// may be shown, played and exported.
func (b *ConsentBook) Withheld(t *Take) []ConsentVerdict {
	var out []ConsentVerdict
	for _, c := range t.Cameos {
		if v := b.Verdict(c.CameoID, c.Handle); !v.Allowed() {
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
