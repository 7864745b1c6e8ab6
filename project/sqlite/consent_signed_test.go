package sqlite

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/project"
)

// rawExec runs statements on the database file at path directly, as a
// person with the sqlite3 shell would, with no Kino code in between.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, writeParams))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// flipSignature flips one byte of the stored signature of cameo id.
func flipSignature(t *testing.T, path, id string) {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, writeParams))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var sig []byte
	if err := db.QueryRow(`SELECT consent_signature FROM cameos WHERE id = ?`, id).Scan(&sig); err != nil {
		t.Fatal(err)
	}
	sig[10] ^= 0x40
	if _, err := db.Exec(`UPDATE cameos SET consent_signature = ? WHERE id = ?`, sig, id); err != nil {
		t.Fatal(err)
	}
}

func verdictOf(t *testing.T, facts *project.ConsentFacts, err error, id, handle, projectID string) project.ConsentVerdict {
	t.Helper()
	if err != nil {
		t.Fatalf("reading consent facts: %v", err)
	}
	return project.JudgeConsent(facts, id, handle, projectID, time.Now())
}

// handEdits are the changes a person could make with the sqlite3 shell
// to a database holding cameo @sam (ID cameo-sam) cast with consent for
// this project only, and a revoked cameo @rev (ID cameo-rev). Each must be
// caught. other is the SHA-256 of another image in the same database.
func handEdits(other string) []struct {
	name, handle, reason string
	sql                  []string
} {
	return []struct {
		name, handle, reason string
		sql                  []string
	}{
		{"revoked 1 to 0", "@rev", "does not verify", []string{`UPDATE cameos SET consent_revoked = 0, consent_revoked_at = NULL WHERE id = 'cameo-rev'`}},
		{"revocation row deleted and revoked 1 to 0", "@rev", "does not verify", []string{`DELETE FROM consent_revocations`, `UPDATE cameos SET consent_revoked = 0 WHERE id = 'cameo-rev'`}},
		{"revocation row deleted", "@rev", "revoked", []string{`DELETE FROM consent_revocations`}},
		{"expiry moved", "@sam", "does not verify", []string{`UPDATE cameos SET consent_expires = '2099-01-01T00:00:00Z' WHERE id = 'cameo-sam'`}},
		{"scope widened", "@sam", "does not verify", []string{`UPDATE cameos SET consent_scope = 'any-project', consent_project_id = '' WHERE id = 'cameo-sam'`}},
		{"owner renamed", "@sam", "does not verify", []string{`UPDATE cameos SET consent_owner = 'Mallory' WHERE id = 'cameo-sam'`}},
		{"image hash changed", "@sam", "does not verify", []string{`INSERT OR IGNORE INTO assets VALUES ('` + other + `', 'image/png', 12)`, `UPDATE cameo_images SET sha256 = '` + other + `' WHERE cameo_id = 'cameo-sam'`}},
		{"signed image hash changed", "@sam", "does not verify", []string{`UPDATE cameos SET consent_image_sha256 = '` + other + `' WHERE id = 'cameo-sam'`}},
		{"signature removed", "@sam", "does not verify", []string{`UPDATE cameos SET consent_signature = NULL WHERE id = 'cameo-sam'`}},
		{"older record restored", "@rev", "rolled back", []string{
			`DELETE FROM consent_revocations`,
			`UPDATE cameos SET consent_revoked = 0, consent_revoked_at = NULL, consent_seq = 1,
				consent_signature = (SELECT sig FROM old_record) WHERE id = 'cameo-rev'`,
		}},
		{"pin replaced", "@sam", "another key", []string{`UPDATE consent_pins SET owner_key = x'` + strings.Repeat("ab", 32) + `' WHERE cameo_id = 'cameo-sam'`}},
	}
}

func TestHandEditsOfProjectConsentAreDetected(t *testing.T) {
	base := MustOpenDB(t)
	pr, _ := base.Project(bg)
	shot := mustAddShot(t, base, "a beach")
	sam := testCameo(t, base, "@sam")
	sam.Consent.Scope, sam.Consent.ProjectID = project.ConsentThisProject, pr.ID
	signed(sam)
	mustApply(t, base, project.CastCameo{ShotID: shot, Cameo: *sam})
	rev := testCameo(t, base, "@rev")
	mustApply(t, base, project.CastCameo{ShotID: shot, Cameo: *rev})
	oldSig := append([]byte(nil), rev.Consent.Signature...)
	r2 := rev.Clone()
	r2.Consent.Revoked, r2.Consent.RevokedAt, r2.Consent.Seq = true, time.Now().UTC(), 2
	mustApply(t, base, project.UpdateCameoSnapshot{Cameo: *signed(r2)})
	other := mustPutBlob(t, base, "someone else", "image/png").SHA256
	if err := base.Close(); err != nil {
		t.Fatal(err)
	}
	// Before any edit: @sam is allowed, @rev is revoked.
	check := func(dir string) *Project {
		p, err := Open(dir, Options{Signer: testKey})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.Close() })
		return p
	}
	p := check(base.Path())
	f, err := p.ConsentFacts(bg)
	if v := verdictOf(t, f, err, "cameo-sam", "@sam", pr.ID); !v.Allowed() {
		t.Fatalf("untouched @sam refused: %v", v.Err)
	}
	if v := verdictOf(t, f, err, "cameo-rev", "@rev", pr.ID); v.Reason != project.ConsentRevoked {
		t.Fatalf("untouched @rev: %v", v.Err)
	}
	p.Close()

	for _, e := range handEdits(other) {
		t.Run(e.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "Copy.kino")
			copyFolder(t, base.Path(), dir)
			db := filepath.Join(dir, dbName)
			// The older record's signature, as a person who kept a copy of
			// the database from before the revocation would have it.
			rawDB, err := sql.Open("sqlite3", dsn(db, writeParams))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := rawDB.Exec(`CREATE TABLE old_record (sig BLOB)`); err != nil {
				t.Fatal(err)
			}
			if _, err := rawDB.Exec(`INSERT INTO old_record VALUES (?)`, oldSig); err != nil {
				t.Fatal(err)
			}
			rawDB.Close()
			rawExec(t, db, e.sql...)
			p := check(dir)
			f, err := p.ConsentFacts(bg)
			id := "cameo-" + strings.TrimPrefix(e.handle, "@")
			v := verdictOf(t, f, err, id, e.handle, pr.ID)
			if v.Allowed() || !strings.Contains(v.Err.Error(), e.reason) {
				t.Fatalf("after %s: %s judged %v (reason %q), want refused with %q", e.name, e.handle, v.Err, v.Reason, e.reason)
			}
			// Casting it anew is refused too.
			s2 := mustAddShot(t, p, "another")
			snap := mustSnapshot(t, p, e.handle)
			ns := mustShot(t, p, s2)
			ns.Cast = []project.CastMember{{CameoID: snap.ID, Handle: snap.Handle}}
			_, err = p.Apply(bg, project.UpdateShot{Shot: *ns})
			wantCode(t, err, project.ECONSENT)
		})
	}
}

func mustSnapshot(t *testing.T, p *Project, handle string) *project.Cameo {
	t.Helper()
	cs, err := p.Cameos(bg)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Handle == handle {
			return c
		}
	}
	t.Fatalf("no snapshot of %s", handle)
	return nil
}

// copyFolder copies a project folder whole.
func copyFolder(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode())
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFlippedSignatureBytesAreDetected(t *testing.T) {
	p := MustOpenDB(t)
	pr, _ := p.Project(bg)
	shot := mustAddShot(t, p, "a beach")
	mustApply(t, p, project.CastCameo{ShotID: shot, Cameo: *testCameo(t, p, "@sam")})
	dir := p.Path()
	p.Close()
	flipSignature(t, filepath.Join(dir, dbName), "cameo-sam")
	q, err := Open(dir, Options{Signer: testKey})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	f, err := q.ConsentFacts(bg)
	if v := verdictOf(t, f, err, "cameo-sam", "@sam", pr.ID); v.Reason != project.ConsentUnverified {
		t.Fatalf("flipped signature: %v (reason %q)", v.Err, v.Reason)
	}
}

// TestHandEditsOfLibraryConsentAreDetected makes the same hand edits to
// the cameo library's database.
func TestHandEditsOfLibraryConsentAreDetected(t *testing.T) {
	for _, e := range handEdits("") {
		t.Run(e.name, func(t *testing.T) {
			dir := t.TempDir()
			l := mustOpenLibrary(t, dir)
			mk := func(handle string, f func(*project.Cameo)) *project.Cameo {
				c := newLibraryCameo(t, l, handle)
				f(c)
				if err := l.CreateCameo(bg, c); err != nil {
					t.Fatal(err)
				}
				return c
			}
			sam := mk("@sam", func(c *project.Cameo) { c.Consent.Scope, c.Consent.ProjectID = project.ConsentThisProject, "proj-1" })
			rev := mk("@rev", func(*project.Cameo) {})
			oldSig := append([]byte(nil), rev.Consent.Signature...)
			if _, err := l.RevokeCameo(bg, "@rev", time.Time{}); err != nil {
				t.Fatal(err)
			}
			other := mustPutBlob(t, l, "someone else", "image/png").SHA256
			l.Close()
			db := filepath.Join(dir, libraryDBName)
			rawDB, err := sql.Open("sqlite3", dsn(db, writeParams))
			if err != nil {
				t.Fatal(err)
			}
			rawDB.Exec(`CREATE TABLE old_record (sig BLOB)`)
			rawDB.Exec(`INSERT INTO old_record VALUES (?)`, oldSig)
			rawDB.Close()
			ids := strings.NewReplacer("cameo-sam", sam.ID, "cameo-rev", rev.ID)
			var stmts []string
			for _, s := range handEdits(other) {
				if s.name == e.name {
					for _, q := range s.sql {
						stmts = append(stmts, ids.Replace(q))
					}
				}
			}
			rawExec(t, db, stmts...)
			l = mustOpenLibrary(t, dir)
			f, err := l.ConsentFacts(bg)
			id := sam.ID
			if e.handle == "@rev" {
				id = rev.ID
			}
			v := verdictOf(t, f, err, id, e.handle, "proj-1")
			if v.Allowed() || !strings.Contains(v.Err.Error(), e.reason) {
				t.Fatalf("after %s: %s judged %v (reason %q), want refused with %q", e.name, e.handle, v.Err, v.Reason, e.reason)
			}
		})
	}
}
