package render_test

import (
	"context"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/project"
)

// benchSound produces a take of a busy shot of seconds seconds (fireworks
// on a beach in the rain, festive music, a spoken line every 5 s) with
// frames too small to matter, storing through a put that hashes, and
// reports the sound stage (Produced.Sound: making the sound and storing
// its mix and stems) per take.
func benchSound(b *testing.B, seconds int64) {
	var lines []engine.Line
	for s := int64(0); s < seconds; s += 5 {
		lines = append(lines, engine.Line{Speaker: "@ana", Text: "Happy new year, look at the sky!", Start: project.Seconds(s, project.DefaultRate)})
	}
	req := engine.DefaultRequest()
	req.Prompt = "fireworks over a beach at sunset in the rain, festive"
	req.Width, req.Height, req.Seed = 32, 18, 7
	req.Duration = project.Seconds(seconds, project.DefaultRate)
	req.Cast = []engine.CastCameo{{Handle: "@ana", Name: "Ana", Voice: project.Voice{Language: "en", Variant: "f3", Pitch: 70, Rate: 160}}}
	req.Dialogue = lines
	ctx := context.Background()
	var sound time.Duration
	b.ReportAllocs()
	for b.Loop() {
		put, _ := hashingPut()
		prod, err := render.Produce(ctx, previz.New(), req, 0, 0, put, nil)
		if err != nil {
			b.Fatal(err)
		}
		sound += prod.Sound
	}
	b.ReportMetric(float64(sound.Milliseconds())/float64(b.N), "sound-ms/op")
}

// BenchmarkProduceSound5s is the sound stage of a 5 s take.
func BenchmarkProduceSound5s(b *testing.B) { benchSound(b, 5) }

// BenchmarkProduceSound60s is the sound stage of a minute-long take.
func BenchmarkProduceSound60s(b *testing.B) { benchSound(b, 60) }

// BenchmarkProduceSound600s is the sound stage of a 10-minute take.
func BenchmarkProduceSound600s(b *testing.B) { benchSound(b, 600) }
