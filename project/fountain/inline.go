package fountain

import (
	"strings"
)

// cutNotes removes the [[notes]] from s and returns the rest and the
// notes' texts (trimmed). A "[[" without a closing "]]" stays as text.
func cutNotes(s string) (string, []string) {
	if !strings.Contains(s, "[[") {
		return s, nil
	}
	var b strings.Builder
	var notes []string
	for {
		o := strings.Index(s, "[[")
		if o < 0 {
			break
		}
		c := strings.Index(s[o+2:], "]]")
		if c < 0 {
			break
		}
		b.WriteString(s[:o])
		notes = append(notes, strings.TrimSpace(s[o+2:o+2+c]))
		s = s[o+2+c+2:]
	}
	b.WriteString(s)
	return b.String(), notes
}

// plain removes emphasis markup (*italic*, **bold**, ***both***,
// _underline_) from one line and resolves the escapes \* and \_. A marker
// without a partner on the same line stays as written. It runs in time
// linear in the line's length.
func plain(s string) string {
	if !strings.ContainsAny(s, "*_\\") {
		return s
	}
	type mark struct {
		at, n int  // byte offset and length of the marker
		c     byte // '*' or '_'
	}
	// Find the markers and escapes.
	var marks []mark
	esc := map[int]bool{} // offsets of backslashes that escape a marker
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '_' || s[i+1] == '\\') {
				esc[i] = true
				i++
			}
		case '*', '_':
			n := 1
			for i+n < len(s) && s[i+n] == c && n < 3 {
				n++
			}
			if c == '_' {
				n = 1
			}
			marks = append(marks, mark{at: i, n: n, c: c})
			i += n - 1
		}
	}
	// Pair them: an opener is followed by a non-space, a closer preceded
	// by one; each kind (*, **, ***, _) pairs with its own kind.
	drop := map[int]int{} // offset -> length of markup to drop
	open := map[[2]int]int{}
	for _, m := range marks {
		k := [2]int{int(m.c), m.n}
		before := m.at > 0 && s[m.at-1] != ' ' && s[m.at-1] != '\t'
		after := m.at+m.n < len(s) && s[m.at+m.n] != ' ' && s[m.at+m.n] != '\t'
		if o, ok := open[k]; ok && before {
			drop[o], drop[m.at] = m.n, m.n
			delete(open, k)
			continue
		}
		if after {
			open[k] = m.at
		}
	}
	if len(drop) == 0 && len(esc) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if n, ok := drop[i]; ok {
			i += n - 1
			continue
		}
		if esc[i] {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escape writes text so that plain(escape(t)) == t: every '*', '_' and
// '\' is escaped with a backslash.
func escape(t string) string {
	if !strings.ContainsAny(t, "*_\\") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if c := t[i]; c == '*' || c == '_' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// clean returns one line's text without notes and emphasis, and its notes.
func clean(s string) (string, []string) {
	t, notes := cutNotes(s)
	return plain(t), notes
}
