package piper

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kino/engine/onnx"
)

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	installVoice(t, dir, voiceDE, voiceDE, nil)
	sub := filepath.Join(dir, "english")
	os.Mkdir(sub, 0o755)
	installVoice(t, sub, voiceEN, voiceEN, nil)
	broken := installVoice(t, dir, voiceDE, "broken", func(m map[string]any) { m["num_speakers"] = 2 })
	lone := filepath.Join(dir, "lonely.onnx.json")
	os.WriteFile(lone, []byte(`{}`), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
	pack := filepath.Join(dir, "some-pack", "unet")
	os.MkdirAll(pack, 0o755)
	os.WriteFile(filepath.Join(pack, "model.onnx"), []byte("x"), 0o644)

	infos, err := Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Info{}
	for _, i := range infos {
		by[i.Name] = i
	}
	if len(infos) != 4 {
		t.Fatalf("found %d voices %v, want de, en, broken, lonely", len(infos), by)
	}
	de := by[voiceDE]
	if !de.Loads() || de.Kind != KindVoice || de.Language != "de_DE" || de.Family != "de" || de.Speakers != 1 ||
		de.Quality != "medium" || de.SampleRate != 22050 || de.Size < 1_700_000 || len(de.SHA256) != 64 {
		t.Errorf("German voice: %+v", de)
	}
	en := by[voiceEN]
	if !en.Loads() || en.Speakers != 3 || strings.Join(en.SpeakerNames, ",") != "zoe,adam,mia" || en.SampleRate != 16000 ||
		en.Quality != "low" || en.Dir != sub {
		t.Errorf("English voice in a folder: %+v", en)
	}
	if b := by["broken"]; b.Loads() || b.ModelPath != broken || !strings.Contains(b.Status(), "broken.onnx") {
		t.Errorf("broken voice: loads=%v status %q", b.Loads(), b.Status())
	}
	if l := by["lonely"]; l.Loads() || !strings.Contains(l.Status(), "lonely.onnx") {
		t.Errorf("config without model: %q", l.Status())
	}
	// The SHA256SUMS of the fixtures are Piper's files' real hashes.
	sums, _ := os.ReadFile(filepath.Join("testdata", "voices", "SHA256SUMS"))
	if !strings.Contains(string(sums), de.SHA256+"  "+voiceDE+".onnx") || !strings.Contains(string(sums), de.ConfigSHA256) {
		t.Errorf("hashes %s/%s not in SHA256SUMS", de.SHA256, de.ConfigSHA256)
	}
	// A model pack's folder is not taken for a voice, and a voice folder
	// is not taken for a broken pack.
	packs, rejected := onnx.ScanDirs(dir)
	for _, r := range rejected {
		if r.Name == "english" {
			t.Errorf("onnx.ScanDirs rejects the voice folder as a pack: %v", r.Err)
		}
	}
	_ = packs
	if _, err := Discover(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("a missing folder: %v", err)
	}
}

func TestDuplicateVoiceName(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	installVoice(t, a, voiceDE, "same", nil)
	installVoice(t, b, voiceDE, "same", nil)
	infos, err := DiscoverDirs(a, b)
	if err != nil || len(infos) != 2 {
		t.Fatalf("%v, %v", infos, err)
	}
	if !infos[0].Loads() || infos[1].Loads() || !strings.Contains(infos[1].Status(), "already in "+a) {
		t.Errorf("duplicate: %q / %q", infos[0].Status(), infos[1].Status())
	}
}

func TestLibrarySharesSessions(t *testing.T) {
	needRuntime(t)
	dir := t.TempDir()
	installVoice(t, dir, voiceEN, voiceEN, nil)
	lib := NewLibrary([]string{dir}, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	defer lib.Close()
	var wg sync.WaitGroup
	got := make([]*Session, 4)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, release, err := lib.Acquire(voiceEN)
			if err != nil {
				t.Error(err)
				return
			}
			defer release()
			if _, _, err := s.Speak(context.Background(), "Hi there.", Options{Speaker: i % 3}, 0); err != nil {
				t.Error(err)
			}
			got[i] = s
		}()
	}
	wg.Wait()
	for _, s := range got[1:] {
		if s != got[0] {
			t.Fatal("four users loaded the voice more than once")
		}
	}
	if l := lib.Loaded(); len(l) != 1 {
		t.Errorf("loaded %v", l)
	}
	_, _, err := lib.Acquire("nobody")
	if !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), voiceEN) {
		t.Errorf("unknown voice: %v (want ErrNotInstalled listing %s)", err, voiceEN)
	}
	// A voice replaced on disk is loaded again.
	info, _ := lib.Find(voiceEN)
	p := installVoice(t, dir, voiceEN, voiceEN, func(m map[string]any) { m["inference"].(map[string]any)["noise_scale"] = 0.5 })
	future := time.Now().Add(2 * time.Second)
	os.Chtimes(p+".json", future, future)
	s, release, err := lib.Acquire(voiceEN)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if s == got[0] || s.Config.Scales.Noise != 0.5 {
		t.Error("the changed voice was not loaded again")
	}
	if again, _ := lib.Find(voiceEN); again.ConfigSHA256 == info.ConfigSHA256 {
		t.Error("the changed config kept its hash")
	}
}

func TestWatchSeesNewVoice(t *testing.T) {
	dir := t.TempDir()
	lib := NewLibrary([]string{dir}, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	defer lib.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	installVoice(t, dir, voiceEN, "first", nil)
	events := make(chan Event, 16)
	go lib.Watch(ctx, 100*time.Millisecond, func(evs []Event) {
		for _, e := range evs {
			events <- e
		}
	})
	wait := func(kind EventKind, name string) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for {
			select {
			case e := <-events:
				if e.Kind == kind && e.Info.Name == name {
					return
				}
			case <-deadline:
				t.Fatalf("no %s event for %s", kind, name)
			}
		}
	}
	// The first scan reports the voice already there, so the watch has
	// started once it is seen.
	wait(VoiceAdded, "first")
	sub := filepath.Join(dir, "de")
	os.Mkdir(sub, 0o755)
	installVoice(t, sub, voiceDE, "fresh", nil)
	wait(VoiceAdded, "fresh")
	if _, err := lib.Find("fresh"); err != nil {
		t.Errorf("after the event: %v", err)
	}
	os.Remove(filepath.Join(sub, "fresh.onnx"))
	wait(VoiceRejected, "fresh")
	os.Remove(filepath.Join(sub, "fresh.onnx.json"))
	wait(VoiceRemoved, "fresh")
}

// TestWatchWaitsForTheFolder: a models folder that does not exist yet is
// not created by the watch, and is watched once it appears.
func TestWatchWaitsForTheFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "models")
	lib := NewLibrary([]string{dir}, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	defer lib.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan Event, 16)
	done := make(chan error, 1)
	go func() {
		done <- lib.Watch(ctx, 100*time.Millisecond, func(evs []Event) {
			for _, e := range evs {
				events <- e
			}
		})
	}()
	time.Sleep(300 * time.Millisecond)
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("the watch created the models folder")
	}
	os.Mkdir(dir, 0o755)
	installVoice(t, dir, voiceDE, "late", nil)
	select {
	case e := <-events:
		if e.Kind != VoiceAdded || e.Info.Name != "late" {
			t.Errorf("event %v", e)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the voice in the new folder was not seen")
	}
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
}
