package render_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/onnx"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/engine/speech"
	"kino/engine/speech/piper"
	"kino/project"
	"kino/project/keyring"
)

// installFixtureVoice copies a fixture voice of engine/speech/piper into
// dir, with its config changed by edit.
func installFixtureVoice(t *testing.T, dir, name string, edit func(map[string]any)) {
	t.Helper()
	src := filepath.Join("..", "speech", "piper", "testdata", "voices", name)
	model, err := os.ReadFile(src + ".onnx")
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(src + ".onnx.json")
	if edit != nil {
		var m map[string]any
		json.Unmarshal(cfg, &m)
		edit(m)
		cfg, _ = json.Marshal(m)
	}
	os.WriteFile(filepath.Join(dir, name+".onnx"), model, 0o644)
	os.WriteFile(filepath.Join(dir, name+".onnx.json"), cfg, 0o644)
	later := time.Now().Add(time.Duration(len(cfg)) * time.Millisecond)
	os.Chtimes(filepath.Join(dir, name+".onnx.json"), later, later)
}

// TestRequestRecordsTheVoice: a cameo with a Piper voice puts the voice's
// files' hashes, speaker and scales into the request, so a changed or
// newly installed voice changes the take's hash (the shot goes stale).
func TestRequestRecordsTheVoice(t *testing.T) {
	dir := t.TempDir()
	lib := piper.NewLibrary([]string{dir}, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	defer lib.Close()
	speech.UseModelVoices(piper.NewVoices(lib))
	defer speech.UseModelVoices(nil)

	settings := &project.Project{Resolution: project.Resolution{Width: 256, Height: 144}}
	c := &project.Cameo{ID: "c1", Handle: "@mia", Name: "Mia",
		Voice: project.Voice{Language: "en-us", Pitch: 50, Rate: 350, Model: "piper:en_US-tiny_multi-low", Speaker: 2}}
	shot := project.NewShot("Mia on the beach", project.DefaultRate, 1)
	shot.Cast = []project.CastMember{{CameoID: "c1", Handle: "@mia"}}
	hash := func() (string, *engine.VoiceModel) {
		req := render.Request(settings, []*project.Cameo{c}, shot, 1)
		norm, _, err := req.Normalize()
		if err != nil {
			t.Fatal(err)
		}
		return engine.Hash("previz", "", norm), norm.Cast[0].VoiceModel
	}
	missing, vm := hash()
	if vm == nil || !vm.Unavailable || vm.Model != "piper:en_US-tiny_multi-low" {
		t.Fatalf("voice not installed: %+v", vm)
	}
	installFixtureVoice(t, dir, "en_US-tiny_multi-low", nil)
	installed, vm := hash()
	if installed == missing || vm.Unavailable {
		t.Fatal("installing the voice did not change the request")
	}
	sums, _ := os.ReadFile(filepath.Join("..", "speech", "piper", "testdata", "voices", "SHA256SUMS"))
	if !strings.Contains(string(sums), vm.SHA256) || !strings.Contains(string(sums), vm.ConfigSHA256) || vm.Speaker != 2 ||
		vm.Scales != [3]float32{0.667, 0.5, 0.8} || vm.SampleRate != 16000 {
		t.Errorf("recorded %+v; want the files' hashes, speaker 2, length scale 0.5 at 350 words per minute", vm)
	}
	if again, _ := hash(); again != installed {
		t.Error("the same voice gives another hash")
	}
	installFixtureVoice(t, dir, "en_US-tiny_multi-low", func(m map[string]any) {
		m["inference"].(map[string]any)["noise_w"] = 0.5
	})
	if changed, vm := hash(); changed == installed || vm.Scales[2] != 0.5 {
		t.Errorf("a changed voice config kept the hash (scales %v)", vm.Scales)
	}
	// An espeak-ng cameo's request does not mention voice models, so its
	// takes keep the hashes they had.
	c.Voice = project.DefaultVoice
	req := render.Request(settings, []*project.Cameo{c}, shot, 1)
	b, _ := json.Marshal(req)
	if strings.Contains(string(b), "voice_model") || strings.Contains(string(b), `"model"`) {
		t.Errorf("espeak request JSON mentions a model: %s", b)
	}
}

// TestTakeWithPiperVoice generates a take whose cameo speaks with a Piper
// voice: the take's request records the voice, and its sound is there.
func TestTakeWithPiperVoice(t *testing.T) {
	if _, err := onnx.Load(); err != nil {
		t.Fatalf("loading ONNX Runtime: %v (run `make deps`)", err)
	}
	dir := t.TempDir()
	installFixtureVoice(t, dir, "de_DE-tiny-medium", nil)
	lib := piper.NewLibrary([]string{dir}, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	defer lib.Close()
	speech.UseModelVoices(piper.NewVoices(lib))
	defer speech.UseModelVoices(nil)

	p, shot := mustProject(t, "Ana on the beach")
	ctx := context.Background()
	c := &project.Cameo{ID: "ana1", Handle: "@ana", Name: "Ana",
		Voice:   project.Voice{Language: "de", Pitch: 50, Rate: 175, Model: "piper:de_DE-tiny-medium"},
		Consent: project.Consent{ID: "k1", Owner: "Ana", Scope: project.ConsentAnyProject, GrantedAt: time.Now().Add(-time.Hour), Seq: 1}}
	c.Consent.Sign(c.ID, keyring.Generate())
	if _, err := p.Apply(ctx, project.CastCameo{ShotID: shot.ID, Cameo: *c}); err != nil {
		t.Fatal(err)
	}
	shot, _ = p.Shot(ctx, shot.ID)
	shot.Dialogue = []project.DialogueLine{{Speaker: "@ana", Text: "Auf uns!", Start: project.Frames(0, shot.Duration.Rate)}}
	if _, err := p.Apply(ctx, project.UpdateShot{Shot: *shot}); err != nil {
		t.Fatal(err)
	}
	res, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range res.Notes {
		if strings.Contains(n, "espeak") || strings.Contains(n, "not installed") {
			t.Errorf("note: %s", n)
		}
	}
	var req engine.Request
	if err := json.Unmarshal([]byte(res.Take.Request), &req); err != nil {
		t.Fatal(err)
	}
	vm := req.Cast[0].VoiceModel
	if vm == nil || vm.Model != "piper:de_DE-tiny-medium" || len(vm.SHA256) != 64 || vm.Scales != [3]float32{0.667, 1, 0.8} {
		t.Errorf("the take's request records %+v", vm)
	}
}
