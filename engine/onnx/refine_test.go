package onnx

import (
	"context"
	"errors"
	"image"
	"math"
	"strings"
	"testing"

	"kino/engine/schedule"
)

// testFrame is a deterministic picture standing in for a previz frame.
func testFrame(f, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := img.PixOffset(x, y)
			img.Pix[i+0] = uint8(x * 255 / max(w-1, 1))
			img.Pix[i+1] = uint8(y * 255 / max(h-1, 1))
			img.Pix[i+2] = uint8((x*7 + y*3 + f*40) % 256)
			img.Pix[i+3] = 255
		}
	}
	return img
}

func TestRefineMatchesReference(t *testing.T) {
	cases := []struct {
		name string
		c    refCase
		p    Params
	}{
		{"euler, latent_sample encoder", refCase{pack: "tiny-sd", hidden: 8},
			Params{Steps: 10, Guidance: 7.5, Sampler: schedule.Euler, Width: 64, Height: 32, Frames: 2, Strength: 0.55}},
		{"ddim, latent_parameters encoder, batch 1", refCase{pack: "tiny-sd-b1", hidden: 8, intT: true},
			Params{Steps: 8, Guidance: 4, Sampler: schedule.DDIM, Width: 64, Height: 64, Frames: 2, Strength: 0.5}},
		{"video fp16, euler", refCase{pack: "tiny-video-fp16", hidden: 8, half: true},
			Params{Steps: 4, Guidance: 3, Sampler: schedule.Euler, Width: 64, Height: 64, Frames: 18, Strength: 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.p
			p.Prompt, p.NegativePrompt, p.Seed = testPrompt, testNegative, 5
			asked := map[int]int{}
			p.Init = func(i int) (image.Image, error) {
				asked[i]++
				return testFrame(i, p.Width, p.Height), nil
			}
			pl := loadTestPipeline(t, tc.c.pack)
			res, err := pl.Generate(context.Background(), p)
			if err != nil {
				t.Fatalf("Generate: %v", err)
			}
			for i := 0; i < p.Frames; i++ {
				if asked[i] != 1 {
					t.Errorf("input frame %d was asked for %d times, want once", i, asked[i])
				}
			}
			// Reference: encode, noise to the first step, denoise from there.
			h, w := p.Height/8, p.Width/8
			fs := 4 * h * w
			s, err := schedule.New(p.Sampler, pl.Pack.Scheduler, p.Steps)
			if err != nil {
				t.Fatal(err)
			}
			first := p.Steps - min(int(float64(p.Steps)*p.Strength), p.Steps)
			rng := schedule.NewNoise(p.Seed)
			n := make([]float32, p.Frames*fs)
			rng.Fill(n)
			x := make([]float64, len(n))
			for f := 0; f < p.Frames; f++ {
				img := testFrame(f, p.Width, p.Height)
				planes := make([]float64, 3*p.Width*p.Height)
				for y := 0; y < p.Height; y++ {
					for xx := 0; xx < p.Width; xx++ {
						for c := 0; c < 3; c++ {
							planes[c*p.Width*p.Height+y*p.Width+xx] = float64(img.Pix[img.PixOffset(xx, y)+c])/127.5 - 1
						}
					}
				}
				z := refEncode(tc.c, planes, p.Width, p.Height, float64(pl.Scale))
				for i, v := range z {
					var a, b float64
					switch p.Sampler {
					case schedule.Euler:
						a, b = 1, s.Sigmas()[first]
					default:
						acp := schedule.AlphasCumprod(pl.Pack.Scheduler)[int(s.Timesteps()[first])]
						a, b = math.Sqrt(acp), math.Sqrt(1-acp)
					}
					x[f*fs+i] = a*v + b*float64(n[f*fs+i])
				}
			}
			cc := refCond(refText(t, tc.c, p.Prompt))
			cu := refCond(refText(t, tc.c, p.NegativePrompt))
			refRun(t, tc.c, p.Sampler, pl.Pack.Scheduler, p.Steps, first, x, fs, cu, cc, p.Guidance, rng)
			compareLatents(t, tc.c, res.Latents, x)
			compareFrames(t, tc.c, res, x, w, h, float64(pl.Scale))
		})
	}
}

func TestRefineErrors(t *testing.T) {
	pl := loadTestPipeline(t, "tiny-sd")
	base := Params{Prompt: testPrompt, Steps: 3, Guidance: 2, Sampler: schedule.Euler, Width: 64, Height: 64, Frames: 2, Strength: 0.5}
	p := base
	p.Init = func(i int) (image.Image, error) {
		if i == 1 {
			return nil, errors.New("previz frame 1 failed")
		}
		return testFrame(i, 64, 64), nil
	}
	if _, err := pl.Generate(context.Background(), p); err == nil || !strings.Contains(err.Error(), "previz frame 1 failed") {
		t.Errorf("a failing input frame gave %v, want its error", err)
	}
	p = base
	p.Init = func(i int) (image.Image, error) { return testFrame(i, 64, 64), nil }
	p.Strength = 1.5
	if _, err := pl.Generate(context.Background(), p); err == nil || !strings.Contains(err.Error(), "strength") {
		t.Errorf("strength 1.5 gave %v, want an error naming the strength", err)
	}
	// An input frame of another size is scaled to the generation size.
	p.Strength = 0.5
	p.Init = func(i int) (image.Image, error) { return testFrame(i, 200, 120), nil }
	if _, err := pl.Generate(context.Background(), p); err != nil {
		t.Errorf("a 200x120 input frame: %v", err)
	}
	noEnc := loadTestPipeline(t, "slow-sd")
	p.Steps = 1
	if _, err := noEnc.Generate(context.Background(), p); !errors.Is(err, errNoEncoder) {
		t.Errorf("refine on a pack without a VAE encoder gave %v, want errNoEncoder", err)
	}
}
