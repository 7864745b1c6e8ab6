package render_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"kino/engine"
	"kino/engine/foley"
	"kino/engine/onnx"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/engine/speech"
	"kino/engine/speech/piper"
	"kino/project"
)

var update = flag.Bool("update", false, "rewrite testdata/stored_sound.json from the current engine")

// piperVoice is the German fixture voice of engine/speech/piper (see its
// testdata/README.md), installed with its noise turned off.
const piperVoice = "piper:de_DE-tiny-medium"

// storedSoundCases are takes whose stored sound the golden test pins:
// real speech (espeak-ng, and a Piper voice), music, ambience and effects
// of busy scenes, short shots and long ones.
func storedSoundCases() []struct {
	name, prompt string
	frames       int64
	seed         uint64
	lines        []engine.Line
} {
	at := func(s float64) project.Time { return project.Frames(int64(math.Round(s*24)), project.DefaultRate) }
	return []struct {
		name, prompt string
		frames       int64
		seed         uint64
		lines        []engine.Line
	}{
		{"beach-fireworks-espeak", "fireworks over a beach at sunset, festive", 12 * 24, 1, []engine.Line{
			{Speaker: "@ana", Text: "Happy new year, look at the sky!", Start: at(0.5)},
			{Speaker: "@ben", Text: "Frohes neues Jahr, schau nur!", Start: at(1.5)},
			{Speaker: "Stranger", Text: "What a night.", Start: at(6), Narrator: true},
			{Speaker: "@ana", Text: "Quiet now.", Start: at(8), Delivery: project.DeliveryWhisper},
			{Speaker: "@ben", Text: "Dieser Satz ist viel zu lang für das Ende der Einstellung.", Start: at(10.5)},
		}},
		{"kitchen-piper", "Ana in the kitchen at night, calm", 6 * 24, 2, []engine.Line{
			{Speaker: "@mia", Text: "Auf uns, und auf das Feuerwerk!", Start: at(1)},
		}},
		{"city-storm-noir", "a man walking in the city at night in a storm, lightning, noir", 8*24 + 5, 3, nil},
		{"forest-fog-dawn", "a deer in a misty forest at dawn, fog", 5 * 24, 4, nil},
		{"fireworks-night", "fireworks over a beach at night", 24, 11, nil},
		{"concert-neon-confetti", "a crowd dancing at a concert with confetti, neon", 4 * 24, 5, nil},
		{"space-vintage", "a spaceship passing a ringed planet in space, vintage", 3*24 + 1, 6, nil},
		{"one-frame", "a cat in a park, cartoon", 1, 7, nil},
		{"long-harbour-rain", "a fishing boat in a harbour at night in the rain, a dog barks, melancholy", 75*24 + 11, 8, []engine.Line{
			{Speaker: "@ana", Text: "It will not stop raining.", Start: at(20)},
			{Speaker: "@mia", Text: "Es hört nie auf.", Start: at(50)},
		}},
	}
}

// TestStoredSoundGolden pins the bytes a take stores for its sound: the
// SHA-256 of the mix WAV and of each stem WAV that render.Produce writes
// for each case. Changing how the sound is made or stored (in blocks
// rather than whole, say) must leave every byte as it was; a change meant
// to alter the sound rewrites them with -update. Real speech makes part
// of the sound, so the test first checks that this machine's espeak-ng and
// Piper speak each line as they did when the hashes were recorded (and
// says so, rather than blaming the sound, when they do not). The hashes
// are amd64's: other architectures may fuse a multiply and an add.
func TestStoredSoundGolden(t *testing.T) {
	if runtime.GOARCH != "amd64" && !*update {
		t.Skipf("the golden sound hashes are for amd64 (this is %s, whose compiler may fuse multiply-adds)", runtime.GOARCH)
	}
	if err := speech.Available(); err != nil {
		t.Fatalf("the golden sound includes real speech, which is unavailable: %v (run `make deps`)", err)
	}
	usePiperVoice(t)
	cast := []engine.CastCameo{
		{Handle: "@ana", Name: "Ana", Voice: project.Voice{Language: "en", Variant: "f3", Pitch: 70, Rate: 160}},
		{Handle: "@ben", Name: "Ben", Voice: project.Voice{Language: "de", Pitch: 35, Rate: 190}},
		{Handle: "@mia", Name: "Mia", Voice: project.Voice{Language: "de", Pitch: 50, Rate: 175, Model: piperVoice}},
	}
	voices := map[string]project.Voice{}
	for _, c := range cast {
		voices[c.Handle] = c.Voice
	}
	ctx := context.Background()
	type golden struct {
		Speech map[string]string            `json:"speech"`
		Sound  map[string]map[string]string `json:"sound"`
	}
	got := golden{Speech: map[string]string{}, Sound: map[string]map[string]string{}}
	for _, c := range storedSoundCases() {
		for _, l := range c.lines {
			v := voices[l.Speaker]
			if l.Narrator {
				v = foley.NarratorVoice(l.Text)
			}
			pcm, notes, err := foley.SpeakLine(ctx, l.Text, v)
			if err != nil {
				t.Fatalf("%s: speaking %q: %v", c.name, l.Text, err)
			}
			if v.Model != "" && len(notes) > 0 {
				t.Fatalf("%s: the Piper voice did not speak %q: %v", c.name, l.Text, notes)
			}
			got.Speech[fmt.Sprintf("%s %s/%s %d/%d: %s", v.Model, v.Language, v.Variant, v.Pitch, v.Rate, l.Text)] = hashFloats(pcm)
		}
		req := engine.DefaultRequest()
		req.Prompt, req.Width, req.Height, req.Seed = c.prompt, 128, 72, c.seed
		req.Duration = project.Frames(c.frames, project.DefaultRate)
		req.Cast, req.Dialogue = cast, c.lines
		put, blobs := hashingPut()
		prod, err := render.Produce(ctx, previz.New(), req, 0, 2, put, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		sound := map[string]string{}
		for _, m := range prod.Media {
			if m.Role == project.MediaAudio || strings.HasPrefix(m.Role, project.MediaStemPrefix) {
				if blobs[m.Asset.SHA256] != m.Asset.Size {
					t.Fatalf("%s: the %s asset is not the bytes stored", c.name, m.Role)
				}
				sound[m.Role] = m.Asset.SHA256
			}
		}
		if len(sound) != 5 {
			t.Fatalf("%s: stored %d sound blobs, want the mix and four stems", c.name, len(sound))
		}
		got.Sound[c.name] = sound
	}
	path := filepath.Join("testdata", "stored_sound.json")
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the golden hashes (record them with -update): %v", err)
	}
	var want golden
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	for line, w := range want.Speech {
		if g := got.Speech[line]; g != w {
			t.Fatalf("the speech engine speaks %q differently on this machine than where the golden hashes were recorded (sha256 %.12s, want %.12s), so the stored sound cannot be compared; re-record with -update after checking why", line, g, w)
		}
	}
	for name, w := range want.Sound {
		g, ok := got.Sound[name]
		if !ok {
			t.Errorf("%s: no longer a golden case", name)
			continue
		}
		roles := make([]string, 0, len(w))
		for r := range w {
			roles = append(roles, r)
		}
		sort.Strings(roles)
		for _, r := range roles {
			if g[r] != w[r] {
				t.Errorf("%s: the stored %s changed (sha256 %.12s, want %.12s)", name, r, g[r], w[r])
			}
		}
	}
	for name := range got.Sound {
		if _, ok := want.Sound[name]; !ok {
			t.Errorf("%s: no golden hashes (record them with -update)", name)
		}
	}
}

// hashingPut is a PutFunc that keeps nothing but each blob's hash and
// size.
func hashingPut() (render.PutFunc, map[string]int64) {
	var mu sync.Mutex
	blobs := map[string]int64{}
	return func(ctx context.Context, r io.Reader, mediaType string) (project.Asset, error) {
		h := sha256.New()
		n, err := io.Copy(h, r)
		if err != nil {
			return project.Asset{}, err
		}
		sum := hex.EncodeToString(h.Sum(nil))
		mu.Lock()
		blobs[sum] = n
		mu.Unlock()
		return project.Asset{SHA256: sum, MediaType: mediaType, Size: n}, nil
	}, blobs
}

func hashFloats(s []float32) string {
	h := sha256.New()
	b := make([]byte, 0, 4*len(s))
	for _, v := range s {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// usePiperVoice installs the German fixture voice of engine/speech/piper,
// with its noise turned off so it speaks the same samples every time, as
// the process's voice models for the test.
func usePiperVoice(t *testing.T) {
	t.Helper()
	if _, err := onnx.Load(); err != nil {
		t.Fatalf("loading ONNX Runtime: %v (run `make deps`)", err)
	}
	src := filepath.Join("..", "speech", "piper", "testdata", "voices")
	dir := t.TempDir()
	for _, f := range []string{"de_DE-tiny-medium.onnx", "de_DE-tiny-medium.onnx.json"} {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".json") {
			var m map[string]any
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			m["inference"] = map[string]any{"noise_scale": 0, "length_scale": 1, "noise_w": 0}
			data, _ = json.Marshal(m)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib := piper.NewLibrary([]string{dir}, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	speech.UseModelVoices(piper.NewVoices(lib))
	t.Cleanup(func() {
		speech.UseModelVoices(nil)
		lib.Close()
	})
}
