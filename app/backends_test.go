package app

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/onnx"
	"kino/project"
)

// neuralRequest is a short shot with a spoken line, for the tiny test pack.
func neuralRequest(model string, strength float64) engine.Request {
	req := engine.DefaultRequest()
	req.Prompt = "a lighthouse on a cliff at dusk, waves"
	req.Model, req.Strength, req.Steps = model, strength, 2
	req.Width, req.Height, req.Seed = 64, 64, 42
	req.Duration = project.Seconds(1, project.DefaultRate)
	req.Dialogue = []engine.Line{{Speaker: "KEEPER", Text: "The light is out.", Narrator: true}}
	return req
}

// TestNeuralTakeReadsTheSceneOnce: a neural take borrows previz once. A
// take that refines asks for previz's pictures once (which read the scene,
// speak the dialogue and build the stage once) and takes its sound from
// them; a take that refines nothing asks foley for the sound alone once
// (which reads the scene and speaks once, and builds no stage). Either
// way the sound is the previz clip's sound of the same request.
func TestNeuralTakeReadsTheSceneOnce(t *testing.T) {
	isolate(t)
	model := installTestPack(t, "tiny-video")
	var frames, sounds atomic.Int32
	realFrames, realSound := previzFrames, foleySoundtrack
	t.Cleanup(func() { previzFrames, foleySoundtrack = realFrames, realSound })
	previzFrames = func(ctx context.Context, req engine.Request) (onnx.FrameSource, error) {
		frames.Add(1)
		return realFrames(ctx, req)
	}
	foleySoundtrack = func(ctx context.Context, req engine.Request) (*audio.Soundtrack, error) {
		sounds.Add(1)
		return realSound(ctx, req)
	}
	all := backends()
	nn, pv := all[onnx.BackendName], all["previz"]
	for _, c := range []struct {
		strength              float64
		wantFrames, wantSound int32
	}{{0.6, 1, 0}, {0, 0, 1}} {
		frames.Store(0)
		sounds.Store(0)
		req := neuralRequest(model, c.strength)
		clip, err := nn.Generate(context.Background(), req, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := clip.Soundtrack()
		if err != nil {
			t.Fatal(err)
		}
		if frames.Load() != c.wantFrames || sounds.Load() != c.wantSound {
			t.Errorf("strength %g: previz pictures asked %d times, foley's sound %d times; want %d and %d",
				c.strength, frames.Load(), sounds.Load(), c.wantFrames, c.wantSound)
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
		if !slices.Equal(got.Mix.Samples, want.Mix.Samples) {
			t.Errorf("strength %g: the neural take's sound is not the previz clip's", c.strength)
		}
	}
}
