package export

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestOTIOFloatsKeepTheirPoint(t *testing.T) {
	b, _ := json.Marshal([]otioFloat{24, 29.97002997002997, 0, 120})
	if string(b) != "[24.0,29.97002997002997,0.0,120.0]" {
		t.Fatalf("got %s", b)
	}
}

// EDL text stays on one line of at most 70 characters and keeps UTF-8.
func TestEDLTextIsOneLine(t *testing.T) {
	got := edlText("Für Zoë\nat dusk · 花火 take 2 and a very long tail that goes past the seventy character limit of a line")
	if n := len([]rune(got)); n > 70 {
		t.Fatalf("%d characters", n)
	}
	if !strings.HasPrefix(got, "Für Zoë at dusk · 花火 take 2") || strings.ContainsAny(got, "\r\n") {
		t.Fatalf("got %q", got)
	}
}

// ASCII-safe names keep letters and digits, lose marks and turn anything
// else into one '_'.
func TestASCIISafe(t *testing.T) {
	for in, want := range map[string]string{"Strand ü 花火": "Strand_u", "Am Strand": "Am_Strand", "花火": "kino", "a/b:c": "a_b_c", "film.v2": "film.v2"} {
		if got := asciiSafe(in); got != want {
			t.Errorf("asciiSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
