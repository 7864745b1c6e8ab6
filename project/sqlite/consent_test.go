package sqlite

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"kino/project"
)

func TestCastCameoChecksConsent(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "a walk on the beach")
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	p.now = func() time.Time { return now }
	pr, _ := p.Project(bg)

	revoked := testCameo(t, p, "@rev")
	revoked.Consent.Revoked, revoked.Consent.RevokedAt = true, now.Add(-time.Hour)
	signed(revoked)
	expired := testCameo(t, p, "@old")
	expired.Consent.Expires = now.Add(-time.Second)
	signed(expired)
	elsewhere := testCameo(t, p, "@away")
	elsewhere.Consent.Scope, elsewhere.Consent.ProjectID = project.ConsentThisProject, "some-other-project"
	signed(elsewhere)
	here := testCameo(t, p, "@here")
	here.Consent.Scope, here.Consent.ProjectID = project.ConsentThisProject, pr.ID
	signed(here)
	later := testCameo(t, p, "@later")
	later.Consent.Expires = now.Add(time.Hour)
	signed(later)

	before := dump(t, p)
	for _, c := range []struct {
		cameo *project.Cameo
		why   string
	}{{revoked, "revoked"}, {expired, "expired"}, {elsewhere, "another project"}} {
		_, err := p.Apply(bg, project.CastCameo{ShotID: shot, Cameo: *c.cameo})
		wantCode(t, err, project.ECONSENT)
		wantMessage(t, err, c.cameo.Handle, c.why)
	}
	sameState(t, "after refused casts", dump(t, p), before)
	if cs, _ := p.Cameos(bg); len(cs) != 0 {
		t.Fatalf("a refused cast stored a snapshot: %+v", cs)
	}

	mustApply(t, p, project.CastCameo{ShotID: shot, Cameo: *here, Role: "lead"})
	mustApply(t, p, project.CastCameo{ShotID: shot, Cameo: *later})
	s := mustShot(t, p, shot)
	if got := s.CastHandles(); len(got) != 2 || got[0] != "@here" || got[1] != "@later" {
		t.Fatalf("cast %v", got)
	}
	cs, _ := p.Cameos(bg)
	if len(cs) != 2 || cs[0].Handle != "@here" || cs[0].Images[0] != here.Images[0] || cs[0].Consent.ProjectID != pr.ID {
		t.Fatalf("snapshots %+v", cs)
	}
}

func TestCastCameoNeedsImagesInProjectMedia(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "x")
	lib, err := OpenLibrary(t.TempDir(), testKey)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	c := testCameo(t, lib, "@ana") // the image is in the library only
	_, err = p.Apply(bg, project.CastCameo{ShotID: shot, Cameo: *c})
	wantCode(t, err, project.ENOTFOUND)
	wantMessage(t, err, c.Images[0].SHA256[:12], p.BlobPath(c.Images[0].SHA256))

	// The caller copies the image in, then casting works.
	rc, err := lib.OpenBlob(c.Images[0].SHA256)
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.PutBlob(bg, rc, c.Images[0].MediaType)
	rc.Close()
	if err != nil || a != c.Images[0] {
		t.Fatalf("copying image: %v, %v", a, err)
	}
	mustApply(t, p, project.CastCameo{ShotID: shot, Cameo: *c})
}

func TestCastCameoUndoRemovesNewSnapshot(t *testing.T) {
	p := MustOpenDB(t)
	a := mustAddShot(t, p, "a")
	b := mustAddShot(t, p, "b")
	ana := testCameo(t, p, "@ana")
	mustApply(t, p, project.CastCameo{ShotID: a, Cameo: *ana})
	mustApply(t, p, project.CastCameo{ShotID: b, Cameo: *ana})
	mustUndo(t, p)
	if cs, _ := p.Cameos(bg); len(cs) != 1 {
		t.Fatalf("undoing the second cast removed the snapshot still cast in shot a: %+v", cs)
	}
	mustUndo(t, p)
	if cs, _ := p.Cameos(bg); len(cs) != 0 {
		t.Fatalf("undoing the first cast left a snapshot: %+v", cs)
	}
	mustRedo(t, p)
	mustRedo(t, p)
	if got := mustShot(t, p, b).CastHandles(); len(got) != 1 || got[0] != "@ana" {
		t.Fatalf("cast after redo %v", got)
	}
}

func TestUpdateShotChecksConsentOfNewMembers(t *testing.T) {
	p := MustOpenDB(t)
	a := mustAddShot(t, p, "a")
	b := mustAddShot(t, p, "b")
	ana := testCameo(t, p, "@ana")
	mustApply(t, p, project.CastCameo{ShotID: a, Cameo: *ana})

	// Ana revokes; the project refreshes its snapshot.
	rev := ana.Clone()
	rev.Consent.Revoked, rev.Consent.RevokedAt, rev.Consent.Seq = true, time.Now().UTC(), 2
	signed(rev)
	mustApply(t, p, project.UpdateCameoSnapshot{Cameo: *rev})

	// Adding her to another shot through UpdateShot is refused...
	sb := mustShot(t, p, b)
	sb.Cast = []project.CastMember{{Handle: "@ana"}}
	_, err := p.Apply(bg, project.UpdateShot{Shot: *sb})
	wantCode(t, err, project.ECONSENT)
	wantMessage(t, err, "@ana", "revoked")
	// ...and so is AddShot with her in the cast...
	ns := shotAt24("new")
	ns.Cast = []project.CastMember{{Handle: "@ana"}}
	_, err = p.Apply(bg, project.AddShot{Shot: ns})
	wantCode(t, err, project.ECONSENT)
	// ...but the shot she is already in can still be edited, and she can
	// be removed from it.
	sa := mustShot(t, p, a)
	sa.Prompt = "a, rewritten"
	mustApply(t, p, project.UpdateShot{Shot: *sa})
	mustApply(t, p, project.UncastCameo{ShotID: a, Handle: "@ana"})

	// Undoing the removal would cast her again: refused, stacks intact.
	before := dump(t, p)
	_, err = p.Undo(bg)
	wantCode(t, err, project.ECONSENT)
	if p.UndoLabel() != "Remove From Cast" || p.RedoLabel() != "" {
		t.Fatalf("a refused undo changed the stacks: %q %q", p.UndoLabel(), p.RedoLabel())
	}
	sameState(t, "after a refused undo", dump(t, p), before)
}

func TestSnapshotHandlesAreUnique(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "a")
	mustApply(t, p, project.CastCameo{ShotID: shot, Cameo: *testCameo(t, p, "@ana")})
	impostor := testCameo(t, p, "@ana")
	impostor.ID = "another-id"
	signed(impostor)
	_, err := p.Apply(bg, project.CastCameo{ShotID: shot, Cameo: *impostor})
	wantCode(t, err, project.ECONFLICT)
	wantMessage(t, err, "@ana")
	noID := testCameo(t, p, "@noid")
	noID.ID = ""
	_, err = p.Apply(bg, project.CastCameo{ShotID: shot, Cameo: *noID})
	wantCode(t, err, project.EINVALID)
	bad := testCameo(t, p, "@x")
	_, err = p.Apply(bg, project.CastCameo{ShotID: shot, Cameo: *bad})
	wantCode(t, err, project.EINVALID) // handle too short
}

func TestCopiedProjectKeepsItsCameos(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "me on the beach")
	ana := testCameo(t, p, "@ana")
	mustApply(t, p, project.CastCameo{ShotID: shot, Cameo: *ana, Role: "me"})
	mustDoneTake(t, p, shot, "frames", true)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	// Copy the folder whole, as to another machine.
	dst := filepath.Join(t.TempDir(), "Copied.kino")
	if out, err := exec.Command("cp", "-R", p.Path(), dst).CombinedOutput(); err != nil {
		t.Fatalf("copying project: %v %s", err, out)
	}
	if err := os.RemoveAll(p.Path()); err != nil {
		t.Fatal(err)
	}
	q, err := Open(dst, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	cs, err := q.Cameos(bg)
	if err != nil || len(cs) != 1 || cs[0].Handle != "@ana" || cs[0].Consent.Owner != "Ana" {
		t.Fatalf("cameos in the copy: %+v %v", cs, err)
	}
	rc, err := q.OpenBlob(cs[0].Images[0].SHA256)
	if err != nil {
		t.Fatalf("cameo image in the copy: %v", err)
	}
	rc.Close()
	if d, err := q.Check(bg); err != nil || len(d) != 0 {
		t.Fatalf("check of the copy: %v %v", d, err)
	}
}
