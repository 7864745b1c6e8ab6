package foley

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/scene"
	"kino/engine/speech"
)

// benchShot is a busy shot: a beach at sunset with fireworks every
// 0.7 s, a festive bed and one spoken line per 5 s.
func benchShot(b *testing.B, seconds int64) (engine.Request, *scene.Plan, []scene.Event) {
	b.Helper()
	if err := speech.Available(); err != nil {
		b.Fatalf("the benchmark includes real speech, which is unavailable: %v", err)
	}
	var lines []engine.Line
	for s := int64(0); s < seconds; s += 5 {
		lines = append(lines, line("@ana", "Happy new year, look at the sky!", float64(s)+0.5))
	}
	req := request(b, seconds, 7, lines...)
	p := plan(scene.SettingBeach, scene.Clear, scene.Festive, scene.Fireworks)
	p.Time = scene.GoldenHour
	var evs []scene.Event
	for f := 0; f < req.Frames(); f += 17 {
		evs = append(evs, scene.Event{Kind: scene.EventFireworkBurst, Frame: f, X: float64(f%7) / 7, Distance: 200 + float64(f%5)*250, Size: 1})
	}
	return req, p, evs
}

func benchSoundtrack(b *testing.B, seconds int64) {
	req, p, evs := benchShot(b, seconds)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d, err := SpeakDialogue(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Render(ctx, req, p, evs, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(seconds)*float64(b.N)/b.Elapsed().Seconds(), "x_realtime")
}

// BenchmarkSoundtrack5s is the whole soundtrack of a 5 s shot, its one
// line of dialogue included. Target: at most 100 ms on two cores.
func BenchmarkSoundtrack5s(b *testing.B) { benchSoundtrack(b, 5) }

// BenchmarkSoundtrack60s is a minute-long shot with a line every 5 s.
func BenchmarkSoundtrack60s(b *testing.B) { benchSoundtrack(b, 60) }

// BenchmarkRender5sStorm is a city in a storm with lightning, noir style,
// without dialogue: crowd, traffic, rain, wind, thunder.
func BenchmarkRender5sStorm(b *testing.B) {
	req := request(b, 5, 3)
	p := plan(scene.SettingCity, scene.Storm, scene.Tense, scene.Lightning)
	p.Style = "noir"
	evs := []scene.Event{{Kind: scene.EventLightning, Frame: 10, X: 0.4, Distance: 700, Size: 1}}
	useless := &Dialogue{Len: int(req.Duration.Samples(audio.SampleRate)), Gain: 1}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(context.Background(), req, p, evs, useless); err != nil {
			b.Fatal(err)
		}
	}
}

// benchStream makes the busy shot's soundtrack as a Stream, reporting the
// look-ahead (the music's level and the mix's gain, which a take learns
// while its frames are drawn) and the reading (what a take's sound stage
// waits for) apart.
func benchStream(b *testing.B, seconds int64) {
	req, p, evs := benchShot(b, seconds)
	ctx := context.Background()
	d, err := SpeakDialogue(ctx, req)
	if err != nil {
		b.Fatal(err)
	}
	var ahead, read time.Duration
	var blk audio.Block
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		s, err := NewStream(ctx, req, p, evs, d)
		if err != nil {
			b.Fatal(err)
		}
		<-s.ready
		mid := time.Now()
		for {
			err := s.Read(&blk)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		s.Close()
		ahead += mid.Sub(start)
		read += time.Since(mid)
	}
	b.ReportMetric(float64(ahead.Milliseconds())/float64(b.N), "ahead-ms/op")
	b.ReportMetric(float64(read.Milliseconds())/float64(b.N), "read-ms/op")
}

// BenchmarkStream60s is the minute-long shot's soundtrack as a Stream.
func BenchmarkStream60s(b *testing.B) { benchStream(b, 60) }

// BenchmarkRender60s is the same soundtrack made whole, its dialogue
// already spoken, for comparison with BenchmarkStream60s.
func BenchmarkRender60s(b *testing.B) {
	req, p, evs := benchShot(b, 60)
	ctx := context.Background()
	d, err := SpeakDialogue(ctx, req)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Render(ctx, req, p, evs, d); err != nil {
			b.Fatal(err)
		}
	}
}
