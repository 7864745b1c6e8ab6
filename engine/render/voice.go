package render

import (
	"kino/engine"
	"kino/engine/speech"
	"kino/project"
)

// voiceModel identifies the installed voice model of v (nil for an
// espeak-ng voice), through the voice models the program set up (see
// speech.UseModelVoices).
func voiceModel(v project.Voice) *engine.VoiceModel {
	if v.Model == "" {
		return nil
	}
	sv := speech.Voice{Language: v.Language, Variant: v.Variant, Pitch: v.Pitch, Rate: v.Rate, Model: v.Model, Speaker: v.Speaker}
	d, err := speech.DescribeModel(sv)
	if err != nil {
		return &engine.VoiceModel{Model: v.Model, Speaker: v.Speaker, Unavailable: true}
	}
	return &engine.VoiceModel{
		Model: v.Model, SHA256: d.SHA256, ConfigSHA256: d.ConfigSHA256, Speaker: d.Speaker,
		Scales: d.Scales, SampleRate: d.SampleRate,
	}
}
