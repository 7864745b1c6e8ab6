package sqlite

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
)

func TestCheckCleanProject(t *testing.T) {
	f := newFixture(t)
	d, err := f.p.Check(bg)
	if err != nil || len(d) != 0 {
		t.Fatalf("check of a healthy project: %+v %v", d, err)
	}
}

func TestCheckReportsDamagedMedia(t *testing.T) {
	f := newFixture(t)
	p := f.p
	take1, _ := p.Take(bg, f.take1)
	take2, _ := p.Take(bg, f.take2)
	// Take 1's video goes missing; take 2's video is changed in place.
	os.Remove(p.BlobPath(take1.Media[0].Asset.SHA256))
	path2 := p.BlobPath(take2.Media[0].Asset.SHA256)
	b := readFile(t, path2)
	b[0] ^= 0xFF
	os.WriteFile(path2, b, 0o644)
	// The cameo's image and the music are truncated.
	img := p.BlobPath(f.ana.Images[0].SHA256)
	os.WriteFile(img, []byte("x"), 0o644)
	os.Remove(p.BlobPath(f.clipAsset.SHA256))

	damage, err := p.Check(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(damage) != 4 {
		t.Fatalf("got %d damages, want 4: %+v", len(damage), damage)
	}
	find := func(match func(project.Damage) bool) project.Damage {
		t.Helper()
		for _, d := range damage {
			if match(d) {
				return d
			}
		}
		t.Fatalf("no damage matched in %+v", damage)
		return project.Damage{}
	}
	d := find(func(d project.Damage) bool { return d.TakeID == f.take1 })
	if d.ShotID != f.b || !strings.Contains(d.Reason, "missing") || d.Path != p.BlobPath(take1.Media[0].Asset.SHA256) {
		t.Fatalf("take 1 damage %+v", d)
	}
	d = find(func(d project.Damage) bool { return d.TakeID == f.take2 })
	if !strings.Contains(d.Reason, "does not match its hash") || d.Path != path2 || d.Asset != take2.Media[0].Asset.SHA256 {
		t.Fatalf("take 2 damage %+v", d)
	}
	d = find(func(d project.Damage) bool { return d.Handle == "@ana" })
	if d.Path != img || !strings.Contains(d.Reason, "image 1") {
		t.Fatalf("cameo damage %+v", d)
	}
	d = find(func(d project.Damage) bool { return strings.Contains(d.Reason, "audio clip") })
	if !strings.Contains(d.Reason, `"Theme"`) || !strings.Contains(d.Reason, "missing") {
		t.Fatalf("clip damage %+v", d)
	}
	// Damaged media do not stop the project from opening.
	p = mustReopen(t, p)
	if _, err := p.Shots(bg); err != nil {
		t.Fatal(err)
	}
}

// TestCheckFindsIndexDamage damages an index in a way the quick check at
// open does not look for (its entries no longer match the table), so the
// project opens, and Check's full integrity_check reports it.
func TestCheckFindsIndexDamage(t *testing.T) {
	dir := closedProject(t)
	dbPath := filepath.Join(dir, "project.db")
	db, err := sql.Open("sqlite3", dsn(dbPath, writeParams+"&_writable_schema=1"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`UPDATE sqlite_schema SET sql = 'CREATE INDEX shots_position ON shots (duration_frames)' WHERE name = 'shots_position'`)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	p, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer p.Close()
	damage, err := p.Check(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(damage) == 0 {
		t.Fatal("Check found nothing wrong with a damaged index")
	}
	for _, d := range damage {
		if d.Path != dbPath || !strings.Contains(d.Reason, "database damaged") {
			t.Fatalf("damage %+v", d)
		}
	}
}
