package foley

import "math"

// mixCeiling is the highest peak the mix may reach: -1 dBFS.
var mixCeiling = float32(math.Pow(10, -1.0/20))

// Ducking: while dialogue sounds, music drops by musicDuck and ambience
// (which carries the setting) by the gentler ambienceDuck, moving down
// with time constant duckAttack and back up with duckRelease.
const (
	musicDuckDB    = -10
	ambienceDuckDB = -6
	duckAttack     = 0.05
	duckRelease    = 0.3
	// duckHold is how long the speech detector holds after the voice
	// falls, so short pauses between words do not pump the bed.
	duckHold = 0.15
	// duckThreshold is the dialogue level that counts as speech.
	duckThreshold = 0.01
)

// duck lowers the interleaved stereo ambience and music under the mono
// dialogue speech, in place.
func duck(speech, ambience, music []float32) {
	mDepth := float32(1 - math.Pow(10, musicDuckDB/20.0))
	aDepth := float32(1 - math.Pow(10, ambienceDuckDB/20.0))
	hold := decay(duckHold / 3)
	down, up := 1-decay(duckAttack), 1-decay(duckRelease)
	var level, d float32
	for i, x := range speech {
		if x < 0 {
			x = -x
		}
		level = max(x, level*hold)
		if level > duckThreshold {
			d += down * (1 - d)
		} else {
			d -= up * d
		}
		gm, ga := 1-mDepth*d, 1-aDepth*d
		music[2*i] *= gm
		music[2*i+1] *= gm
		ambience[2*i] *= ga
		ambience[2*i+1] *= ga
	}
}

// mixStems returns the sample-wise sum of the stems, summed in order. When
// that sum would peak above ceiling, every stem is first scaled by one
// gain so that it does not, and the mix is the sum of the scaled stems.
func mixStems(ceiling float32, stems ...[]float32) []float32 {
	mix := make([]float32, len(stems[0]))
	sum := func() float32 {
		copy(mix, stems[0])
		for _, s := range stems[1:] {
			s = s[:len(mix)]
			for i, x := range s {
				mix[i] += x
			}
		}
		return peak(mix)
	}
	pk := sum()
	if pk <= ceiling {
		return mix
	}
	g := ceiling / pk
	for _, s := range stems {
		for i := range s {
			s[i] *= g
		}
	}
	sum()
	return mix
}

// edgeFade fades a stereo stem in and out over 10 ms, so a cut between
// shots never clicks.
func edgeFade(out []float32) {
	n := len(out) / 2
	f := min(secs(0.01), n/2)
	for k := 0; k < f; k++ {
		g := float32(k) / float32(f)
		out[2*k] *= g
		out[2*k+1] *= g
		out[2*(n-1-k)] *= g
		out[2*(n-1-k)+1] *= g
	}
}

// muffle low-passes a stereo stem at fc Hz (fog dampens the world).
func muffle(out []float32, fc float64) {
	a := lpCoef(fc)
	var l, r float32
	for i := 0; i+1 < len(out); i += 2 {
		l += a * (out[i] - l)
		r += a * (out[i+1] - r)
		out[i], out[i+1] = l, r
	}
}
