package fountain

import (
	"bytes"
	"strings"
	"testing"

	"kino/project"
	"kino/project/fountain/fountaintest"
)

// feature is a 120-page script: about 30,000 words.
var feature = fountaintest.Feature(30000, 7)

func TestFeatureScriptIsFeatureLength(t *testing.T) {
	words := len(strings.Fields(string(feature)))
	if words < 29000 || words > 32000 {
		t.Fatalf("the generated feature has %d words, want about 30,000", words)
	}
	r, err := Breakdown(mustParseBytes(t, feature), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Drafts) < 500 {
		t.Fatalf("the feature breaks down into only %d shots", len(r.Drafts))
	}
}

func mustParseBytes(t testing.TB, data []byte) *Script {
	t.Helper()
	s, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// BenchmarkParseFeature parses a 120-page screenplay (target: 50 ms).
func BenchmarkParseFeature(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(feature)))
	for b.Loop() {
		if _, err := Parse(feature); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBreakdownFeature parses, breaks down and casts a 120-page
// screenplay: everything an import does before the database.
func BenchmarkBreakdownFeature(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := Parse(feature)
		if err != nil {
			b.Fatal(err)
		}
		r, err := Breakdown(s, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := r.Shots(Casting{ByKey: Match(r.Characters, libraryCameos())}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteFeature writes a 120-page screenplay's shots back as
// Fountain (each shot checked by reading it back).
func BenchmarkWriteFeature(b *testing.B) {
	r, err := Breakdown(mustParseBytes(b, feature), Options{})
	if err != nil {
		b.Fatal(err)
	}
	shots, _, err := r.Shots(Casting{})
	if err != nil {
		b.Fatal(err)
	}
	ptrs := make([]*project.Shot, len(shots))
	for i := range shots {
		ptrs[i] = &shots[i]
	}
	b.ReportAllocs()
	for b.Loop() {
		var w bytes.Buffer
		if err := Write(&w, Film{Title: "A Feature", Shots: ptrs}); err != nil {
			b.Fatal(err)
		}
	}
}
