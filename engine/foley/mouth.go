package foley

import (
	"math"

	"kino/engine/audio"
	"kino/project"
)

// frameStart is the first sample of video frame f.
func frameStart(f int, rate project.Rate) int {
	return int(project.Frames(int64(f), rate).Samples(audio.SampleRate))
}

// frameOf is the video frame that sample s falls in.
func frameOf(s int, rate project.Rate) int {
	// s = f*Den*SR/Num rounded down, so f = floor(s*Num/(Den*SR)), then
	// corrected for the rounding of frame starts.
	f := int(int64(s) * rate.Num / (rate.Den * audio.SampleRate))
	for f > 0 && frameStart(f, rate) > s {
		f--
	}
	for frameStart(f+1, rate) <= s {
		f++
	}
	return f
}

// addEnergy adds the sum of squares of pcm, placed at sample start, into
// e per video frame.
func addEnergy(e []float64, pcm []float32, start int, rate project.Rate, n int) {
	f := frameOf(start, rate)
	for k := 0; k < len(pcm) && f < len(e); f++ {
		end := min(frameStart(f+1, rate), n) - start
		var sum float64
		for ; k < len(pcm) && k < end; k++ {
			s := float64(pcm[k])
			sum += s * s
		}
		e[f] += sum
	}
}

// Mouth envelope shaping: frames quieter than gate (relative to the
// speaker's loudest frame) close the mouth; opening follows with time
// constant attack, closing with release.
const (
	mouthGate    = 0.08
	mouthAttack  = 0.02
	mouthRelease = 0.06
)

// mouth turns per-frame energy into a smoothed 0..1 mouth opening of
// frames values: RMS per frame, normalised to the speaker's loudest frame,
// gated and smoothed with a fast attack and a slower release. A nil energy
// gives zeros.
func mouth(e []float64, frames int, rate project.Rate) []float32 {
	out := make([]float32, frames)
	if e == nil {
		return out
	}
	var top float64
	rms := make([]float64, len(e))
	for f := range e {
		l := frameStart(f+1, rate) - frameStart(f, rate)
		if l > 0 {
			rms[f] = math.Sqrt(e[f] / float64(l))
		}
		top = math.Max(top, rms[f])
	}
	if top == 0 {
		return out
	}
	dt := 1 / rate.FPS()
	up, down := 1-math.Exp(-dt/mouthAttack), 1-math.Exp(-dt/mouthRelease)
	var s float64
	for f, x := range rms {
		x /= top
		if x < mouthGate {
			x = 0
		}
		if x > s {
			s += up * (x - s)
		} else {
			s += down * (x - s)
		}
		if s < 1e-3 {
			s = 0
		}
		out[f] = float32(math.Min(1, s))
	}
	return out
}
