package sqlite

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
)

func TestEngineAndStrengthRoundTrip(t *testing.T) {
	p := MustOpenDB(t)
	pr, err := p.Project(bg)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Engine != project.DefaultEngine {
		t.Fatalf("new project engine %+v, want %+v", pr.Engine, project.DefaultEngine)
	}
	pr.Engine = project.Engine{Backend: "onnx", Model: "Stable Video ✨ v1.1"}
	mustApply(t, p, project.UpdateProject{Project: *pr})

	s := shotAt24("a lighthouse in a storm")
	s.Strength = 0.35
	id := mustApply(t, p, project.AddShot{Shot: s, Index: -1}).ID
	plain := mustAddShot(t, p, "no strength")

	p = mustReopen(t, p)
	pr, err = p.Project(bg)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Engine != (project.Engine{Backend: "onnx", Model: "Stable Video ✨ v1.1"}) {
		t.Fatalf("engine after reopening: %+v", pr.Engine)
	}
	if got := mustShot(t, p, id).Strength; got != 0.35 {
		t.Fatalf("strength after reopening: %g, want 0.35", got)
	}
	shots, err := p.Shots(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(shots) != 2 || shots[0].Strength != 0.35 || shots[1].ID != plain || shots[1].Strength != 0 {
		t.Fatalf("shots after reopening: %+v %+v", shots[0], shots[1])
	}
	if sh, err := p.ShotAt(bg, 1); err != nil || sh.Strength != 0.35 {
		t.Fatalf("ShotAt(1): %+v, %v", sh, err)
	}
}

func TestUpdateProjectEngineUndoesAndRedoes(t *testing.T) {
	p := MustOpenDB(t)
	mustAddShot(t, p, "a shot whose timing must not move")
	before := dump(t, p)
	pr, _ := p.Project(bg)
	pr.Engine = project.Engine{Backend: "onnx", Model: "sd-turbo"}
	a := mustApply(t, p, project.UpdateProject{Project: *pr})
	if a.Label != "Project Settings" {
		t.Fatalf("label %q", a.Label)
	}
	after := dump(t, p)
	if after == before || !strings.Contains(after, `"model": "sd-turbo"`) {
		t.Fatalf("engine not stored: %s", after)
	}
	mustUndo(t, p)
	sameState(t, "after undo", dump(t, p), before)
	if pr, _ := p.Project(bg); pr.Engine != project.DefaultEngine {
		t.Fatalf("engine after undo %+v", pr.Engine)
	}
	mustRedo(t, p)
	sameState(t, "after redo", dump(t, p), after)
	p = mustReopen(t, p)
	sameState(t, "after reopening", dump(t, p), after)
}

func TestInvalidEngineChangesNothing(t *testing.T) {
	p := MustOpenDB(t)
	before := dump(t, p)
	for _, e := range []project.Engine{{}, {Backend: "ONNX"}, {Backend: "onnx", Model: "a\x00b"}} {
		pr, _ := p.Project(bg)
		pr.Engine = e
		_, err := p.Apply(bg, project.UpdateProject{Project: *pr})
		wantCode(t, err, project.EINVALID)
		sameState(t, "after a refused engine", dump(t, p), before)
	}
}

func TestUpdateShotStrengthUndoes(t *testing.T) {
	p := MustOpenDB(t)
	id := mustAddShot(t, p, "a fox in the snow")
	before := dump(t, p)
	s := mustShot(t, p, id)
	s.Strength = 0.6
	mustApply(t, p, project.UpdateShot{Shot: *s})
	if got := mustShot(t, p, id).Strength; got != 0.6 {
		t.Fatalf("strength after edit %g", got)
	}
	after := dump(t, p)
	mustUndo(t, p)
	sameState(t, "after undo", dump(t, p), before)
	if got := mustShot(t, p, id).Strength; got != 0 {
		t.Fatalf("strength after undo %g", got)
	}
	mustRedo(t, p)
	sameState(t, "after redo", dump(t, p), after)

	s = mustShot(t, p, id)
	s.Strength = 1.5
	_, err := p.Apply(bg, project.UpdateShot{Shot: *s})
	wantCode(t, err, project.EINVALID)
	wantMessage(t, err, "strength")
	sameState(t, "after a refused strength", dump(t, p), after)
}

func TestDeletedShotComesBackWithItsStrength(t *testing.T) {
	p := MustOpenDB(t)
	s := shotAt24("waves at night")
	s.Strength = 0.8
	id := mustApply(t, p, project.AddShot{Shot: s, Index: -1}).ID
	mustDoneTake(t, p, id, "a take", true)
	before := dump(t, p)
	mustApply(t, p, project.DeleteShot{ShotID: id})
	mustUndo(t, p)
	sameState(t, "after undoing the delete", dump(t, p), before)
	if got := mustShot(t, p, id).Strength; got != 0.8 {
		t.Fatalf("restored strength %g", got)
	}
	// Undoing the add and redoing it restores the shot the same way.
	p2 := MustOpenDB(t)
	id2 := mustApply(t, p2, project.AddShot{Shot: s, Index: -1}).ID
	mustUndo(t, p2)
	mustRedo(t, p2)
	if got := mustShot(t, p2, id2).Strength; got != 0.8 {
		t.Fatalf("strength after redoing the add %g", got)
	}
}

func TestSaveCopyKeepsEngineAndStrength(t *testing.T) {
	p := MustOpenDB(t)
	pr, _ := p.Project(bg)
	pr.Engine = project.Engine{Backend: "onnx", Model: "sd-turbo"}
	mustApply(t, p, project.UpdateProject{Project: *pr})
	s := shotAt24("a copy")
	s.Strength = 0.25
	mustApply(t, p, project.AddShot{Shot: s, Index: -1})
	dir, err := p.SaveCopy(bg, filepath.Join(t.TempDir(), "Copy"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cp, _ := c.Project(bg)
	shots, _ := c.Shots(bg)
	if cp.Engine != pr.Engine || len(shots) != 1 || shots[0].Strength != 0.25 {
		t.Fatalf("copy: engine %+v, shots %+v", cp.Engine, shots)
	}
}

// schema1Project builds a project folder the way Kino wrote it before
// schema 2: only the first migration, a settings row and two shots, one
// with a take. It returns the folder.
func schema1Project(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Old.kino")
	if err := os.MkdirAll(filepath.Join(dir, mediaDir), 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", dsn(filepath.Join(dir, dbName), writeParams))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{
		projectSchema.scripts[0],
		`INSERT INTO project (id, uuid, title, rate_num, rate_den, width, height, seed_policy, created_at, updated_at)
			VALUES (1, 'old-uuid', 'Old Film', 24, 1, 1280, 720, 'per-shot', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
		`INSERT INTO shots (position, prompt, negative_prompt, duration_frames, duration_rate_num, duration_rate_den,
			seed_mode, seed_value, camera_size, camera_move, style, created_at, updated_at)
			VALUES (0, 'an old beach', '', 48, 24, 1, 'fixed', 42, '', '', '', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
			       (1, 'an old city', 'rain', 24, 24, 1, 'fixed', 7, 'wide', 'static', 'noir', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
		`PRAGMA user_version = 1`,
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("building a schema 1 project: %v", err)
		}
	}
	return dir
}

func TestSchema1ProjectOpensAndMigrates(t *testing.T) {
	if projectSchema.latest() < 2 {
		t.Fatalf("this Kino knows project schema %d; the engine needs schema 2", projectSchema.latest())
	}
	dir := schema1Project(t)

	// A read-only view cannot upgrade, and says so.
	_, err := Open(dir, Options{ReadOnly: true})
	wantCode(t, err, project.ECONFLICT)
	wantMessage(t, err, "older Kino (schema 1)")

	p, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("opening a schema 1 project: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	v, err := userVersion(bg, p.db.w)
	if err != nil || v != projectSchema.latest() {
		t.Fatalf("schema after opening: %d, %v; want %d", v, err, projectSchema.latest())
	}
	pr, err := p.Project(bg)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Engine != project.DefaultEngine || pr.Title != "Old Film" {
		t.Fatalf("migrated settings: %+v", pr)
	}
	shots, err := p.Shots(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(shots) != 2 || shots[0].Strength != 0 || shots[1].Strength != 0 || shots[1].Style != project.StyleNoir {
		t.Fatalf("migrated shots: %+v", shots)
	}
	// The migrated project takes the new settings, and keeps them.
	shots[0].Strength = 0.5
	mustApply(t, p, project.UpdateShot{Shot: *shots[0]})
	pr.Engine = project.Engine{Backend: "onnx"}
	mustApply(t, p, project.UpdateProject{Project: *pr})
	p = mustReopen(t, p)
	if got := mustShot(t, p, shots[0].ID).Strength; got != 0.5 {
		t.Fatalf("strength after migrating and reopening %g", got)
	}
	if pr, _ := p.Project(bg); pr.Engine.Backend != "onnx" {
		t.Fatalf("engine after migrating and reopening %+v", pr.Engine)
	}
	damage, err := p.Check(bg)
	if err != nil || len(damage) != 0 {
		t.Fatalf("check after migrating: %v %v", damage, err)
	}
}

// A migration that fails half-way leaves the project as it was: the
// columns it added before failing are rolled back with the version.
func TestFailedMigrationLeavesSchema1(t *testing.T) {
	dir := schema1Project(t)
	dbPath := filepath.Join(dir, dbName)
	db, err := sql.Open("sqlite3", dsn(dbPath, writeParams))
	if err != nil {
		t.Fatal(err)
	}
	// The last statement of migration 2 clashes with this column.
	if _, err := db.Exec(`ALTER TABLE shots ADD COLUMN strength REAL`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(dir, Options{}); err == nil {
		t.Fatal("opening succeeded although migration 2 cannot run")
	} else {
		wantMessage(t, err, "schema 2")
	}
	db, err = sql.Open("sqlite3", dsn(dbPath, readParams))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := userVersion(bg, db); err != nil || v != 1 {
		t.Fatalf("schema after the failed migration: %d, %v; want 1", v, err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pragma_table_info('project') WHERE name LIKE 'engine_%'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the failed migration left %d engine columns (%v)", n, err)
	}
}
