package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kino/project"
	kwidget "kino/ui/widget"
)

// walk calls fn for every object under o.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, k := range c.Objects {
			walk(k, fn)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		for _, k := range r.Objects() {
			walk(k, fn)
		}
	}
}

// TestStudioCameoFormTestVoice picks a Piper voice and a speaker in the
// new-cameo form and tests it; without an audio device the form shows
// the line's waveform.
func TestStudioCameoFormTestVoice(t *testing.T) {
	installTestVoices(t)
	voiceLibrary().Rescan()
	h := newStudioHarness(t, "a beach")
	h.s.Cameos().OnNew()
	h.settle("opening the form", func() bool { return true })
	top := h.s.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the new-cameo form did not open")
	}
	var (
		selects []*widget.Select
		test_   *widget.Button
		wave    *kwidget.WavePreview
		entries []*widget.Entry
	)
	walk(top, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Select:
			selects = append(selects, w)
		case *widget.Button:
			if w.Text == "Test voice" {
				test_ = w
			}
		case *kwidget.WavePreview:
			wave = w
		case *widget.Entry:
			entries = append(entries, w)
		}
	})
	var voice, speaker *widget.Select
	for _, s := range selects {
		for _, o := range s.Options {
			if strings.HasPrefix(o, "en_US-tiny_multi-low") {
				voice = s
			}
		}
	}
	if voice == nil || test_ == nil || wave == nil {
		t.Fatalf("form: voice select %v, Test voice %v, waveform %v (selects %d)", voice != nil, test_ != nil, wave != nil, len(selects))
	}
	for _, o := range voice.Options {
		if strings.HasPrefix(o, "de_DE-tiny-medium") && !strings.Contains(o, "German") {
			t.Errorf("option %q does not say the language", o)
		}
	}
	for _, o := range voice.Options {
		if strings.HasPrefix(o, "en_US-tiny_multi-low") {
			voice.SetSelected(o)
		}
	}
	for _, s := range selects {
		if s != voice && len(s.Options) == 3 && strings.Contains(s.Options[1], "adam") {
			speaker = s
		}
	}
	if speaker == nil || !speaker.Visible() {
		t.Fatal("no speaker choice for a three-speaker voice")
	}
	speaker.SetSelectedIndex(2)
	lang := false
	for _, e := range entries {
		lang = lang || e.Text == "en-us"
	}
	if !lang {
		t.Error("choosing the English voice did not set the language to en-us")
	}
	test.Tap(test_)
	h.settle("testing the voice", func() bool { return wave.Visible() })
	peaks := wave.Peaks()
	loud := 0
	for _, p := range peaks {
		if p > 0.05 {
			loud++
		}
	}
	if len(peaks) < 100 || loud < len(peaks)/4 {
		t.Errorf("waveform of %d peaks, %d loud", len(peaks), loud)
	}
}

// TestStudioChangedVoiceMakesShotStale: a shot whose cameo speaks with a
// Piper voice goes stale when the voice's files change on disk.
func TestStudioChangedVoiceMakesShotStale(t *testing.T) {
	models := installTestVoices(t)
	h := newStudioHarness(t, "Mia on the beach")
	c := h.addCameo("@mia", "Mia")
	c.Voice = project.Voice{Language: "en-us", Pitch: 50, Rate: 175, Model: "piper:en_US-tiny_multi-low", Speaker: 1}
	if err := h.sess.Library.UpdateCameo(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	shot := h.shots()[0]
	blob, err := h.sess.Library.OpenBlob(c.Images[0].SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.sess.Project.PutBlob(context.Background(), blob, c.Images[0].MediaType); err != nil {
		t.Fatal(err)
	}
	blob.Close()
	if _, err := h.sess.Project.Apply(context.Background(), project.CastCameo{ShotID: shot.ID, Cameo: *c}); err != nil {
		t.Fatal(err)
	}
	h.s.Reload()
	h.s.SelectShot(1)
	h.s.GenerateSelected()
	h.settle("generating", func() bool { return h.s.Timeline().Cards()[0].State == kwidget.CardReady })
	// The voice's config changes (another noise width).
	cfg := filepath.Join(models, "en_US-tiny_multi-low.onnx.json")
	data, _ := os.ReadFile(cfg)
	data = []byte(strings.Replace(string(data), `"noise_w": 0.8`, `"noise_w": 0.5`, 1))
	if err := os.WriteFile(cfg, data, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(5 * time.Second)
	os.Chtimes(cfg, later, later)
	h.s.VoicesChanged() // what the studio's voice watch calls
	h.settle("noticing the changed voice", func() bool { return h.s.Timeline().Cards()[0].State == kwidget.CardStale })
}
