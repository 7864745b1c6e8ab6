package piper

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"kino/engine/speech"
)

// MaxSentencePhonemes bounds one run of the graph. A longer "sentence"
// (text without sentence punctuation) is split at the last word boundary
// before the limit, so memory stays bounded whatever the text.
const MaxSentencePhonemes = 1000

// Sentence is one run's worth of phonemes.
type Sentence struct {
	// Phonemes are single codepoints, punctuation included.
	Phonemes []rune
	// Split is set when the sentence was cut at MaxSentencePhonemes.
	Split bool
}

// String returns the phonemes as text.
func (s Sentence) String() string { return string(s.Phonemes) }

// Sentences turns espeak-ng's clauses into sentences of phonemes as
// piper-phonemize does: each clause's IPA is NFD-normalised and split
// into codepoints, "(lang)" switch flags are dropped, and the clause's
// terminator is appended (a comma, colon or semicolon adds itself and a
// space; ".", "?" and "!" add themselves and end the sentence). A
// sentence longer than MaxSentencePhonemes is split at word boundaries.
func Sentences(clauses []speech.Clause) []Sentence {
	var out []Sentence
	var cur []rune
	open := false
	flush := func() {
		if open {
			out = append(out, splitLong(cur)...)
		}
		cur, open = nil, false
	}
	for _, c := range clauses {
		open = true
		inFlag := false
		for _, r := range norm.NFD.String(c.Phonemes) {
			switch {
			case inFlag:
				if r == ')' {
					inFlag = false
				}
			case r == '(':
				inFlag = true
			default:
				cur = append(cur, r)
			}
		}
		switch t := ClauseTerminator(c); t {
		case '.', '?', '!':
			cur = append(cur, t)
			flush()
		case ',', ':', ';':
			cur = append(cur, t, ' ')
		}
	}
	flush()
	return out
}

// splitLong cuts ph into pieces of at most MaxSentencePhonemes, each
// ending before a space where there is one.
func splitLong(ph []rune) []Sentence {
	var out []Sentence
	for len(ph) > MaxSentencePhonemes {
		cut := MaxSentencePhonemes
		for i := MaxSentencePhonemes; i > MaxSentencePhonemes/2; i-- {
			if ph[i] == ' ' {
				cut = i
				break
			}
		}
		out = append(out, Sentence{Phonemes: ph[:cut:cut], Split: true})
		ph = ph[cut:]
		for len(ph) > 0 && ph[0] == ' ' {
			ph = ph[1:]
		}
	}
	return append(out, Sentence{Phonemes: ph})
}

// ClauseTerminator recovers the punctuation that ended a clause from the
// text espeak-ng consumed for it. (Piper's fork of espeak-ng returns it;
// the stock library does not.) espeak-ng reads one character past a
// clause before ending it, so that look-ahead character is dropped first
// (except on the last clause); then trailing spaces and closing quotes or
// brackets are skipped, and the last character is the terminator when it
// is one of . ? ! , : ; (or their full-width forms). It returns 0 when
// the clause did not end at punctuation.
func ClauseTerminator(c speech.Clause) rune {
	t := c.Text
	if !c.Last && t != "" {
		_, n := utf8.DecodeLastRuneInString(t)
		t = t[:len(t)-n]
	}
	t = strings.TrimRightFunc(t, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(closers, r) })
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', '?', '!', ',', ':', ';':
		return r
	case '。', '．':
		return '.'
	case '？':
		return '?'
	case '！':
		return '!'
	case '，', '、':
		return ','
	case '：':
		return ':'
	case '；':
		return ';'
	}
	return 0
}

// closers are the characters that may follow a clause's punctuation.
const closers = "\"'”’»«›‹)]}」』）"

// IDs maps a sentence's phonemes to the voice's ids as piper-phonemize
// does: BOS, PAD, then every phoneme followed by PAD, then EOS. Phonemes
// the voice does not know are skipped and counted in missing (which may be
// nil). The voice's phoneme_map, if any, is applied first.
func (c *Config) IDs(ph []rune, missing map[rune]int) []int64 {
	pad := c.IDMap['_']
	ids := make([]int64, 0, 2*len(ph)*len(pad)+4)
	ids = append(ids, c.IDMap['^']...)
	ids = append(ids, pad...)
	add := func(r rune) {
		id, ok := c.IDMap[r]
		if !ok {
			if missing != nil {
				missing[r]++
			}
			return
		}
		ids = append(ids, id...)
		ids = append(ids, pad...)
	}
	for _, r := range ph {
		if to, ok := c.PhonemeMap[r]; ok {
			for _, t := range to {
				add(t)
			}
			continue
		}
		add(r)
	}
	return append(ids, c.IDMap['$']...)
}
