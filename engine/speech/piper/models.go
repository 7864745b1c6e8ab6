package piper

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"kino/engine/speech"
)

// Voices speaks the voice models named "piper:NAME" with a Library's
// voices; install it with speech.UseModelVoices.
type Voices struct {
	Lib *Library
	// Silence is the pause between sentences, in seconds.
	Silence float64
}

var _ speech.ModelVoices = (*Voices)(nil)

// NewVoices returns the model voices of lib with Piper's pause between
// sentences.
func NewVoices(lib *Library) *Voices { return &Voices{Lib: lib, Silence: DefaultSentenceSilence} }

// ModelName returns "piper:NAME" for a voice name.
func ModelName(name string) string { return "piper:" + name }

// voiceName reads "piper:NAME".
func voiceName(model string) (string, error) {
	name, ok := strings.CutPrefix(model, "piper:")
	if !ok || name == "" {
		return "", fmt.Errorf("%q is not a Piper voice (piper:NAME)", model)
	}
	return name, nil
}

// ScalesFor returns the scales a cameo's voice speaks with: the voice's
// own, with its length scale stretched by the speaking rate (rate words
// per minute against speech.DefaultRate; 0 keeps the voice's pace).
func ScalesFor(c *Config, rate int) Scales {
	sc := c.Scales
	if rate > 0 {
		sc.Length *= float32(speech.DefaultRate) / float32(rate)
		sc.Length = min(max(sc.Length, MinLengthScale), MaxLengthScale)
	}
	return sc
}

// Describe identifies the installed voice v.Model names.
func (p *Voices) Describe(v speech.Voice) (speech.ModelVoice, error) {
	name, err := voiceName(v.Model)
	if err != nil {
		return speech.ModelVoice{}, err
	}
	info, err := p.Lib.Find(name)
	if err != nil {
		return speech.ModelVoice{}, err
	}
	if v.Speaker < 0 || v.Speaker >= max(info.Speakers, 1) {
		return speech.ModelVoice{}, fmt.Errorf("Piper voice %s has %d speaker(s); speaker %d does not exist", name, info.Speakers, v.Speaker)
	}
	c := &Config{Scales: info.Scales}
	sc := ScalesFor(c, v.Rate)
	return speech.ModelVoice{
		Model: v.Model, SHA256: info.SHA256, ConfigSHA256: info.ConfigSHA256, Speaker: v.Speaker,
		Scales: [3]float32{sc.Noise, sc.Length, sc.NoiseW}, Language: info.Family, SampleRate: info.SampleRate,
	}, nil
}

// Speak speaks text with the voice and speaker v names, at v's rate.
func (p *Voices) Speak(ctx context.Context, text string, v speech.Voice) ([]float32, []string, error) {
	name, err := voiceName(v.Model)
	if err != nil {
		return nil, nil, err
	}
	s, release, err := p.Lib.Acquire(name)
	if err != nil {
		if errors.Is(err, ErrNotInstalled) || errors.Is(err, ErrBadVoice) {
			return nil, nil, &speech.FallbackError{Model: v.Model, Language: v.Language, Reason: err.Error()}
		}
		return nil, nil, err
	}
	defer release()
	sc := ScalesFor(s.Config, v.Rate)
	pcm, st, err := s.Speak(ctx, text, Options{Speaker: v.Speaker, Scales: &sc}, p.Silence)
	if err != nil {
		return nil, nil, err
	}
	return pcm, st.Notes(), nil
}
