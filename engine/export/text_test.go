package export

import "testing"

// ASCII-safe names keep letters and digits, lose marks and turn anything
// else into one '_'.
func TestASCIISafe(t *testing.T) {
	for in, want := range map[string]string{"Strand ü 花火": "Strand_u", "Am Strand": "Am_Strand", "花火": "kino", "a/b:c": "a_b_c", "film.v2": "film.v2"} {
		if got := asciiSafe(in); got != want {
			t.Errorf("asciiSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
