package locale

import (
	"os"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := []struct {
		lcAll, lang, language string
		want                  bool
	}{
		{"", "C.UTF-8", "", true},
		{"", "POSIX.utf8", "", true},
		{"C.UTF-8", "de_DE.UTF-8", "", true}, // LC_ALL wins
		{"", "C", "", false},                 // plain C is understood as "no language"
		{"", "de_DE.UTF-8", "", false},
		{"", "C.UTF-8", "de", false}, // the person chose a language
		{"", "", "", false},
	}
	for _, c := range cases {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		t.Setenv("LANGUAGE", c.language)
		got := Normalize()
		if got != c.want {
			t.Errorf("LC_ALL=%q LANG=%q LANGUAGE=%q: Normalize() = %v, want %v", c.lcAll, c.lang, c.language, got, c.want)
		}
		if want := map[bool]string{true: "en", false: c.language}[got]; os.Getenv("LANGUAGE") != want {
			t.Errorf("LANG=%q: LANGUAGE is %q, want %q", c.lang, os.Getenv("LANGUAGE"), want)
		}
	}
}
