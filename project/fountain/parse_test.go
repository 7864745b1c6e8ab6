package fountain

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected element lists in testdata")

// listing is a script's title page and elements, one per line, as the
// expected lists in testdata hold them.
func listing(s *Script) string {
	var b strings.Builder
	for _, t := range s.TitlePage {
		b.WriteString("title " + t.Key + ": " + strings.ReplaceAll(t.Value, "\n", "⏎") + "\n")
	}
	for _, e := range s.Elements {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

// TestParseScreenplays checks the two test screenplays (one English with
// every element, one German) against their expected element lists.
func TestParseScreenplays(t *testing.T) {
	for _, name := range []string{"last_firework", "am_strand"} {
		t.Run(name, func(t *testing.T) {
			got := listing(mustParse(t, name+".fountain"))
			path := filepath.Join("testdata", name+".elements")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Fatalf("elements differ from %s:\n%s", path, diffLines(got, string(want)))
			}
		})
	}
}

// diffLines lists the lines of got and want that differ.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			b.WriteString("got:  " + gl + "\nwant: " + wl + "\n")
		}
	}
	return b.String()
}
