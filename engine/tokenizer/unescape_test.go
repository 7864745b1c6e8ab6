package tokenizer

import (
	"encoding/json"
	"os"
	"testing"
)

// TestUnescapeMatchesPython: CLIP cleans every prompt with Python's
// html.unescape, twice. testdata/unescape/python_unescape.json holds what
// Python 3.11's html.unescape gave for 4,030 strings made of the pieces of
// character references (generate.py writes it); a prompt that Go decodes
// differently gets different ids than the model was trained with.
func TestUnescapeMatchesPython(t *testing.T) {
	data, err := os.ReadFile("testdata/unescape/python_unescape.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ In, Out string }
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 4000 {
		t.Fatalf("only %d cases", len(cases))
	}
	bad := 0
	for _, c := range cases {
		if got := pyUnescape(c.In); got != c.Out {
			if bad++; bad <= 10 {
				t.Errorf("pyUnescape(%q) = %q, Python gives %q", c.In, got, c.Out)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d differ from Python", bad, len(cases))
	}
}

// TestFtfyUnescapeNeedsTheSemicolon: ftfy decodes only references closed
// by ';' and known whole; Python's html.unescape, which CLIP applies next,
// decodes the rest.
func TestFtfyUnescapeNeedsTheSemicolon(t *testing.T) {
	for in, want := range map[string]string{
		"&amp;":               "&",
		"&amp":                "&amp",
		"&ampx;":              "&ampx;",
		"&#65;":               "A",
		"&#65":                "&#65",
		"&#59;":               "&#59;",
		"fish &amp; chips":    "fish & chips",
		"&semi;":              ";",
		"&#x1F305; at 6":      "\U0001F305 at 6",
		"&#3;":                "",
		"&NotNestedLessLess;": "\u2aa1\u0338",
	} {
		if got := ftfyUnescape(in); got != want {
			t.Errorf("ftfyUnescape(%q) = %q, want %q", in, got, want)
		}
	}
}
