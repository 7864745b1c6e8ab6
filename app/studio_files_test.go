package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// Opening a project that is already open in this Kino brings its window
// forward rather than failing on the project's lock or opening a second
// window on it; once that window closes, the project opens again.
func TestStudioOpenOfAnOpenProjectReusesItsWindow(t *testing.T) {
	isolate(t)
	h := newStudioHarness(t, "a kite over dunes")
	files := &studioFiles{app: fyne.CurrentApp(), opts: studioOptions{NoAudio: true, LibraryDir: h.lib, Post: h.q.Post, Workers: 1}}
	windows := len(fyne.CurrentApp().Driver().AllWindows())
	rel, err := filepath.Rel(".", h.path)
	if err != nil {
		rel = h.path
	}
	if err := files.Open(rel); err != nil {
		t.Fatalf("opening the open project again: %v", err)
	}
	if n := len(fyne.CurrentApp().Driver().AllWindows()); n != windows {
		t.Fatalf("%d windows after opening the open project again, want %d", n, windows)
	}
	if openSessions.find(h.path) != h.sess {
		t.Fatal("the open project is not registered under its path")
	}
	h.settle("idle", func() bool { return true })
	h.sess.Close()
	if openSessions.find(h.path) != nil {
		t.Fatal("a closed project stays registered as open")
	}
	if err := files.Open(h.path); err != nil {
		t.Fatalf("reopening the closed project: %v", err)
	}
	again := openSessions.find(h.path)
	if again == nil || again == h.sess {
		t.Fatal("reopening the closed project did not open a new window")
	}
	again.Close()
}
