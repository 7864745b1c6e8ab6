package piper

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kino/engine/onnx"
	"kino/engine/speech"
)

// installVoice copies fixture voice name into dir as as, with its config
// changed by edit (nil: unchanged). It returns the .onnx path.
func installVoice(t testing.TB, dir, name, as string, edit func(m map[string]any)) string {
	t.Helper()
	model, err := os.ReadFile(voicePath(name))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(voicePath(name) + ".json")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		var m map[string]any
		if err := json.Unmarshal(cfg, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		if cfg, err = json.Marshal(m); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, as+ModelExt)
	if err := os.WriteFile(path, model, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".json", cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantVoiceError asserts ReadVoice fails naming file and saying want.
func wantVoiceError(t *testing.T, path, file string, want ...string) {
	t.Helper()
	_, err := ReadVoice(path)
	if err == nil {
		t.Fatalf("ReadVoice(%s) succeeded", path)
	}
	if !errors.Is(err, ErrBadVoice) {
		t.Errorf("error %v does not wrap ErrBadVoice", err)
	}
	for _, w := range append(want, file) {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}

func TestBadVoiceFiles(t *testing.T) {
	dir := t.TempDir()
	t.Run("config missing", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "noconfig", nil)
		os.Remove(p + ".json")
		wantVoiceError(t, p, "noconfig.onnx.json", "missing")
	})
	t.Run("model missing", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "nomodel", nil)
		os.Remove(p)
		wantVoiceError(t, p, "nomodel.onnx", "model is missing")
	})
	t.Run("malformed config", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "malformed", nil)
		os.WriteFile(p+".json", []byte(`{"audio": {"sample_rate": 22050}, "phoneme_id_map": {`), 0o644)
		wantVoiceError(t, p, "malformed.onnx.json", "not valid JSON")
	})
	t.Run("model given as config", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "swapped", nil)
		data, _ := os.ReadFile(p)
		os.WriteFile(p+".json", data, 0o644)
		wantVoiceError(t, p, "swapped.onnx.json", "not UTF-8")
	})
	t.Run("no sample rate", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "norate", func(m map[string]any) { delete(m["audio"].(map[string]any), "sample_rate") })
		wantVoiceError(t, p, "norate.onnx.json", "sample_rate")
	})
	t.Run("no padding id", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "nopad", func(m map[string]any) { delete(m["phoneme_id_map"].(map[string]any), "_") })
		wantVoiceError(t, p, "nopad.onnx.json", `"_"`)
	})
	t.Run("speakers without sid input", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "fakemulti", func(m map[string]any) {
			m["num_speakers"] = 3
			m["speaker_id_map"] = map[string]int{"a": 0, "b": 1, "c": 2}
		})
		wantVoiceError(t, p, "fakemulti.onnx", "3 speakers", `no "sid" input`)
	})
	t.Run("sid input but one speaker", func(t *testing.T) {
		p := installVoice(t, dir, voiceEN, "fakesingle", func(m map[string]any) {
			m["num_speakers"] = 1
			m["speaker_id_map"] = map[string]int{}
		})
		wantVoiceError(t, p, "fakesingle.onnx", "1 speaker", `"sid" input`)
	})
	t.Run("speaker table size", func(t *testing.T) {
		p := installVoice(t, dir, voiceEN, "fourspeakers", func(m map[string]any) { m["num_speakers"] = 4 })
		wantVoiceError(t, p, "fourspeakers.onnx", "4 speakers", "speaker table has 3")
	})
	t.Run("num_symbols vs embedding", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "symbols", func(m map[string]any) { m["num_symbols"] = 300 })
		wantVoiceError(t, p, "symbols.onnx", "300 phoneme symbols", "table has 256")
	})
	t.Run("id outside the table", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "bigid", func(m map[string]any) {
			delete(m, "num_symbols")
			m["phoneme_id_map"].(map[string]any)["a"] = []int{999}
		})
		wantVoiceError(t, p, "bigid.onnx", "999", "256")
	})
	t.Run("truncated model", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "cut", nil)
		data, _ := os.ReadFile(p)
		os.WriteFile(p, data[:len(data)/2], 0o644)
		wantVoiceError(t, p, "cut.onnx", "not an ONNX model")
	})
	t.Run("empty model", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "empty", nil)
		os.WriteFile(p, nil, 0o644)
		wantVoiceError(t, p, "empty.onnx", "empty")
	})
	t.Run("model is a FIFO", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "fifo", nil)
		os.Remove(p)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatalf("mkfifo: %v", err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			wantVoiceError(t, p, "fifo.onnx", "not a regular file")
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("reading a FIFO voice blocked")
		}
	})
	t.Run("bad scales", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "scales", func(m map[string]any) {
			m["inference"].(map[string]any)["length_scale"] = 0
		})
		wantVoiceError(t, p, "scales.onnx.json", "length scale")
	})
	t.Run("text phonemes", func(t *testing.T) {
		p := installVoice(t, dir, voiceDE, "textvoice", func(m map[string]any) { m["phoneme_type"] = "text" })
		wantVoiceError(t, p, "textvoice.onnx.json", `phoneme_type "text" is not supported`)
	})
}

// TestUnknownPhonemesAreSkippedAndCounted: a phoneme the voice lacks is
// skipped, as Piper does, and the note counts it.
func TestUnknownPhonemesAreSkippedAndCounted(t *testing.T) {
	needRuntime(t)
	dir := t.TempDir()
	p := installVoice(t, dir, voiceDE, "noʊ", func(m map[string]any) { delete(m["phoneme_id_map"].(map[string]any), "ʊ") })
	v, err := ReadVoice(p)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(v, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ids []int64
	st, err := s.Sentences(context.Background(), "Auf uns, und auf das Feuerwerk!", Options{}, func(a Audio) error {
		ids = a.IDs
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Missing['ʊ'] != 4 {
		t.Errorf("missing = %v, want ʊ counted 4 times", st.Missing)
	}
	ref := readCase(t, filepath.Join("testdata", "references", "de_noise_off"))
	if len(ids) != len(ref.IDs)-8 { // each skipped phoneme drops itself and its pad
		t.Errorf("%d ids, want %d (the reference's %d less 4 phonemes and their pads)", len(ids), len(ref.IDs)-8, len(ref.IDs))
	}
	notes := strings.Join(st.Notes(), "\n")
	if !strings.Contains(notes, "4 phoneme(s)") || !strings.Contains(notes, "U+028A") {
		t.Errorf("notes %q do not count the skipped phoneme", notes)
	}
}

func TestEmptyLine(t *testing.T) {
	s := openVoice(t, voiceDE)
	for _, text := range []string{"", "   \n\t ", "\x00\x1b"} {
		_, _, err := s.Speak(context.Background(), text, Options{}, 0)
		if !errors.Is(err, speech.ErrEmptyText) {
			t.Errorf("Speak(%q) = %v, want ErrEmptyText", text, err)
		}
	}
}

func TestBadOptions(t *testing.T) {
	s := openVoice(t, voiceEN)
	if _, _, err := s.Speak(context.Background(), "Hi.", Options{Speaker: 3}, 0); err == nil || !strings.Contains(err.Error(), "speakers 0 to 2") {
		t.Errorf("speaker 3 of 3: %v", err)
	}
	if _, _, err := s.Speak(context.Background(), "Hi.", Options{Scales: &Scales{Noise: 0, Length: 0, NoiseW: 0}}, 0); err == nil || !strings.Contains(err.Error(), "length scale") {
		t.Errorf("length scale 0: %v", err)
	}
	d := openVoice(t, voiceDE)
	if _, _, err := d.Speak(context.Background(), "Hallo.", Options{Speaker: 1}, 0); err == nil || !strings.Contains(err.Error(), "one speaker") {
		t.Errorf("speaker 1 of a single-speaker voice: %v", err)
	}
}

// TestLongLine speaks a 10,000-character line: it is split into
// sentences, each one run, and no run is longer than the longest sentence
// needs.
func TestLongLine(t *testing.T) {
	s := openVoice(t, voiceEN)
	var b strings.Builder
	for i := 0; b.Len() < 10_000; i++ {
		b.WriteString("The fireworks light the sky over the beach tonight, and everyone on the sand looks up to watch them. ")
	}
	text := b.String()[:10_000]
	maxRun, runs := 0, 0
	st, err := s.Sentences(context.Background(), text, Options{Scales: &Scales{Length: MinLengthScale}}, func(a Audio) error {
		runs++
		maxRun = max(maxRun, len(a.Samples))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d runs, phonemize %v, run %v, total %v, %d samples", runs, st.Phonemize, st.Run, st.Total, st.Samples)
	if runs < 90 || st.Sentences != runs {
		t.Errorf("%d runs (%d sentences), want one per sentence (about 100)", runs, st.Sentences)
	}
	if limit := 30 * s.Config.SampleRate; maxRun > limit {
		t.Errorf("longest run gave %d samples; one sentence of 20 words should give far less than %d", maxRun, limit)
	}
	// Without punctuation, the text is cut at word boundaries instead.
	words := strings.Repeat("fireworks over the beach ", 400)
	sents, err := s.Phonemes(context.Background(), words)
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) < 2 {
		t.Fatalf("%d sentences from 10,000 characters without punctuation", len(sents))
	}
	for i, se := range sents {
		if len(se.Phonemes) > MaxSentencePhonemes {
			t.Errorf("sentence %d has %d phonemes, limit %d", i, len(se.Phonemes), MaxSentencePhonemes)
		}
		if i < len(sents)-1 && !se.Split {
			t.Errorf("sentence %d not marked split", i)
		}
	}
}

func TestSentencesAndTerminators(t *testing.T) {
	cases := []struct {
		clauses []speech.Clause
		want    []string
	}{
		{[]speech.Clause{{Text: "Hi. B", Phonemes: "hˈaɪ"}, {Text: "ye.", Phonemes: "bˈaɪ", Last: true}}, []string{"hˈaɪ.", "bˈaɪ."}},
		{[]speech.Clause{{Text: "One; t", Phonemes: "wˈʌn"}, {Text: "wo: t", Phonemes: "tˈuː"}, {Text: "hree", Phonemes: "θɹˈiː", Last: true}}, []string{"wˈʌn; tˈuː: θɹˈiː"}},
		{[]speech.Clause{{Text: "It costs 3.5 euros", Phonemes: "ɪt", Last: true}}, []string{"ɪt"}},
		{[]speech.Clause{{Text: `"Stop!" h`, Phonemes: "stˈɑːp"}, {Text: "e said.", Phonemes: "hiː", Last: true}}, []string{"stˈɑːp!", "hiː."}},
		{[]speech.Clause{{Text: "你好。再", Phonemes: "a"}, {Text: "见！", Phonemes: "b", Last: true}}, []string{"a.", "b!"}},
		{[]speech.Clause{{Text: "Hallo (en)w", Phonemes: "h(en)ɛlˈoʊ(de)"}, {Text: "x", Phonemes: "ç", Last: true}}, []string{"hɛlˈoʊç"}},
	}
	for _, c := range cases {
		var got []string
		for _, s := range Sentences(c.clauses) {
			got = append(got, s.String())
		}
		want := c.want
		for i := range want {
			want[i] = nfd(want[i])
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("Sentences(%+v) = %q, want %q", c.clauses, got, want)
		}
	}
}
