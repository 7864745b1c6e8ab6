package foley_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/foley"
	"kino/engine/onnx"
	"kino/engine/scene"
	"kino/engine/speech"
	"kino/engine/speech/piper"
	"kino/project"
)

// The fixture voices of engine/speech/piper (see its testdata/README.md).
var piperVoices = filepath.Join("..", "speech", "piper", "testdata", "voices")

// usePiper installs the German fixture voice, with its noise turned off so
// the line can be compared sample for sample, as the process's voice
// models for the test.
func usePiper(t *testing.T) *piper.Library { return usePiperTB(t) }

func usePiperTB(t testing.TB) *piper.Library {
	t.Helper()
	if _, err := onnx.Load(); err != nil {
		t.Fatalf("loading ONNX Runtime: %v (run `make deps`)", err)
	}
	dir := t.TempDir()
	for _, f := range []string{"de_DE-tiny-medium.onnx", "de_DE-tiny-medium.onnx.json"} {
		data, err := os.ReadFile(filepath.Join(piperVoices, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".json") {
			var m map[string]any
			json.Unmarshal(data, &m)
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
	return lib
}

// TestPiperDialogue speaks a German line with a cameo's Piper voice: the
// dialogue stem holds the Piper audio at the line's start, the mouth
// follows its envelope, and an English line falls back to espeak-ng with
// a note.
func TestPiperDialogue(t *testing.T) {
	lib := usePiper(t)
	const line = "Auf uns, und auf das Feuerwerk!"
	req := engine.DefaultRequest()
	req.Prompt = "Ana on the beach at night"
	req.Duration = project.Seconds(5, project.DefaultRate)
	voice := project.Voice{Language: "de", Pitch: 50, Rate: 175, Model: "piper:de_DE-tiny-medium"}
	req.Cast = []engine.CastCameo{{Handle: "@ana", Name: "Ana", Voice: voice}}
	start := project.Seconds(1, project.DefaultRate)
	req.Dialogue = []engine.Line{{Speaker: "@ana", Text: line, Start: start}}
	req, _, err := req.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	dlg, err := foley.SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(dlg.Missing) != 0 {
		t.Fatalf("notes: %v", dlg.Missing)
	}
	// The line is the voice's own output, resampled to 48 kHz.
	s, release, err := lib.Acquire("de_DE-tiny-medium")
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	want, _, err := s.Speak(context.Background(), line, piper.Options{}, piper.DefaultSentenceSilence)
	if err != nil {
		t.Fatal(err)
	}
	at := int(start.Samples(audio.SampleRate))
	got := dlg.Mono()[at:]
	// SpeakDialogue trims leading silence and sets the level; compare the
	// shape: correlation of the first second.
	n := min(len(want), len(got), audio.SampleRate)
	lead := 0
	for lead < len(want) && math.Abs(float64(want[lead])) < 1e-3 {
		lead++
	}
	t.Logf("lead %d, correlation %.5f", lead, correlation(got[:n-lead], want[lead:n]))
	if c := correlation(got[:n-lead], want[lead:n]); c < 0.999 {
		t.Errorf("the dialogue at the line's start correlates %.4f with the voice's output", c)
	}
	if e := energy(dlg.Mono()[:at]); e != 0 {
		t.Errorf("sound before the line starts: energy %g", e)
	}
	// The mouth follows the envelope: closed before the line, open while
	// it is loud.
	env := dlg.Envelope["@ana"]
	rate := req.Duration.Rate
	f0 := int(start.Frames)
	for f := 0; f < f0; f++ {
		if env[f] != 0 {
			t.Fatalf("mouth open at frame %d, before the line at %d", f, f0)
		}
	}
	var rms []float64
	spf := audio.SampleRate * int(rate.Den) / int(rate.Num)
	for f := range env {
		a, b := f*spf, min((f+1)*spf, len(dlg.Mono()))
		if a >= b {
			rms = append(rms, 0)
			continue
		}
		rms = append(rms, math.Sqrt(energy(dlg.Mono()[a:b])/float64(b-a)))
	}
	envf := make([]float64, len(env))
	for i, v := range env {
		envf[i] = float64(v)
	}
	t.Logf("mouth correlation %.3f", correlation64(envf, rms))
	if c := correlation64(envf, rms); c < 0.7 {
		t.Errorf("mouth opening correlates %.2f with the dialogue's loudness per frame", c)
	}
	// Through the soundtrack: the dialogue stem holds the line.
	plan := scene.Parse(req)
	st, err := foley.Render(context.Background(), req, &plan, nil, dlg)
	if err != nil {
		t.Fatal(err)
	}
	stem := st.Stems[audio.StemDialogue].Samples
	if e := energy(stem[2*at : 2*(at+audio.SampleRate/2)]); e < 1 {
		t.Errorf("dialogue stem is quiet where the line is (energy %g)", e)
	}

	// An English line is not German: espeak-ng speaks it, and says so.
	req.Dialogue = []engine.Line{{Speaker: "@ana", Text: "Hello there, how are you?", Start: start}}
	dlg, err = foley.SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(dlg.Missing) != 1 || !strings.Contains(dlg.Missing[0], "spoken by espeak-ng (en) instead of piper:de_DE-tiny-medium") ||
		!strings.Contains(dlg.Missing[0], "English") {
		t.Errorf("notes %q", dlg.Missing)
	}
	if energy(dlg.Mono()) < 1 {
		t.Error("the fallback line is silent")
	}
	// A voice that is not installed: espeak-ng in the cameo's language.
	req.Cast[0].Voice.Model = "piper:nobody"
	req.Dialogue[0].Text = line
	dlg, err = foley.SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(dlg.Missing) != 1 || !strings.Contains(dlg.Missing[0], "espeak-ng (de)") || !strings.Contains(dlg.Missing[0], "not installed") {
		t.Errorf("notes %q", dlg.Missing)
	}
}

func energy(x []float32) float64 {
	var e float64
	for _, v := range x {
		e += float64(v) * float64(v)
	}
	return e
}

func correlation(a, b []float32) float64 {
	x, y := make([]float64, len(a)), make([]float64, len(b))
	for i := range a {
		x[i], y[i] = float64(a[i]), float64(b[i])
	}
	return correlation64(x, y)
}

func correlation64(a, b []float64) float64 {
	n := min(len(a), len(b))
	var ma, mb float64
	for i := 0; i < n; i++ {
		ma += a[i]
		mb += b[i]
	}
	ma, mb = ma/float64(n), mb/float64(n)
	var sab, saa, sbb float64
	for i := 0; i < n; i++ {
		da, db := a[i]-ma, b[i]-mb
		sab += da * db
		saa += da * da
		sbb += db * db
	}
	return sab / math.Sqrt(saa*sbb)
}

// twoLineShot is a 5 s beach shot in which @ana says two German lines.
func twoLineShot(b testing.TB, voice project.Voice) (engine.Request, *scene.Plan) {
	req := engine.DefaultRequest()
	req.Prompt = "Ana on the beach at sunset"
	req.Duration = project.Seconds(5, project.DefaultRate)
	req.Cast = []engine.CastCameo{{Handle: "@ana", Name: "Ana", Voice: voice}}
	req.Dialogue = []engine.Line{
		{Speaker: "@ana", Text: "Auf uns, und auf das Feuerwerk!", Start: project.Seconds(0, project.DefaultRate)},
		{Speaker: "@ana", Text: "Schau, wie schön der Himmel ist.", Start: project.Seconds(2, project.DefaultRate)},
	}
	req, _, err := req.Normalize()
	if err != nil {
		b.Fatal(err)
	}
	p := scene.Parse(req)
	return req, &p
}

func benchTwoLines(b *testing.B, voice project.Voice) {
	req, p := twoLineShot(b, voice)
	ctx := context.Background()
	run := func() {
		d, err := foley.SpeakDialogue(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Missing) > 0 {
			b.Fatalf("notes: %v", d.Missing)
		}
		if _, err := foley.Render(ctx, req, p, nil, d); err != nil {
			b.Fatal(err)
		}
	}
	run() // the voice's session loads once per process
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		run()
	}
}

// BenchmarkSoundtrack5sTwoLinesEspeak is the soundtrack of a 5 s shot
// with two lines spoken by espeak-ng.
func BenchmarkSoundtrack5sTwoLinesEspeak(b *testing.B) {
	benchTwoLines(b, project.Voice{Language: "de", Pitch: 50, Rate: 175})
}

// BenchmarkSoundtrack5sTwoLinesPiper is the same with the tiny German
// Piper voice (target: at most twice the espeak-ng path).
func BenchmarkSoundtrack5sTwoLinesPiper(b *testing.B) {
	usePiperTB(b)
	benchTwoLines(b, project.Voice{Language: "de", Pitch: 50, Rate: 175, Model: "piper:de_DE-tiny-medium"})
}
