package speech

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Hello, this is Kino.", "Hello, this is Kino."},
		{"  Ich bin\tam\n\nStrand  ", "Ich bin am Strand"},
		{"Grüße aus München, Straße", "Grüße aus München, Straße"},
		{"bell\a and\x00 nul\x1b[31m", "bell and nul[31m"},
		{"\ufeffbom \u200bzero width", "bom zero width"},
		{"line\r\nbreak\u2028sep", "line break sep"},
		{"می\u200cخواهم", "می\u200cخواهم"}, // ZWNJ is part of the word
		{"\x7fdel\u0085", "del"},
	}
	for _, c := range cases {
		got, err := CleanText(c.in)
		if err != nil {
			t.Errorf("CleanText(%q): %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("CleanText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCleanTextErrors(t *testing.T) {
	cases := []struct {
		in   string
		want error
	}{
		{"", ErrEmptyText},
		{" \t\n ", ErrEmptyText},
		{"\x00\x01\u200b", ErrEmptyText},
		{"bad \xff byte", ErrInvalidText},
		{strings.Repeat("ä", MaxTextRunes+1), ErrTextTooLong},
	}
	for _, c := range cases {
		if _, err := CleanText(c.in); !errors.Is(err, c.want) {
			t.Errorf("CleanText(%.20q): got %v, want %v", c.in, err, c.want)
		}
	}
	// The limit counts characters, not bytes, and is inclusive.
	long := strings.Repeat("ä", MaxTextRunes)
	if got, err := CleanText(long); err != nil || got != long {
		t.Errorf("a line of exactly MaxTextRunes characters: err %v", err)
	}
}
