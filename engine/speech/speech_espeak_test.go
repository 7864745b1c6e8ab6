//go:build cgo && !nospeech

package speech

import (
	"context"
	"errors"
	"math"
	"slices"
	"sync"
	"testing"
)

const hello = "Hello, this is Kino."

// mustAvailable fails the test, with the reason, when espeak-ng cannot be
// loaded: this build promises speech.
func mustAvailable(t testing.TB) {
	t.Helper()
	if err := Available(); err != nil {
		t.Fatalf("speech is built in but unusable (run `make deps` to install libespeak-ng1 and espeak-ng-data): %v", err)
	}
}

func speak(t testing.TB, text string, v Voice) []float32 {
	t.Helper()
	pcm, err := Synthesize(context.Background(), text, v)
	if err != nil {
		t.Fatalf("Synthesize(%q, %+v): %v", text, v, err)
	}
	return pcm
}

func seconds(pcm []float32) float64 { return float64(len(pcm)) / SampleRate }

// checkClip asserts a plausible spoken clip: length, level, range.
func checkClip(t *testing.T, name string, pcm []float32, minSec, maxSec float64) {
	t.Helper()
	if d := seconds(pcm); d < minSec || d > maxSec {
		t.Errorf("%s: %.2f s long, want %.1f..%.1f s", name, d, minSec, maxSec)
	}
	if r := rms(pcm); r < 0.02 {
		t.Errorf("%s: RMS %.4f, want well above silence (> 0.02)", name, r)
	}
	for i, s := range pcm {
		if s < -1 || s > 1 || math.IsNaN(float64(s)) {
			t.Fatalf("%s: sample %d is %v, outside [-1, 1]", name, i, s)
		}
	}
}

func sameSamples(a, b []float32) bool {
	return slices.EqualFunc(a, b, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) })
}

func TestAvailable(t *testing.T) {
	mustAvailable(t)
	rate, err := NativeRate()
	if err != nil || rate < 8000 || rate > 48000 {
		t.Errorf("NativeRate() = %d, %v", rate, err)
	}
	if path, err := DataPath(); err != nil || path == "" {
		t.Errorf("DataPath() = %q, %v", path, err)
	}
}

func TestSynthesizeEnglish(t *testing.T) {
	mustAvailable(t)
	checkClip(t, "en", speak(t, hello, Voice{Language: "en"}), 0.5, 5)
	// The zero Voice means English with default pitch and rate.
	if !sameSamples(speak(t, hello, Voice{}), speak(t, hello, Voice{Language: "en", Pitch: 50, Rate: 175})) {
		t.Error("the zero Voice does not sound like en at pitch 50, rate 175")
	}
}

func TestSynthesizeGerman(t *testing.T) {
	mustAvailable(t)
	de := Voice{Language: "de"}
	strand := speak(t, "Ich bin am Strand", de)
	checkClip(t, "de", strand, 0.5, 5)
	// Umlauts and ß must reach espeak as UTF-8: the same words spelled
	// without them are pronounced differently.
	umlauts := speak(t, "Schöne Grüße aus München", de)
	checkClip(t, "de umlauts", umlauts, 0.5, 5)
	if sameSamples(umlauts, speak(t, "Schone Gruse aus Munchen", de)) {
		t.Error("umlauts made no difference to the German line")
	}
	if sameSamples(strand, speak(t, "Ich bin am Strand", Voice{Language: "en"})) {
		t.Error("de and en voices gave the same audio")
	}
}

func TestSynthesizeDeterministic(t *testing.T) {
	mustAvailable(t)
	v := Voice{Language: "en", Variant: "f3", Pitch: 60, Rate: 190}
	first := speak(t, hello, v)
	// Other lines in other voices in between must not change the result.
	speak(t, "Ich bin am Strand.", Voice{Language: "de", Pitch: 90})
	speak(t, "Fireworks cut the sky!", Voice{Language: "en-us", Variant: "m1", Rate: 300})
	speak(t, "Hello from a German voice.", Voice{Language: "de"})
	second := speak(t, hello, v)
	if !sameSamples(first, second) {
		t.Fatalf("same text and voice gave different audio: %d vs %d samples", len(first), len(second))
	}
}

func TestSynthesizeConcurrent(t *testing.T) {
	mustAvailable(t)
	want := speak(t, hello, Voice{})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 4 {
		wg.Go(func() {
			got, err := Synthesize(context.Background(), hello, Voice{})
			if err != nil {
				errs <- err
			} else if !sameSamples(got, want) {
				errs <- errors.New("concurrent call gave different audio")
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestRateShortensClip(t *testing.T) {
	mustAvailable(t)
	const line = "We walk along the beach while the fireworks light up the evening sky."
	slow := speak(t, line, Voice{Rate: 120})
	normal := speak(t, line, Voice{})
	fast := speak(t, line, Voice{Rate: 300})
	if !(seconds(fast) < 0.8*seconds(normal) && seconds(normal) < 0.8*seconds(slow)) {
		t.Errorf("durations at 120/175/300 wpm: %.2f/%.2f/%.2f s, want clearly decreasing",
			seconds(slow), seconds(normal), seconds(fast))
	}
}

func TestPitchRaisesFundamental(t *testing.T) {
	mustAvailable(t)
	const line = "A long and gentle vowel, aaah, on the warm evening sea."
	low, nLow := estimateF0(speak(t, line, Voice{Pitch: 10}), SampleRate)
	high, nHigh := estimateF0(speak(t, line, Voice{Pitch: 90}), SampleRate)
	if nLow < 10 || nHigh < 10 {
		t.Fatalf("too few voiced frames to judge pitch: %d and %d", nLow, nHigh)
	}
	if high < 1.3*low {
		t.Errorf("median F0 %.0f Hz at pitch 90 vs %.0f Hz at pitch 10, want at least 30%% higher", high, low)
	}
	// Sanity: a male default voice speaks roughly in 70..250 Hz.
	if mid, _ := estimateF0(speak(t, line, Voice{}), SampleRate); mid < 70 || mid > 250 {
		t.Errorf("default voice median F0 %.0f Hz, outside 70..250 Hz", mid)
	}
}

func TestVariantChangesVoice(t *testing.T) {
	mustAvailable(t)
	male := speak(t, hello, Voice{})
	female := speak(t, hello, Voice{Variant: "f3"})
	if sameSamples(male, female) {
		t.Fatal("variant f3 made no difference")
	}
	if !sameSamples(female, speak(t, hello, Voice{Language: "en+f3"})) {
		t.Error(`Language "en+f3" differs from Language "en", Variant "f3"`)
	}
	fm, _ := estimateF0(male, SampleRate)
	ff, _ := estimateF0(female, SampleRate)
	if ff < 1.3*fm {
		t.Errorf("female variant F0 %.0f Hz not clearly above default %.0f Hz", ff, fm)
	}
}

func TestSynthesizeRejectsBadInput(t *testing.T) {
	mustAvailable(t)
	ctx := context.Background()
	cases := []struct {
		text string
		v    Voice
		want error
	}{
		{"", Voice{}, ErrEmptyText},
		{"\n\t\x00", Voice{}, ErrEmptyText},
		{string(make([]rune, 0)) + "\xc3\x28", Voice{}, ErrInvalidText},
		{hello, Voice{Pitch: 200}, ErrInvalidVoice},
		{hello, Voice{Language: "en", Rate: 10}, ErrInvalidVoice},
		{hello, Voice{Language: "xx-nowhere"}, ErrUnknownVoice},
		{hello, Voice{Variant: "nosuchvariant"}, ErrUnknownVoice},
	}
	for _, c := range cases {
		pcm, err := Synthesize(ctx, c.text, c.v)
		if !errors.Is(err, c.want) || pcm != nil {
			t.Errorf("Synthesize(%q, %+v) = %d samples, %v; want %v", c.text, c.v, len(pcm), err, c.want)
		}
	}
	long := make([]rune, MaxTextRunes+1)
	for i := range long {
		long[i] = 'a' + rune(i%26)
	}
	if _, err := Synthesize(ctx, string(long), Voice{}); !errors.Is(err, ErrTextTooLong) {
		t.Errorf("over-long line: got %v, want ErrTextTooLong", err)
	}
	// Control characters are stripped, not spoken.
	if !sameSamples(speak(t, "Hello,\x07 this\x00 is\r\nKino.", Voice{}), speak(t, hello, Voice{})) {
		t.Error("control characters changed the audio")
	}
}

func TestSynthesizeCancelledContext(t *testing.T) {
	mustAvailable(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pcm, err := Synthesize(ctx, hello, Voice{})
	if !errors.Is(err, context.Canceled) || pcm != nil {
		t.Fatalf("got %d samples, %v; want context.Canceled", len(pcm), err)
	}
}

func TestSynthesizeCancelWhileWaiting(t *testing.T) {
	mustAvailable(t)
	if err := acquire(context.Background()); err != nil { // another caller holds espeak
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Synthesize(ctx, hello, Voice{})
		done <- err
	}()
	cancel()
	err := <-done
	release()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled while waiting for espeak", err)
	}
}

func TestSynthesizeCancelMidway(t *testing.T) {
	mustAvailable(t)
	const line = "This is a longer line, so that espeak needs many chunks of audio to say all of it."
	want := speak(t, line, Voice{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var chunks int
	pcm, err := synthesize(ctx, line, Voice{}, func(n int) {
		chunks = n
		if n == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || pcm != nil {
		t.Fatalf("got %d samples, %v; want context.Canceled", len(pcm), err)
	}
	if chunks != 2 {
		t.Errorf("espeak delivered %d chunks, want it to stop right after the 2nd", chunks)
	}
	// An aborted line leaves no trace in the next one.
	if !sameSamples(speak(t, line, Voice{}), want) {
		t.Error("audio after a cancelled line differs")
	}
}

func TestLanguageTags(t *testing.T) {
	mustAvailable(t)
	// "en-gb" and "fr-fr" are language tags of the voices named "en" and
	// "fr"; espeak's own lookup by name rejects them.
	for tag, name := range map[string]string{"en-gb": "en", "fr-fr": "fr", "EN-US": "en-us", "zh": "cmn"} {
		if !sameSamples(speak(t, hello, Voice{Language: tag}), speak(t, hello, Voice{Language: name})) {
			t.Errorf("language tag %q does not sound like voice %q", tag, name)
		}
	}
}

func TestVoices(t *testing.T) {
	mustAvailable(t)
	voices, err := Voices()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, v := range voices {
		if v.Language == "" || v.Name == "" || v.Identifier == "" || len(v.Languages) == 0 || have[v.Language] {
			t.Errorf("incomplete voice entry %+v", v)
		}
		have[v.Language] = true
	}
	for _, want := range []string{"en", "en-us", "de", "fr"} {
		if !have[want] {
			t.Errorf("Voices() lacks %q (%d voices)", want, len(voices))
		}
	}
	variants, err := Variants()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, v := range variants {
		names[v.Language] = true
	}
	for _, want := range []string{"f3", "m1"} {
		if !names[want] {
			t.Errorf("Variants() lacks %q (%d variants)", want, len(variants))
		}
	}
	voices[0].Languages[0] = "mutated"
	if again, _ := Voices(); again[0].Languages[0] == "mutated" {
		t.Error("Voices returns the shared cache")
	}
}

func TestEveryListedVoiceSpeaks(t *testing.T) {
	mustAvailable(t)
	voices, err := Voices()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range voices {
		// Latin letters: some languages have no rules for digits.
		pcm, err := Synthesize(context.Background(), "Kino", Voice{Language: v.Language})
		if err != nil {
			t.Errorf("voice %s (%s): %v", v.Language, v.Name, err)
			continue
		}
		if rms(pcm) < 0.01 {
			t.Errorf("voice %s (%s): near silence, RMS %.4f", v.Language, v.Name, rms(pcm))
		}
	}
}

func BenchmarkSynthesize10Words(b *testing.B) {
	mustAvailable(b)
	const line = "Me on the beach at sunset with a glass of champagne."
	ctx := context.Background()
	b.ReportAllocs()
	var samples int
	for b.Loop() {
		pcm, err := Synthesize(ctx, line, Voice{})
		if err != nil {
			b.Fatal(err)
		}
		samples = len(pcm)
	}
	b.ReportMetric(float64(samples)/SampleRate, "audio-s/op")
}
