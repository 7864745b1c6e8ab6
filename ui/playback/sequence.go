package playback

import (
	"encoding/binary"
	"errors"
	"io"
	"math"

	"kino/engine/audio"
)

// Part is one stretch of a sequence: Length sample frames taken from the
// sound Load returns (nil Load, or a failing one, is silence). Sound
// shorter than Length is padded with silence and longer sound is cut, so
// the parts always line up with the pictures.
type Part struct {
	Length int64
	Load   func() (audio.PCM, error)
}

// Sequence reads parts back to back as 48 kHz float32 stereo bytes, with
// overlays mixed over them: an io.Reader over an audio.Mixer. Each part's
// and overlay's sound is loaded in the background a few seconds before it
// plays and let go once played.
type Sequence struct {
	mix   *audio.Mixer
	block audio.Block
}

// NewSequence returns a reader of parts starting from sample frame from.
func NewSequence(parts []Part, from int64) *Sequence {
	return NewMix(parts, nil, from)
}

// NewMix returns a reader of parts with overlays mixed over them, starting
// from sample frame from. The parts and overlays already sounding at from
// start loading at once.
func NewMix(parts []Part, overlays []Overlay, from int64) *Sequence {
	var places []audio.Placement
	var end int64
	for _, p := range parts {
		if p.Length <= 0 {
			continue
		}
		places = append(places, audio.Placement{Start: end, Length: p.Length, Gain: 1, Open: opener(p.Load)})
		end += p.Length
	}
	for _, o := range overlays {
		places = append(places, audio.Placement{Start: o.Start, Known: o.Length, Gain: o.Gain, Open: opener(o.Load)})
	}
	m := audio.NewMixer(places, audio.MixOptions{Length: end, Lead: overlayLead})
	m.SeekTo(max(from, 0))
	return &Sequence{mix: m}
}

// SoftLimit makes the sequence bend the peaks of its sound below full
// scale (audio.PolicySoftLimit): takes' soundtracks never clip, but music
// and voice-over clips laid over them can. It returns s.
func (s *Sequence) SoftLimit() *Sequence {
	s.mix.SetPolicy(audio.PolicySoftLimit)
	return s
}

// Len returns the sequence's length in sample frames.
func (s *Sequence) Len() int64 { return s.mix.Len() }

// Errors returns the load failures met so far, one per part, then one
// per overlay.
func (s *Sequence) Errors() []error { return s.mix.Errors() }

// Read fills p with whole sample frames.
func (s *Sequence) Read(p []byte) (int, error) {
	frames := len(p) / BytesPerFrame
	if s.mix.Pos() >= s.mix.Len() {
		return 0, io.EOF
	}
	if frames == 0 {
		return 0, nil
	}
	if err := s.mix.Read(&s.block, frames); err != nil {
		if errors.Is(err, io.EOF) {
			return 0, io.EOF
		}
		return 0, err
	}
	for k, v := range s.block.Mix {
		binary.LittleEndian.PutUint32(p[4*k:], math.Float32bits(v))
	}
	return len(s.block.Mix) * 4, nil
}
