package foley

import (
	"context"

	"kino/engine/speech"
	"kino/project"
)

// The speech engine, as variables so tests can simulate a missing library
// or a failing line. Production code never changes them.
var (
	speechAvailable = speech.Available
	synthesize      = speech.Synthesize
)

// speechVoice maps a cameo's voice to the speech engine's. The fields
// correspond one to one, except that the speech engine reads pitch 0 as
// "default", so a cameo's lowest pitch is sent as 1.
func speechVoice(v project.Voice) speech.Voice {
	pitch := v.Pitch
	if pitch == 0 {
		pitch = 1
	}
	return speech.Voice{Language: v.Language, Variant: v.Variant, Pitch: pitch, Rate: v.Rate}
}

// speak synthesises one line, trims its leading silence (so the line
// starts where it is placed) and brings it to the dialogue level.
func speak(ctx context.Context, text string, v project.Voice) ([]float32, error) {
	pcm, err := synthesize(ctx, text, speechVoice(v))
	if err != nil {
		return nil, err
	}
	lead := 0
	for lead < len(pcm) && lead < secs(0.3) && pcm[lead] < silence && pcm[lead] > -silence {
		lead++
	}
	pcm = pcm[lead:]
	if pk := peak(pcm); pk > silence {
		g := min(linePeak/pk, 8)
		for i := range pcm {
			pcm[i] *= g
		}
	}
	return pcm, nil
}

// Dialogue levels: each line is brought to linePeak; samples below
// silence count as silence when trimming.
const (
	linePeak = 0.5
	silence  = 1e-3
)
