package app

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine"
	"kino/project"
)

func TestShotEditStepsAndGuidance(t *testing.T) {
	isolate(t)
	pack := installTestPack(t, "tiny-sd")
	film := filepath.Join(t.TempDir(), "film.kino")
	mustKino(t, "new", film, "--size", "160x90", "--engine", "onnx:"+pack)
	mustKino(t, "shot", "add", film, "a lighthouse", "--duration", "6f", "--seed", "5")
	mustKino(t, "shot", "edit", film, "1", "--steps", "3", "--guidance", "4.5")
	var shots []project.Shot
	if err := json.Unmarshal([]byte(mustKino(t, "shot", "list", film, "--json")), &shots); err != nil {
		t.Fatal(err)
	}
	if len(shots) != 1 || shots[0].Steps != 3 || shots[0].Guidance != 4.5 {
		t.Fatalf("shots %+v", shots)
	}
	for _, bad := range [][]string{{"--steps", "-5"}, {"--steps", "151"}, {"--steps", "2.5"}, {"--guidance", "1e308"}, {"--guidance", "-1"}, {"--guidance", "NaN"}} {
		if _, errs, code := kino(t, append([]string{"shot", "edit", film, "1"}, bad...)...); code != exitUsage || !strings.Contains(errs, bad[0]+" must be") {
			t.Errorf("%v: exit %d, stderr %q", bad, code, errs)
		}
	}
	// The take records what the backend was asked for.
	mustKino(t, "generate", film, "1")
	var takes []struct {
		Request string `json:"request"`
	}
	if err := json.Unmarshal([]byte(mustKino(t, "take", "list", film, "1", "--json")), &takes); err != nil {
		t.Fatal(err)
	}
	if len(takes) != 1 {
		t.Fatalf("%d takes", len(takes))
	}
	var req engine.Request
	if err := json.Unmarshal([]byte(takes[0].Request), &req); err != nil {
		t.Fatal(err)
	}
	if req.Steps != 3 || req.Guidance != 4.5 {
		t.Fatalf("the take was asked for %d steps at guidance %g, want 3 at 4.5", req.Steps, req.Guidance)
	}
}
