package scene

import (
	"unicode"
	"unicode/utf8"
)

// token is one word, @handle or symbol of a prompt.
type token struct {
	start, end int    // byte span in the source text
	norm       string // folded form (see fold)
	upper      bool   // starts with an upper-case letter
	word       bool   // made of letters or digits (a candidate content word)
	num        int    // value of an all-digit word, -1 otherwise
	handle     bool   // an @handle; norm is "@name" in lower case
	sym        bool   // an emoji or other symbol
	stop       bool   // sentence punctuation (. ! ? ; :) comes right before it
	comma      bool   // a comma comes right before it
	umlaut     bool   // the source spells it with ä, ö, ü or ß
	caps       bool   // every letter is a capital ("MARTHA")
}

// maxWordBytes bounds the work spent on one word: longer "words" are kept
// as tokens but never looked up by suffix or compound part.
const maxWordBytes = 48

// tokenize splits s into tokens, appending them to dst. It runs in one pass
// over s. Words are folded to lower case with umlauts spelled out (ä → ae,
// ß → ss) and accents dropped, so "Straße", "strasse" and "STRASSE" meet.
// Hyphens, slashes and other punctuation split words ("close-up" → close,
// up); apostrophes inside words are dropped ("bird's" → birds), except that
// "I'm", "I'll" and the like split into "i" and the rest.
func tokenize(s string, dst []token) []token {
	var buf []byte
	stop, comma := false, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '@' && i+1 < len(s) && isASCIILetter(s[i+1]) && (i == 0 || !isWordByte(s[i-1])):
			j := i + 1
			for j < len(s) && isHandleByte(s[j]) {
				j++
			}
			for j > i+2 && s[j-1] == '.' { // a full stop after a handle ends the sentence
				j--
			}
			buf = append(buf[:0], '@')
			for k := i + 1; k < j; k++ {
				buf = append(buf, lowerASCII(s[k]))
			}
			dst = append(dst, token{start: i, end: j, norm: string(buf), handle: true, word: true, num: -1, stop: stop, comma: comma})
			stop, comma = false, false
			i = j
		case isWordRune(r) && !isApostrophe(r):
			t, next := scanWord(s, i, &buf)
			t.stop, t.comma = stop, comma
			stop, comma = false, false
			dst = append(dst, t)
			i = next
		case isSymbol(r):
			dst = append(dst, token{start: i, end: i + size, norm: s[i : i+size], sym: true, num: -1, stop: stop, comma: comma})
			stop, comma = false, false
			i += size
		default:
			switch r {
			case '.', '!', '?', ';', ':', '…', '¡', '¿':
				stop = true
			case ',':
				comma = true
			}
			i += size
		}
	}
	return dst
}

// scanWord reads the word starting at i and returns it with the index just
// past it.
func scanWord(s string, i int, buf *[]byte) (token, int) {
	t := token{start: i, word: true, num: -1}
	ascii := true // every byte so far is a lower-case ASCII letter or digit
	digits := true
	caps, letters := true, 0
	j := i
	first := true
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isApostrophe(r) {
			// Keep going only if a letter follows.
			k := j + size
			if k >= len(s) {
				break
			}
			nr, _ := utf8.DecodeRuneInString(s[k:])
			if !unicode.IsLetter(nr) {
				break
			}
			if j-i == 1 && (s[i] == 'I' || s[i] == 'i') { // I'm, I'll, I've, I'd
				break
			}
			ascii = false
			digits = false
			j = k
			continue
		}
		if !isWordRune(r) {
			break
		}
		if first {
			t.upper = unicode.IsUpper(r)
			first = false
		}
		if r >= 0x80 || r >= 'A' && r <= 'Z' {
			ascii = false
		}
		if r < '0' || r > '9' {
			digits = false
		}
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				caps = false
			}
		}
		if r == 'ä' || r == 'ö' || r == 'ü' || r == 'ß' || r == 'Ä' || r == 'Ö' || r == 'Ü' || r == 'ẞ' {
			t.umlaut = true
		}
		j += size
	}
	if j == i { // cannot happen for a word rune, but never stall
		_, size := utf8.DecodeRuneInString(s[i:])
		j += size
	}
	t.end = j
	t.caps = caps && letters >= 2
	if ascii {
		t.norm = s[i:j]
	} else {
		t.norm = fold(s[i:j], buf)
	}
	if digits {
		n := 0
		for k := i; k < j && n < 1_000_000; k++ {
			n = n*10 + int(s[k]-'0')
		}
		t.num = min(n, 1_000_000)
	}
	return t, j
}

// fold returns s in lower case with umlauts spelled out, ß as ss, common
// accents dropped, combining marks removed and apostrophes left out.
func fold(s string, buf *[]byte) string {
	b := (*buf)[:0]
	for _, r := range s {
		if isApostrophe(r) {
			continue
		}
		if r == 0x0308 { // combining diaeresis: a + ̈ → ae
			if n := len(b); n > 0 && (b[n-1] == 'a' || b[n-1] == 'o' || b[n-1] == 'u') {
				b = append(b, 'e')
			}
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case 'ä', 'æ':
			b = append(b, 'a', 'e')
		case 'ö', 'œ':
			b = append(b, 'o', 'e')
		case 'ü':
			b = append(b, 'u', 'e')
		case 'ß':
			b = append(b, 's', 's')
		case 'à', 'á', 'â', 'ã', 'å', 'ā':
			b = append(b, 'a')
		case 'ç':
			b = append(b, 'c')
		case 'è', 'é', 'ê', 'ë', 'ē':
			b = append(b, 'e')
		case 'ì', 'í', 'î', 'ï':
			b = append(b, 'i')
		case 'ñ':
			b = append(b, 'n')
		case 'ò', 'ó', 'ô', 'õ', 'ø':
			b = append(b, 'o')
		case 'ù', 'ú', 'û':
			b = append(b, 'u')
		case 'ý', 'ÿ':
			b = append(b, 'y')
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	*buf = b
	return string(b)
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// isSymbol reports whether r is an emoji or other pictograph worth a token.
// Joiners, variation selectors and skin-tone modifiers are not.
func isSymbol(r rune) bool {
	if r < 0x2000 || r == 0x200D || r == 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF {
		return false
	}
	return unicode.Is(unicode.So, r)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isHandleByte(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.'
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
