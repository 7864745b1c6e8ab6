package foley

import (
	"context"
	"errors"
	"fmt"

	"kino/engine/speech"
	"kino/project"
)

// The speech engine, as variables so tests can simulate a missing library
// or a failing line. Production code never changes them.
var (
	speechAvailable = speech.Available
	synthesize      = speech.Synthesize
	speakModel      = speech.SpeakModel
)

// speechVoice maps a cameo's voice to the speech engine's. The fields
// correspond one to one, except that the speech engine reads pitch 0 as
// "default", so a cameo's lowest pitch is sent as 1.
func speechVoice(v project.Voice) speech.Voice {
	pitch := v.Pitch
	if pitch == 0 {
		pitch = 1
	}
	return speech.Voice{Language: v.Language, Variant: v.Variant, Pitch: pitch, Rate: v.Rate, Model: v.Model, Speaker: v.Speaker}
}

// SpeakLine speaks one line as dialogue is spoken (see speak): mono at
// audio.SampleRate, with notes such as an espeak-ng fallback. The cameo
// form's Test voice uses it.
func SpeakLine(ctx context.Context, text string, v project.Voice) ([]float32, []string, error) {
	return speak(ctx, text, v)
}

// speak synthesises one line, with the voice's model (a Piper voice) when
// it has one and espeak-ng otherwise, trims its leading silence (so the
// line starts where it is placed) and brings it to the dialogue level. A
// line the model cannot speak (not installed, another language) is
// spoken by espeak-ng, and a note says why.
func speak(ctx context.Context, text string, v project.Voice) ([]float32, []string, error) {
	sv := speechVoice(v)
	var (
		pcm   []float32
		notes []string
		err   error
	)
	if sv.Model != "" {
		pcm, notes, err = speakModel(ctx, text, sv)
		var fb *speech.FallbackError
		if errors.As(err, &fb) {
			if fb.Language != "" && fb.Language != sv.Language {
				sv.Language, sv.Variant = fb.Language, ""
			}
			notes = []string{fmt.Sprintf("spoken by espeak-ng (%s) instead of %s: %s", sv.Language, fb.Model, fb.Reason)}
			sv.Model, sv.Speaker = "", 0
			pcm, err = synthesize(ctx, text, sv)
		}
	} else {
		pcm, err = synthesize(ctx, text, sv)
	}
	if err != nil {
		return nil, nil, err
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
	return pcm, notes, nil
}

// Dialogue levels: each line is brought to linePeak; samples below
// silence count as silence when trimming.
const (
	linePeak = 0.5
	silence  = 1e-3
)
