package sqlite

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kino/project"
)

func TestCreateOpenClose(t *testing.T) {
	dir := t.TempDir()
	p, err := Create(filepath.Join(dir, "Beach Day"), "")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "Beach Day.kino"); p.Path() != want {
		t.Fatalf("Path() = %q, want %q", p.Path(), want)
	}
	for _, name := range []string{"project.db", "media", lockName} {
		if _, err := os.Stat(filepath.Join(p.Path(), name)); err != nil {
			t.Fatalf("bundle lacks %s: %v", name, err)
		}
	}
	pr, err := p.Project(bg)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Title != "Beach Day" || pr.Rate != project.DefaultRate || pr.Resolution != project.DefaultResolution || len(pr.ID) != 32 || pr.CreatedAt.IsZero() {
		t.Fatalf("new project settings: %+v", pr)
	}
	id := mustAddShot(t, p, "waves")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	_, err = p.Apply(bg, project.DeleteShot{ShotID: id})
	wantCode(t, err, project.ECONFLICT)
	wantMessage(t, err, "closed")
	_, err = p.Shots(bg)
	wantCode(t, err, project.ECONFLICT)
	// ".kino" may be left off when opening.
	q, err := Open(filepath.Join(dir, "Beach Day"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	pr2, err := q.Project(bg)
	if err != nil {
		t.Fatal(err)
	}
	if pr2.ID != pr.ID || pr2.Title != pr.Title || !pr2.CreatedAt.Equal(pr.CreatedAt) {
		t.Fatalf("reopened settings %+v, want %+v", pr2, pr)
	}
	if s := mustShot(t, q, id); s.Prompt != "waves" {
		t.Fatalf("reopened shot prompt %q", s.Prompt)
	}
	var mode string
	if err := q.db.w.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk, sync int
	if err := q.db.w.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("foreign_keys = %d, %v; want 1", fk, err)
	}
	if err := q.db.w.QueryRow("PRAGMA synchronous").Scan(&sync); err != nil || sync != 2 {
		t.Fatalf("synchronous = %d, %v; want 2 (FULL)", sync, err)
	}
}

func TestCreateRefusesExistingPath(t *testing.T) {
	dir := t.TempDir()
	p, err := Create(filepath.Join(dir, "A.kino"), "A")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	_, err = Create(filepath.Join(dir, "A"), "Again")
	wantCode(t, err, project.ECONFLICT)
	wantMessage(t, err, "already exists")

	full := filepath.Join(dir, "Full.kino")
	os.Mkdir(full, 0o755)
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644)
	_, err = Create(full, "Full")
	wantCode(t, err, project.ECONFLICT)
	sameBytes(t, filepath.Join(full, "notes.txt"), []byte("mine"))

	file := filepath.Join(dir, "File.kino")
	os.WriteFile(file, []byte("x"), 0o644)
	_, err = Create(file, "File")
	wantCode(t, err, project.ECONFLICT)

	empty := filepath.Join(dir, "Empty.kino")
	os.Mkdir(empty, 0o755)
	p, err = Create(empty, "Empty")
	if err != nil {
		t.Fatalf("creating in an empty folder: %v", err)
	}
	p.Close()

	_, err = Create(filepath.Join(dir, "Bad"), strings.Repeat("x", project.MaxTitleLength+1))
	wantCode(t, err, project.EINVALID)
	if _, err := os.Stat(filepath.Join(dir, "Bad.kino")); !os.IsNotExist(err) {
		t.Fatalf("a refused Create left a folder behind: %v", err)
	}
}

func TestSecondWriterGetsConflict(t *testing.T) {
	p := MustOpenDB(t)
	_, err := Open(p.Path(), Options{})
	wantCode(t, err, project.ECONFLICT)
	wantMessage(t, err, "Film.kino is open in another Kino (pid "+strconv.Itoa(os.Getpid())+")")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	q, err := Open(p.Path(), Options{})
	if err != nil {
		t.Fatalf("open after the first writer closed: %v", err)
	}
	q.Close()
}

func TestReadOnlyViewWhileOpen(t *testing.T) {
	p := MustOpenDB(t)
	id := mustAddShot(t, p, "first")
	v, err := Open(p.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only view: %v", err)
	}
	defer v.Close()
	if !v.ReadOnly() || p.ReadOnly() {
		t.Fatal("ReadOnly() is wrong")
	}
	mustApply(t, p, project.UpdateShot{Shot: func() project.Shot { s := *mustShot(t, p, id); s.Prompt = "second"; return s }()})
	s, err := v.Shot(bg, id)
	if err != nil || s.Prompt != "second" {
		t.Fatalf("view sees %v, %v; want the writer's committed edit", s, err)
	}
	_, err = v.Apply(bg, project.DeleteShot{ShotID: id})
	wantCode(t, err, project.ECONFLICT)
	wantMessage(t, err, "read-only")
	_, err = v.PutBlob(bg, strings.NewReader("x"), "text/plain")
	wantCode(t, err, project.ECONFLICT)
	err = v.CreateTake(bg, &project.Take{ShotID: id, Backend: "previz", Status: project.TakeRunning})
	wantCode(t, err, project.ECONFLICT)
	if _, err := Open(p.Path(), Options{}); !isCode(err, project.ECONFLICT) {
		t.Fatalf("a writer opened while another holds the lock: %v", err)
	}
}

func TestOpenNotAProject(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(filepath.Join(dir, "Missing"), Options{})
	wantCode(t, err, project.ENOTFOUND)

	plain := filepath.Join(dir, "Holiday Photos")
	os.Mkdir(plain, 0o755)
	os.WriteFile(filepath.Join(plain, "a.jpg"), []byte("jpeg"), 0o644)
	_, err = Open(plain, Options{})
	wantCode(t, err, project.EINVALID)
	wantMessage(t, err, plain, "not a Kino project", "project.db")
	entries, _ := os.ReadDir(plain)
	if len(entries) != 1 {
		t.Fatalf("opening a non-project folder wrote to it: %v", entries)
	}

	file := filepath.Join(dir, "notes.kino")
	os.WriteFile(file, []byte("hello"), 0o644)
	_, err = Open(file, Options{})
	wantCode(t, err, project.EINVALID)

	// A SQLite file without Kino's schema.
	other := filepath.Join(dir, "Other.kino")
	os.Mkdir(other, 0o755)
	db, err := sql.Open("sqlite3", filepath.Join(other, "project.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE x (y)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := readFile(t, filepath.Join(other, "project.db"))
	_, err = Open(other, Options{})
	wantCode(t, err, project.EINVALID)
	wantMessage(t, err, "no Kino tables")
	sameBytes(t, filepath.Join(other, "project.db"), before)
}

// closedProject creates a project with enough shots to fill many pages,
// closes it and returns its folder.
func closedProject(t *testing.T) string {
	t.Helper()
	p := MustOpenDB(t)
	for i := range 150 {
		mustAddShot(t, p, strings.Repeat("a long prompt about the sea ", 10)+strconv.Itoa(i))
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return p.Path()
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestOpenNewerSchemaWritesNothing(t *testing.T) {
	dir := closedProject(t)
	dbPath := filepath.Join(dir, "project.db")
	db, err := sql.Open("sqlite3", dsn(dbPath, writeParams))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 7"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := readFile(t, dbPath)
	names := listDir(t, dir)
	lock := readFile(t, filepath.Join(dir, lockName))

	for _, ro := range []bool{false, true} {
		_, err = Open(dir, Options{ReadOnly: ro})
		wantCode(t, err, project.ECONFLICT)
		wantMessage(t, err, "project.db was written by a newer Kino (schema 7, this Kino knows "+strconv.Itoa(projectSchema.latest())+")")
		sameBytes(t, dbPath, before)
		sameBytes(t, filepath.Join(dir, lockName), lock)
		if got := listDir(t, dir); !slices.Equal(got, names) {
			t.Fatalf("failed open changed the folder: %v, was %v", got, names)
		}
	}
}

func TestOpenDamagedDatabase(t *testing.T) {
	dir := closedProject(t)
	dbPath := filepath.Join(dir, "project.db")
	good := readFile(t, dbPath)
	if len(good) < 16*4096 {
		t.Fatalf("test project is only %d bytes; need several pages", len(good))
	}
	page := 4096
	middle := (len(good) / page / 2) * page
	cases := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"magic overwritten", func(b []byte) []byte { copy(b, "Not SQLite at all"); return b }},
		{"header fields overwritten", func(b []byte) []byte {
			for i := 16; i < 100; i++ {
				b[i] = 0xEE
			}
			return b
		}},
		{"middle page overwritten", func(b []byte) []byte {
			for i := middle; i < middle+page; i++ {
				b[i] = 0xA5
			}
			return b
		}},
		{"truncated to half", func(b []byte) []byte { return b[:len(b)/2] }},
		{"truncated inside the header", func(b []byte) []byte { return b[:50] }},
		{"empty", func(b []byte) []byte { return nil }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := c.damage(slices.Clone(good))
			if err := os.WriteFile(dbPath, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			names := listDir(t, dir)
			for _, ro := range []bool{false, true} {
				p, err := Open(dir, Options{ReadOnly: ro})
				if err == nil {
					p.Close()
					t.Fatalf("opened a project whose database is %s", c.name)
				}
				wantCode(t, err, project.ECORRUPT)
				wantMessage(t, err, dbPath)
				sameBytes(t, dbPath, bad)
				if got := listDir(t, dir); !slices.Equal(got, names) {
					t.Fatalf("failed open changed the folder: %v, was %v", got, names)
				}
			}
		})
	}
	// The undamaged file still opens, with all its shots.
	if err := os.WriteFile(dbPath, good, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("reopening the intact file: %v", err)
	}
	defer p.Close()
	shots, err := p.Shots(bg)
	if err != nil || len(shots) != 150 {
		t.Fatalf("intact project has %d shots, %v", len(shots), err)
	}
}
