package playback

import "kino/engine/audio"

// Overlay is sound laid over a sequence's parts, such as a music or
// voice-over clip: it starts at sample frame Start of the sequence
// (negative when it began before the sequence does), is scaled by Gain
// and added to whatever the parts play there. Load returns 48 kHz sound,
// mono or stereo; a nil Load, or a failing one, adds silence. Sound past
// the sequence's end is cut. Length, when known (0: unknown), is the
// sound's length in sample frames: an overlay that ended before reading
// starts is then passed over without loading.
type Overlay struct {
	Start  int64
	Length int64
	Gain   float32
	Load   func() (audio.PCM, error)
}

// overlayLead is how far ahead of a part's or an overlay's start, in
// sample frames, its sound is loaded in the background (5 s).
const overlayLead = 5 * SampleRate

// opener turns a Load function into an audio.Placement's Open.
func opener(load func() (audio.PCM, error)) func() (audio.Source, error) {
	if load == nil {
		return nil
	}
	return func() (audio.Source, error) {
		pcm, err := load()
		if err != nil {
			return nil, err
		}
		return audio.NewPCMSource(pcm)
	}
}
