package tokenizer

import (
	"strings"
	"unicode"
)

// clean normalises a prompt the way CLIP's basic_clean and whitespace_clean
// do, then lower-cases it with Python's str.lower rules.
//
// ftfy.fix_text is approximated by the fixes that matter for typed prompts:
// HTML unescaping of references closed by ';' when the text holds no '<',
// Latin ligatures, full-width ASCII, curly quotes and control characters.
// Mojibake repair and NFC normalisation are not performed. The two
// html.unescape calls that follow are Python's exactly (pyUnescape).
func clean(text string) string {
	if !strings.Contains(text, "<") {
		text = ftfyUnescape(text)
	}
	text = fixChars(text)
	text = pyUnescape(pyUnescape(text))
	text = collapseSpace(text)
	return pyLower(text)
}

// ligatures maps the Latin ligatures ftfy expands.
var ligatures = map[rune]string{
	'Ĳ': "IJ", 'ĳ': "ij", 'Ŀ': "L·", 'ŀ': "l·", 'ŉ': "ʼn",
	'Ǆ': "DŽ", 'ǅ': "Dž", 'ǆ': "dž", 'Ǉ': "LJ", 'ǈ': "Lj", 'ǉ': "lj",
	'Ǌ': "NJ", 'ǋ': "Nj", 'ǌ': "nj", 'Ǳ': "DZ", 'ǲ': "Dz", 'ǳ': "dz",
	'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "ſt", 'ﬆ': "st",
}

// isControl reports whether ftfy's remove_control_chars drops r.
func isControl(r rune) bool {
	switch {
	case r <= 0x08, r == 0x0B, r >= 0x0E && r <= 0x1F, r == 0x7F:
		return true
	case r >= 0x206A && r <= 0x206F, r == 0xFEFF, r >= 0xFFF9 && r <= 0xFFFC:
		return true
	case r >= 0x1D173 && r <= 0x1D17A, r >= 0xE0000 && r <= 0xE007F:
		return true
	}
	return false
}

// fixChars applies the per-character ftfy fixes in ftfy's order:
// ligatures, character width, curly quotes, control characters.
func fixChars(text string) string {
	clean := true
	for _, r := range text {
		if r >= 0x80 || isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		if s, ok := ligatures[r]; ok {
			b.WriteString(s)
			continue
		}
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII variants
			r -= 0xFF01 - 0x21
		case r == 0x3000: // ideographic space
			r = ' '
		}
		switch {
		case r == 0x02BC || (r >= 0x2018 && r <= 0x201B):
			r = '\''
		case r >= 0x201C && r <= 0x201F:
			r = '"'
		}
		if isControl(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isPySpace reports whether Python's str.isspace holds for r.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1C && r <= 0x1F)
}

// collapseSpace replaces every run of white space with one space and trims
// both ends, like CLIP's whitespace_clean.
func collapseSpace(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	pending := false
	for _, r := range text {
		if isPySpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pyLower lower-cases like Python's str.lower: simple mappings, plus the
// full mapping of 'İ' to "i̇" and the Final_Sigma rule for 'Σ'.
func pyLower(text string) string {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(text)
	}
	rs := []rune(text)
	var b strings.Builder
	b.Grow(len(text))
	for i, r := range rs {
		switch r {
		case 'İ':
			b.WriteString("i\u0307")
		case 'Σ':
			if finalSigma(rs, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma reports whether the sigma at rs[i] ends a word: a cased letter
// precedes it and none follows it, skipping case-ignorable characters.
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && caseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !cased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && caseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !cased(rs[j])
}

func cased(r rune) bool {
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '·', '‘', '’', '․', '‧', '︓', '﹒', '﹕', '＇', '．', '：':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
