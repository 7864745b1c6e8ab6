package app

import (
	"context"
	"encoding/json"
	"image/color"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine"
	"kino/engine/speech"
	"kino/project"
)

// TestCameoPiperVoice gives a cameo a Piper voice from the command line,
// changes it with cameo edit, and generates a shot in which it speaks.
func TestCameoPiperVoice(t *testing.T) {
	installTestVoices(t)
	dir := t.TempDir()
	img := writePNG(t, filepath.Join(dir, "mia.png"), 64, 96, color.NRGBA{20, 120, 200, 255})
	mustKino(t, "cameo", "add", "--name", "Mia", "--handle", "@mia", "--image", img, "--voice", "piper:en_US-tiny_multi-low#mia")
	lib, err := openLibrary()
	if err != nil {
		t.Fatal(err)
	}
	c, _ := lib.Cameo(context.Background(), "@mia")
	lib.Close()
	want := project.Voice{Language: "en-us", Pitch: 50, Rate: 175, Model: "piper:en_US-tiny_multi-low", Speaker: 2}
	if c.Voice != want {
		t.Fatalf("voice %+v, want %+v", c.Voice, want)
	}
	if out := mustKino(t, "cameo", "list"); !strings.Contains(out, "piper:en_US-tiny_multi-low#2") {
		t.Errorf("cameo list:\n%s", out)
	}
	for _, bad := range []struct{ voice, want string }{
		{"piper:nobody", "not installed"},
		{"piper:en_US-tiny_multi-low#7", "outside 0 to 2"},
		{"piper:../x", "not starting with a dot"},
		{"piper:a/b", "may only use"},
	} {
		_, errs, code := kino(t, "cameo", "edit", "@mia", "--voice", bad.voice)
		if code == 0 || !strings.Contains(errs, bad.want) {
			t.Errorf("--voice %s: exit %d, %q", bad.voice, code, errs)
		}
	}
	if _, errs, code := kino(t, "cameo", "edit", "@mia"); code != 2 || !strings.Contains(errs, "say what to change") {
		t.Errorf("edit without changes: %d %q", code, errs)
	}

	film := filepath.Join(dir, "film.kino")
	mustKino(t, "new", film, "--size", "128x72")
	mustKino(t, "shot", "add", film, "Mia on the beach", "--duration", "2s")
	mustKino(t, "cast", film, "1", "@mia")
	p, err := openProject(film)
	if err != nil {
		t.Fatal(err)
	}
	shots, _ := p.Shots(context.Background())
	s := shots[0]
	s.Dialogue = []project.DialogueLine{{Speaker: "@mia", Text: "Hello there, how are you?", Start: project.Frames(0, s.Duration.Rate)}}
	if _, err := p.Apply(context.Background(), project.UpdateShot{Shot: *s}); err != nil {
		t.Fatal(err)
	}
	p.Close()
	forgetVoices() // as in a new process
	out, errs, code := kino(t, "generate", film, "1")
	if code != 0 || strings.Contains(out+errs, "espeak-ng") {
		t.Fatalf("generate: %d\n%s\n%s", code, out, errs)
	}
	voiceOf := func() *engine.VoiceModel {
		p, _ := openProjectReadOnly(film)
		defer p.Close()
		shots, _ := p.Shots(context.Background())
		takes, _ := p.Takes(context.Background(), shots[0].ID)
		var req engine.Request
		json.Unmarshal([]byte(takes[len(takes)-1].Request), &req)
		return req.Cast[0].VoiceModel
	}
	if vm := voiceOf(); vm == nil || vm.Speaker != 2 || vm.Model != "piper:en_US-tiny_multi-low" {
		t.Fatalf("the take recorded %+v", vm)
	}
	// A German voice for an English line: espeak-ng speaks it, with a note.
	mustKino(t, "cameo", "edit", "@mia", "--voice", "piper:de_DE-tiny-medium", "--language", "en-us", "--project", film)
	out, errs, code = kino(t, "generate", film, "1")
	if code != 0 || !strings.Contains(out+errs, "spoken by espeak-ng (en-us) instead of piper:de_DE-tiny-medium") {
		t.Fatalf("generate with a German voice: %d\n%s\n%s", code, out, errs)
	}
	if vm := voiceOf(); vm == nil || vm.Model != "piper:de_DE-tiny-medium" || vm.Speaker != 0 {
		t.Fatalf("the second take recorded %+v", vm)
	}
	// Back to espeak-ng.
	mustKino(t, "cameo", "edit", "@mia", "--voice", "de")
	lib, _ = openLibrary()
	c, _ = lib.Cameo(context.Background(), "@mia")
	lib.Close()
	if c.Voice.Model != "" || c.Voice.Language != "de" || c.Voice.Speaker != 0 {
		t.Errorf("espeak again: %+v", c.Voice)
	}
}

// forgetVoices drops the process's voice library, as a new process starts.
func forgetVoices() {
	voiceLib.mu.Lock()
	defer voiceLib.mu.Unlock()
	if voiceLib.lib != nil {
		voiceLib.lib.Close()
	}
	voiceLib.lib, voiceLib.dir = nil, ""
	speech.UseModelVoices(nil)
}
