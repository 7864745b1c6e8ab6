package audio

import "fmt"

// ToStereo returns interleaved sound of channels channels at rate from as
// interleaved stereo at rate to: mono is spread to both sides, channels
// past two are dropped and other rates are resampled. Stereo already at
// rate to is returned as is (not copied).
func ToStereo(samples []float32, channels, from, to int) ([]float32, error) {
	if channels < 1 || from <= 0 || to <= 0 {
		return nil, fmt.Errorf("sound with %d channels at %d Hz cannot be converted to %d Hz stereo", channels, from, to)
	}
	n := len(samples) / channels
	if channels == 2 && from == to {
		return samples[:2*n], nil
	}
	left, right := make([]float32, n), make([]float32, n)
	for i := range n {
		left[i] = samples[i*channels]
		right[i] = left[i]
		if channels > 1 {
			right[i] = samples[i*channels+1]
		}
	}
	if from != to {
		rs, err := NewResampler(from, to)
		if err != nil {
			return nil, fmt.Errorf("converting %d Hz sound to %d Hz: %w", from, to, err)
		}
		left, right = rs.Resample(left), rs.Resample(right)
	}
	out := make([]float32, 2*len(left))
	for i := range left {
		out[2*i], out[2*i+1] = left[i], right[i]
	}
	return out, nil
}
