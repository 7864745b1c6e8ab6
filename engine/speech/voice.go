package speech

import (
	"fmt"
	"strings"
)

// SampleRate is the rate of every clip Synthesize returns, in Hz. It equals
// the engine's soundtrack rate.
const SampleRate = 48000

// Voice defaults and limits.
const (
	DefaultLanguage = "en"
	DefaultPitch    = 50  // neutral base pitch
	DefaultRate     = 175 // words per minute
	MinPitch        = 0
	MaxPitch        = 100
	MinRate         = 80  // words per minute
	MaxRate         = 450 // words per minute
	maxNameLength   = 32
)

// Voice selects how a line is spoken. Its fields match project.Voice, so a
// cameo's voice converts directly: speech.Voice(cameo.Voice).
type Voice struct {
	// Language is an espeak-ng voice or language name such as "en",
	// "en-us" or "de"; empty means DefaultLanguage. For compatibility with
	// espeak's own notation it may carry a variant as "en+f3" when
	// Variant is empty.
	Language string
	// Variant is an optional espeak-ng variant such as "f3" or "m1"; empty
	// keeps the language's default voice.
	Variant string
	// Pitch is the base pitch, 0..100 with 50 neutral; 0 means DefaultPitch.
	Pitch int
	// Rate is the speaking rate in words per minute, MinRate..MaxRate;
	// 0 means DefaultRate.
	Rate int
	// Model names a neural voice model that speaks instead of espeak-ng,
	// "piper:NAME" (see SpeakModel); empty for espeak-ng.
	Model string
	// Speaker is the speaker id of a multi-speaker model.
	Speaker int
}

// Validate reports whether v is well formed and in range. It does not
// check that espeak-ng knows the language; Synthesize reports
// ErrUnknownVoice for that.
func (v Voice) Validate() error {
	lang, variant, err := v.split()
	if err != nil {
		return err
	}
	if err := checkName("language", lang); err != nil {
		return err
	}
	if variant != "" {
		if err := checkName("variant", variant); err != nil {
			return err
		}
	}
	if v.Pitch < MinPitch || v.Pitch > MaxPitch {
		return fmt.Errorf("%w: pitch %d is outside %d to %d", ErrInvalidVoice, v.Pitch, MinPitch, MaxPitch)
	}
	if v.Rate != 0 && (v.Rate < MinRate || v.Rate > MaxRate) {
		return fmt.Errorf("%w: rate %d is outside %d to %d words per minute", ErrInvalidVoice, v.Rate, MinRate, MaxRate)
	}
	return nil
}

// withDefaults returns v with zero fields replaced by their defaults and a
// variant written in Language moved to Variant. v must be valid.
func (v Voice) withDefaults() Voice {
	lang, variant, _ := v.split()
	v.Language, v.Variant = lang, variant
	if v.Pitch == 0 {
		v.Pitch = DefaultPitch
	}
	if v.Rate == 0 {
		v.Rate = DefaultRate
	}
	return v
}

// espeakName is the name handed to espeak-ng: "language" or
// "language+variant". v must have passed withDefaults.
func (v Voice) espeakName() string {
	if v.Variant == "" {
		return v.Language
	}
	return v.Language + "+" + v.Variant
}

// split separates the language and the variant, accepting "en+f3" in
// Language when Variant is empty.
func (v Voice) split() (lang, variant string, err error) {
	lang, variant = v.Language, v.Variant
	if l, vr, ok := strings.Cut(lang, "+"); ok {
		if variant != "" {
			return "", "", fmt.Errorf("%w: language %q carries a variant and Variant %q is also set", ErrInvalidVoice, v.Language, v.Variant)
		}
		lang, variant = l, vr
		if variant == "" {
			return "", "", fmt.Errorf("%w: language %q ends in + without a variant", ErrInvalidVoice, v.Language)
		}
	}
	if lang == "" {
		lang = DefaultLanguage
	}
	return lang, variant, nil
}

// checkName accepts short names of ASCII letters, digits, '-' and '_'.
func checkName(what, s string) error {
	if len(s) > maxNameLength {
		return fmt.Errorf("%w: %s %q is longer than %d characters", ErrInvalidVoice, what, s, maxNameLength)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return fmt.Errorf("%w: %s %q may only use letters, digits, - and _", ErrInvalidVoice, what, s)
		}
	}
	return nil
}

// VoiceInfo describes a voice or variant espeak-ng offers, for a voice
// picker.
type VoiceInfo struct {
	Name       string   // human-readable name, e.g. "English (America)"
	Identifier string   // file within espeak-ng-data/voices, e.g. "gmw/en-US"
	Language   string   // what to put in Voice.Language, e.g. "en-us" (Voice.Variant for variants, e.g. "f3")
	Languages  []string // language tags the voice serves, most preferred first, e.g. ["en-gb", "en"]
	Gender     string   // "male", "female", "neutral" or "" when unknown
	Age        int      // years, 0 when unspecified
}
