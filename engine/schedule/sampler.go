package schedule

import (
	"fmt"
	"math"
)

// Kind names a sampler.
type Kind string

// Samplers.
const (
	Euler          Kind = "euler"
	EulerAncestral Kind = "euler_a"
	DDIM           Kind = "ddim"
	LCM            Kind = "lcm"
	FlowEuler      Kind = "flow_euler"
)

// KindForClass returns the sampler that implements a diffusers scheduler
// class (the _class_name of scheduler_config.json).
func KindForClass(className string) (Kind, bool) {
	switch className {
	case "EulerDiscreteScheduler":
		return Euler, true
	case "EulerAncestralDiscreteScheduler":
		return EulerAncestral, true
	case "DDIMScheduler":
		return DDIM, true
	case "LCMScheduler":
		return LCM, true
	case "FlowMatchEulerDiscreteScheduler":
		return FlowEuler, true
	}
	return "", false
}

// substituteClasses are diffusers schedulers Kino has no sampler of its
// own for, which sample the same discrete noise schedule as Euler does
// (Stable Diffusion exports often name PNDM or a DPM-Solver): Kino samples
// them with Euler, saying so.
var substituteClasses = map[string]bool{
	"PNDMScheduler": true, "DPMSolverMultistepScheduler": true, "DPMSolverSinglestepScheduler": true,
	"DPMSolverSDEScheduler": true, "LMSDiscreteScheduler": true, "HeunDiscreteScheduler": true,
	"KDPM2DiscreteScheduler": true, "KDPM2AncestralDiscreteScheduler": true, "DEISMultistepScheduler": true,
	"UniPCMultistepScheduler": true, "DDPMScheduler": true, "EDMEulerScheduler": true, "TCDScheduler": true,
}

// EulerSubstitutes reports whether className is a diffusers scheduler that
// Kino samples with Euler (see KindForClass for those it implements).
func EulerSubstitutes(className string) bool { return substituteClasses[className] }

// Sampler runs one sampling schedule of a fixed number of steps. It holds no
// state between steps, so one Sampler may serve several renders at once.
//
// A render with a Sampler s goes:
//
//	x := noise * s.InitNoiseSigma()
//	for i, t := range s.Timesteps() {
//		s.ScaleInput(in, x, i)            // model input
//		out := model(in, t)               // with guidance applied
//		if s.NeedsNoise(i) { rng.Fill(z) }
//		s.Step(x, out, z, i)              // x becomes the next latent
//	}
type Sampler struct {
	kind       Kind
	cfg        Config
	timesteps  []float64
	sigmas     []float64 // Euler family and flow: len(timesteps)+1, ending in 0
	acp        []float64 // DDIM and LCM: alphas_cumprod at each timestep
	acpPrev    []float64 // DDIM and LCM: alphas_cumprod at each step's target
	lcmScaling [][2]float64
	initSigma  float64
}

// New prepares a sampler of the given kind for steps steps of cfg.
func New(kind Kind, cfg Config, steps int) (*Sampler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("preparing %s sampler: %w", kind, err)
	}
	s := &Sampler{kind: kind, cfg: cfg, initSigma: 1}
	var err error
	switch kind {
	case Euler, EulerAncestral:
		err = s.prepareEuler(steps)
	case DDIM:
		err = s.prepareDDIM(steps)
	case LCM:
		err = s.prepareLCM(steps)
	case FlowEuler:
		err = s.prepareFlow(steps)
	default:
		return nil, fmt.Errorf("unknown sampler %q", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("preparing %s sampler: %w", kind, err)
	}
	return s, nil
}

func (s *Sampler) prepareEuler(steps int) error {
	ts, err := Timesteps(s.cfg, steps)
	if err != nil {
		return err
	}
	train := TrainSigmas(AlphasCumprod(s.cfg))
	sig := Sigmas(train, ts)
	if s.cfg.UseKarrasSigmas {
		karras := KarrasSigmas(sig[steps-1], sig[0], steps, 7)
		logs := make([]float64, len(train))
		for i, v := range train {
			logs[i] = math.Log(v)
		}
		for i, v := range karras {
			ts[i] = SigmaToT(v, logs)
		}
		sig = append(karras, 0)
	}
	s.timesteps, s.sigmas = ts, sig
	s.initSigma = InitNoiseSigma(s.cfg.TimestepSpacing, sig)
	return nil
}

func (s *Sampler) prepareDDIM(steps int) error {
	ts, err := DDIMTimesteps(s.cfg, steps)
	if err != nil {
		return err
	}
	all := AlphasCumprod(s.cfg)
	final := all[0]
	if s.cfg.SetAlphaToOne {
		final = 1
	}
	ratio := s.cfg.NumTrainTimesteps / steps
	s.timesteps = ts
	s.acp = make([]float64, steps)
	s.acpPrev = make([]float64, steps)
	for i, t := range ts {
		s.acp[i] = all[int(t)]
		s.acpPrev[i] = final
		if prev := int(t) - ratio; prev >= 0 {
			s.acpPrev[i] = all[prev]
		}
	}
	return nil
}

func (s *Sampler) prepareLCM(steps int) error {
	ts, err := LCMTimesteps(s.cfg, steps)
	if err != nil {
		return err
	}
	all := AlphasCumprod(s.cfg)
	s.timesteps = ts
	s.acp = make([]float64, steps)
	s.acpPrev = make([]float64, steps)
	s.lcmScaling = make([][2]float64, steps)
	for i, t := range ts {
		s.acp[i] = all[int(t)]
		if i+1 < steps {
			s.acpPrev[i] = all[int(ts[i+1])]
		}
		cSkip, cOut := LCMScalings(t, s.cfg.TimestepScaling)
		s.lcmScaling[i] = [2]float64{cSkip, cOut}
	}
	return nil
}

func (s *Sampler) prepareFlow(steps int) error {
	sig, err := FlowSigmas(s.cfg, steps)
	if err != nil {
		return err
	}
	s.sigmas = sig
	s.timesteps = make([]float64, steps)
	for i := range s.timesteps {
		s.timesteps[i] = sig[i] * float64(s.cfg.NumTrainTimesteps)
	}
	return nil
}

// Kind returns the sampler's kind.
func (s *Sampler) Kind() Kind { return s.kind }

// Steps returns the number of model evaluations the run takes.
func (s *Sampler) Steps() int { return len(s.timesteps) }

// Timesteps returns a copy of the model timestep of each step.
func (s *Sampler) Timesteps() []float64 { return append([]float64(nil), s.timesteps...) }

// Sigmas returns a copy of the noise level of each step plus the final 0,
// or nil for samplers that work in alphas (DDIM, LCM).
func (s *Sampler) Sigmas() []float64 {
	if s.sigmas == nil {
		return nil
	}
	return append([]float64(nil), s.sigmas...)
}

// InitNoiseSigma returns the factor by which unit Gaussian noise is scaled
// to make the first latent.
func (s *Sampler) InitNoiseSigma() float64 { return s.initSigma }

// ScaleInput writes the model input for step i into dst: x scaled by
// 1/sqrt(sigma^2+1) for Euler samplers, x itself otherwise. dst may be x
// only if x is not needed afterwards; Step needs the unscaled latent.
func (s *Sampler) ScaleInput(dst, x []float32, i int) {
	if s.kind == Euler || s.kind == EulerAncestral {
		ScaleModelInput(dst, x, s.sigmas[i])
		return
	}
	copy(dst, x[:len(dst)])
}

// NeedsNoise reports whether Step(i) consumes a fresh unit Gaussian noise
// slice: every Euler ancestral step and every LCM step but the last.
func (s *Sampler) NeedsNoise(i int) bool {
	switch s.kind {
	case EulerAncestral:
		return true
	case LCM:
		return i < len(s.timesteps)-1
	}
	return false
}

// Step replaces x with the latent after step i given the model output for
// step i. noise must hold len(x) unit Gaussian samples when NeedsNoise(i),
// and is ignored otherwise.
func (s *Sampler) Step(x, modelOut, noise []float32, i int) error {
	if i < 0 || i >= len(s.timesteps) {
		return fmt.Errorf("step %d is outside 0..%d", i, len(s.timesteps)-1)
	}
	if len(modelOut) != len(x) {
		return fmt.Errorf("model output has %d values, latent has %d", len(modelOut), len(x))
	}
	if s.NeedsNoise(i) && len(noise) != len(x) {
		return fmt.Errorf("step %d needs %d noise values, got %d", i, len(x), len(noise))
	}
	pred := s.cfg.PredictionType
	clip := 0.0
	if s.cfg.ClipSample {
		clip = s.cfg.ClipSampleRange
	}
	switch s.kind {
	case Euler:
		EulerStep(x, x, modelOut, s.sigmas[i], s.sigmas[i+1], pred)
	case EulerAncestral:
		EulerAncestralStep(x, x, modelOut, noise, s.sigmas[i], s.sigmas[i+1], pred)
	case DDIM:
		DDIMStep(x, x, modelOut, s.acp[i], s.acpPrev[i], pred, clip)
	case LCM:
		sc := s.lcmScaling[i]
		LCMDenoise(x, x, modelOut, s.acp[i], sc[0], sc[1], pred, clip)
		if i < len(s.timesteps)-1 {
			LCMRenoise(x, x, noise, s.acpPrev[i])
		}
	case FlowEuler:
		FlowEulerStep(x, x, modelOut, s.sigmas[i], s.sigmas[i+1])
	}
	return nil
}
