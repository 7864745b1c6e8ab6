package speech

import (
	"errors"
	"strings"
	"testing"
)

func TestVoiceValidate(t *testing.T) {
	good := []Voice{
		{},
		{Language: "en"},
		{Language: "en-us", Variant: "f3", Pitch: 100, Rate: 450},
		{Language: "de", Pitch: 1, Rate: 80},
		{Language: "en+m1"},
		{Language: "pt_BR"},
	}
	for _, v := range good {
		if err := v.Validate(); err != nil {
			t.Errorf("%+v: unexpected error %v", v, err)
		}
	}
	bad := []Voice{
		{Pitch: -1},
		{Pitch: 101},
		{Rate: 79},
		{Rate: 451},
		{Rate: -5},
		{Language: "en us"},
		{Language: "../../etc/passwd"},
		{Language: "en", Variant: "f3;rm"},
		{Language: "en+f3", Variant: "m1"},
		{Language: "en+"},
		{Language: strings.Repeat("a", maxNameLength+1)},
		{Language: "de", Variant: "ö"},
	}
	for _, v := range bad {
		err := v.Validate()
		if !errors.Is(err, ErrInvalidVoice) {
			t.Errorf("%+v: got %v, want ErrInvalidVoice", v, err)
		}
	}
}

func TestVoiceDefaults(t *testing.T) {
	cases := []struct {
		in   Voice
		want Voice
		name string
	}{
		{Voice{}, Voice{Language: "en", Pitch: 50, Rate: 175}, "en"},
		{Voice{Language: "de", Variant: "f3", Pitch: 70, Rate: 200}, Voice{Language: "de", Variant: "f3", Pitch: 70, Rate: 200}, "de+f3"},
		{Voice{Language: "en+m1"}, Voice{Language: "en", Variant: "m1", Pitch: 50, Rate: 175}, "en+m1"},
	}
	for _, c := range cases {
		got := c.in.withDefaults()
		if got != c.want {
			t.Errorf("%+v.withDefaults() = %+v, want %+v", c.in, got, c.want)
		}
		if n := got.espeakName(); n != c.name {
			t.Errorf("%+v espeak name %q, want %q", c.in, n, c.name)
		}
	}
}
