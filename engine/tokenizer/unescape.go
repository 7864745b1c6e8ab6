package tokenizer

import (
	"html"
	"strings"
	"unicode/utf8"
)

// pyUnescape decodes HTML character references exactly as Python's
// html.unescape does, which CLIP's basic_clean calls twice. Go's
// html.UnescapeString differs on numeric references: it keeps "&#6" and
// "&#x;" as written and turns "&#3;" into a control character, where
// Python drops the invalid code points and decodes short references.
// Named references are looked up in the same WHATWG table by both.
func pyUnescape(s string) string { return replaceReferences(s, pyReference) }

// replaceReferences replaces each reference in s that ref recognises (it
// returns the bytes it used, 0 for none, and what to write instead).
func replaceReferences(s string, ref func(string) (int, string)) string {
	amp := strings.IndexByte(s, '&')
	if amp < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for amp >= 0 {
		b.WriteString(s[:amp])
		s = s[amp:]
		n, out := ref(s)
		if n == 0 {
			b.WriteByte('&')
			n = 1
		} else {
			b.WriteString(out)
		}
		s = s[n:]
		amp = strings.IndexByte(s, '&')
	}
	b.WriteString(s)
	return b.String()
}

// pyReference decodes the reference at the start of s (which begins with
// '&') and returns how many bytes it used; 0 when Python's pattern
// &(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?) does not match.
func pyReference(s string) (int, string) {
	if len(s) > 1 && s[1] == '#' {
		i, base := 2, 10
		if len(s) > 2 && (s[2] == 'x' || s[2] == 'X') {
			i, base = 3, 16
		}
		start := i
		num, big := 0, false
		for i < len(s) && digitValue(s[i], base) >= 0 {
			if num = num*base + digitValue(s[i], base); num > 0x10FFFF {
				big = true
				num = 0x110000
			}
			i++
		}
		if i == start {
			return 0, ""
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		if big {
			return i, "\uFFFD"
		}
		return i, pyCodePoint(num)
	}
	// A named reference: up to 32 characters other than \t \n \f space < & # ;
	i, runes := 1, 0
	for i < len(s) && runes < 32 {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '\t' || r == '\n' || r == '\f' || r == ' ' || r == '<' || r == '&' || r == '#' || r == ';' {
			break
		}
		i += w
		runes++
	}
	if runes == 0 {
		return 0, ""
	}
	if i < len(s) && s[i] == ';' {
		i++
	}
	// The WHATWG table and its longest-prefix rule for names written
	// without ';' are the same in Go's html package; give it just this
	// reference so that it cannot read further than Python would.
	return i, html.UnescapeString(s[:i])
}

func digitValue(c byte, base int) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// windows1252 is what Python (and HTML) read for the references &#128;
// to &#159;, as Windows-1252 would print those bytes; the five bytes that
// code page leaves undefined stay themselves.
var windows1252 = [32]rune{
	'\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
	'\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
	'\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
	'\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178',
}

// pyCodePoint is what Python's html.unescape writes for a numeric
// reference to n (n <= 0x110000).
func pyCodePoint(n int) string {
	switch {
	case n == 0:
		return "\uFFFD"
	case n == 0x0D:
		return "\r"
	case n >= 0x80 && n <= 0x9F:
		return string(windows1252[n-0x80])
	case n >= 0xD800 && n <= 0xDFFF, n > 0x10FFFF:
		return "\uFFFD"
	case n >= 0x01 && n <= 0x08, n == 0x0B, n >= 0x0E && n <= 0x1F, n == 0x7F,
		n >= 0xFDD0 && n <= 0xFDEF, n&0xFFFE == 0xFFFE:
		return "" // Python's invalid code points are dropped
	}
	return string(rune(n))
}

// ftfyUnescape is ftfy's unescape_html: only references closed by ';'
// (&#?[0-9A-Za-z]{1,24};) are decoded, a name only when the WHATWG table
// has it exactly, a number only when Python's html.unescape uses the ';'.
// ftfy's extra all-capitals names (such as &EACUTE;) are not decoded.
func ftfyUnescape(s string) string { return replaceReferences(s, ftfyReference) }

func ftfyReference(s string) (int, string) {
	i := 1
	if len(s) > 1 && s[1] == '#' {
		i = 2
	}
	start := i
	for i < len(s) && i-start < 24 && isASCIIAlnum(s[i]) {
		i++
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return 0, ""
	}
	ref := s[:i+1]
	if start == 2 {
		n, out := pyReference(ref)
		if n != len(ref) || strings.Contains(out, ";") {
			return 0, ""
		}
		return n, out
	}
	out := html.UnescapeString(ref)
	// A name the table lacks is either kept whole or decoded by a shorter
	// prefix, which leaves the rest and the ';' behind.
	if out == ref || (strings.HasSuffix(out, ";") && ref != "&semi;") {
		return 0, ""
	}
	return len(ref), out
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
