//go:build linux

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project/sqlite/readonlytest"
)

func TestReadOnlyProjectListsChecksAndExports(t *testing.T) {
	film := smallFilm(t)
	ro := readonlytest.View(t, film)
	out := mustKino(t, "shot", "list", ro)
	if !strings.Contains(out, "beach") || !strings.Contains(out, "take") {
		t.Fatalf("shot list: %q", out)
	}
	mustKino(t, "take", "list", ro, "1")
	if out := mustKino(t, "doctor", ro); !strings.Contains(out, "ok (database") {
		t.Fatalf("doctor: %q", out)
	}
	outDir := t.TempDir()
	mustKino(t, "frame", ro, "1", "--at", "12f", "--out", filepath.Join(outDir, "f.png"))
	mustKino(t, "export", ro, "--out", filepath.Join(outDir, "cut.avi"))
	mustKino(t, "export", ro, "--out", filepath.Join(outDir, "cut.wav"))
	for _, f := range []string{"f.png", "cut.avi", "cut.wav"} {
		if st, err := os.Stat(filepath.Join(outDir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s was not written: %v", f, err)
		}
	}
	for _, args := range [][]string{
		{"shot", "add", ro, "a new shot"},
		{"shot", "edit", ro, "1", "--seed", "5"},
		{"generate", ro, "1", "--force"},
		{"doctor", ro, "--fix"},
	} {
		out, errs, code := kino(t, args...)
		if code != 1 || !strings.Contains(out+errs, "read-only disk") {
			t.Errorf("kino %s: exit %d, %q; want a read-only message", strings.Join(args, " "), code, errs)
		}
	}
}

func TestStudioOpensAReadOnlyProjectAsAView(t *testing.T) {
	h := newStudioHarness(t, "a lighthouse at dusk")
	h.sess.Close()
	h.path = readonlytest.View(t, h.path)
	h.open()
	if !h.sess.Project.ReadOnly() {
		t.Fatal("the studio opened a read-only project for editing")
	}
	if title := h.s.Window().Title(); !strings.Contains(title, "read-only") {
		t.Fatalf("window title %q does not say read-only", title)
	}
	if len(h.shots()) != 1 {
		t.Fatal("the view does not show the shot")
	}
}
