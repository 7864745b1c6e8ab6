package sqlite

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/project"
	"kino/project/keyring"
)

// Regression tests for defects a review of signed consent found.

func TestUndoOfAnImageChangeKeepsConsentValid(t *testing.T) {
	p := MustOpenDB(t)
	pr, _ := p.Project(bg)
	shot := mustAddShot(t, p, "a beach")
	sam := testCameo(t, p, "@sam")
	mustApply(t, p, project.CastCameo{ShotID: shot, Cameo: *sam})
	s2 := sam.Clone()
	s2.Images = []project.Asset{mustPutBlob(t, p, "new face", "image/png")}
	s2.Consent.Seq = 2
	mustApply(t, p, project.UpdateCameoSnapshot{Cameo: *signed(s2)})
	mustUndo(t, p)
	f, err := p.ConsentFacts(bg)
	if v := verdictOf(t, f, err, sam.ID, "@sam", pr.ID); !v.Allowed() {
		t.Fatalf("after undoing a refresh with a new image: %v (reason %q)", v.Err, v.Reason)
	}
	if got := mustSnapshot(t, p, "@sam").MainImage(); got != s2.MainImage() {
		t.Fatalf("the snapshot kept the newer record but shows image %.12s, not the one it covers", got)
	}
}

func TestAStrangersRevocationIsRefusedAndCannotLockTheOwnerOut(t *testing.T) {
	lib := mustOpenLibrary(t, t.TempDir())
	img := mustPutBlob(t, lib, "my face", "image/png")
	me := &project.Cameo{Handle: "@me", Name: "Me", IsSelf: true, Images: []project.Asset{img}, Voice: project.DefaultVoice,
		Consent: project.Consent{Owner: "Me", Scope: project.ConsentAnyProject}}
	if err := lib.CreateCameo(bg, me); err != nil {
		t.Fatal(err)
	}
	mallory := keyring.Generate()
	r := project.ConsentRecord{CameoID: me.ID, Handle: "@me", Consent: project.Consent{ID: "x", Owner: "Me", Scope: project.ConsentAnyProject,
		GrantedAt: time.Now().UTC(), Revoked: true, RevokedAt: time.Now().UTC(), Seq: 1 << 62, ImageSHA256: img.SHA256}}
	r.Consent.Sign(me.ID, mallory)
	_, err := lib.ImportRevocation(bg, r)
	wantCode(t, err, project.ECONSENT)
	wantMessage(t, err, "neither its owner's nor yours")
	f, err := lib.ConsentFacts(bg)
	if v := verdictOf(t, f, err, me.ID, "@me", "p"); !v.Allowed() {
		t.Fatalf("after a stranger's revocation: %v", v.Err)
	}
	c, _ := lib.Cameo(bg, "@me")
	c.Consent.Expires = time.Now().AddDate(1, 0, 0).UTC()
	if err := lib.UpdateCameo(bg, c); err != nil {
		t.Fatalf("the owner cannot change their own cameo after a stranger's revocation: %v", err)
	}
}

func TestDeleteWithheldTakesSurvivesACrash(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "a beach")
	tk := mustDoneTake(t, p, shot, "frames of sam", true)
	mustApply(t, p, project.DeleteTakes{TakeIDs: []int64{tk.ID}, Purge: true})
	v, _ := tk.MediaFor(project.MediaVideo)
	crashed := filepath.Join(t.TempDir(), "Crashed.kino")
	copyFolder(t, p.Path(), crashed) // the state a SIGKILL leaves
	os.Remove(filepath.Join(crashed, "kino.lock"))
	q, err := Open(crashed, Options{Signer: testKey})
	if err != nil {
		t.Fatal(err)
	}
	path := q.BlobPath(v.SHA256)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the deleted take's video is still on disk after the crash and a reopen (%v)", err)
	}
	q.Close()
}

func TestRemovedTakeCameoRowsDoNotLaunderATake(t *testing.T) {
	p := MustOpenDB(t)
	pr, _ := p.Project(bg)
	shot := mustAddShot(t, p, "@sam on the beach")
	sam := testCameo(t, p, "@sam")
	mustApply(t, p, project.CastCameo{ShotID: shot, Cameo: *sam})
	tk := &project.Take{ShotID: shot, Backend: "previz", ParamsHash: "p", Status: project.TakeRunning,
		Request: `{"prompt":"@sam on the beach","cast":[{"cameo_id":"` + sam.ID + `","handle":"@sam","image_sha256":"` + sam.MainImage() + `"}]}`,
		Cameos:  []project.TakeCameo{{CameoID: sam.ID, Handle: "@sam"}}}
	if err := p.CreateTake(bg, tk); err != nil {
		t.Fatal(err)
	}
	r := sam.Clone()
	r.Consent.Revoked, r.Consent.RevokedAt, r.Consent.Seq = true, time.Now().UTC(), 2
	if _, err := p.SyncConsent(bg, []project.ConsentRecord{project.RecordOf(signed(r))}); err != nil {
		t.Fatal(err)
	}
	dir := p.Path()
	p.Close()
	rawExec(t, filepath.Join(dir, dbName), `DELETE FROM take_cameos`)
	q := mustReopenPath(t, dir)
	got, _ := q.Take(bg, tk.ID)
	f, err := q.ConsentFacts(bg)
	if err != nil {
		t.Fatal(err)
	}
	w := project.NewConsentBook(f, pr.ID, time.Now()).Withheld(got)
	if len(w) == 0 || !strings.Contains(w[0].Err.Error(), "leaves out @sam") {
		t.Fatalf("a take whose depicted-cameo rows were deleted by hand is not withheld: %v", w)
	}
}

// TestPreConsentTakeOfARenamedCameoIsMatchedByItsImage: a take made before
// this schema of a cameo renamed since is still tied to it.
func TestPreConsentTakeOfARenamedCameoIsMatchedByItsImage(t *testing.T) {
	dir := preConsentProject(t)
	rawExec(t, filepath.Join(dir, dbName), `UPDATE cameos SET handle = '@lena_k'`)
	p, err := Open(dir, Options{Signer: testKey})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	shot, _ := p.ShotAt(bg, 1)
	takes, _ := p.Takes(bg, shot.ID)
	if len(takes[0].Cameos) != 1 || takes[0].Cameos[0].CameoID != "cam-lena" {
		t.Fatalf("the old take of the renamed cameo depicts %+v", takes[0].Cameos)
	}
}

// TestProjectEditsAreCaughtAgainstTheLibrary: a rollback or a new key
// written consistently into a project's own tables cannot be told from
// the project alone (the README says so), but the library that knows the
// cameo catches both.
func TestProjectEditsAreCaughtAgainstTheLibrary(t *testing.T) {
	lib := mustOpenLibrary(t, t.TempDir())
	rev := newLibraryCameo(t, lib, "@rev")
	if err := lib.CreateCameo(bg, rev); err != nil {
		t.Fatal(err)
	}
	base := MustOpenDB(t)
	pr, _ := base.Project(bg)
	shot := mustAddShot(t, base, "a beach")
	rc, _ := lib.OpenBlob(rev.MainImage())
	base.PutBlob(bg, rc, "image/png")
	rc.Close()
	mustApply(t, base, project.CastCameo{ShotID: shot, Cameo: *rev})
	revoked, err := lib.RevokeCameo(bg, "@rev", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	libFacts, _ := lib.ConsentFacts(bg)
	if _, err := base.SyncConsent(bg, []project.ConsentRecord{project.RecordOf(revoked)}, libFacts.Trusted...); err != nil {
		t.Fatal(err)
	}
	base.Close()
	mallory := keyring.Generate()
	forged := rev.Clone()
	forged.Consent.Seq = 3
	forged.Consent.Sign(forged.ID, mallory)
	db, err := sql.Open("sqlite3", dsn(filepath.Join(base.Path(), dbName), writeParams))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		s    string
		args []any
	}{
		{`DELETE FROM consent_revocations`, nil},
		{`UPDATE consent_pins SET owner_key = ?, max_seq = 3`, []any{[]byte(mallory.PublicKey())}},
		{`UPDATE cameos SET consent_revoked = 0, consent_revoked_at = NULL, consent_seq = 3, consent_key = ?, consent_signature = ? WHERE id = ?`,
			[]any{[]byte(mallory.PublicKey()), forged.Consent.Signature, rev.ID}},
	} {
		if _, err := db.Exec(q.s, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	p := mustReopenPath(t, base.Path())
	pf, _ := p.ConsentFacts(bg)
	merged := project.MergeConsentFacts(pf, libFacts)
	if v := project.JudgeConsent(merged, rev.ID, "@rev", pr.ID, time.Now()); v.Allowed() {
		t.Fatal("a project re-signed with another key is allowed although the library knows the owner's key")
	}
}
