package fountain

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"kino/project"
)

// MaxScriptBytes is the largest script Parse reads: 16 MiB, eight times the
// longest feature screenplays. Readers of files refuse larger files before
// reading them.
const MaxScriptBytes = 16 << 20

// SyntaxError is a problem with a script at a line. Its message starts
// with "line N:". It unwraps to an EINVALID project error.
type SyntaxError struct {
	Line int
	Msg  string
}

// Error implements error.
func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Unwrap makes the error an EINVALID project error for project.ErrorCode.
func (e *SyntaxError) Unwrap() error { return project.Errorf(project.EINVALID, "%s", e.Error()) }

func errAt(line int, format string, args ...any) error {
	return &SyntaxError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// srcLine is one logical line of the script after the boneyard is removed,
// with the number of the physical line it starts on.
type srcLine struct {
	text string
	num  int
}

// checkText refuses data that is not UTF-8 text, naming the line of the
// first problem.
func checkText(data []byte) error {
	if len(data) > MaxScriptBytes {
		return project.Errorf(project.EINVALID, "the script is %d bytes; Kino reads scripts up to %d MB", len(data), MaxScriptBytes>>20)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return errAt(lineOf(data, i), "the file holds binary data (a NUL byte), not a Fountain script")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return errAt(lineOf(data, i), "the script is not UTF-8 text (byte 0x%02X at column %d); save it as UTF-8", data[i], i-bytes.LastIndexByte(data[:i], '\n'))
	}
	return nil
}

// lineOf returns the 1-based line of byte offset i.
func lineOf(data []byte, i int) int {
	return bytes.Count(data[:i], []byte{'\n'}) + 1
}

// splitLines normalises line ends and control characters, removes the
// boneyard (/* ... */, which may span lines) and returns the logical lines.
// An unclosed /* is an error naming its line.
func splitLines(data []byte) ([]srcLine, error) {
	s := string(bytes.TrimPrefix(data, []byte("\uFEFF")))
	var out []srcLine
	var cur strings.Builder
	num, start := 1, 1
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			fallthrough
		case c == '\n':
			out = append(out, srcLine{text: cur.String(), num: start})
			cur.Reset()
			num++
			start = num
			i++
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return nil, errAt(num, "the boneyard opened here with /* is never closed with */")
			}
			skipped := s[i : i+2+end+2]
			num += strings.Count(skipped, "\n") + strings.Count(skipped, "\r") - strings.Count(skipped, "\r\n")
			i += len(skipped)
		case c < 0x20 && c != '\t' || c == 0x7f:
			cur.WriteByte(' ') // other control characters are not text
			i++
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			cur.WriteByte(' ') // nor are the C1 controls U+0080..U+009F
			i += 2
		default:
			cur.WriteByte(c)
			i++
		}
	}
	if cur.Len() > 0 || len(out) == 0 {
		out = append(out, srcLine{text: cur.String(), num: start})
	}
	return out, nil
}

// blank reports whether a line is empty. A line of two or more spaces is
// not blank: Fountain uses it to keep a paragraph (or a dialogue) going
// across an empty line.
func blank(s string) bool {
	return strings.TrimSpace(s) == "" && len(s) < 2
}

// empty reports whether a line has no text (blank, or spaces only).
func empty(s string) bool { return strings.TrimSpace(s) == "" }

// joinNotes merges lines so that a [[note]] spanning lines of one
// paragraph sits on one logical line (the note's line breaks kept as
// "\n"). A [[ not closed before the paragraph ends stays as written.
func joinNotes(lines []srcLine) []srcLine {
	out := make([]srcLine, 0, len(lines))
	noCloseBefore := -1 // no "]]" on lines before this index's paragraph end
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !openNote(l.text) || i < noCloseBefore {
			out = append(out, l)
			continue
		}
		j := i + 1
		for j < len(lines) && !blank(lines[j].text) && !strings.Contains(lines[j].text, "]]") {
			j++
		}
		if j >= len(lines) || blank(lines[j].text) {
			noCloseBefore = j
			out = append(out, l)
			continue
		}
		var b strings.Builder
		b.WriteString(l.text)
		for k := i + 1; k <= j; k++ {
			b.WriteString("\n")
			b.WriteString(lines[k].text)
		}
		merged := srcLine{text: b.String(), num: l.num}
		// The last joined line may open another note: look again.
		lines[j] = merged
		i = j - 1
		if !openNote(merged.text) {
			out = append(out, merged)
			i = j
		}
	}
	return out
}

// openNote reports whether s has a "[[" not closed by a later "]]".
func openNote(s string) bool {
	o := strings.LastIndex(s, "[[")
	return o >= 0 && !strings.Contains(s[o+2:], "]]")
}
