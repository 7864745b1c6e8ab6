package sqlite

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"kino/project"
)

// stepIndex returns the number of the migration named step in s (its
// script's index): the schema version just before it.
func stepIndex(t *testing.T, s schema, step string) int {
	t.Helper()
	for i, name := range s.steps {
		if name == step {
			return i
		}
	}
	t.Fatalf("%s schema has no %q migration", s.name, step)
	return 0
}

// preConsentProject builds a project the way Kino wrote it before consent
// was signed: cameo @lena cast in a shot with a finished take whose request
// casts her. It returns the folder.
func preConsentProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Old.kino")
	ms := &mediaStore{dir: filepath.Join(dir, mediaDir)}
	if err := os.MkdirAll(ms.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	img := mustPutBlob(t, &Project{media: ms}, "lena's face", "image/png")
	db, err := sql.Open("sqlite3", dsn(filepath.Join(dir, dbName), writeParams))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := stepIndex(t, projectSchema, "consent")
	stmts := append([]string{}, projectSchema.scripts[:n]...)
	stmts = append(stmts,
		`INSERT INTO project (id, uuid, title, rate_num, rate_den, width, height, seed_policy, created_at, updated_at)
			VALUES (1, 'old-uuid', 'Old Film', 24, 1, 1280, 720, 'per-shot', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
		`INSERT INTO assets VALUES ('`+img.SHA256+`', 'image/png', `+strconv.FormatInt(img.Size, 10)+`)`,
		`INSERT INTO cameos (id, handle, name, appearance, voice_language, voice_variant, voice_pitch, voice_rate,
			consent_id, consent_owner, consent_scope, consent_project_id, consent_granted_at, consent_expires,
			consent_revoked, consent_revoked_at, is_self, created_at, updated_at)
			VALUES ('cam-lena', '@lena', 'Lena', '', 'de', '', 50, 175, 'c-1', 'Lena', 'any-project', '',
			'2025-01-01T00:00:00Z', NULL, 0, NULL, 0, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
		`INSERT INTO cameo_images VALUES ('cam-lena', 0, '`+img.SHA256+`')`,
		`INSERT INTO shots (position, prompt, negative_prompt, duration_frames, duration_rate_num, duration_rate_den,
			seed_mode, seed_value, camera_size, camera_move, style, created_at, updated_at)
			VALUES (0, '@lena on a beach', '', 48, 24, 1, 'fixed', 42, '', '', '', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
		`INSERT INTO shot_cast VALUES (1, 0, 'cam-lena', '')`,
		`INSERT INTO takes (shot_id, backend, model, model_hash, params_hash, seed, status, error, request, frames, rate_num, rate_den, favourite, created_at)
			VALUES (1, 'previz', '', '', 'h', 42, 'done', '',
			'{"prompt":"@lena on a beach","cast":[{"handle":"@lena","name":"Lena","image_sha256":"`+img.SHA256+`","voice":{"language":"de","pitch":50,"rate":175}}]}',
			48, 24, 1, 0, '2025-01-01T00:00:00Z')`,
		`INSERT INTO takes (shot_id, backend, model, model_hash, params_hash, seed, status, error, request, frames, rate_num, rate_den, favourite, created_at)
			VALUES (1, 'previz', '', '', 'h2', 43, 'failed', 'boom', 'not json', 48, 24, 1, 0, '2025-01-01T00:00:00Z')`,
		`PRAGMA user_version = `+strconv.Itoa(n),
	)
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("building a pre-consent project: %v\n%s", err, s)
		}
	}
	return dir
}

func TestPreConsentProjectIsAttestedOnceAtMigration(t *testing.T) {
	dir := preConsentProject(t)
	p, err := Open(dir, Options{Signer: testKey})
	if err != nil {
		t.Fatal(err)
	}
	pr, _ := p.Project(bg)
	f, err := p.ConsentFacts(bg)
	v := verdictOf(t, f, err, "cam-lena", "@lena", pr.ID)
	if !v.Allowed() || v.SignatureStatus() != "self-attested" || v.Record.Seq != 1 {
		t.Fatalf("after migration @lena: %v, status %q, seq %d; want allowed, self-attested, 1", v.Err, v.SignatureStatus(), v.Record.Seq)
	}
	shot, _ := p.ShotAt(bg, 1)
	takes, err := p.Takes(bg, shot.ID)
	if err != nil || len(takes) != 2 {
		t.Fatalf("takes %v %v", takes, err)
	}
	if len(takes[0].Cameos) != 1 || takes[0].Cameos[0].CameoID != "cam-lena" || takes[0].Cameos[0].Voice.Language != "de" ||
		takes[0].Cameos[0].Consent.Owner != "Lena" {
		t.Fatalf("the old take does not record whom it depicts: %+v", takes[0].Cameos)
	}
	if len(takes[1].Cameos) != 0 {
		t.Fatalf("a take with an unreadable request depicts %+v", takes[1].Cameos)
	}
	p.Close()

	// A signature removed by hand later is not signed again on open: the
	// attestation happened once, in the migration.
	rawExec(t, filepath.Join(dir, dbName), `UPDATE cameos SET consent_signature = NULL`)
	q, err := Open(dir, Options{Signer: testKey})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	f, err = q.ConsentFacts(bg)
	if v := verdictOf(t, f, err, "cam-lena", "@lena", pr.ID); v.Reason != project.ConsentUnverified {
		t.Fatalf("signature removed after migration: %v (reason %q)", v.Err, v.Reason)
	}
}

// TestPreConsentProjectIsNotUpgradedWithoutAKey: when the consent key
// cannot be used, a project with cameos is left as it is (not upgraded,
// nothing unsigned written), and opens once the key is there.
func TestPreConsentProjectIsNotUpgradedWithoutAKey(t *testing.T) {
	dir := preConsentProject(t)
	_, err := Open(dir, Options{SignerErr: errors.New("the key file can be read by others")})
	wantCode(t, err, project.ECONSENT)
	wantMessage(t, err, "consent key", "can be read by others")
	db, err := sql.Open("sqlite3", dsn(filepath.Join(dir, dbName), roParams))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := userVersion(bg, db)
	db.Close()
	if v != stepIndex(t, projectSchema, "consent") {
		t.Fatalf("schema %d after a refused upgrade, want it untouched", v)
	}
	p, err := Open(dir, Options{Signer: testKey})
	if err != nil {
		t.Fatalf("opening with the key: %v", err)
	}
	p.Close()
}

func TestTakesKeepWhomTheyDepictAfterUncast(t *testing.T) {
	p := MustOpenDB(t)
	pr, _ := p.Project(bg)
	shot := mustAddShot(t, p, "@sam on the beach")
	sam := testCameo(t, p, "@sam")
	mustApply(t, p, project.CastCameo{ShotID: shot, Cameo: *sam})
	tk := &project.Take{ShotID: shot, Backend: "previz", ParamsHash: "p", Status: project.TakeRunning,
		Cameos: []project.TakeCameo{{CameoID: sam.ID, Handle: "@sam", ImageSHA256: sam.MainImage(), Voice: sam.Voice, Consent: sam.Consent.Terms()}}}
	if err := p.CreateTake(bg, tk); err != nil {
		t.Fatal(err)
	}
	tk.Media = []project.MediaRef{{Role: project.MediaVideo, Asset: mustPutBlob(t, p, "frames", "video/x-motion-jpeg")}}
	if err := p.FinishTake(bg, tk, true); err != nil {
		t.Fatal(err)
	}
	// Sam revokes; the project learns; then the ✕ chip removes Sam.
	r := sam.Clone()
	r.Consent.Revoked, r.Consent.RevokedAt, r.Consent.Seq = true, time.Now().UTC(), 2
	if n, err := p.SyncConsent(bg, []project.ConsentRecord{project.RecordOf(signed(r))}); err != nil || n != 1 {
		t.Fatalf("SyncConsent = %d, %v", n, err)
	}
	mustApply(t, p, project.UncastCameo{ShotID: shot, Handle: "@sam"})
	// Undoing the cast removal is refused (she revoked), and the snapshot
	// stays because the take depicts her.
	got, err := p.Take(bg, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Depicts(sam.ID) || got.Cameos[0].Consent.ID != sam.Consent.ID {
		t.Fatalf("after uncasting, the take depicts %+v", got.Cameos)
	}
	f, err := p.ConsentFacts(bg)
	if err != nil {
		t.Fatal(err)
	}
	book := project.NewConsentBook(f, pr.ID, time.Now())
	if err := book.WithheldError(got, 1); err == nil {
		t.Fatal("a take of a revoked cameo is not withheld after the cameo was uncast")
	}
	// Deleting and restoring the take keeps whom it depicts.
	mustApply(t, p, project.DeleteTake{TakeID: tk.ID})
	mustUndo(t, p)
	if got, _ := p.Take(bg, tk.ID); !got.Depicts(sam.ID) {
		t.Fatal("a restored take forgot whom it depicts")
	}
}

func TestDeleteTakesWithPurgeRemovesMediaOnClose(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "x")
	a := mustDoneTake(t, p, shot, "frames a", true)
	b := mustDoneTake(t, p, shot, "frames b", false)
	c := mustDoneTake(t, p, shot, "frames c", false)
	mustApply(t, p, project.DeleteTakes{TakeIDs: []int64{a.ID, b.ID}, Purge: true})
	if takes, _ := p.Takes(bg, shot); len(takes) != 1 {
		t.Fatalf("after deleting two of three takes: %d left", len(takes))
	}
	// Undo brings both back whole, active one included; redo deletes again.
	mustUndo(t, p)
	if s := mustShot(t, p, shot); s.ActiveTakeID != a.ID {
		t.Fatalf("undo did not restore the active take: %d", s.ActiveTakeID)
	}
	mustRedo(t, p)
	// Restore b only by hand is not possible; close purges a and b's media.
	pa, pb, pc := p.BlobPath(a.Media[0].Asset.SHA256), p.BlobPath(b.Media[0].Asset.SHA256), p.BlobPath(c.Media[0].Asset.SHA256)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{pa, pb} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("purged media %s still on disk (%v)", f, err)
		}
	}
	if _, err := os.Stat(pc); err != nil {
		t.Errorf("a kept take's media is gone: %v", err)
	}
	q := mustReopenPath(t, p.Path())
	if d, err := q.Check(bg); err != nil || len(d) != 0 {
		t.Fatalf("check after purge: %v %v", d, err)
	}
}

func TestDeleteTakesUndoneBeforeCloseKeepsMedia(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "x")
	a := mustDoneTake(t, p, shot, "frames a", true)
	mustApply(t, p, project.DeleteTakes{TakeIDs: []int64{a.ID}, Purge: true})
	mustUndo(t, p)
	path := p.BlobPath(a.Media[0].Asset.SHA256)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("media of a restored take removed on close: %v", err)
	}
}

func mustReopenPath(t *testing.T, dir string) *Project {
	t.Helper()
	q, err := Open(dir, Options{Signer: testKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}
