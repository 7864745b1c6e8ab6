package engine

import (
	"image"

	"kino/project"
)

// Image is the image type clips hand out.
type Image = image.Image

// Clip is a generated shot: frames by index and a soundtrack.
type Clip interface {
	// Info describes the clip.
	Info() ClipInfo
	// Frame returns frame i (0-based), rendering it if needed.
	Frame(i int) (image.Image, error)
	// RenderFrame draws frame i into dst, which must have the clip's size.
	// It lets players and exporters reuse one buffer.
	RenderFrame(i int, dst *image.RGBA) error
	// Soundtrack returns the clip's sound, 48 kHz stereo.
	Soundtrack() (*Soundtrack, error)
}

// ClipInfo is a clip's metadata.
type ClipInfo struct {
	Width, Height int
	Frames        int
	Rate          project.Rate
	Backend       string
	Model         string
	ModelHash     string
	Seed          uint64
	// Notes are things a person should know about the result, such as
	// "dialogue missing: speech library not installed".
	Notes []string
}

// Duration returns the clip's length as a timeline Time.
func (c ClipInfo) Duration() project.Time { return project.Frames(int64(c.Frames), c.Rate) }

// SampleRate is the sample rate of every soundtrack: 48 kHz.
const SampleRate = 48000

// Stem names a part of a soundtrack.
type Stem string

// Stems, in mixing order.
const (
	StemDialogue Stem = "dialogue"
	StemEffects  Stem = "effects"
	StemAmbience Stem = "ambience"
	StemMusic    Stem = "music"
)

// Stems lists every stem.
var Stems = []Stem{StemDialogue, StemEffects, StemAmbience, StemMusic}

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
func (p PCM) Peak() float32 {
	var m float32
	for _, s := range p.Samples {
		if s < 0 {
			s = -s
		}
		if s > m {
			m = s
		}
	}
	return m
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
