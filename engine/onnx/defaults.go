package onnx

import (
	"strings"

	"kino/engine"
	"kino/engine/schedule"
)

// SamplingDefaults are the steps and guidance a pack generates with when
// a shot leaves them to it, and where they come from.
type SamplingDefaults struct {
	Steps    int
	Guidance float64
	// From says where the values come from, for people.
	From string
}

// SamplingDefaults returns the pack's defaults for sampler kind: what its
// kino-model.json says, else what its type declares (an LCMScheduler: 4
// steps, guidance 1; a Turbo model, named so in its folder, manifest or
// model_index.json: 1 step with trailing spacing, guidance 0), else
// Stable Diffusion's 25 steps at guidance 7.5 (the values are engine's
// request defaults: engine.DefaultSteps and the others).
func (p *Pack) SamplingDefaults(kind schedule.Kind) SamplingDefaults {
	d := SamplingDefaults{Steps: engine.DefaultSteps, Guidance: engine.DefaultGuidance, From: "Stable Diffusion defaults"}
	switch {
	case kind == schedule.LCM:
		d = SamplingDefaults{Steps: engine.DefaultLCMSteps, Guidance: engine.DefaultLCMGuidance, From: "LCM scheduler: few steps, no guidance"}
	case p.isTurbo():
		d = SamplingDefaults{Steps: engine.DefaultLCMSteps, Guidance: 0, From: "Turbo model: few steps, no guidance"}
		if p.Scheduler.TimestepSpacing == schedule.SpacingTrailing {
			d.Steps = engine.DefaultTurboSteps
		}
	}
	m := p.Manifest
	if m.Steps > 0 || m.Guidance > 0 {
		d.From = FileManifest
		if m.Steps > 0 {
			d.Steps = m.Steps
		}
		if m.Guidance > 0 {
			d.Guidance = m.Guidance
		}
	}
	return d
}

// isTurbo reports whether the pack names itself an adversarially
// distilled "Turbo" model (sd-turbo, sdxl-turbo and their exports).
func (p *Pack) isTurbo() bool {
	for _, s := range []string{p.Name, p.Manifest.Name, p.NameOrPath} {
		if strings.Contains(strings.ToLower(s), "turbo") {
			return true
		}
	}
	return false
}
