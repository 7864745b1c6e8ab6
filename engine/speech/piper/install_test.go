package piper

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstallAndRemove(t *testing.T) {
	src, models := t.TempDir(), t.TempDir()
	p := installVoice(t, src, voiceEN, voiceEN, nil)
	for _, at := range []string{p, p + ".json", src} {
		if m, ok := VoiceAt(at); !ok || m != p {
			t.Errorf("VoiceAt(%s) = %s, %v", at, m, ok)
		}
	}
	if _, ok := VoiceAt(t.TempDir()); ok {
		t.Error("an empty folder is a voice")
	}
	info, err := Install(p, models, false)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Loads() || info.Dir != filepath.Join(models, voiceEN) || info.Speakers != 3 {
		t.Fatalf("installed %+v", info)
	}
	entries, _ := os.ReadDir(models)
	if len(entries) != 1 {
		t.Errorf("models folder holds %d entries, want just the voice's folder", len(entries))
	}
	if _, err := Install(p, models, false); !errors.Is(err, ErrVoiceExists) {
		t.Errorf("installing twice: %v", err)
	}
	if _, err := Install(p, models, true); err != nil {
		t.Errorf("replacing: %v", err)
	}
	bad := installVoice(t, t.TempDir(), voiceDE, "bad", func(m map[string]any) { m["num_speakers"] = 2 })
	if _, err := Install(bad, models, false); err == nil || !strings.Contains(err.Error(), "bad.onnx") {
		t.Errorf("a broken voice was installed: %v", err)
	}
	infos, _ := Discover(models)
	if len(infos) != 1 {
		t.Fatalf("%d voices after a refused install", len(infos))
	}
	if err := Remove(infos[0]); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(models); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
	// A loose pair is removed file by file.
	loose := installVoice(t, models, voiceDE, voiceDE, nil)
	os.WriteFile(filepath.Join(models, "notes.txt"), []byte("keep"), 0o644)
	infos, _ = Discover(models)
	if err := Remove(infos[0]); err != nil || exists(loose) || exists(loose+".json") || !exists(filepath.Join(models, "notes.txt")) {
		t.Errorf("removing a loose voice: %v", err)
	}
}

func TestRepoFiles(t *testing.T) {
	got, err := RepoFiles("de_DE-thorsten-medium")
	if err != nil || got[0] != "de/de_DE/thorsten/medium/de_DE-thorsten-medium.onnx" || got[1] != "de/de_DE/thorsten/medium/de_DE-thorsten-medium.onnx.json" {
		t.Errorf("%v %v", got, err)
	}
	for _, bad := range []string{"thorsten", "../x-y-z", "a-b"} {
		if _, err := RepoFiles(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
