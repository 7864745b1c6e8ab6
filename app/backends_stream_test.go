package app

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/onnx"
)

// TestNeuralTakeStreamsItsSound: a neural take's sound, made block by
// block as a take stores it, is the previz clip's sound of the same
// request, taken from the refined pictures when it refines them and from
// foley's stream otherwise, reading the scene once either way.
func TestNeuralTakeStreamsItsSound(t *testing.T) {
	isolate(t)
	model := installTestPack(t, "tiny-video")
	var frames, streams atomic.Int32
	realFrames, realStream := previzFrames, foleySoundStream
	t.Cleanup(func() { previzFrames, foleySoundStream = realFrames, realStream })
	previzFrames = func(ctx context.Context, req engine.Request) (onnx.FrameSource, error) {
		frames.Add(1)
		return realFrames(ctx, req)
	}
	foleySoundStream = func(ctx context.Context, req engine.Request) (audio.Stream, error) {
		streams.Add(1)
		return realStream(ctx, req)
	}
	all := backends()
	nn, pv := all[onnx.BackendName], all["previz"]
	for _, c := range []struct {
		strength                float64
		wantFrames, wantStreams int32
	}{{0.6, 1, 0}, {0, 0, 1}} {
		frames.Store(0)
		streams.Store(0)
		req := neuralRequest(model, c.strength)
		clip, err := nn.Generate(context.Background(), req, nil)
		if err != nil {
			t.Fatal(err)
		}
		sc, ok := clip.(audio.Streamer)
		if !ok {
			t.Fatal("a neural clip cannot stream its sound")
		}
		s, err := sc.SoundStream(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got, err := audio.ReadStream(s)
		if err != nil {
			t.Fatal(err)
		}
		if frames.Load() != c.wantFrames || streams.Load() != c.wantStreams {
			t.Errorf("strength %g: previz pictures asked %d times, foley's stream %d times; want %d and %d",
				c.strength, frames.Load(), streams.Load(), c.wantFrames, c.wantStreams)
		}
		ref, err := pv.Generate(context.Background(), req, nil)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ref.Soundtrack()
		if err != nil {
			t.Fatal(err)
		}
		if want.Stems[audio.StemDialogue].Peak() == 0 {
			t.Fatalf("the line was not spoken (is libespeak-ng installed? `make deps` installs it): %v", want.Missing)
		}
		if !slices.Equal(got.Mix.Samples, want.Mix.Samples) || !slices.Equal(got.Stems[audio.StemMusic].Samples, want.Stems[audio.StemMusic].Samples) {
			t.Errorf("strength %g: the neural take's streamed sound is not the previz clip's", c.strength)
		}
	}
}
