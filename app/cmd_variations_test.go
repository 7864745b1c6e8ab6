package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGenerateVariations: --variations 4 --seed 7 makes four takes with
// the seeds 7 to 10, different pictures, the first one active.
func TestGenerateVariations(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film, "--size", "320x180")
	mustKino(t, "shot", "add", film, seedPrompt, "--duration", "1s")
	out := mustKino(t, "generate", film, "1", "--variations", "4", "--seed", "7")
	for k := 1; k <= 4; k++ {
		if !strings.Contains(out, "variation "+string(rune('0'+k))+" of 4") {
			t.Fatalf("output does not report variation %d:\n%s", k, out)
		}
	}
	var takes []struct {
		ID     int64             `json:"id"`
		Seed   uint64            `json:"seed"`
		Status string            `json:"status"`
		Active bool              `json:"active"`
		Files  map[string]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(mustKino(t, "take", "list", film, "1", "--json")), &takes); err != nil {
		t.Fatal(err)
	}
	var seeds []uint64
	var thumbs [][]byte
	for _, tk := range takes {
		if tk.Status != "done" {
			t.Fatalf("take %d is %s", tk.ID, tk.Status)
		}
		seeds = append(seeds, tk.Seed)
		if tk.Active != (tk.Seed == 7) {
			t.Errorf("take %d (seed %d) active %v; the first variation should be the shot's take", tk.ID, tk.Seed, tk.Active)
		}
		data, err := os.ReadFile(tk.Files["thumbnail"])
		if err != nil {
			t.Fatal(err)
		}
		thumbs = append(thumbs, data)
	}
	slices.Sort(seeds)
	if !slices.Equal(seeds, []uint64{7, 8, 9, 10}) {
		t.Fatalf("seeds %v, want 7 to 10", seeds)
	}
	for a := range thumbs {
		for b := a + 1; b < len(thumbs); b++ {
			if bytes.Equal(thumbs[a], thumbs[b]) {
				t.Errorf("variations %d and %d look the same", a+1, b+1)
			}
		}
	}
	if _, errs, code := kino(t, "generate", film, "1", "--variations", "9"); code != 2 || !strings.Contains(errs, "--variations") {
		t.Errorf("--variations 9: exit %d, %q", code, errs)
	}
}
