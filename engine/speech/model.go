package speech

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
)

// ErrModelUnavailable means a voice's model cannot speak a line (not
// installed, unusable, or the line is in a language it does not speak);
// espeak-ng speaks it instead. Such errors are *FallbackError values.
var ErrModelUnavailable = errors.New("the voice model cannot speak this line")

// FallbackError says why a voice model cannot speak a line and which
// espeak-ng language should speak it instead.
type FallbackError struct {
	Model string // "piper:NAME"
	// Language is the espeak-ng language for the line.
	Language string
	Reason   string
}

func (e *FallbackError) Error() string { return e.Model + ": " + e.Reason }

func (e *FallbackError) Unwrap() error { return ErrModelUnavailable }

// ModelVoice identifies the installed voice model a line is spoken with:
// what a take's request records, so that a changed voice makes its takes
// stale.
type ModelVoice struct {
	Model string // "piper:NAME"
	// SHA256 and ConfigSHA256 are the hashes of the model's files.
	SHA256, ConfigSHA256 string
	Speaker              int
	// Scales are the synthesis scales used: noise, length (after the
	// voice's speaking rate) and noise width.
	Scales [3]float32
	// Language is the language family the model speaks ("de").
	Language   string
	SampleRate int
}

// ModelVoices speaks with the neural voice models installed on this
// machine (the app installs the Piper voices with UseModelVoices).
type ModelVoices interface {
	// Describe identifies the model v.Model names, or says why it cannot
	// be used (not installed, unusable files).
	Describe(v Voice) (ModelVoice, error)
	// Speak speaks text with v's model: mono float32 at SampleRate, with
	// notes a person should know (phonemes skipped, say).
	Speak(ctx context.Context, text string, v Voice) ([]float32, []string, error)
}

var modelVoices atomic.Pointer[ModelVoices]

// UseModelVoices installs the voice models SpeakModel and DescribeModel
// use (nil: none).
func UseModelVoices(m ModelVoices) {
	if m == nil {
		modelVoices.Store(nil)
		return
	}
	modelVoices.Store(&m)
}

func currentModels() ModelVoices {
	if p := modelVoices.Load(); p != nil {
		return *p
	}
	return nil
}

// DescribeModel identifies v's voice model (see ModelVoices.Describe).
func DescribeModel(v Voice) (ModelVoice, error) {
	m := currentModels()
	if m == nil {
		return ModelVoice{}, fmt.Errorf("%s: no voice models are set up in this program", v.Model)
	}
	return m.Describe(v)
}

// SpeakModel speaks text with v's voice model. When the model cannot (it
// is not installed or unusable, or the line is in a language it does not
// speak: see LineLanguage), it returns a *FallbackError naming the
// espeak-ng language to speak the line with instead. Other errors are
// cancellation, ErrEmptyText and the like.
func SpeakModel(ctx context.Context, text string, v Voice) ([]float32, []string, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if _, err := CleanText(text); err != nil {
		return nil, nil, err
	}
	fallback := func(lang, format string, args ...any) error {
		return &FallbackError{Model: v.Model, Language: lang, Reason: fmt.Sprintf(format, args...)}
	}
	m := currentModels()
	if m == nil {
		return nil, nil, fallback(v.Language, "no voice models are set up in this program")
	}
	desc, err := m.Describe(v)
	if err != nil {
		return nil, nil, fallback(v.Language, "%v", err)
	}
	if desc.Language != "" {
		if lang, why := lineMismatch(text, v.Language, desc.Language); why != "" {
			return nil, nil, fallback(lang, "%s", why)
		}
	}
	pcm, notes, err := m.Speak(ctx, text, v)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		if errors.Is(err, ErrEmptyText) || errors.Is(err, ErrModelUnavailable) {
			return nil, nil, err
		}
		return nil, nil, fallback(v.Language, "%v", err)
	}
	return pcm, notes, nil
}

// Family returns the language of an espeak-ng voice or a language code:
// "en-us" → "en", "de_DE" → "de", "cmn" → "cmn".
func Family(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_+"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

// lineMismatch decides whether a model speaking voiceLang can speak text
// for a cameo whose language is cameoLang. When it cannot, it returns the
// espeak-ng language to speak the line in and why. A line whose language
// cannot be told is taken to be in the cameo's language.
func lineMismatch(text, cameoLang, voiceLang string) (lang, why string) {
	voice := Family(voiceLang)
	// Keep the cameo's own accent ("en-us") when it fits the line.
	pick := func(l string) string {
		if Family(cameoLang) == l {
			return cameoLang
		}
		return l
	}
	if script := LineScript(text); script != "" && script != ScriptOf(voice) {
		l := scriptLanguage[script]
		if ScriptOf(cameoLang) == script {
			l = cameoLang
		}
		return l, fmt.Sprintf("the line is written in %s letters and the voice speaks %s", script, LanguageName(voice))
	}
	line := LineLanguage(text)
	if line == "" {
		line = Family(cameoLang)
		if line != voice {
			return pick(line), fmt.Sprintf("the cameo speaks %s and the voice speaks %s", LanguageName(line), LanguageName(voice))
		}
		return "", ""
	}
	if line != voice {
		return pick(line), fmt.Sprintf("the line is in %s and the voice speaks %s", LanguageName(line), LanguageName(voice))
	}
	return "", ""
}
