package fountain

import (
	"os"
	"path/filepath"
	"testing"
)

func mustParse(t testing.TB, name string) *Script {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(data)
	if err != nil {
		t.Fatalf("parsing %s: %v", name, err)
	}
	return s
}

func mustBreakdown(t testing.TB, name string, opts Options) *Result {
	t.Helper()
	r, err := Breakdown(mustParse(t, name), opts)
	if err != nil {
		t.Fatalf("breaking down %s: %v", name, err)
	}
	return r
}
