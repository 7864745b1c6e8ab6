package app

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/media"
	"kino/project"
)

// BenchmarkExportHashCheck60s720p exports a generated 60-second 720p shot
// to MP4 (ffmpeg) and reports what checking its media's hashes adds: the
// time to open the take with the check minus without it, against the
// whole export. Run with -benchtime 1x; it generates the shot first.
func BenchmarkExportHashCheck60s720p(b *testing.B) {
	b.Setenv("XDG_DATA_HOME", b.TempDir())
	film := filepath.Join(b.TempDir(), "film.kino")
	run := func(args ...string) string {
		var out, errb stringsBuilder
		if code := Run(context.Background(), args, Streams{Out: &out, Err: &errb}); code != 0 {
			b.Fatalf("kino %v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	run("new", film, "--size", "1280x720")
	run("shot", "add", film, "fireworks over the harbour at night, a city street in the rain", "--duration", "60s", "--seed", "5")
	run("generate", film, "1")
	var takes []struct {
		Frames int64             `json:"frames"`
		Files  map[string]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(run("take", "list", film, "1", "--json")), &takes); err != nil || len(takes) != 1 {
		b.Fatalf("take list: %v", err)
	}
	info := engine.ClipInfo{Frames: int(takes[0].Frames), Rate: project.DefaultRate}
	open := func(opts media.StoredOptions) time.Duration {
		start := time.Now()
		c, err := media.OpenStoredClipWith(takes[0].Files["video"], takes[0].Files["audio"], info, opts)
		if err != nil {
			b.Fatal(err)
		}
		c.Close()
		return time.Since(start)
	}
	out := filepath.Join(b.TempDir(), "cut.mp4")
	b.ResetTimer()
	var export, hash time.Duration
	for range b.N {
		start := time.Now()
		run("export", film, "--out", out, "--force")
		export += time.Since(start)
		b.StopTimer()
		for range 3 {
			hash += (open(media.StoredOptions{}) - open(media.StoredOptions{Unverified: true})) / 3
		}
		b.StartTimer()
	}
	b.ReportMetric(export.Seconds()/float64(b.N), "export-s")
	b.ReportMetric(float64(hash.Milliseconds())/float64(b.N), "hash-ms")
	b.ReportMetric(100*hash.Seconds()/export.Seconds(), "hash-%")
}

// stringsBuilder is a strings.Builder usable as an io.Writer value.
type stringsBuilder struct{ b []byte }

func (s *stringsBuilder) Write(p []byte) (int, error) { s.b = append(s.b, p...); return len(p), nil }
func (s *stringsBuilder) String() string              { return string(s.b) }
