package foley

import (
	"context"
	"fmt"
	"testing"

	"kino/engine"
	"kino/engine/speech"
	"kino/project"
)

// TestNarratorAndDeliveryVoices: a narrator line (an uncast character's)
// is spoken by the neutral narrator voice in the line's language and moves
// no cameo's mouth, even when the character's name is a cast handle's;
// deliveries change the voice as espeak-ng can.
func TestNarratorAndDeliveryVoices(t *testing.T) {
	f := useFakeSpeech(t, &fakeSpeech{})
	narr := func(who, text string, at float64, d project.Delivery) engine.Line {
		l := line(who, text, at)
		l.Narrator, l.Delivery = true, d
		return l
	}
	whisper := line("@ana", "psst", 4)
	whisper.Delivery = project.DeliveryWhisper
	shout := line("@ben", "hey", 5)
	shout.Delivery = project.DeliveryShout
	req := request(t, 7, 1,
		narr("ANA", "Only if you say please.", 0, ""),
		narr("JÖRG", "Zu früh gibt es nicht.", 1, project.DeliverySlow),
		narr("TOM", "Run!", 2, project.DeliveryFast),
		whisper, shout)
	d, err := SpeakDialogue(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Missing) != 0 {
		t.Fatalf("missing %q", d.Missing)
	}
	want := []speech.Voice{
		{Language: "en", Pitch: 50, Rate: 175},
		{Language: "de", Pitch: 50, Rate: 122},
		{Language: "en", Pitch: 50, Rate: 236},
		{Language: "en", Variant: "whisperf", Pitch: 70, Rate: 160},
		{Language: "de", Pitch: 55, Rate: 218},
	}
	if fmt.Sprint(f.calls) != fmt.Sprint(want) {
		t.Fatalf("voices\n got %+v\nwant %+v", f.calls, want)
	}
	// The narrator's "ANA" line is not @ana's: her mouth stays shut
	// until her own line at 4 s.
	for i, v := range d.Envelope["@ana"][:4*24] {
		if v != 0 {
			t.Fatalf("@ana's mouth moves at frame %d during a narrator line", i)
		}
	}
	if _, ok := d.Envelope["ANA"]; ok {
		t.Fatal("a narrator line got a mouth envelope")
	}
	// Normalising a request keeps narrator names as written.
	if req.Dialogue[0].Speaker != "ANA" {
		t.Fatalf("narrator speaker normalised to %q", req.Dialogue[0].Speaker)
	}
}

// TestRealWhisper: espeak-ng speaks whispered lines with its whisper
// variant, which sounds different from the plain voice.
func TestRealWhisper(t *testing.T) {
	if err := speech.Available(); err != nil {
		t.Fatalf("speech synthesis is needed for this test and is unavailable: %v (install libespeak-ng-dev and espeak-ng-data, e.g. `make deps`)", err)
	}
	plain := line("@ana", "Look at the sky.", 0.5)
	whisper := plain
	whisper.Delivery = project.DeliveryWhisper
	a, err := SpeakDialogue(context.Background(), request(t, 3, 1, plain))
	if err != nil {
		t.Fatal(err)
	}
	b, err := SpeakDialogue(context.Background(), request(t, 3, 1, whisper))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Missing)+len(b.Missing) != 0 {
		t.Fatalf("missing %q %q", a.Missing, b.Missing)
	}
	if rmsMono(b.Mono()) < 0.01 {
		t.Fatalf("the whispered line is silent (RMS %.4f)", rmsMono(b.Mono()))
	}
	// A whisper has no voiced pitch: its samples change sign far more
	// often than the voiced line's.
	if za, zb := zeroCrossings(a.Mono()), zeroCrossings(b.Mono()); zb < za*3/2 {
		t.Fatalf("whispered line crosses zero %d times, plain %d: it does not sound whispered", zb, za)
	}
}

func zeroCrossings(pcm []float32) int {
	n := 0
	for i := 1; i < len(pcm); i++ {
		if (pcm[i-1] < 0) != (pcm[i] < 0) && (pcm[i] > 1e-3 || pcm[i] < -1e-3) {
			n++
		}
	}
	return n
}

// TestRealNarratorSpeaksTheLinesLanguage: the narrator voice speaks
// German, Japanese and Chinese lines with espeak-ng voices of those
// languages, and they are heard.
func TestRealNarratorSpeaksTheLinesLanguage(t *testing.T) {
	if err := speech.Available(); err != nil {
		t.Fatalf("speech synthesis is needed for this test and is unavailable: %v (install libespeak-ng-dev and espeak-ng-data, e.g. `make deps`)", err)
	}
	for _, tc := range []struct{ text, lang string }{
		{"Zu früh gibt es nicht.", "de"}, {"花火はまだですか？", "ja"}, {"烟花在哪里", "cmn"}, {"Only if you say please.", "en"},
	} {
		if got := NarratorVoice(tc.text).Language; got != tc.lang {
			t.Errorf("%q: narrator language %q, want %q", tc.text, got, tc.lang)
		}
		l := line("SOMEONE", tc.text, 0.5)
		l.Narrator = true
		d, err := SpeakDialogue(context.Background(), request(t, 8, 1, l))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Missing) != 0 {
			t.Errorf("%q: missing %q", tc.text, d.Missing)
			continue
		}
		if rms := rmsMono(d.Mono()); rms < 0.01 {
			t.Errorf("%q: the narrator line is silent (RMS %.4f)", tc.text, rms)
		}
	}
}
