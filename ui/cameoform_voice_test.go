package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kino/project"
)

func TestCameoFormVoiceModel(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	f := newCameoForm(w, "p1", func() time.Time { return testNow })
	v := f.voicePart
	v.setModels([]VoiceModelChoice{
		{Model: "piper:de_DE-thorsten-medium", Label: "de_DE-thorsten-medium (German, medium)", Language: "de"},
		{Model: "piper:en_US-libritts-high", Label: "en_US-libritts-high (English, high, 3 speakers)", Language: "en-us", Speakers: []string{"p1", "p2", "p3"}},
	})
	if got := f.voice(); got.Model != "" || got != project.DefaultVoice {
		t.Fatalf("default voice %+v", got)
	}
	v.model.SetSelected("de_DE-thorsten-medium (German, medium)")
	if got := f.voice(); got.Model != "piper:de_DE-thorsten-medium" || got.Language != "de" || got.Speaker != 0 || v.speaker.Visible() || !v.pitch.Disabled() {
		t.Errorf("German voice: %+v, speaker shown %v, pitch disabled %v", got, v.speaker.Visible(), v.pitch.Disabled())
	}
	if line := f.testLine(); line != "Hallo. So klinge ich in Kino." {
		t.Errorf("German test line %q", line)
	}
	v.model.SetSelected("en_US-libritts-high (English, high, 3 speakers)")
	if !v.speaker.Visible() || len(v.speaker.Options) != 3 {
		t.Fatalf("speakers %v shown %v", v.speaker.Options, v.speaker.Visible())
	}
	v.speaker.SetSelectedIndex(2)
	if got := f.voice(); got.Model != "piper:en_US-libritts-high" || got.Speaker != 2 || got.Language != "en-us" {
		t.Errorf("English speaker 2: %+v", got)
	}
	test.Type(f.name, "Mara")
	if line := f.testLine(); line != "Hello, I am Mara. This is how I sound in Kino." {
		t.Errorf("English test line %q", line)
	}
	v.model.SetSelected(espeakChoice)
	if got := f.voice(); got.Model != "" || got.Speaker != 0 || v.speaker.Visible() || v.pitch.Disabled() {
		t.Errorf("back to espeak-ng: %+v", got)
	}
	v.showWave([]float32{0.1, 0.9, 0.5}, "no audio device")
	if !v.wave.Visible() || len(v.wave.Peaks()) != 3 || v.waveNote.Text != "no audio device" {
		t.Error("waveform not shown")
	}
}
