package engine

import "kino/project"

// The request defaults, all in one place. A request starts from
// DefaultRequest; a resolved shot sets every field of it from the shot and
// the project's settings. Steps, Guidance and Strength left at 0 mean the
// backend's default: for the neural backend the constants below, unless
// the model pack's own kino-model.json sets them (a pack's Strength is
// its only default strength: without one, a shot generates from text).
// Backend-side settings that are not request fields (a pack's video frame
// rate, context window, idle timeout) stay with their backend.

// DefaultRequest returns the defaults every request starts from: a 5-second
// 1280x720 clip at 24 fps with seed 1.
func DefaultRequest() Request {
	return Request{
		Duration: project.Seconds(5, project.DefaultRate),
		Width:    project.DefaultResolution.Width,
		Height:   project.DefaultResolution.Height,
		Seed:     1,
	}
}

// Sampling defaults of the neural backend, for a request whose Steps or
// Guidance is 0 and a pack that does not set them.
const (
	// DefaultSteps and DefaultGuidance are Stable Diffusion's: 25 steps
	// at classifier-free guidance 7.5.
	DefaultSteps    = 25
	DefaultGuidance = 7.5
	// DefaultLCMSteps and DefaultLCMGuidance are a latent consistency
	// pack's: few steps and no classifier-free guidance (the LCM packs
	// Kino can drive are LCM-LoRA merges; the distilled ones take a
	// guidance embedding Kino does not feed).
	DefaultLCMSteps    = 4
	DefaultLCMGuidance = 1
	// DefaultTurboSteps is the steps of an adversarially distilled
	// ("Turbo") pack with trailing timestep spacing, which starts from
	// pure noise in one step (guidance 0); with other spacing it gets
	// DefaultLCMSteps.
	DefaultTurboSteps = 1
)
