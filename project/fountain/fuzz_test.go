package fountain

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"kino/project"
	"kino/project/fountain/fountaintest"
)

// checkScript runs a script through everything an import does, and
// checks what a user relies on: no panic; errors are syntax errors with a
// line; every shot is valid; and the shots written back as Fountain read
// back the same.
func checkScript(t *testing.T, data []byte) {
	s, err := Parse(data)
	if err != nil {
		var se *SyntaxError
		if project.ErrorCode(err) != project.EINVALID || (!errors.As(err, &se) && !strings.Contains(err.Error(), "scripts up to")) {
			t.Fatalf("parse error without a line: %v", err)
		}
		return
	}
	r, err := Breakdown(s, Options{})
	if err != nil {
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("breakdown error without a line: %v", err)
		}
		return
	}
	shots, _, err := r.Shots(Casting{ByKey: Match(r.Characters, libraryCameos()), ByHandle: byHandle})
	if err != nil {
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("casting error without a line: %v", err)
		}
		return
	}
	ptrs := make([]*project.Shot, len(shots))
	for i := range shots {
		shots[i].Index = i
		if err := shots[i].Validate(r.Rate); err != nil {
			t.Fatalf("the breakdown made an invalid shot: %v", err)
		}
		ptrs[i] = &shots[i]
	}
	if len(shots) > 0 && len(data) < 64<<10 {
		got, script := reimport(t, r.Title, r.Rate, ptrs)
		sameShots(t, got, ptrs, script)
	}
}

// FuzzParse: no panic, valid shots and a lossless round trip for any
// input. The seed corpus is in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"last_firework.fountain", "am_strand.fountain"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScript(t, data)
	})
}

// TestParseOneMegabyteOfHostileText: scripts built to be slow for a
// careless parser (unclosed notes over thousands of lines, emphasis
// markers without partners, one enormous line, thousands of characters)
// are read in one pass.
func TestParseOneMegabyteOfHostileText(t *testing.T) {
	const mb = 1 << 20
	cases := map[string][]byte{
		"unclosed notes":                       bytes.Repeat([]byte("[[ note that never ends\n"), mb/24),
		"one line of markers":                  bytes.Repeat([]byte("*_ **a [[ /"), mb/11),
		"one note per line closing at the end": append(bytes.Repeat([]byte("a [[b\n"), mb/6), []byte("]]\n")...),
		"characters everywhere":                bytes.Repeat([]byte("\nNAME\nline\n"), mb/12),
		"headings":                             bytes.Repeat([]byte("\nINT. A - DAY\n"), mb/14),
		"feature":                              fountaintest.Feature(mb/6, 1),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			checkScript(t, data)
		})
	}
}
