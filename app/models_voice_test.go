package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureVoice copies the tiny German test voice (engine/speech/piper's
// fixtures) into dir and returns its .onnx path.
func fixtureVoice(t *testing.T, dir string) string {
	t.Helper()
	src, _ := filepath.Glob(filepath.Join("..", "engine", "speech", "piper", "testdata", "*", "*.onnx"))
	if len(src) == 0 {
		src, _ = filepath.Glob(filepath.Join("..", "engine", "speech", "piper", "testdata", "*.onnx"))
	}
	if len(src) == 0 {
		t.Fatal("no Piper test voice in engine/speech/piper/testdata")
	}
	model := src[0]
	for _, f := range []string{model, model + ".json"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, filepath.Base(model))
}

func TestModelsListsAddsAndRemovesPiperVoices(t *testing.T) {
	isolate(t)
	models := t.TempDir()
	t.Setenv("KINO_MODELS", models)
	voice := fixtureVoice(t, t.TempDir())
	name := strings.TrimSuffix(filepath.Base(voice), ".onnx")
	out := mustKino(t, "models", "add", voice)
	if !strings.Contains(out, name) {
		t.Fatalf("models add said:\n%s", out)
	}
	var list []struct {
		Name, Kind, Details string
		Loads               bool
	}
	if err := json.Unmarshal([]byte(mustKino(t, "models", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Name != name || list[0].Kind != "voice" || !list[0].Loads || !strings.Contains(list[0].Details, "Hz") {
		t.Fatalf("models list: %+v", list)
	}
	mustKino(t, "models", "rm", name)
	if out := mustKino(t, "models", "list"); !strings.Contains(out, "No models") {
		t.Fatalf("after rm:\n%s", out)
	}
}
