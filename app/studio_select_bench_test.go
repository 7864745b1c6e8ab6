package app

import (
	"context"
	"testing"
	"time"

	"kino/project"
	"kino/ui/playback"
	"kino/ui/uitest"
	kwidget "kino/ui/widget"
)

// BenchmarkSelectCardWhilePlaying clicks between two cards of a 720p
// project while the player plays through a real-time paced sound card,
// and reports how long the click's handler takes (the inspector shows
// the new shot when it returns) and how long until the player shows a
// frame of the new shot (target: both within 100 ms).
func BenchmarkSelectCardWhilePlaying(b *testing.B) {
	h := newStudioHarnessWith(b, studioOptions{Audio: &playback.Paced{}},
		"a lighthouse at dawn, waves on the rocks", "a rainy city street at night, neon signs mirrored in puddles", "a misty forest at dawn")
	ctx := context.Background()
	settings, err := h.sess.Project.Project(ctx)
	if err != nil {
		b.Fatal(err)
	}
	settings.Resolution = project.Resolution{Width: 1280, Height: 720}
	if _, err := h.sess.Project.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
		b.Fatal(err)
	}
	for _, sh := range h.shots() {
		sh.Duration = project.Seconds(3, sh.Duration.Rate)
		if _, err := h.sess.Project.Apply(ctx, project.UpdateShot{Shot: *sh}); err != nil {
			b.Fatal(err)
		}
	}
	h.s.Reload()
	h.settle("reloading", func() bool { return true })
	for n := 1; n <= 3; n++ {
		h.s.SelectShot(n)
		h.s.GenerateSelected()
	}
	h.settle("generating", func() bool {
		for _, c := range h.s.Timeline().Cards() {
			if c.State != kwidget.CardReady {
				return false
			}
		}
		return true
	})
	tl, p := h.s.Timeline(), h.s.Player()
	shots := h.shots()
	var shownShot int64
	prev := p.OnPosition
	p.OnPosition = func(f int64) {
		prev(f)
		var start int64
		for _, sh := range shots {
			if f >= start && f < start+sh.Duration.Frames {
				shownShot = sh.ID
			}
			start += sh.Duration.Frames
		}
	}
	uitest.Click(tl, tl.CardPosition(0))
	p.TogglePlay()
	h.settle("playing", func() bool { return p.Playing() })
	var handler, picture time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := 1 + i%2
		target := shots[k].ID
		start := time.Now()
		uitest.Click(tl, tl.CardPosition(k))
		handler += time.Since(start)
		if err := h.q.WaitFor(10*time.Second, func() bool { return shownShot == target && p.Playing() }); err != nil {
			b.Fatalf("the player never showed shot %d: %v", k+1, err)
		}
		picture += time.Since(start)
		if h.s.Inspector().Shot().ID != target {
			b.Fatalf("the inspector shows shot %d", h.s.Inspector().Shot().Number())
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(handler.Microseconds())/1000/float64(b.N), "ms-handler")
	b.ReportMetric(float64(picture.Microseconds())/1000/float64(b.N), "ms-to-picture")
	p.Pause()
}
