package project_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"kino/project"
)

func TestValidateHandle(t *testing.T) {
	for _, ok := range []string{"@ana", "@a1", "@mia.k", "@john_doe", "@" + strings.Repeat("x", 30)} {
		if err := project.ValidateHandle(ok); err != nil {
			t.Errorf("%s rejected: %v", ok, err)
		}
	}
	for _, bad := range []string{"ana", "@", "@a", "@Ana", "@1ana", "@an a", "@anä", "@ana!", "@" + strings.Repeat("x", 31), "@_ana"} {
		if err := project.ValidateHandle(bad); project.ErrorCode(err) != project.EINVALID {
			t.Errorf("%q accepted (err %v)", bad, err)
		}
	}
	if h := project.NormalizeHandle("  Ana "); h != "@ana" {
		t.Errorf("NormalizeHandle = %q", h)
	}
}

func TestConsentAllows(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	base := project.Consent{ID: "c1", Owner: "Ana", Scope: project.ConsentAnyProject, GrantedAt: now.AddDate(0, -1, 0)}
	if err := base.Allows("@ana", "p1", now); err != nil {
		t.Fatalf("valid consent refused: %v", err)
	}
	revoked := base
	revoked.Revoked = true
	expired := base
	expired.Expires = now.Add(-time.Hour)
	other := base
	other.Scope, other.ProjectID = project.ConsentThisProject, "p2"
	for name, c := range map[string]project.Consent{"revoked": revoked, "expired": expired, "other project": other} {
		err := c.Allows("@ana", "p1", now)
		if project.ErrorCode(err) != project.ECONSENT {
			t.Errorf("%s: err = %v, want a consent error", name, err)
		}
		if err != nil && !strings.Contains(err.Error(), "@ana") {
			t.Errorf("%s: message %q does not name the cameo", name, err)
		}
	}
	same := other
	same.ProjectID = "p1"
	if err := same.Allows("@ana", "p1", now); err != nil {
		t.Errorf("this-project consent refused in its own project: %v", err)
	}
	future := base
	future.Expires = now.Add(time.Hour)
	if err := future.Allows("@ana", "p1", now); err != nil {
		t.Errorf("consent refused before expiry: %v", err)
	}
}

func TestCameoValidate(t *testing.T) {
	c := &project.Cameo{Handle: "@ana", Name: "Ana", Voice: project.DefaultVoice,
		Consent: project.Consent{Owner: "Ana", Scope: project.ConsentAnyProject}}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []func(c *project.Cameo){
		func(c *project.Cameo) { c.Handle = "ana" },
		func(c *project.Cameo) { c.Name = " " },
		func(c *project.Cameo) { c.Consent.Owner = "" },
		func(c *project.Cameo) { c.Consent.Scope = project.ConsentThisProject },
		func(c *project.Cameo) { c.Voice.Rate = 10 },
		func(c *project.Cameo) { c.Voice.Language = "en;rm -rf" },
		func(c *project.Cameo) { c.Images = []project.Asset{{SHA256: "nothex", MediaType: "image/png"}} },
	}
	for i, mutate := range bad {
		d := c.Clone()
		mutate(d)
		if project.ErrorCode(d.Validate()) != project.EINVALID {
			t.Errorf("case %d accepted", i)
		}
	}
}

func TestErrorMessageHidesInternalErrors(t *testing.T) {
	if got := project.ErrorMessage(project.Errorf(project.EINVALID, "the prompt is empty")); got != "the prompt is empty" {
		t.Errorf("domain message %q", got)
	}
	wrapped := fmt.Errorf("saving: %w", project.Errorf(project.ECONFLICT, "the handle is taken"))
	if got := project.ErrorMessage(wrapped); got != "the handle is taken" {
		t.Errorf("wrapped domain message %q", got)
	}
	raw := errors.New("sqlite3: database disk image is malformed (SQLITE_CORRUPT)")
	if got := project.ErrorMessage(raw); strings.Contains(got, "sqlite") || !strings.HasPrefix(got, "internal error") {
		t.Errorf("a raw error reached the person: %q", got)
	}
	if project.ErrorMessage(nil) != "" {
		t.Error("nil error has a message")
	}
}
