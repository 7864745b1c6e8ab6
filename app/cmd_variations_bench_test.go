package app

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"kino/engine/render"
	"kino/project"
	"kino/project/sqlite"
)

// BenchmarkGenerateVariations720p times what `kino generate --variations`
// does for a 5 s 720p previz shot: one take, then four variations rendered
// together, and reports the four's wall time as a multiple of the one's
// (target ≤ 4: one take already uses every core, so any gain comes from
// overlapping one take's sound, encoding and storing with another's
// frames).
func BenchmarkGenerateVariations720p(b *testing.B) {
	b.Setenv("XDG_DATA_HOME", b.TempDir())
	ctx := context.Background()
	p, err := sqlite.Create(filepath.Join(b.TempDir(), "v.kino"), "Variations")
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	settings, err := p.Project(ctx)
	if err != nil {
		b.Fatal(err)
	}
	settings.Resolution = project.Resolution{Width: 1280, Height: 720}
	if _, err := p.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
		b.Fatal(err)
	}
	s := project.NewShot("me on the beach at sunset with a glass of champagne while fireworks cut the sky", settings.Rate, 1)
	s.Duration = project.Seconds(5, settings.Rate)
	added, err := p.Apply(ctx, project.AddShot{Shot: *s})
	if err != nil {
		b.Fatal(err)
	}
	shot, err := p.Shot(ctx, added.ID)
	if err != nil {
		b.Fatal(err)
	}
	backend, err := backendNamed("previz")
	if err != nil {
		b.Fatal(err)
	}
	var errs bytes.Buffer
	e := &env{Streams: Streams{Out: &errs, Err: &errs}}
	seed := uint64(1000)
	run := func(n int) time.Duration {
		start := time.Now()
		results := generateSet(ctx, e, p, backend, shot, n, func(k int) render.Options {
			return render.Options{Seed: seed + uint64(k), KeepActive: k > 0}
		})
		took := time.Since(start)
		for _, r := range results {
			if r.err != nil || r.res.Cached {
				b.Fatalf("variation: %v (cached %v)", r.err, r.res.Cached)
			}
		}
		seed += uint64(n)
		return took
	}
	var one, four time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		one += run(1)
		four += run(4)
	}
	b.ReportMetric(one.Seconds()/float64(b.N), "s-one-take")
	b.ReportMetric(four.Seconds()/float64(b.N), "s-four-variations")
	b.ReportMetric(float64(four)/float64(one), "x-one-take")
}
