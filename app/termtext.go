package app

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits for fields printed to a terminal: longer ones are cut with "…"
// (JSON output is never cut or escaped).
const (
	nameWidth    = 80   // names, handles, model packs, licences
	messageWidth = 2000 // one line of an error or note
)

// termText returns s safe to print on a terminal as part of one line:
// control characters (C0 including newline and tab, DEL, C1), Unicode
// bidirectional controls and invalid UTF-8 are shown as Go-style escapes
// (\x1b, \u202e), so a prompt, name or pack manifest can never move the
// cursor, set the window title or reorder the line around it. With
// max > 0 the result is cut to about max characters, ending in "…".
func termText(s string, max int) string {
	return escapeTerm(s, max, false)
}

// termLines is termText for text that may run over several lines (error
// messages, tool output): newlines and tabs are kept, and max applies to
// each line.
func termLines(s string, max int) string {
	return escapeTerm(s, max, true)
}

func escapeTerm(s string, max int, lines bool) string {
	// A huge field is cut before it is scanned (a character is at most
	// 4 bytes; a message may have a few dozen lines).
	if limit := 4 * max; max > 0 && !lines && len(s) > limit {
		s = s[:limit+1]
	} else if limit := 64 * max; max > 0 && lines && len(s) > limit {
		s = s[:limit+1]
	}
	var b strings.Builder
	n := 0 // characters on the current line
	cut := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if lines && (r == '\n' || r == '\t') {
			b.WriteRune(r)
			if r == '\n' {
				n, cut = 0, false
			}
			continue
		}
		if cut {
			continue
		}
		if max > 0 && n >= max {
			b.WriteString("…")
			cut = true
			if !lines {
				break
			}
			continue
		}
		n++
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i-1])
		case r < 0x20 || r == 0x7F:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xA0, isBidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidiControl reports whether r is a Unicode bidirectional formatting
// character (the "Trojan Source" set): LRM, RLM, ALM, the embeddings and
// overrides U+202A–U+202E and the isolates U+2066–U+2069.
func isBidiControl(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}
