package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"kino/project"
)

func TestSaveCopyOpensWithSameShotsAndTakes(t *testing.T) {
	p := MustOpenDB(t)
	a := mustAddShot(t, p, "a kite over the hill")
	b := mustAddShot(t, p, "fireworks cut the sky")
	t1 := mustDoneTake(t, p, a, "take one of a", true)
	mustDoneTake(t, p, b, "take one of b", true)
	mustDoneTake(t, p, b, "take two of b", false)

	dest := filepath.Join(t.TempDir(), "nested", "Copy")
	dir, err := p.SaveCopy(bg, dest)
	if err != nil {
		t.Fatalf("SaveCopy: %v", err)
	}
	if dir != dest+Suffix {
		t.Fatalf("copy folder %s, want %s", dir, dest+Suffix)
	}
	// The original keeps working and editing it does not touch the copy.
	mustAddShot(t, p, "added after the copy")

	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("opening the copy: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	want, got := mustShotsAndTakes(t, p), mustShotsAndTakes(t, c)
	if len(got) != 2 || len(want) != 3 {
		t.Fatalf("copy has %d shots, original %d; want 2 and 3", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("shot %d: copy %q, original %q", i+1, got[i], want[i])
		}
	}
	damage, err := c.Check(bg)
	if err != nil || len(damage) != 0 {
		t.Fatalf("Check of the copy: %v %+v", err, damage)
	}
	rc, err := c.OpenBlob(t1.Media[0].Asset.SHA256)
	if err != nil {
		t.Fatalf("opening a copied blob: %v", err)
	}
	rc.Close()
}

func TestSaveCopyRefusesNonEmptyFolderAndItself(t *testing.T) {
	p := MustOpenDB(t)
	busy := filepath.Join(t.TempDir(), "Busy.kino")
	if err := os.MkdirAll(busy, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(busy, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := p.SaveCopy(bg, busy)
	wantCode(t, err, project.ECONFLICT)
	if b, err := os.ReadFile(filepath.Join(busy, "keep.txt")); err != nil || string(b) != "mine" {
		t.Fatalf("a refused copy touched the folder: %q %v", b, err)
	}
	if _, err := p.SaveCopy(bg, p.Path()); err == nil {
		t.Fatal("copying a project onto itself succeeded")
	}
}

// mustShotsAndTakes describes each shot as its prompt and its takes.
func mustShotsAndTakes(t *testing.T, p *Project) []string {
	t.Helper()
	shots, err := p.Shots(bg)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range shots {
		takes, err := p.Takes(bg, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		line := s.Prompt
		for _, tk := range takes {
			line += fmt.Sprintf(" | %d %s", tk.ID, tk.Media[0].Asset.SHA256)
		}
		out = append(out, line)
	}
	return out
}
