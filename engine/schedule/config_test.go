package schedule

import (
	"strings"
	"testing"
)

// sd15Config is Stable Diffusion 1.5's scheduler_config.json.
const sd15Config = `{
  "_class_name": "PNDMScheduler",
  "_diffusers_version": "0.6.0",
  "beta_end": 0.012,
  "beta_schedule": "scaled_linear",
  "beta_start": 0.00085,
  "num_train_timesteps": 1000,
  "set_alpha_to_one": false,
  "skip_prk_steps": true,
  "steps_offset": 1,
  "trained_betas": null,
  "clip_sample": false
}`

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig([]byte(sd15Config))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.ClassName = "PNDMScheduler"
	if cfg.ClassName != want.ClassName || cfg.NumTrainTimesteps != 1000 || cfg.BetaStart != 0.00085 ||
		cfg.BetaEnd != 0.012 || cfg.BetaSchedule != BetaScaledLinear || cfg.StepsOffset != 1 ||
		cfg.TimestepSpacing != SpacingLeading || cfg.PredictionType != PredictEpsilon || cfg.TrainedBetas != nil {
		t.Fatalf("parsed %+v", cfg)
	}

	cfg, err = ParseConfig([]byte(`{"_class_name": "EulerDiscreteScheduler", "prediction_type": "v_prediction",
		"timestep_spacing": "trailing", "steps_offset": 0, "beta_schedule": "linear", "beta_start": 0.0001, "beta_end": 0.02,
		"set_alpha_to_one": true, "clip_sample": true, "clip_sample_range": 1.5, "use_karras_sigmas": true}`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.PredictionType != PredictV || cfg.TimestepSpacing != SpacingTrailing || cfg.StepsOffset != 0 ||
		cfg.BetaSchedule != BetaLinear || !cfg.SetAlphaToOne || !cfg.ClipSample || cfg.ClipSampleRange != 1.5 || !cfg.UseKarrasSigmas {
		t.Fatalf("parsed %+v", cfg)
	}

	cfg, err = ParseConfig([]byte(`{"_class_name": "FlowMatchEulerDiscreteScheduler", "num_train_timesteps": 1000, "shift": 3.0}`))
	if err != nil || cfg.Shift != 3 {
		t.Fatalf("flow config %+v, %v", cfg, err)
	}
	if k, ok := KindForClass(cfg.ClassName); !ok || k != FlowEuler {
		t.Fatalf("KindForClass = %q %v", k, ok)
	}
}

func TestParseConfigRejects(t *testing.T) {
	for _, c := range []struct{ json, want string }{
		{`{not json`, "parsing scheduler config"},
		{`{"timestep_spacing": "sideways"}`, "timestep_spacing"},
		{`{"prediction_type": "noise"}`, "prediction_type"},
		{`{"beta_schedule": "cubic"}`, "beta_schedule"},
		{`{"num_train_timesteps": 0}`, "num_train_timesteps"},
		{`{"num_train_timesteps": 3, "trained_betas": [0.1, 0.2]}`, "trained_betas"},
		{`{"beta_end": 1.5}`, "beta_end"},
		{`{"shift": 0}`, "shift"},
		{`{"steps_offset": -1}`, "steps_offset"},
	} {
		_, err := ParseConfig([]byte(c.json))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseConfig(%s) error = %v, want one mentioning %s", c.json, err, c.want)
		}
	}
}

func TestKindForClass(t *testing.T) {
	for class, want := range map[string]Kind{
		"EulerDiscreteScheduler":          Euler,
		"EulerAncestralDiscreteScheduler": EulerAncestral,
		"DDIMScheduler":                   DDIM,
		"LCMScheduler":                    LCM,
		"FlowMatchEulerDiscreteScheduler": FlowEuler,
	} {
		if got, ok := KindForClass(class); !ok || got != want {
			t.Errorf("KindForClass(%s) = %q, %v", class, got, ok)
		}
	}
	if _, ok := KindForClass("PNDMScheduler"); ok {
		t.Error("PNDMScheduler reported as supported")
	}
}
