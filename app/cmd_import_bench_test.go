package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kino/project/fountain/fountaintest"
	"kino/project/sqlite"
)

// BenchmarkImportFeature runs `kino import` of a generated 120-page
// screenplay (about 30,000 words) into a new project: reading the file,
// parsing, breaking down, casting and the one transaction that stores
// every shot (target: 1 s).
func BenchmarkImportFeature(b *testing.B) {
	b.Setenv("XDG_DATA_HOME", b.TempDir())
	dir := b.TempDir()
	script := filepath.Join(dir, "feature.fountain")
	if err := os.WriteFile(script, fountaintest.Feature(30000, 7), 0o644); err != nil {
		b.Fatal(err)
	}
	e := &env{Streams: Streams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		path := filepath.Join(dir, "Film"+strconv.Itoa(i)+".kino")
		p, err := sqlite.Create(path, "Film")
		if err != nil {
			b.Fatal(err)
		}
		p.Close()
		b.StartTimer()
		if err := cmdImport(context.Background(), e, []string{path, script}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	p, err := openProjectReadOnly(filepath.Join(dir, "Film1.kino"))
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	if n, err := shotCount(context.Background(), p); err != nil || n < 500 {
		b.Fatalf("the feature imported as %d shots (%v)", n, err)
	} else {
		b.ReportMetric(float64(n), "shots")
	}
}
