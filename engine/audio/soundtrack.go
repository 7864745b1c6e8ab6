package audio

// Stem names a part of a soundtrack.
type Stem string

// Stems, in mixing order.
const (
	StemDialogue Stem = "dialogue"
	StemEffects  Stem = "effects"
	StemAmbience Stem = "ambience"
	StemMusic    Stem = "music"
)

// Stems lists every stem, in mixing order.
var Stems = []Stem{StemDialogue, StemEffects, StemAmbience, StemMusic}

// StemIndex returns s's place in Stems, or -1 for a name that is no stem.
func StemIndex(s Stem) int {
	for i, k := range Stems {
		if k == s {
			return i
		}
	}
	return -1
}

// Soundtrack is a clip's mixed sound and the stems it was mixed from. Every
// stem has the same length as the mix, and the mix is exactly the sample-wise
// sum of the stems: ducking and the anti-clipping gain are applied to the
// stems themselves.
type Soundtrack struct {
	Mix   PCM
	Stems map[Stem]PCM
	// Missing lists parts that could not be made, with why, e.g.
	// "dialogue: speech library not installed". Never silently dropped.
	Missing []string
}
