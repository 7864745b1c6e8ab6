package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestStudioStateIsKinosOwnFile: the recent projects and the last export
// of each project survive a restart in DataDir()/studio.json, replaced
// whole (no temporary file left, Fyne's preferences file untouched); a
// damaged file starts afresh, and a Kino that kept its recent projects in
// Fyne's preferences keeps them.
func TestStudioStateIsKinosOwnFile(t *testing.T) {
	isolate(t)
	a := test.NewTempApp(t)
	a.Preferences().SetStringList(recentKey, []string{"/films/old.kino"})

	s := newStudioState(a.Preferences())
	if got := s.RecentList(); !slices.Equal(got, []string{"/films/old.kino"}) {
		t.Fatalf("recent projects from Fyne's preferences: %v", got)
	}
	files := &studioFiles{state: s}
	files.remember("/films/a.kino")
	files.remember("/films/b.kino")
	files.remember("/films/a.kino")
	s.SetString("export.last.p1", "/cuts/rough.wav")

	again := newStudioState(nil) // a restarted Kino
	if got := again.RecentList(); !slices.Equal(got, []string{"/films/a.kino", "/films/b.kino", "/films/old.kino"}) {
		t.Fatalf("recent projects after a restart: %v", got)
	}
	if got := again.String("export.last.p1"); got != "/cuts/rough.wav" {
		t.Fatalf("last export after a restart: %q", got)
	}
	entries, err := os.ReadDir(DataDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "studio.json" && filepath.Ext(e.Name()) == ".json" {
			t.Errorf("left behind: %s", e.Name())
		}
	}

	if err := os.WriteFile(filepath.Join(DataDir(), "studio.json"), []byte("{\"recent\": [\"/fi"), 0o600); err != nil {
		t.Fatal(err)
	}
	damaged := newStudioState(a.Preferences())
	if got := damaged.RecentList(); len(got) != 0 {
		t.Fatalf("a damaged studio.json gave %v", got)
	}
	damaged.SetString("k", "v")
	if got := newStudioState(nil).String("k"); got != "v" {
		t.Fatalf("after rewriting a damaged file: %q", got)
	}
}
