package audio

// SampleRate is the sample rate of every soundtrack, mix and stem: 48 kHz.
const SampleRate = 48000

// PCM is interleaved float32 audio in [-1, 1].
type PCM struct {
	Rate     int
	Channels int
	Samples  []float32 // len = frames * Channels
}

// Len returns the number of sample frames (per channel).
func (p PCM) Len() int {
	if p.Channels == 0 {
		return 0
	}
	return len(p.Samples) / p.Channels
}

// Peak returns the largest absolute sample value.
func (p PCM) Peak() float32 { return Peak(p.Samples) }

// Peak returns the largest absolute value in s.
func Peak(s []float32) float32 {
	var m float32
	for _, v := range s {
		if v < 0 {
			v = -v
		}
		if v > m {
			m = v
		}
	}
	return m
}
