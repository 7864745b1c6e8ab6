package c2pa

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Verdict is the report in one line: whether the file verifies, and if
// not, why.
func (r *Report) Verdict() string {
	switch {
	case !r.Found:
		return "no Content Credentials"
	case r.Valid() && r.Manifest.Signature.Trusted:
		return "verified: signed by a trusted signer, unchanged since"
	case r.Valid():
		return "verified: unchanged since it was signed (the signer is not trusted on this machine)"
	case r.Manifest != nil && r.Manifest.Signature.Valid && !r.Manifest.Binding.Valid && r.Manifest.Binding.Kind != "" && !strings.Contains(r.Manifest.Binding.Problem, "not supported"):
		return "TAMPERED: " + r.Problem
	}
	return "does not verify: " + r.Problem
}

// WriteText writes the report for people: the verdict, then who signed
// it, with what, from which prompts and cameos.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%s: %s\n", r.File, r.Verdict())
	if !r.Found {
		fmt.Fprintf(w, "  %s\n", r.Problem)
		return
	}
	m := r.Manifest
	if m == nil {
		return
	}
	row := func(k, format string, a ...any) { fmt.Fprintf(w, "  %-13s %s\n", k+":", fmt.Sprintf(format, a...)) }
	row("Credentials", "%s, C2PA %s claim %s", r.Where, map[bool]string{true: "2.x", false: "1.x"}[m.ClaimVersion >= 2], m.Label)
	if m.Generator != "" {
		row("Made with", "%s", m.Generator)
	}
	if m.Title != "" {
		row("Title", "%s", m.Title)
	}
	s := m.Signature
	if s.Signer != "" || s.Organization != "" {
		who := s.Signer
		switch {
		case s.Organization == "" || s.Organization == s.Signer:
		case strings.HasPrefix(s.Organization, s.Signer):
			who = s.Organization
		default:
			who += " (" + s.Organization + ")"
		}
		row("Signed by", "%s, %s, certificate issued by %s, valid %s to %s", who, s.Algorithm, s.Issuer, day(s.NotBefore), day(s.NotAfter))
	}
	switch {
	case !s.Valid:
		row("Signature", "NOT VALID: %s", s.Problem)
	case s.Trusted:
		row("Signature", "valid; the signer is trusted on this machine")
	default:
		row("Signature", "valid; the signer is NOT trusted: %s", s.TrustNote)
	}
	if !s.TimeStamp.IsZero() {
		row("Time stamp", "%s (from a time-stamp authority; its own signature is not checked)", s.TimeStamp.UTC().Format("2006-01-02 15:04:05 UTC"))
	}
	b := m.Binding
	switch {
	case b.Valid:
		row("File bytes", "unchanged (%s matches)", b.Kind)
	case b.Kind != "":
		row("File bytes", "NOT VERIFIED (%s): %s", b.Kind, b.Problem)
	default:
		row("File bytes", "NOT VERIFIED: %s", b.Problem)
	}
	for _, a := range m.Actions {
		line := a.Action
		if a.DigitalSourceType != "" {
			line += ", " + sourceName(a.DigitalSourceType)
		}
		if a.SoftwareAgent != "" {
			line += ", by " + a.SoftwareAgent
		}
		if a.Ingredients > 0 {
			line += fmt.Sprintf(", %d ingredient(s)", a.Ingredients)
		}
		if a.Description != "" {
			line += ": " + a.Description
		}
		row("Action", "%s", line)
	}
	if f := m.Film; f != nil {
		if f.Role != "" {
			row("Holds", "%s", f.Role)
		}
		if f.VisibleWatermark != nil {
			row("Watermark", "%s", map[bool]string{true: "the visible \"AI-generated\" label is in the picture", false: "no visible label (it was turned off at export)"}[*f.VisibleWatermark])
		}
		for _, sh := range f.Shots {
			what := sh.Backend
			if sh.Model != "" {
				what += " " + sh.Model
			}
			if sh.ModelHash != "" {
				what += " (model " + short(sh.ModelHash) + ")"
			}
			take := ""
			if sh.TakeID != 0 {
				take = fmt.Sprintf(", take %d", sh.TakeID)
			}
			if sh.Placeholder {
				take = ", not generated (a slate stands in)"
			}
			row(fmt.Sprintf("Shot %d", sh.Number), "%q: %s, seed %d%s, %s", sh.Prompt, what, sh.Seed, take, sourceName(sh.DigitalSourceType))
			for _, c := range sh.Cameos {
				row("  Cameo", "%s (%s): consent given by %s, record %s, signature %s", c.Handle, c.Name, c.ConsentOwner, c.ConsentRecordID, c.ConsentSignature)
			}
		}
		for _, a := range f.Audio {
			row("Audio clip", "%s (%s), sha256 %s", a.Name, a.Lane, short(a.SHA256))
		}
	}
	for _, ing := range m.Ingredients {
		line := ing.Title
		if ing.Relationship != "" {
			line += " (" + ing.Relationship + ")"
		}
		if ing.InstanceID != "" {
			line += " " + ing.InstanceID
		}
		row("Ingredient", "%s", line)
	}
	for _, a := range m.Assertions {
		switch {
		case !a.HashOK:
			row("Assertion", "%s: CHANGED or missing since signing", a.Label)
		case !a.Known:
			row("Assertion", "%s: not interpreted by Kino (its hash matches)", a.Label)
		}
	}
	if m.Manifests > 1 {
		row("History", "%d manifests in the store (earlier ones belong to ingredients or edits)", m.Manifests)
	}
}

// sourceName is the last word of an IPTC digital source type URI.
func sourceName(uri string) string {
	if uri == "" {
		return ""
	}
	return filepath.Base(uri)
}

func short(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}
