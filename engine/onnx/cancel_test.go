package onnx

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/schedule"
)

// TestCancelInsideRun cancels a generation while the UNet is inside a Run
// that takes seconds: the Run must end with an error (ONNX Runtime's
// terminate flag), not finish, and Generate must return context.Canceled.
func TestCancelInsideRun(t *testing.T) {
	pl := loadTestPipeline(t, "slow-sd")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var unetErrs []error
	started := time.Now()
	p := Params{Prompt: testPrompt, Steps: 3, Guidance: 7, Sampler: schedule.Euler, Width: 64, Height: 64, Frames: 1,
		beforeRun: func(role string) {
			if role == "UNet" {
				// Cancel once the Run is under way; the UNet's Run takes
				// seconds, so this lands inside it.
				go func() {
					time.Sleep(100 * time.Millisecond)
					cancel()
				}()
			}
		},
		afterRun: func(role string, err error) {
			if role == "UNet" {
				mu.Lock()
				unetErrs = append(unetErrs, err)
				mu.Unlock()
			}
		},
	}
	res, err := pl.Generate(ctx, p)
	t.Logf("Generate returned after %v", time.Since(started))
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("Generate = %v, %v; want nil, context.Canceled", res, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(unetErrs) != 1 {
		t.Fatalf("%d UNet runs, want exactly the one that was cancelled", len(unetErrs))
	}
	if unetErrs[0] == nil {
		t.Fatal("the UNet's Run finished instead of being terminated")
	}
	// The pipeline stays usable after a cancelled run.
	if _, err := pl.Generate(context.Background(), Params{Prompt: testPrompt, Steps: 1, Guidance: 1, Sampler: schedule.Euler,
		Width: 16, Height: 16, Frames: 1}); err != nil {
		t.Fatalf("generating after a cancelled run: %v", err)
	}
}

func TestCancelBeforeStart(t *testing.T) {
	pl := loadTestPipeline(t, "tiny-sd")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	runs := 0
	_, err := pl.Generate(ctx, Params{Prompt: testPrompt, Steps: 2, Guidance: 2, Sampler: schedule.Euler, Width: 16, Height: 16,
		Frames: 1, beforeRun: func(string) { runs++ }})
	if !errors.Is(err, context.Canceled) || runs != 0 {
		t.Fatalf("Generate on a cancelled context = %v after %d runs; want context.Canceled before any run", err, runs)
	}
}

// TestCancelBetweenSteps cancels from the progress callback: no further
// step may run.
func TestCancelBetweenSteps(t *testing.T) {
	pl := loadTestPipeline(t, "tiny-sd")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	unet := 0
	_, err := pl.Generate(ctx, Params{Prompt: testPrompt, Steps: 10, Guidance: 2, Sampler: schedule.Euler, Width: 16, Height: 16,
		Frames: 1, beforeRun: func(role string) {
			if role == "UNet" {
				unet++
			}
		}, Progress: func(p engine.Progress) {
			if p.Step == 2 {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) || unet != 2 {
		t.Fatalf("cancelled after step 2: %v with %d UNet runs; want context.Canceled after 2", err, unet)
	}
}
