package schedule

import (
	"encoding/json"
	"fmt"
)

// Beta schedules.
const (
	BetaLinear       = "linear"
	BetaScaledLinear = "scaled_linear"
	BetaSquaredCos   = "squaredcos_cap_v2"
)

// Timestep spacings.
const (
	SpacingLeading  = "leading"
	SpacingTrailing = "trailing"
	SpacingLinspace = "linspace"
)

// Prediction types: what the model outputs.
const (
	PredictEpsilon = "epsilon"      // the added noise
	PredictV       = "v_prediction" // velocity, sqrt(acp)*noise - sqrt(1-acp)*x0
	PredictSample  = "sample"       // the clean sample x0
)

// Config is the subset of a diffusers scheduler_config.json that the
// samplers use. Keys absent from the file keep DefaultConfig's values.
type Config struct {
	ClassName         string    `json:"_class_name"`
	NumTrainTimesteps int       `json:"num_train_timesteps"`
	BetaStart         float64   `json:"beta_start"`
	BetaEnd           float64   `json:"beta_end"`
	BetaSchedule      string    `json:"beta_schedule"`
	TrainedBetas      []float64 `json:"trained_betas"`
	TimestepSpacing   string    `json:"timestep_spacing"`
	StepsOffset       int       `json:"steps_offset"`
	PredictionType    string    `json:"prediction_type"`
	SetAlphaToOne     bool      `json:"set_alpha_to_one"`
	ClipSample        bool      `json:"clip_sample"`
	ClipSampleRange   float64   `json:"clip_sample_range"`
	UseKarrasSigmas   bool      `json:"use_karras_sigmas"`
	// OriginalInferenceSteps is the LCM distillation schedule length.
	OriginalInferenceSteps int `json:"original_inference_steps"`
	// TimestepScaling scales t in LCM's boundary condition.
	TimestepScaling float64 `json:"timestep_scaling"`
	// Shift warps flow-matching sigmas: s' = shift*s / (1 + (shift-1)*s).
	Shift float64 `json:"shift"`
}

// DefaultConfig returns the Stable Diffusion 1.x schedule: 1000 training
// steps, scaled_linear betas from 0.00085 to 0.012, leading spacing with
// steps_offset 1, epsilon prediction.
func DefaultConfig() Config {
	return Config{
		NumTrainTimesteps:      1000,
		BetaStart:              0.00085,
		BetaEnd:                0.012,
		BetaSchedule:           BetaScaledLinear,
		TimestepSpacing:        SpacingLeading,
		StepsOffset:            1,
		PredictionType:         PredictEpsilon,
		ClipSampleRange:        1,
		OriginalInferenceSteps: 50,
		TimestepScaling:        10,
		Shift:                  1,
	}
}

// ParseConfig reads a diffusers scheduler_config.json on top of
// DefaultConfig and validates the result.
func ParseConfig(data []byte) (Config, error) {
	cfg := DefaultConfig()
	if err := json.Unmarshal(data, &cfg); err != nil {
		return Config{}, fmt.Errorf("parsing scheduler config: %w", err)
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, fmt.Errorf("parsing scheduler config: %w", err)
	}
	return cfg, nil
}

// Validate reports the first field that no sampler can work with.
func (c Config) Validate() error {
	switch {
	case c.NumTrainTimesteps < 2:
		return fmt.Errorf("num_train_timesteps %d is below 2", c.NumTrainTimesteps)
	case c.TrainedBetas != nil && len(c.TrainedBetas) != c.NumTrainTimesteps:
		return fmt.Errorf("trained_betas has %d values, want num_train_timesteps %d", len(c.TrainedBetas), c.NumTrainTimesteps)
	case c.BetaStart < 0 || c.BetaStart >= 1 || c.BetaEnd < 0 || c.BetaEnd >= 1:
		return fmt.Errorf("beta_start %g and beta_end %g must lie in [0, 1)", c.BetaStart, c.BetaEnd)
	case c.StepsOffset < 0:
		return fmt.Errorf("steps_offset %d is negative", c.StepsOffset)
	case c.ClipSampleRange <= 0:
		return fmt.Errorf("clip_sample_range %g is not positive", c.ClipSampleRange)
	case c.OriginalInferenceSteps < 1:
		return fmt.Errorf("original_inference_steps %d is below 1", c.OriginalInferenceSteps)
	case c.TimestepScaling <= 0:
		return fmt.Errorf("timestep_scaling %g is not positive", c.TimestepScaling)
	case c.Shift <= 0:
		return fmt.Errorf("shift %g is not positive", c.Shift)
	}
	for _, b := range c.TrainedBetas {
		if b < 0 || b >= 1 {
			return fmt.Errorf("trained_betas value %g is outside [0, 1)", b)
		}
	}
	switch c.BetaSchedule {
	case BetaLinear, BetaScaledLinear, BetaSquaredCos:
	default:
		return fmt.Errorf("beta_schedule %q is not one of linear, scaled_linear, squaredcos_cap_v2", c.BetaSchedule)
	}
	switch c.TimestepSpacing {
	case SpacingLeading, SpacingTrailing, SpacingLinspace:
	default:
		return fmt.Errorf("timestep_spacing %q is not one of leading, trailing, linspace", c.TimestepSpacing)
	}
	switch c.PredictionType {
	case PredictEpsilon, PredictV, PredictSample:
	default:
		return fmt.Errorf("prediction_type %q is not one of epsilon, v_prediction, sample", c.PredictionType)
	}
	return nil
}
