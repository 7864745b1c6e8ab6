//go:build linux

package sqlite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
	"kino/project/sqlite/readonlytest"
)

func TestReadOnlyDiskProjectOpensAsAView(t *testing.T) {
	p := MustOpenDB(t)
	mustAddShot(t, p, "a lighthouse at dusk")
	path := p.Path()
	p.Close()
	entries := func(dir string) []string {
		es, _ := os.ReadDir(dir)
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		return names
	}
	before := entries(path)
	ro := readonlytest.View(t, path)

	_, err := Open(ro, Options{})
	if !errors.Is(err, ErrReadOnly) || project.ErrorCode(err) != project.ECONFLICT || !strings.Contains(err.Error(), "read-only disk") {
		t.Fatalf("opening a read-only project for editing: %v", err)
	}
	v, err := Open(ro, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only view of a read-only project: %v", err)
	}
	shots, err := v.Shots(bg)
	if err != nil || len(shots) != 1 || shots[0].Prompt != "a lighthouse at dusk" {
		t.Fatalf("shots = %v, %v", shots, err)
	}
	if d, err := v.Check(bg); err != nil || len(d) != 0 {
		t.Fatalf("check: %v %v", d, err)
	}
	if _, err := v.Apply(bg, project.AddShot{Shot: shotAt24("x"), Index: -1}); project.ErrorCode(err) != project.ECONFLICT {
		t.Fatalf("an edit in the view: %v", err)
	}
	v.Close()
	if got := entries(path); strings.Join(got, " ") != strings.Join(before, " ") {
		t.Fatalf("the folder changed from %v to %v", before, got)
	}
}

func TestReadOnlyViewOfAProjectWithAWriteAheadLog(t *testing.T) {
	p := MustOpenDB(t)
	mustAddShot(t, p, "fireworks over the harbour")
	// p stays open: project.db-wal and -shm hold the shot, as after a kill.
	if _, err := os.Stat(filepath.Join(p.Path(), dbName+"-wal")); err != nil {
		t.Fatalf("no write-ahead log to test with: %v", err)
	}
	ro := readonlytest.View(t, p.Path())
	v, err := Open(ro, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only view with a WAL on a read-only disk: %v", err)
	}
	defer v.Close()
	shots, err := v.Shots(bg)
	if err != nil || len(shots) != 1 {
		t.Fatalf("shots = %v, %v; want the shot in the WAL", shots, err)
	}
}
