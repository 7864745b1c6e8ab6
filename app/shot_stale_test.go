package app

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestShotListSaysWhichShotsAreStale: a shot edited after its take was
// made is listed as stale (in the text and as "stale": true in JSON); a
// shot whose take still matches, and a shot not generated, are not.
func TestShotListSaysWhichShotsAreStale(t *testing.T) {
	isolate(t)
	film := filepath.Join(t.TempDir(), "film.kino")
	mustKino(t, "new", film)
	mustKino(t, "shot", "add", film, "a lighthouse at dawn", "--duration", "12f")
	mustKino(t, "shot", "add", film, "a harbour at noon", "--duration", "12f")
	mustKino(t, "shot", "add", film, "a cliff at dusk", "--duration", "12f")
	mustKino(t, "generate", film, "1", "2")
	mustKino(t, "shot", "edit", film, "2", "--prompt", "a harbour at night")
	var listed []struct {
		Prompt       string `json:"prompt"`
		ActiveTakeID int64  `json:"active_take_id"`
		Stale        *bool  `json:"stale"`
	}
	if err := json.Unmarshal([]byte(mustKino(t, "shot", "list", film, "--json")), &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed) != 3 {
		t.Fatalf("%d shots listed", len(listed))
	}
	for i, want := range []bool{false, true, false} {
		if listed[i].Stale == nil || *listed[i].Stale != want {
			t.Errorf("shot %d (%q, take %d): stale %v, want %v", i+1, listed[i].Prompt, listed[i].ActiveTakeID, listed[i].Stale, want)
		}
	}
	lines := strings.Split(strings.TrimSpace(mustKino(t, "shot", "list", film)), "\n")
	if len(lines) != 3 {
		t.Fatalf("listing:\n%s", strings.Join(lines, "\n"))
	}
	for i, want := range []bool{false, true, false} {
		if strings.Contains(lines[i], " stale ") != want {
			t.Errorf("line %d %q: stale shown %v, want %v", i+1, lines[i], !want, want)
		}
	}
	// Changing it back makes the take match again.
	mustKino(t, "shot", "edit", film, "2", "--prompt", "a harbour at noon")
	if out := mustKino(t, "shot", "list", film); strings.Contains(out, " stale ") {
		t.Errorf("after undoing the change by hand:\n%s", out)
	}
}
