package media

import "kino/engine/audio"

// WaveformPeaks returns, for each of buckets equal slices of pcm's time,
// the largest absolute sample value over all channels: the envelope the
// timeline's audio lane draws. A bucket narrower than one sample frame
// takes the frame it falls on. It returns nil for buckets <= 0 and zeros
// for empty audio.
func WaveformPeaks(pcm audio.PCM, buckets int) []float32 {
	lo, hi := WaveformMinMax(pcm, buckets)
	if lo == nil {
		return nil
	}
	for i := range hi {
		hi[i] = max(hi[i], -lo[i])
	}
	return hi
}

// WaveformMinMax returns, per bucket (see WaveformPeaks), the smallest and
// largest sample over all channels, for drawing a signed waveform.
func WaveformMinMax(pcm audio.PCM, buckets int) (mins, maxs []float32) {
	if buckets <= 0 {
		return nil, nil
	}
	mins = make([]float32, buckets)
	maxs = make([]float32, buckets)
	ch := pcm.Channels
	n := pcm.Len()
	if n == 0 {
		return mins, maxs
	}
	for b := range buckets {
		f0 := int(int64(b) * int64(n) / int64(buckets))
		f1 := int(int64(b+1) * int64(n) / int64(buckets))
		f1 = max(f1, f0+1)
		s := pcm.Samples[f0*ch : f1*ch]
		lo, hi := s[0], s[0]
		for _, v := range s[1:] {
			if v < lo {
				lo = v
			}
			if v > hi {
				hi = v
			}
		}
		mins[b], maxs[b] = lo, hi
	}
	return mins, maxs
}
