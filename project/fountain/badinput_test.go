package fountain

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"kino/project"
)

// TestParseRefusesWhatIsNotAScript: a clear message with the line, and
// a domain error code, for binary data, other encodings, an unclosed
// boneyard and an oversized script.
func TestParseRefusesWhatIsNotAScript(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"binary", png, "line 3: the file holds binary data"},
		{"latin-1", []byte("INT. KÜCHE - NACHT\n\nJörg wartet.\n\nDer Kaffee ist hei\xdf.\n"), "line 5: the script is not UTF-8 text (byte 0xDF at column 19)"},
		{"boneyard", []byte("INT. ROOM - DAY\n\nAna waits.\n\n/* cut\n\nTOM\nHello.\n"), "line 5: the boneyard opened here with /* is never closed with */"},
		{"boneyard after a closed one", []byte("/* a */ Ana waits.\n\n/* b\n*/\n\nTom waits. /* c\n"), "line 6: the boneyard"},
		{"too large", bytes.Repeat([]byte("Ana waits.\n"), MaxScriptBytes/10), "Kino reads scripts up to 16 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if s != nil {
				t.Fatal("a script came back with the error")
			}
			if project.ErrorCode(err) != project.EINVALID {
				t.Fatalf("error code %s, want %s", project.ErrorCode(err), project.EINVALID)
			}
		})
	}
	var se *SyntaxError
	_, err := Parse([]byte("ok\n/*"))
	if !errors.As(err, &se) || se.Line != 2 {
		t.Fatalf("error %v: no SyntaxError for line 2", err)
	}
}

func TestParseReadsLineEndsAndOddCharacters(t *testing.T) {
	// CRLF, CR, a byte-order mark and control characters are text.
	s, err := Parse([]byte("\uFEFFINT. ROOM - DAY\r\n\r\nAna\x07 waits.\rTom too.\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := listing(s); got != "1 scene INT. ROOM - DAY\n3 action Ana  waits.⏎Tom too.\n" {
		t.Fatalf("elements:\n%s", got)
	}
}
