package sqlite

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kino/project"
)

func mustOpenLibrary(t testing.TB, dir string) *Library {
	t.Helper()
	l, err := OpenLibrary(dir)
	if err != nil {
		t.Fatalf("opening library: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func newLibraryCameo(t testing.TB, l *Library, handle string) *project.Cameo {
	t.Helper()
	c := testCameo(t, l, handle)
	c.ID, c.Consent.ID, c.Consent.GrantedAt = "", "", time.Time{}
	return c
}

func TestLibraryCreateAndRead(t *testing.T) {
	dir := t.TempDir()
	l := mustOpenLibrary(t, dir)
	c := newLibraryCameo(t, l, "Ana")
	c.Appearance = "curly hair, green coat 🧥"
	c.IsSelf = true
	if err := l.CreateCameo(bg, c); err != nil {
		t.Fatal(err)
	}
	if c.ID == "" || c.Handle != "@ana" || c.Consent.ID == "" || c.Consent.GrantedAt.IsZero() || c.CreatedAt.IsZero() {
		t.Fatalf("created cameo %+v", c)
	}
	b := newLibraryCameo(t, l, "@bo")
	if err := l.CreateCameo(bg, b); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l = mustOpenLibrary(t, dir)
	got, err := l.Cameo(bg, "@ANA")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != c.ID || got.Appearance != c.Appearance || !got.IsSelf || len(got.Images) != 1 || got.Images[0] != c.Images[0] ||
		got.Voice != c.Voice || got.Consent.Owner != "Ana" || !got.Consent.GrantedAt.Equal(c.Consent.GrantedAt) {
		t.Fatalf("read back %+v, want %+v", got, c)
	}
	all, err := l.Cameos(bg)
	if err != nil || len(all) != 2 || all[0].Handle != "@ana" || all[1].Handle != "@bo" {
		t.Fatalf("Cameos: %+v %v", all, err)
	}
	_, err = l.Cameo(bg, "@nobody")
	wantCode(t, err, project.ENOTFOUND)
	if _, err := os.Stat(filepath.Join(dir, "library.db")); err != nil {
		t.Fatal(err)
	}
}

func TestLibraryRefusesBadCameos(t *testing.T) {
	l := mustOpenLibrary(t, t.TempDir())
	if err := l.CreateCameo(bg, newLibraryCameo(t, l, "@ana")); err != nil {
		t.Fatal(err)
	}
	wantCode(t, l.CreateCameo(bg, newLibraryCameo(t, l, "ANA")), project.ECONFLICT)
	wantCode(t, l.CreateCameo(bg, newLibraryCameo(t, l, "@9lives")), project.EINVALID)
	wantCode(t, l.CreateCameo(bg, newLibraryCameo(t, l, "@a")), project.EINVALID)
	noConsent := newLibraryCameo(t, l, "@nc")
	noConsent.Consent.Owner = ""
	wantCode(t, l.CreateCameo(bg, noConsent), project.EINVALID)
	missing := newLibraryCameo(t, l, "@ghost")
	missing.Images[0].SHA256 = strings.Repeat("0", 64)
	err := l.CreateCameo(bg, missing)
	wantCode(t, err, project.ENOTFOUND)
	wantMessage(t, err, l.BlobPath(missing.Images[0].SHA256))
	all, _ := l.Cameos(bg)
	if len(all) != 1 {
		t.Fatalf("refused cameos were stored: %d cameos", len(all))
	}
}

func TestLibraryUpdateRevokeDelete(t *testing.T) {
	l := mustOpenLibrary(t, t.TempDir())
	ana := newLibraryCameo(t, l, "@ana")
	bo := newLibraryCameo(t, l, "@bo")
	for _, c := range []*project.Cameo{ana, bo} {
		if err := l.CreateCameo(bg, c); err != nil {
			t.Fatal(err)
		}
	}
	ana.Name, ana.Handle = "Ana María", "@ana.maria"
	if err := l.UpdateCameo(bg, ana); err != nil {
		t.Fatal(err)
	}
	if got, err := l.Cameo(bg, "@ana.maria"); err != nil || got.Name != "Ana María" || got.ID != ana.ID {
		t.Fatalf("after update: %+v %v", got, err)
	}
	taken := ana.Clone()
	taken.Handle = "@bo"
	wantCode(t, l.UpdateCameo(bg, taken), project.ECONFLICT)
	ghost := ana.Clone()
	ghost.ID = "no-such-id"
	wantCode(t, l.UpdateCameo(bg, ghost), project.ENOTFOUND)

	at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	rev, err := l.RevokeCameo(bg, "ana.maria", at)
	if err != nil {
		t.Fatal(err)
	}
	if !rev.Consent.Revoked || !rev.Consent.RevokedAt.Equal(at) {
		t.Fatalf("revoked cameo %+v", rev.Consent)
	}
	stored, _ := l.Cameo(bg, "@ana.maria")
	err = stored.Consent.Allows(stored.Handle, "any", at.Add(time.Hour))
	wantCode(t, err, project.ECONSENT)
	// A project refuses to cast the revoked cameo.
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "x")
	mustPutBlob(t, p, "face of @ana", "image/png")
	_, err = p.Apply(bg, project.CastCameo{ShotID: shot, Cameo: *stored})
	wantCode(t, err, project.ECONSENT)

	if err := l.DeleteCameo(bg, "@ana.maria"); err != nil {
		t.Fatal(err)
	}
	_, err = l.Cameo(bg, "@ana.maria")
	wantCode(t, err, project.ENOTFOUND)
	wantCode(t, l.DeleteCameo(bg, "@ana.maria"), project.ENOTFOUND)
	if _, err := os.Stat(l.BlobPath(ana.Images[0].SHA256)); err != nil {
		t.Fatalf("deleting a cameo removed its image: %v", err)
	}
	_, err = l.RevokeCameo(bg, "@nobody", at)
	wantCode(t, err, project.ENOTFOUND)
}

func TestLibraryTwoOpenersShareWrites(t *testing.T) {
	dir := t.TempDir()
	l1 := mustOpenLibrary(t, dir)
	l2 := mustOpenLibrary(t, dir)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i, l := range []*Library{l1, l2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 20 {
				c := newLibraryCameo(t, l, fmt.Sprintf("@c%d_%d", i, j))
				errs <- l.CreateCameo(bg, c)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []*Library{l1, l2} {
		all, err := l.Cameos(bg)
		if err != nil || len(all) != 40 {
			t.Fatalf("library sees %d cameos, %v; want 40", len(all), err)
		}
	}
	// Both see the same duplicate rule.
	wantCode(t, l2.CreateCameo(bg, newLibraryCameo(t, l2, "@c0_0")), project.ECONFLICT)
}

func TestLibraryNewerSchemaWritesNothing(t *testing.T) {
	dir := t.TempDir()
	l := mustOpenLibrary(t, dir)
	if err := l.CreateCameo(bg, newLibraryCameo(t, l, "@ana")); err != nil {
		t.Fatal(err)
	}
	l.Close()
	dbPath := filepath.Join(dir, "library.db")
	db, err := sql.Open("sqlite3", dsn(dbPath, writeParams))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 9"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := readFile(t, dbPath)
	_, err = OpenLibrary(dir)
	wantCode(t, err, project.ECONFLICT)
	wantMessage(t, err, fmt.Sprintf("library.db was written by a newer Kino (schema 9, this Kino knows %d)", librarySchema.latest()))
	sameBytes(t, dbPath, before)

	if err := os.WriteFile(dbPath, []byte(strings.Repeat("not a database ", 500)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = OpenLibrary(dir)
	wantCode(t, err, project.ECORRUPT)
	wantMessage(t, err, dbPath)
}

func TestLibraryCheck(t *testing.T) {
	l := mustOpenLibrary(t, t.TempDir())
	c := newLibraryCameo(t, l, "@ana")
	if err := l.CreateCameo(bg, c); err != nil {
		t.Fatal(err)
	}
	if d, err := l.Check(bg); err != nil || len(d) != 0 {
		t.Fatalf("check of a healthy library: %+v %v", d, err)
	}
	os.Remove(l.BlobPath(c.Images[0].SHA256))
	d, err := l.Check(bg)
	if err != nil || len(d) != 1 || d[0].Handle != "@ana" || !strings.Contains(d[0].Reason, "missing") {
		t.Fatalf("check: %+v %v", d, err)
	}
}
