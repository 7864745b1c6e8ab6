package speech

import "kino/engine/audio"

// The resampler and ToStereo moved to engine/audio; speech is espeak
// alone. These thin forwards keep callers compiling while other branches
// merge.

// Resampler is audio.Resampler.
//
// Deprecated: use audio.Resampler.
type Resampler = audio.Resampler

// NewResampler is audio.NewResampler.
//
// Deprecated: use audio.NewResampler.
func NewResampler(from, to int) (*Resampler, error) { return audio.NewResampler(from, to) }

// Resample is audio.Resample.
//
// Deprecated: use audio.Resample.
func Resample(in []float32, from, to int) ([]float32, error) { return audio.Resample(in, from, to) }

// ToStereo is audio.ToStereo.
//
// Deprecated: use audio.ToStereo.
func ToStereo(samples []float32, channels, from, to int) ([]float32, error) {
	return audio.ToStereo(samples, channels, from, to)
}
