package ui

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"time"

	"kino/engine"
	"kino/engine/media"
	"kino/project"
	"kino/ui/playback"
)

// testVoice speaks a sample line with v off the UI goroutine and plays
// it; without an audio device the form shows the line's waveform instead.
func (s *Studio) testVoice(v project.Voice, text string, part *voicePart) {
	if s.deps.SpeakVoice == nil {
		s.setStatus("Speech is not available")
		return
	}
	s.setStatus("Speaking…")
	go func() {
		pcm, notes, err := s.deps.SpeakVoice(context.Background(), v, text)
		var silent error
		if err == nil {
			silent = s.playSample(pcm)
		}
		s.deps.Post(func() {
			if err != nil {
				s.showError("Test voice", err)
				return
			}
			status := strings.Join(notes, "; ")
			if silent != nil {
				peaks := media.WaveformPeaks(engine.PCM{Rate: playback.SampleRate, Channels: 1, Samples: pcm}, 160)
				part.showWave(peaks, "Nothing can be heard here ("+silent.Error()+"), so this is the line's waveform.")
			} else {
				part.hideWave()
			}
			s.setStatus(status)
		})
	}()
}

// playSample plays mono 48 kHz sound through the audio device; it
// returns why nothing can be heard, or nil.
func (s *Studio) playSample(pcm []float32) error {
	out := s.deps.Audio
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
