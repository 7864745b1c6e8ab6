package format

import "strings"

// Text in the storyboard PDF falls back to the standard Helvetica fonts
// with WinAnsiEncoding (Windows code page 1252) when its TrueType fonts are
// not installed, text drawn into frames uses a small ASCII bitmap font, and
// the hand-off's --ascii-names folds file names to ASCII. These functions
// fold Unicode text into those character sets: characters the set has are kept, Latin letters with
// marks it lacks lose the marks ("ł" becomes "l"), typographic spaces and
// dashes become their plain forms, and anything else (Greek, Cyrillic,
// CJK, emoji) becomes "?".

// winAnsiHigh maps the characters of code page 1252's 0x80-0x9F block.
var winAnsiHigh = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// latinExtA gives the base letter of U+0100 to U+017F; '*' marks the
// characters handled by latinExtASpecial or winAnsiHigh.
const latinExtA = "AaAaAaCcCcCcCcDd" + "DdEeEeEeEeEeGgGg" + "GgGgHhHhIiIiIiIi" + "Ii**JjKkkLlLlLlL" +
	"lLlNnNnNn*NnOoOo" + "Oo**RrRrRrSsSsSs" + "**TtTtTtUuUuUuUu" + "UuUuWwYy*ZzZz**s"

var latinExtASpecial = map[rune]string{0x132: "IJ", 0x133: "ij", 0x149: "'n"}

// fallbackFold handles punctuation and spaces outside both sets.
func fallbackFold(r rune) (string, bool) {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return " ", true
	case r >= 0x2000 && r <= 0x200A, r == 0x202F, r == 0x205F, r == 0x3000:
		return " ", true
	case r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF || r == 0xAD:
		return "", true // invisible
	case r >= 0x2010 && r <= 0x2012, r == 0x2212, r == 0x2043:
		return "-", true
	case r == 0x2015:
		return "—", true
	case r == 0x2032 || r == 0x02BC:
		return "'", true
	case r == 0x2033:
		return "\"", true
	case r >= 0x100 && r < 0x180:
		if s, ok := latinExtASpecial[r]; ok {
			return s, true
		}
		if c := latinExtA[r-0x100]; c != '*' {
			return string(c), true
		}
	}
	return "", false
}

// ToWinAnsi encodes s in code page 1252 for a PDF string. It reports
// whether any character had to be replaced by "?".
func ToWinAnsi(s string) (out []byte, lossy bool) {
	out = make([]byte, 0, len(s))
	var put func(r rune)
	put = func(r rune) {
		switch {
		case r >= 0x20 && r < 0x7F, r >= 0xA0 && r <= 0xFF:
			out = append(out, byte(r))
			return
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
			if r == '\t' || r == '\n' || r == '\r' {
				out = append(out, ' ')
			}
			return
		}
		if b, ok := winAnsiHigh[r]; ok {
			out = append(out, b)
			return
		}
		if f, ok := fallbackFold(r); ok {
			for _, q := range f {
				put(q)
			}
			return
		}
		out = append(out, '?')
		lossy = true
	}
	for _, r := range s {
		put(r)
	}
	return out, lossy
}

// latin1Base gives an ASCII spelling of U+00C0 to U+00FF; '*' marks those
// spelled with two letters.
const latin1Base = "AAAAAA*CEEEEIIII" + "DNOOOOOxOUUUUY**" + "aaaaaa*ceeeeiiii" + "dnooooo/ouuuuy*y"

var latin1Special = map[rune]string{0xC6: "AE", 0xDE: "Th", 0xDF: "ss", 0xE6: "ae", 0xFE: "th"}

// asciiHigh spells a few code page 1252 punctuation marks in ASCII.
var asciiHigh = map[rune]string{
	'‘': "'", '’': "'", '‚': "'", '“': "\"", '”': "\"", '„': "\"", '«': "\"", '»': "\"",
	'‹': "<", '›': ">", '–': "-", '—': "-", '…': "...", '•': "*", '€': "EUR", '™': "TM",
	'Š': "S", 'š': "s", 'Ž': "Z", 'ž': "z", 'Œ': "OE", 'œ': "oe", 'Ÿ': "Y", 'ƒ': "f",
	'×': "x", '÷': "/", 0xA0: " ",
}

// ToASCII folds s for the bitmap font; '·' (U+00B7) is kept, since the
// font draws it.
func ToASCII(s string) string {
	var b strings.Builder
	var put func(r rune)
	put = func(r rune) {
		switch {
		case r >= 0x20 && r < 0x7F, r == '·':
			b.WriteRune(r)
			return
		case r >= 0xC0 && r <= 0xFF:
			if sp, ok := latin1Special[r]; ok {
				b.WriteString(sp)
			} else {
				b.WriteByte(latin1Base[r-0xC0])
			}
			return
		}
		if a, ok := asciiHigh[r]; ok {
			b.WriteString(a)
			return
		}
		if f, ok := fallbackFold(r); ok {
			for _, q := range f {
				put(q)
			}
			return
		}
		if r < 0x20 || r == 0x7F {
			return
		}
		b.WriteByte('?')
	}
	for _, r := range s {
		put(r)
	}
	return b.String()
}
