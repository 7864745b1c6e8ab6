package foley

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"kino/engine/audio"
	"kino/engine/scene"
	"kino/engine/speech"
	"kino/project"
)

func TestDialogueIsPlacedAtEachLinesStart(t *testing.T) {
	f := useFakeSpeech(t, &fakeSpeech{})
	a, b := "look at the sky", "it is beautiful" // 1.05 s each
	req := request(t, 6, 1, line("@ana", a, 1), line("@Ben", b, 3.5))
	d, err := SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Missing) != 0 {
		t.Fatalf("nothing should be missing, got %q", d.Missing)
	}
	n := int(req.Duration.Samples(audio.SampleRate))
	if len(d.Mono()) != n {
		t.Fatalf("dialogue PCM has %d samples, want %d", len(d.Mono()), n)
	}
	if len(f.calls) != 2 || f.texts[0] != a || f.texts[1] != b {
		t.Fatalf("speech was asked for %q", f.texts)
	}
	st, err := Render(context.Background(), req, plan(scene.SettingBeach, scene.Clear, scene.Romantic), nil, d)
	if err != nil {
		t.Fatal(err)
	}
	dlg := st.Stems[audio.StemDialogue].Samples
	windows := [][2]float64{{1, 1 + 1.05}, {3.5, 3.5 + 1.05}}
	for _, w := range windows {
		if in := rmsRange(dlg, secs(w[0]), secs(w[1])); in < 0.05 {
			t.Errorf("dialogue RMS inside the line %v s is %.4f, want speech", w, in)
		}
	}
	quiet := [][2]float64{{0, 0.99}, {2.06, 3.49}, {4.56, 6}}
	for _, w := range quiet {
		if out := rmsRange(dlg, secs(w[0]), secs(w[1])); out > 1e-4 {
			t.Errorf("dialogue RMS outside the lines, %v s, is %.5f, want silence", w, out)
		}
	}
	// Speech starts where the line starts (to the sample, as the fake has
	// no leading silence).
	start := secs(1)
	if dlg[2*(start-1)] != 0 || dlg[2*(start+200)] == 0 {
		t.Errorf("line 1 does not start at 1 s")
	}
}

func TestDialogueEnvelopeFollowsEachSpeaker(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 6, 1, line("@ana", "look at the sky", 1), line("@ben", "it is beautiful", 3.5), line("@zoe", "hi", 5))
	d, err := SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	frames := req.Frames()
	for _, h := range []string{"@ana", "@ben", "@zoe"} {
		if len(d.Envelope[h]) != frames {
			t.Fatalf("envelope of %s has %d values, want %d (one per frame)", h, len(d.Envelope[h]), frames)
		}
	}
	mean := func(e []float32, a, b float64) float64 {
		var s float64
		fa, fb := int(a*24), int(b*24)
		for _, v := range e[fa:fb] {
			if v < 0 || v > 1 {
				t.Fatalf("envelope value %v outside 0..1", v)
			}
			s += float64(v)
		}
		return s / float64(fb-fa)
	}
	ana, ben := d.Envelope["@ana"], d.Envelope["@ben"]
	if m := mean(ana, 1.05, 2); m < 0.3 {
		t.Errorf("@ana's mouth is %.2f open on average while she speaks, want > 0.3", m)
	}
	if m := mean(ana, 2.5, 6); m != 0 {
		t.Errorf("@ana's mouth moves (%.3f) after her line", m)
	}
	if m := mean(ana, 0, 1); m != 0 {
		t.Errorf("@ana's mouth moves (%.3f) before her line", m)
	}
	if m := mean(ben, 3.55, 4.5); m < 0.3 {
		t.Errorf("@ben's mouth is %.2f open on average while he speaks", m)
	}
	if m := mean(ben, 0, 3.45); m != 0 {
		t.Errorf("@ben's mouth moves (%.3f) before his line", m)
	}
	var top float32
	for _, v := range ana {
		top = max(top, v)
	}
	if top < 0.9 {
		t.Errorf("@ana's envelope peaks at %.2f; normalised, it should reach about 1", top)
	}
	// Syllables show: the mouth opens and closes within a line.
	lo, hi := float32(1), float32(0)
	for _, v := range ana[26:48] {
		lo, hi = min(lo, v), max(hi, v)
	}
	if hi-lo < 0.2 {
		t.Errorf("@ana's mouth barely moves within her line (%.2f..%.2f)", lo, hi)
	}
}

func TestDialogueUsesEachSpeakersVoice(t *testing.T) {
	f := useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 5, 1, line("@ana", "one", 0), line("@ben", "two", 1), line("@stranger", "three", 2))
	if _, err := SpeakDialogue(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	want := []speech.Voice{
		{Language: "en", Variant: "f3", Pitch: 70, Rate: 160},
		{Language: "de", Pitch: 35, Rate: 190},
		speechVoice(project.DefaultVoice),
	}
	if fmt.Sprint(f.calls) != fmt.Sprint(want) {
		t.Fatalf("voices %+v, want %+v", f.calls, want)
	}
}

func TestDialogueOverflowIsCutAndReported(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	long := strings.Repeat("la ", 20) // 4.2 s
	req := request(t, 3, 1, line("@ana", long, 1), line("@ben", "too late", 4))
	d, err := SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Mono()) != int(req.Duration.Samples(audio.SampleRate)) {
		t.Fatalf("PCM length %d changed by the overflowing line", len(d.Mono()))
	}
	if len(d.Missing) != 2 ||
		!strings.HasPrefix(d.Missing[0], "line 1 (@ana): cut at the clip's end") || !strings.Contains(d.Missing[0], "2.2 s of 4.2 s") ||
		!strings.HasPrefix(d.Missing[1], "line 2 (@ben): starts at 4s, after the clip ends at 3s") {
		t.Fatalf("Missing = %q", d.Missing)
	}
	if tail := d.Mono()[len(d.Mono())-1]; tail != 0 {
		t.Errorf("the cut line does not fade out (last sample %v)", tail)
	}
	if rmsMono(d.Mono()[secs(2.5):secs(2.9)]) < 0.05 {
		t.Error("the overflowing line is not heard up to the clip's end")
	}
}

func rmsMono(x []float32) float64 {
	st := make([]float32, 2*len(x))
	for i, v := range x {
		st[2*i], st[2*i+1] = v, v
	}
	return rmsRange(st, 0, len(x))
}

func TestMissingSpeechIsReportedNotDropped(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{unavail: fmt.Errorf("%w: espeak-ng data not found", speech.ErrUnavailable)})
	req := request(t, 4, 1, line("@ana", "hello", 0.5), line("@ben", "hi", 2))
	st := mustRender(t, req, plan(scene.SettingOffice, scene.Clear, scene.Calm), nil)
	if len(st.Missing) != 2 {
		t.Fatalf("Missing = %q, want both lines", st.Missing)
	}
	for i, who := range []string{"@ana", "@ben"} {
		m := st.Missing[i]
		if !strings.HasPrefix(m, fmt.Sprintf("dialogue line %d (%s): speech library not installed", i+1, who)) || !strings.Contains(m, "espeak-ng data not found") {
			t.Errorf("Missing[%d] = %q", i, m)
		}
	}
	if p := peakOf(st.Stems[audio.StemDialogue].Samples); p != 0 {
		t.Errorf("dialogue stem peaks at %v without speech", p)
	}
	if p := peakOf(st.Stems[audio.StemAmbience].Samples); p == 0 {
		t.Error("the rest of the soundtrack was dropped along with the speech")
	}
}

func TestAFailingLineIsListedAndTheOthersSpoken(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{fail: func(text string) error {
		if text == "bad" {
			return fmt.Errorf("speaking with voice klingon: %w", speech.ErrUnknownVoice)
		}
		return nil
	}})
	req := request(t, 4, 1, line("@ana", "good line", 0.2), line("@ben", "bad", 2), line("@ana", "", 3))
	d, err := SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Missing) != 1 || !strings.HasPrefix(d.Missing[0], "line 2 (@ben): speaking with voice klingon: unknown voice") {
		t.Fatalf("Missing = %q, want line 2 only (an empty line has nothing to miss)", d.Missing)
	}
	if rmsMono(d.Mono()[secs(0.2):secs(0.8)]) < 0.05 {
		t.Error("line 1 was not spoken")
	}
}

func TestDialogueCancellation(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{block: true})
	req := request(t, 4, 1, line("@ana", "hello", 0.5))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := SpeakDialogue(ctx, req)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("SpeakDialogue returned %v, want context.Canceled", err)
	}
	if _, err := Render(ctx, req, plan(scene.SettingField, scene.Clear, scene.Calm), nil, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Render returned %v, want context.Canceled", err)
	}
}

func TestOverlappingLinesStayInRange(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 3, 1, line("@ana", "all together now", 0.5), line("@ben", "all together now", 0.5), line("@cat", "all together now", 0.5))
	d, err := SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var pk float32
	for _, v := range d.Mono() {
		pk = max(pk, v, -v)
	}
	if pk > 0.9 || pk < 0.5 {
		t.Fatalf("three overlapping lines peak at %.3f, want 0.5..0.9", pk)
	}
}

// TestRealSpeech speaks through espeak-ng. It needs libespeak-ng (make
// deps installs it) and fails, saying why, when it is missing.
func TestRealSpeech(t *testing.T) {
	if err := speech.Available(); err != nil {
		t.Fatalf("speech synthesis is needed for this test and is unavailable: %v (install libespeak-ng-dev and espeak-ng-data, e.g. `make deps`)", err)
	}
	req := request(t, 5, 1, line("@ana", "What a night, look at the sky!", 1))
	d, err := SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Missing) != 0 {
		t.Fatalf("Missing = %q", d.Missing)
	}
	if in := rmsMono(d.Mono()[secs(1):secs(2.2)]); in < 0.03 {
		t.Errorf("speech RMS %.4f inside the line, want speech", in)
	}
	if out := rmsMono(d.Mono()[:secs(0.99)]); out != 0 {
		t.Errorf("speech RMS %.5f before the line, want silence", out)
	}
	if out := rmsMono(d.Mono()[secs(3.5):]); out > 1e-3 {
		t.Errorf("speech RMS %.5f well after the line, want silence", out)
	}
	env := d.Envelope["@ana"]
	var open int
	for _, v := range env[24:48] {
		if v > 0.2 {
			open++
		}
	}
	if open < 8 {
		t.Errorf("the mouth is open in only %d of 24 frames of speech", open)
	}
	// Nobody else talks.
	for _, v := range d.Envelope["@ben"] {
		if v != 0 {
			t.Fatal("@ben's mouth moves without a line")
		}
	}
	// A voice espeak-ng does not know is listed, not dropped.
	req.Cast[0].Voice.Language, req.Cast[0].Voice.Variant = "zz-nowhere", ""
	d, err = SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Missing) != 1 || !strings.HasPrefix(d.Missing[0], "line 1 (@ana): ") {
		t.Fatalf("with an unknown voice, Missing = %q", d.Missing)
	}
	t.Logf("unknown voice: %s", d.Missing[0])
}
