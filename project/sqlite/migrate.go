package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"kino/project"
)

//go:embed migrations/project/*.sql migrations/library/*.sql
var migrationFiles embed.FS

// schema is a numbered list of migration scripts: scripts[i] brings the
// database from version i to version i+1. The version lives in
// PRAGMA user_version.
type schema struct {
	name    string // "project" or "library", for messages
	scripts []string
	steps   []string // each script's name without number and .sql: "consent"
}

// migrationHook runs Go code right after the script with its step name,
// in the same transaction (for work SQL cannot do, such as signing).
type migrationHook func(ctx context.Context, tx *sql.Tx) error

var (
	projectSchema = mustLoadSchema("project")
	librarySchema = mustLoadSchema("library")
)

// mustLoadSchema reads migrations/<name>/NNNN_*.sql. The files are
// embedded, so a malformed list is a build mistake and panics at start-up
// (and in every test).
func mustLoadSchema(name string) schema {
	s, err := loadSchema(migrationFiles, path.Join("migrations", name))
	if err != nil {
		panic(err)
	}
	s.name = name
	return s
}

// loadSchema reads the numbered scripts in dir, which must run 1, 2, 3...
// without gaps.
func loadSchema(fsys fs.FS, dir string) (schema, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return schema{}, fmt.Errorf("reading migrations %s: %w", dir, err)
	}
	type numbered struct {
		n    int
		name string
	}
	var list []numbered
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 1 {
			return schema{}, fmt.Errorf("migration %s/%s is not named NNNN_name.sql", dir, e.Name())
		}
		list = append(list, numbered{n, e.Name()})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].n < list[j].n })
	var s schema
	for i, m := range list {
		if m.n != i+1 {
			return schema{}, fmt.Errorf("migrations %s: expected number %d, found %s", dir, i+1, m.name)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, m.name))
		if err != nil {
			return schema{}, fmt.Errorf("reading migration %s: %w", m.name, err)
		}
		s.scripts = append(s.scripts, string(b))
		_, step, _ := strings.Cut(strings.TrimSuffix(m.name, ".sql"), "_")
		s.steps = append(s.steps, step)
	}
	if len(s.scripts) == 0 {
		return schema{}, fmt.Errorf("migrations %s: none found", dir)
	}
	return s, nil
}

// latest is the schema version this Kino writes.
func (s schema) latest() int { return len(s.scripts) }

// userVersion reads PRAGMA user_version.
func userVersion(ctx context.Context, q querier) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, err
	}
	return v, nil
}

// tooNew returns the error for a database written by a newer Kino, or nil.
func (s schema) tooNew(file string, version int) error {
	if version > s.latest() {
		return project.Errorf(project.ECONFLICT,
			"%s was written by a newer Kino (schema %d, this Kino knows %d); open it with that Kino",
			file, version, s.latest())
	}
	return nil
}

// migrate brings the database up to the latest version inside tx, running
// hooks[step] after the script of that step. It refuses a database
// written by a newer Kino.
func (s schema) migrate(ctx context.Context, tx *sql.Tx, file string, hooks map[string]migrationHook) error {
	v, err := userVersion(ctx, tx)
	if err != nil {
		return fmt.Errorf("reading the schema version of %s: %w", file, err)
	}
	if err := s.tooNew(file, v); err != nil {
		return err
	}
	for ; v < s.latest(); v++ {
		if _, err := tx.ExecContext(ctx, s.scripts[v]); err != nil {
			return fmt.Errorf("migrating %s to %s schema %d: %w", file, s.name, v+1, err)
		}
		if hook := hooks[s.steps[v]]; hook != nil {
			if err := hook(ctx, tx); err != nil {
				return fmt.Errorf("migrating %s to %s schema %d: %w", file, s.name, v+1, err)
			}
		}
	}
	// PRAGMA takes no parameters; v is an int we computed.
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(v)); err != nil {
		return fmt.Errorf("recording schema %d in %s: %w", v, file, err)
	}
	return nil
}
