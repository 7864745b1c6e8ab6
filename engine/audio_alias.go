package engine

import "kino/engine/audio"

// The sound types moved to engine/audio. These aliases keep code written
// against the old names compiling while other branches merge; new code
// uses engine/audio.

// SampleRate is audio.SampleRate.
//
// Deprecated: use audio.SampleRate.
const SampleRate = audio.SampleRate

// PCM is audio.PCM.
//
// Deprecated: use audio.PCM.
type PCM = audio.PCM

// Stem is audio.Stem.
//
// Deprecated: use audio.Stem.
type Stem = audio.Stem

// Soundtrack is audio.Soundtrack.
//
// Deprecated: use audio.Soundtrack.
type Soundtrack = audio.Soundtrack

// Stem names, deprecated: use audio's.
const (
	StemDialogue = audio.StemDialogue // Deprecated: use audio.StemDialogue.
	StemEffects  = audio.StemEffects  // Deprecated: use audio.StemEffects.
	StemAmbience = audio.StemAmbience // Deprecated: use audio.StemAmbience.
	StemMusic    = audio.StemMusic    // Deprecated: use audio.StemMusic.
)

// Stems is audio.Stems.
//
// Deprecated: use audio.Stems.
var Stems = audio.Stems
