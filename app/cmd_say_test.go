package app

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/media"
)

// The fixture voices and references of engine/speech/piper.
var piperTestdata = filepath.Join("..", "engine", "speech", "piper", "testdata")

// installTestVoices copies the fixture voices into the models folder of
// an isolated data directory and returns it.
func installTestVoices(t *testing.T) string {
	t.Helper()
	models := filepath.Join(isolate(t), "kino", "models")
	if err := os.MkdirAll(models, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"de_DE-tiny-medium", "en_US-tiny_multi-low"} {
		for _, ext := range []string{".onnx", ".onnx.json"} {
			data, err := os.ReadFile(filepath.Join(piperTestdata, "voices", n+ext))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(models, n+ext), data, 0o644)
		}
	}
	return models
}

func readNPYFloat32(t *testing.T, path string) []float32 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	hlen := int(binary.LittleEndian.Uint16(data[8:]))
	body := data[10+hlen:]
	out := make([]float32, len(body)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(body[4*i:]))
	}
	return out
}

func readWAVFile(t *testing.T, path string) ([]float32, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pcm, _, err := media.ReadWAV(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if pcm.Channels != 1 {
		t.Fatalf("%s: %d channels", path, pcm.Channels)
	}
	return pcm.Samples, pcm.Rate
}

// TestSayMatchesPiper: `kino say --raw` with the reference's scales
// writes PyTorch's samples (within 1e-4); without --raw it writes the
// 16-bit file Piper writes.
func TestSayMatchesPiper(t *testing.T) {
	installTestVoices(t)
	dir := t.TempDir()
	ref := filepath.Join(piperTestdata, "references", "de_noise_off")
	want := readNPYFloat32(t, filepath.Join(ref, "audio.npy"))
	raw := filepath.Join(dir, "raw.wav")
	out := mustKino(t, "say", "Auf uns, und auf das Feuerwerk!", "--voice", "de_DE-tiny-medium",
		"--noise-scale", "0", "--length-scale", "1", "--noise-w", "0", "--out", raw, "--raw")
	if !strings.Contains(out, "22050 Hz") {
		t.Errorf("output %q", out)
	}
	got, rate := readWAVFile(t, raw)
	if rate != 22050 || len(got) != len(want) {
		t.Fatalf("%d samples at %d Hz, want %d at 22050", len(got), rate, len(want))
	}
	for i := range want {
		if d := math.Abs(float64(got[i] - want[i])); d > 1e-4 {
			t.Fatalf("sample %d: %v, PyTorch %v", i, got[i], want[i])
		}
	}
	// 16-bit, as Piper writes it: compare with Piper's own conversion.
	pcm16 := filepath.Join(dir, "piper.wav")
	mustKino(t, "say", "Auf uns, und auf das Feuerwerk!", "--voice", "piper:de_DE-tiny-medium",
		"--noise-scale", "0", "--noise-w", "0", "--out", pcm16)
	got16, _ := readWAVFile(t, pcm16)
	want16, _ := readWAVFile(t, filepath.Join(ref, "audio.wav"))
	if len(got16) != len(want16) {
		t.Fatalf("16-bit: %d samples, Piper wrote %d", len(got16), len(want16))
	}
	for i := range want16 {
		if d := math.Abs(float64(got16[i]-want16[i])) * 32768; d > 1 {
			t.Fatalf("16-bit sample %d differs by %.0f LSB", i, d)
		}
	}
	// Two sentences: Piper's 0.2 s pause between them.
	two := filepath.Join(dir, "two.wav")
	mustKino(t, "say", "Auf uns! Und auf das Feuerwerk.", "--voice", "de_DE-tiny-medium", "--out", two)
	g2, _ := readWAVFile(t, two)
	zeros, run := 0, 0
	for _, v := range g2 {
		if v == 0 {
			run++
			zeros = max(zeros, run)
		} else {
			run = 0
		}
	}
	if zeros < 4410 {
		t.Errorf("longest silence %d samples; want Piper's 0.2 s (4410) between the sentences", zeros)
	}
}

func TestSaySpeakers(t *testing.T) {
	installTestVoices(t)
	dir := t.TempDir()
	var outs [][]float32
	for _, sp := range []string{"--speaker=0", "--speaker=adam", "--speaker=2"} {
		path := filepath.Join(dir, sp[10:]+".wav")
		mustKino(t, "say", "Hello there, how are you?", "--voice", "en_US-tiny_multi-low", sp,
			"--noise-scale", "0", "--noise-w", "0", "--raw", "--out", path)
		s, _ := readWAVFile(t, path)
		outs = append(outs, s)
	}
	// The references for speakers 0 and 1.
	for i, c := range []string{"en_sid0_noise_off", "en_sid1_noise_off"} {
		want := readNPYFloat32(t, filepath.Join(piperTestdata, "references", c, "audio.npy"))
		if len(outs[i]) != len(want) {
			t.Errorf("speaker %d: %d samples, want %d", i, len(outs[i]), len(want))
		}
	}
	if len(outs[2]) == len(outs[0]) && len(outs[2]) == len(outs[1]) {
		t.Error("speaker 2 sounds like speakers 0 and 1")
	}
	// piper:NAME#SPEAKER works too.
	path := filepath.Join(dir, "hash.wav")
	mustKino(t, "say", "Hello there, how are you?", "--voice", "piper:en_US-tiny_multi-low#1",
		"--noise-scale", "0", "--noise-w", "0", "--raw", "--out", path)
	if s, _ := readWAVFile(t, path); len(s) != len(outs[1]) {
		t.Error("piper:NAME#1 is not speaker 1")
	}
}

func TestSayBadInput(t *testing.T) {
	models := installTestVoices(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "x.wav")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"say", "Hi", "--voice", "piper:nobody", "--out", out}, 1, "not installed"},
		{[]string{"say", "Hi", "--voice", "nobody", "--raw", "--out", out}, 2, "not an installed Piper voice"},
		{[]string{"say", "Hi", "--voice", "en_US-tiny_multi-low", "--speaker", "bob", "--out", out}, 2, `no speaker "bob"`},
		{[]string{"say", "Hi", "--voice", "en_US-tiny_multi-low", "--speaker", "3", "--out", out}, 2, "outside 0 to 2"},
		{[]string{"say", "Hi", "--voice", "de_DE-tiny-medium", "--length-scale", "0", "--out", out}, 2, "length scale"},
		{[]string{"say", "   ", "--voice", "de_DE-tiny-medium", "--out", out}, 1, "empty"},
		{[]string{"say", "Hi", "--voice", "de_DE-tiny-medium"}, 2, "--out"},
		{[]string{"say", "Hi", "--voice", "de_DE-tiny-medium", "--out", filepath.Join(dir, "no", "such", "x.wav")}, 1, "x.wav"},
	} {
		_, errs, code := kino(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("kino %s: exit %d, %q; want exit %d saying %q", strings.Join(c.args, " "), code, errs, c.code, c.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed say left a file")
	}
	// A broken voice names its file.
	cfg := filepath.Join(models, "de_DE-tiny-medium.onnx.json")
	var m map[string]any
	data, _ := os.ReadFile(cfg)
	json.Unmarshal(data, &m)
	m["num_symbols"] = 300
	data, _ = json.Marshal(m)
	os.WriteFile(cfg, data, 0o644)
	_, errs, code := kino(t, "say", "Hallo", "--voice", "de_DE-tiny-medium", "--out", out)
	if code != 1 || !strings.Contains(errs, "de_DE-tiny-medium.onnx") || !strings.Contains(errs, "num_symbols") {
		t.Errorf("broken voice: exit %d, %q", code, errs)
	}
	// A voice's .onnx file can be named directly.
	path := filepath.Join(models, "en_US-tiny_multi-low.onnx")
	if _, errs, code := kino(t, "say", "Hi there.", "--voice", path, "--out", out); code != 0 {
		t.Errorf("voice by path: %d %s", code, errs)
	}
	// espeak-ng for a language that is not a Piper voice.
	if o, errs, code := kino(t, "say", "Hallo", "--voice", "de", "--out", out); code != 0 || !strings.Contains(o, "espeak-ng") {
		t.Errorf("espeak: %d %s %s", code, o, errs)
	}
}

func TestDoctorListsVoices(t *testing.T) {
	models := installTestVoices(t)
	os.WriteFile(filepath.Join(models, "broken.onnx.json"), []byte("{"), 0o644)
	out := mustKino(t, "doctor")
	for _, want := range []string{"Voices (Piper):", "de_DE-tiny-medium: de_DE, medium, 1 speaker(s), 22050 Hz", "en_US-tiny_multi-low: en_US, low, 3 speaker(s), 16000 Hz", "broken: Piper voice broken: broken.onnx"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor does not say %q:\n%s", want, out)
		}
	}
}
