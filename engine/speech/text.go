package speech

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxTextRunes is the longest line Synthesize accepts, in characters after
// cleaning. Longer lines are rejected with ErrTextTooLong rather than cut,
// so no dialogue is lost silently; split long speeches into several lines.
const MaxTextRunes = 5000

// Zero-width (non-)joiners are format characters that spell words in
// Persian and Indic scripts, so CleanText keeps them.
const (
	zwnj = '\u200c'
	zwj  = '\u200d'
)

// CleanText prepares a dialogue line for espeak-ng: it rejects invalid
// UTF-8, turns line breaks, tabs and other whitespace into single spaces,
// drops control and format characters (such as NUL, escape codes, byte
// order marks; zero-width joiners are kept) and trims the ends. It fails with ErrEmptyText when nothing
// speakable remains and ErrTextTooLong beyond MaxTextRunes.
func CleanText(text string) (string, error) {
	return CleanTextLimit(text, MaxTextRunes)
}

// CleanTextLimit is CleanText with another length limit, for callers that
// split long text themselves (Piper voices speak sentence by sentence).
func CleanTextLimit(text string, maxRunes int) (string, error) {
	if !utf8.ValidString(text) {
		return "", ErrInvalidText
	}
	var b strings.Builder
	b.Grow(len(text))
	n := 0
	space := false
	for _, r := range text {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			continue
		case unicode.Is(unicode.Cf, r) && r != zwnj && r != zwj:
			continue
		}
		if space && n > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		b.WriteRune(r)
		n++
	}
	if n == 0 {
		return "", ErrEmptyText
	}
	if n > maxRunes {
		return "", fmt.Errorf("%w: %d characters, the limit is %d", ErrTextTooLong, n, maxRunes)
	}
	return b.String(), nil
}
