package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kino/ui"
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
		wave    *ui.WavePreview
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
		case *ui.WavePreview:
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
