package media

import (
	"math"
	"testing"

	"kino/engine/audio"
)

func TestWaveformPeaks(t *testing.T) {
	// Stereo, 8 frames: the right channel holds the loudest sample of the
	// second half.
	pcm := audio.PCM{Rate: 48000, Channels: 2, Samples: []float32{
		0.1, 0, -0.3, 0.2, 0.05, 0, 0, 0,
		0, 0.1, 0, -0.9, 0.2, 0, 0, 0.4,
	}}
	got := WaveformPeaks(pcm, 2)
	if len(got) != 2 || got[0] != 0.3 || got[1] != 0.9 {
		t.Fatalf("peaks %v, want [0.3 0.9]", got)
	}
	lo, hi := WaveformMinMax(pcm, 4)
	wantLo := []float32{-0.3, 0, 0, 0}
	wantHi := []float32{0.2, 0.05, 0.1, 0.4}
	wantLo[2] = -0.9
	for i := range 4 {
		if lo[i] != wantLo[i] || hi[i] != wantHi[i] {
			t.Fatalf("bucket %d: [%v, %v], want [%v, %v]", i, lo[i], hi[i], wantLo[i], wantHi[i])
		}
	}
	// More buckets than frames: every bucket shows the frame it is on.
	up := WaveformPeaks(audio.PCM{Rate: 48000, Channels: 1, Samples: []float32{0.5, -1}}, 5)
	want := []float32{0.5, 0.5, 0.5, 1, 1}
	for i := range want {
		if up[i] != want[i] {
			t.Fatalf("upsampled %v, want %v", up, want)
		}
	}
	if WaveformPeaks(pcm, 0) != nil {
		t.Error("zero buckets should give nil")
	}
	if z := WaveformPeaks(audio.PCM{Channels: 2}, 3); len(z) != 3 || z[0] != 0 {
		t.Errorf("empty audio: %v", z)
	}
}

func TestWaveformPeaksLongSine(t *testing.T) {
	n := 5 * audio.SampleRate
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(0.7 * math.Sin(2*math.Pi*440*float64(i)/audio.SampleRate) * float64(i) / float64(n))
	}
	p := WaveformPeaks(audio.PCM{Rate: audio.SampleRate, Channels: 1, Samples: s}, 100)
	for b := range p {
		env := 0.7 * float64(b+1) / 100 // the envelope at the bucket's end
		if float64(p[b]) > env+1e-6 || float64(p[b]) < env-0.02 {
			t.Fatalf("bucket %d: peak %v, want about %v", b, p[b], env)
		}
	}
}
