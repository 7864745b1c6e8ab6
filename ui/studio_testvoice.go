package ui

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
	"kino/ui/playback"
)

// testVoice speaks a sample line with v off the UI goroutine and plays
// it, saying in the form what happened (the status line is behind the
// form); without an audio device the form shows the line's waveform.
func (cs *cameosCtl) testVoice(v project.Voice, text string, part *voicePart) {
	note := func(msg string, problem bool) {
		if cs.form != nil && cs.form.voicePart == part {
			cs.form.setVoiceNote(msg, problem)
		}
	}
	if cs.s.deps.SpeakVoice == nil {
		note("Speech is not available in this build of Kino.", true)
		return
	}
	part.hideWave()
	note("Speaking…", false)
	go func() {
		pcm, notes, err := cs.s.deps.SpeakVoice(context.Background(), v, text)
		var silent error
		if err == nil {
			silent = cs.playSample(pcm)
		}
		cs.s.deps.Post(func() {
			switch {
			case err != nil:
				note(capitalize(project.ErrorMessage(err)), true)
			case silent != nil:
				peaks := media.WaveformPeaks(audio.PCM{Rate: playback.SampleRate, Channels: 1, Samples: pcm}, 160)
				part.showWave(peaks, "No audio device: nothing can be heard on this computer ("+silent.Error()+"), so this is the line's waveform.")
				if cs.form != nil && cs.form.voicePart == part {
					cs.form.voiceNote.Importance = widget.WarningImportance
					cs.form.voiceNote.Refresh()
				}
			default:
				note(strings.Join(notes, "; "), false)
			}
		})
	}()
}

// playSample plays mono 48 kHz sound through the audio device; it
// returns why nothing can be heard, or nil.
func (cs *cameosCtl) playSample(pcm []float32) error {
	out := cs.s.deps.Audio
	if out == nil || out.Silent() {
		return errors.New("no audio device")
	}
	var buf bytes.Buffer
	buf.Grow(len(pcm) * playback.BytesPerFrame)
	var b [4]byte
	for _, v := range pcm {
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(v))
		buf.Write(b[:]) // left
		buf.Write(b[:]) // right
	}
	st, err := out.Start(&buf)
	if err != nil {
		return err
	}
	d := time.Duration(float64(len(pcm)) / playback.SampleRate * float64(time.Second))
	time.AfterFunc(d+300*time.Millisecond, func() { st.Close() })
	return nil
}

// VoicesChanged is called when installed voice models were added,
// changed or removed: a take spoken with a voice that changed since is
// stale, so the shots' staleness is checked again.
func (s *Studio) VoicesChanged() {
	if s.closed {
		return
	}
	clear(s.staleMemo)
	s.refreshCards()
	s.refreshInspector()
}
