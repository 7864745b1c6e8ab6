package speech

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestLineLanguage(t *testing.T) {
	for text, want := range map[string]string{
		"Auf uns, und auf das Feuerwerk!":     "de",
		"Hello there, how are you?":           "en",
		"Je suis sur la plage avec mon ami.":  "fr",
		"Hola, ¿qué tal? Estoy en la playa.":  "es",
		"Ciao, sono qui con il mio cane.":     "it",
		"Ik ben op het strand met mijn hond.": "nl",
		"Olá, eu estou com você.":             "pt",
		"Καλησπέρα σας":                       "el",
		"こんにちは、元気ですか":                         "ja",
		"안녕하세요":                               "ko",
		"Feuerwerk!":                          "", // one word: cannot tell
		"Okay.":                               "",
		"Привет, как дела?":                   "", // Cyrillic: several languages
	} {
		if got := LineLanguage(text); got != want {
			t.Errorf("LineLanguage(%q) = %q, want %q", text, got, want)
		}
	}
	if s := LineScript("Привет, как дела?"); s != ScriptCyrillic {
		t.Errorf("script %q", s)
	}
}

// fakeModels is an installed voice model speaking German.
type fakeModels struct {
	lang  string
	err   error
	spoke []string
}

func (f *fakeModels) Describe(v Voice) (ModelVoice, error) {
	if f.err != nil {
		return ModelVoice{}, f.err
	}
	return ModelVoice{Model: v.Model, Language: f.lang}, nil
}

func (f *fakeModels) Speak(ctx context.Context, text string, v Voice) ([]float32, []string, error) {
	f.spoke = append(f.spoke, text)
	return []float32{0.5}, []string{"a note"}, nil
}

func TestSpeakModelFallsBack(t *testing.T) {
	ctx := context.Background()
	UseModelVoices(nil)
	v := Voice{Language: "de", Model: "piper:de_DE-x-medium"}
	_, _, err := SpeakModel(ctx, "Hallo du", v)
	var fb *FallbackError
	if !errors.As(err, &fb) || !errors.Is(err, ErrModelUnavailable) || fb.Language != "de" {
		t.Fatalf("no models: %v", err)
	}
	f := &fakeModels{lang: "de"}
	UseModelVoices(f)
	defer UseModelVoices(nil)
	pcm, notes, err := SpeakModel(ctx, "Auf uns, und auf das Feuerwerk!", v)
	if err != nil || len(pcm) != 1 || len(notes) != 1 {
		t.Fatalf("German line: %v %v %v", pcm, notes, err)
	}
	for text, wantLang := range map[string]string{
		"Hello there, how are you?": "en",
		"Привет, как дела?":         "ru",
		"こんにちは":                     "ja",
	} {
		_, _, err := SpeakModel(ctx, text, v)
		if !errors.As(err, &fb) || fb.Language != wantLang || !strings.Contains(fb.Reason, "German") {
			t.Errorf("%q: %v (language %q), want a fallback to %s naming German", text, err, fb.Language, wantLang)
		}
	}
	// A line that cannot be told is in the cameo's language.
	if _, _, err := SpeakModel(ctx, "Feuerwerk!", v); err != nil {
		t.Errorf("one German word: %v", err)
	}
	en := Voice{Language: "en-us", Model: "piper:de_DE-x-medium"}
	if _, _, err := SpeakModel(ctx, "Feuerwerk!", en); !errors.As(err, &fb) || fb.Language != "en-us" {
		t.Errorf("an English cameo with a German voice: %v", err)
	}
	f.err = errors.New("not installed")
	if _, _, err := SpeakModel(ctx, "Hallo du", v); !errors.As(err, &fb) || !strings.Contains(err.Error(), "not installed") {
		t.Errorf("missing voice: %v", err)
	}
	if _, _, err := SpeakModel(ctx, "  ", v); !errors.Is(err, ErrEmptyText) {
		t.Errorf("empty line: %v", err)
	}
}
