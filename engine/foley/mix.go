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

// ducker lowers the ambience and music under the dialogue, block by
// block.
type ducker struct {
	mDepth, aDepth, hold, down, up float32
	level, d                       float32
}

func newDucker() ducker {
	return ducker{
		mDepth: float32(1 - math.Pow(10, musicDuckDB/20.0)),
		aDepth: float32(1 - math.Pow(10, ambienceDuckDB/20.0)),
		hold:   decay(duckHold / 3),
		down:   1 - decay(duckAttack),
		up:     1 - decay(duckRelease),
	}
}

// run lowers the interleaved stereo ambience and music under the mono
// dialogue speech (the same frames of each), in place.
func (k *ducker) run(speech, ambience, music []float32) {
	mDepth, aDepth, hold, down, up := k.mDepth, k.aDepth, k.hold, k.down, k.up
	level, d := k.level, k.d
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
	k.level, k.d = level, d
}

// sumStems writes the sample-wise sum of the stems into mix, summed in
// order, and returns its peak.
func sumStems(mix []float32, stems ...[]float32) float32 {
	copy(mix, stems[0])
	for _, s := range stems[1:] {
		s = s[:len(mix)]
		for i, x := range s {
			mix[i] += x
		}
	}
	return peak(mix)
}

// mixGain is the one gain that keeps a mix peaking at pk at most ceiling:
// 1 when it needs none.
func mixGain(pk, ceiling float32) float32 {
	if pk <= ceiling {
		return 1
	}
	return ceiling / pk
}

// scale multiplies x by g in place (nothing when g is 1).
func scale(x []float32, g float32) {
	if g == 1 {
		return
	}
	for i := range x {
		x[i] *= g
	}
}

// mixStems returns the sample-wise sum of the stems, summed in order. When
// that sum would peak above ceiling, every stem is first scaled by one
// gain so that it does not, and the mix is the sum of the scaled stems.
func mixStems(ceiling float32, stems ...[]float32) []float32 {
	mix := make([]float32, len(stems[0]))
	g := mixGain(sumStems(mix, stems...), ceiling)
	if g == 1 {
		return mix
	}
	for _, s := range stems {
		scale(s, g)
	}
	sumStems(mix, stems...)
	return mix
}

// fadeEdges fades frames [at, at+len(out)/2) of a stereo stem of n frames
// in and out over its first and last 10 ms, so a cut between shots never
// clicks.
func fadeEdges(out []float32, at, n int) {
	f := min(secs(0.01), n/2)
	end := at + len(out)/2
	for i := at; i < min(f, end); i++ {
		g := float32(i) / float32(f)
		out[2*(i-at)] *= g
		out[2*(i-at)+1] *= g
	}
	for i := max(n-f, at); i < end; i++ {
		g := float32(n-1-i) / float32(f)
		out[2*(i-at)] *= g
		out[2*(i-at)+1] *= g
	}
}

// muffler low-passes a stereo stem at fc Hz (fog dampens the world),
// block by block.
type muffler struct{ a, l, r float32 }

func newMuffler(fc float64) muffler { return muffler{a: lpCoef(fc)} }

func (m *muffler) run(out []float32) {
	a, l, r := m.a, m.l, m.r
	for i := 0; i+1 < len(out); i += 2 {
		l += a * (out[i] - l)
		r += a * (out[i+1] - r)
		out[i], out[i+1] = l, r
	}
	m.l, m.r = l, r
}
