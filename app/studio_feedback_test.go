package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kino/ui/uitest"
)

// TestStudioConsentRefusalGoesWithItsCause: once the revoked cameo is
// out of the shot, "cannot be generated: consent revoked" and its Retry
// go too.
func TestStudioConsentRefusalGoesWithItsCause(t *testing.T) {
	h := newStudioHarness(t, "Mara waves")
	h.addCameo("@mara", "Mara Lind")
	for _, r := range h.s.Cameos().Rows() {
		if r.Cameo.Handle == "@mara" {
			test.Tap(r.CastButton())
		}
	}
	h.settle("casting", func() bool { return h.shots()[0].IsCast("@mara") })
	h.s.RevokeCameo("@mara")
	h.settle("revoking", func() bool { return h.s.Inspector().Problem() != "" })
	h.s.GenerateSelected()
	h.settle("refusing", func() bool { return h.s.Inspector().Message() != "" })
	if !strings.Contains(h.s.Inspector().Message(), "revoked") {
		t.Fatalf("refusal %q", h.s.Inspector().Message())
	}
	h.s.Inspector().OnUncast("@mara")
	h.settle("removing @mara from the shot", func() bool { return !h.shots()[0].IsCast("@mara") })
	if p := h.s.Inspector().Problem(); p != "" {
		t.Fatalf("problem still shown: %q", p)
	}
	if msg := h.s.Inspector().Message(); msg != "" {
		t.Fatalf("the refusal outlived its cause: %q", msg)
	}
	if st := h.s.Status(); strings.Contains(st, "revoked") {
		t.Fatalf("the status line still says %q", st)
	}
}

// TestStudioChipsFollowTheCast: right after @mara is cast from the
// prompt, her chip no longer says she is not in the shot's cast.
func TestStudioChipsFollowTheCast(t *testing.T) {
	h := newStudioHarness(t, "on the pier")
	h.addCameo("@mara", "Mara Lind")
	c := h.s.Window().Canvas()
	prompt := h.s.Inspector().Prompt()
	uitest.Click(prompt.(fyne.CanvasObject), fyne.NewPos(10, 10))
	moveToEnd(c)
	uitest.TypeText(c, ", @ma")
	uitest.PressKey(c, fyne.KeyReturn)
	h.settle("casting", func() bool { return h.shots()[0].IsCast("@mara") })
	castChip := func() bool {
		for _, chip := range h.s.Inspector().Chips() {
			if strings.Contains(chip, "@mara") {
				return !strings.Contains(chip, "not in this shot's cast")
			}
		}
		return false
	}
	if !castChip() {
		t.Fatalf("the chips after casting say %q", h.s.Inspector().Chips())
	}
}

// TestStudioTestVoiceSaysThereIsNoAudioDevice: without a sound device,
// Test voice says so in the form, not "Speech is not available" in the
// status line behind it.
func TestStudioTestVoiceSaysThereIsNoAudioDevice(t *testing.T) {
	h := newStudioHarness(t, "one")
	h.s.Cameos().OnNew()
	h.s.PressTestVoice()
	h.settle("testing the voice", func() bool { n := h.s.VoiceNote(); return n != "" && n != "Speaking…" })
	if note := h.s.VoiceNote(); !strings.Contains(note, "No audio device") {
		t.Fatalf("Test voice says %q", note)
	}
	if st := h.s.Status(); strings.Contains(st, "Speech") {
		t.Fatalf("the status line says %q", st)
	}
}
