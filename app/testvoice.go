package app

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"time"

	"kino/engine/speech"
	"kino/project"
	"kino/ui/playback"
)

// errNoVoiceDevice is what Test voice says without a sound device.
var errNoVoiceDevice = errors.New("no audio device: the voice cannot be played on this computer")

// voiceTester speaks the cameo form's Test voice line through out, the
// studio's sound device, and returns when it has been heard (or ctx ends).
func voiceTester(out playback.Output) func(ctx context.Context, v project.Voice, text string) error {
	return func(ctx context.Context, v project.Voice, text string) error {
		if out == nil || out.Silent() {
			return errNoVoiceDevice
		}
		mono, err := speech.Synthesize(ctx, text, speech.Voice{Language: v.Language, Variant: v.Variant, Pitch: v.Pitch, Rate: v.Rate})
		if err != nil {
			return err
		}
		stereo, err := speech.ToStereo(mono, 1, speech.SampleRate, playback.SampleRate)
		if err != nil {
			return err
		}
		buf := make([]byte, 4*len(stereo))
		for i, x := range stereo {
			binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(x))
		}
		st, err := out.Start(bytes.NewReader(buf))
		if err != nil {
			return errNoVoiceDevice // the device's own words are for the doctor, not the form
		}
		defer st.Close()
		frames := int64(len(stereo) / playback.Channels)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for st.Played() < frames {
			if err := st.Err(); err != nil {
				return err
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-tick.C:
			}
		}
		return nil
	}
}
