package app

import (
	"context"
	"image"
	"image/color"
	"testing"

	"kino/engine"
	"kino/engine/foley"
	"kino/engine/previz"
)

// BenchmarkNeuralTakePreviz is what a neural take spends in the built-in
// engine for a 720p, 5-second shot with a cameo (cut out of a 512x1024
// reference) and a spoken line, outside
// the diffusion itself: "two-generates" is the wiring before previz.Frames
// and foley.Soundtrack (one previz Generate for the sound, another for the
// frames to refine: the scene read, the dialogue spoken and the stage
// built twice); "refine" and "sound-only" are the wiring now. Each reads
// the frames a 24-fps take refines at 8 fps (every third) and the sound.
func BenchmarkNeuralTakePreviz(b *testing.B) {
	req := engine.DefaultRequest()
	req.Prompt = "me on the beach at sunset with a glass of champagne while fireworks cut the sky"
	ref := image.NewRGBA(image.Rect(0, 0, 512, 1024))
	for y := 0; y < 1024; y++ {
		for x := 0; x < 512; x++ {
			c := color.RGBA{235, 235, 230, 255} // a plain backdrop
			if dx, dy := x-256, y-560; dx*dx*4+dy*dy/2 < 160*160 {
				c = color.RGBA{uint8(120 + x/8), 60, uint8(90 + y/16), 255} // the person
			}
			ref.SetRGBA(x, y, c)
		}
	}
	req.Cast = []engine.CastCameo{{Handle: "@ana", Name: "Ana", IsSelf: true, Image: ref}}
	req.Dialogue = []engine.Line{{Speaker: "@ana", Text: "Look at the sky, it is all on fire tonight."}}
	ctx := context.Background()
	refine := func(b *testing.B, frame func(int) error) {
		for i := 0; i < req.Frames(); i += 3 {
			if err := frame(i); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("two-generates", func(b *testing.B) {
		b.ReportAllocs()
		pv := previz.New()
		for i := 0; i < b.N; i++ {
			c1, err := pv.Generate(ctx, req, nil)
			if err != nil {
				b.Fatal(err)
			}
			refine(b, func(i int) error { _, err := c1.Frame(i); return err })
			c2, err := pv.Generate(ctx, req, nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := c2.Soundtrack(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("refine", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p, err := previz.Frames(ctx, req)
			if err != nil {
				b.Fatal(err)
			}
			refine(b, func(i int) error { _, err := p.Frame(i); return err })
			if _, err := p.Soundtrack(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sound-only-before", func(b *testing.B) {
		b.ReportAllocs()
		pv := previz.New()
		for i := 0; i < b.N; i++ {
			c, err := pv.Generate(ctx, req, nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := c.Soundtrack(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sound-only", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := foley.Soundtrack(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	})
}
