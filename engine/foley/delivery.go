package foley

import (
	"strings"
	"unicode"

	"kino/project"
)

// deliver returns voice v changed for a line's delivery, within what the
// speech engine (espeak-ng) can do: a whisper is its whisper variant
// (whisperf for a female variant), a shout is higher and 15 % faster,
// slow is 30 % slower and fast 35 % faster, in the voice's limits.
func deliver(v project.Voice, d project.Delivery) project.Voice {
	switch d {
	case project.DeliveryWhisper:
		if strings.HasPrefix(v.Variant, "f") || strings.HasSuffix(v.Variant, "f") {
			v.Variant = "whisperf"
		} else {
			v.Variant = "whisper"
		}
	case project.DeliveryShout:
		v.Pitch = min(100, v.Pitch+20)
		v.Rate = v.Rate * 115 / 100
	case project.DeliverySlow:
		v.Rate = v.Rate * 70 / 100
	case project.DeliveryFast:
		v.Rate = v.Rate * 135 / 100
	}
	v.Rate = max(80, min(450, v.Rate))
	return v
}

// NarratorVoice is the neutral voice that speaks the lines of characters
// no cameo plays: the default voice, in the line's language: Japanese for
// kana, Korean for Hangul, Mandarin for other Chinese characters, German
// when the line reads as German (umlauts, ß or German function words),
// else English.
func NarratorVoice(text string) project.Voice {
	v := project.DefaultVoice
	var kana, hangul, han int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Han, r):
			han++
		}
	}
	switch {
	case kana > 0:
		v.Language = "ja"
	case hangul > 0:
		v.Language = "ko"
	case han > 0:
		v.Language = "cmn"
	case looksGerman(text):
		v.Language = "de"
	}
	return v
}

var germanWords = map[string]bool{
	"der": true, "die": true, "das": true, "und": true, "ist": true, "nicht": true, "ich": true, "du": true,
	"wir": true, "ein": true, "eine": true, "mit": true, "auf": true, "zu": true, "es": true, "sie": true,
	"er": true, "doch": true, "noch": true, "nur": true, "was": true, "wie": true, "für": true, "mich": true,
}

var englishWords = map[string]bool{
	"the": true, "and": true, "is": true, "not": true, "i": true, "you": true, "we": true, "a": true,
	"with": true, "on": true, "to": true, "it": true, "she": true, "he": true, "what": true, "how": true,
	"for": true, "me": true, "just": true, "only": true, "are": true, "this": true, "that": true,
}

func looksGerman(text string) bool {
	de, en := 0, 0
	if strings.ContainsAny(text, "äöüÄÖÜß") {
		de += 2
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch {
		case germanWords[w]:
			de++
		case englishWords[w]:
			en++
		}
	}
	return de > en
}
