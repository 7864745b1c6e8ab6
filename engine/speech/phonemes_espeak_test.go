//go:build cgo && !nospeech

package speech

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// phonemizeLines are lines that exercise espeak-ng's translator state:
// numbers, abbreviations, spelled-out letters, quotes, a switch to
// another language inside a line, questions and exclamations.
var phonemizeLines = []struct{ text, voice string }{
	{"Wir stehen am Strand und schauen dem Feuerwerk am Himmel zu.", "de"},
	{"Um 23:59 Uhr, am 31.12.2026, knallen 1.000 Raketen!", "de"},
	{"Das ist ein Happy End, sagt Dr. Müller (ganz leise)?", "de"},
	{"We stand on the beach and watch the fireworks light the sky.", "en-us"},
	{"\"NASA\" said 3.5 km, e.g. at 10 p.m.; didn't it?", "en-us"},
	{"Ich heiße Lena. Und du?", "de"},
	{"Wow! The café's crème brûlée costs $12.50...", "en-us"},
}

func phonemes(t *testing.T, text, voice string) []Clause {
	t.Helper()
	c, err := Phonemize(context.Background(), text, voice)
	if err != nil {
		t.Fatalf("Phonemize(%q, %s): %v", text, voice, err)
	}
	return c
}

// TestPhonemizeDoesNotDependOnEarlierCalls: Phonemize keeps one copy of
// espeak-ng loaded between calls (as piper-phonemize does); the phonemes
// of each line must be what a freshly loaded copy gives, whatever was
// phonemized or spoken before, in whichever language.
func TestPhonemizeDoesNotDependOnEarlierCalls(t *testing.T) {
	mustAvailable(t)
	want := make([][]Clause, len(phonemizeLines))
	for i, l := range phonemizeLines {
		if err := Available(); err != nil { // unloads the kept copy
			t.Fatal(err)
		}
		want[i] = phonemes(t, l.text, l.voice)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 4 {
		order := rng.Perm(len(phonemizeLines))
		for _, i := range order {
			l := phonemizeLines[i]
			if got := phonemes(t, l.text, l.voice); !slices.Equal(got, want[i]) {
				t.Fatalf("round %d, order %v: %q gave\n%+v\nafter earlier calls, and\n%+v\nfrom a fresh copy", round, order, l.text, got, want[i])
			}
		}
		if round == 2 { // speaking in between unloads and reloads
			speak(t, hello, Voice{})
		}
	}
}

// TestPhonemizeKeptCopyGivesWayToSynthesis: speech synthesised after a
// phonemize still starts from a fresh copy, so a line sounds the same
// before and after Piper phonemized something.
func TestPhonemizeKeptCopyGivesWayToSynthesis(t *testing.T) {
	mustAvailable(t)
	before := speak(t, hello, Voice{})
	phonemes(t, phonemizeLines[1].text, "de")
	after := speak(t, hello, Voice{})
	if !slices.Equal(before, after) {
		t.Fatal("a line spoken after phonemizing sounds different from the same line before")
	}
}

// TestPhonemizeAfterAFailureStartsAfresh: a cancelled call and an
// unknown voice leave nothing behind that changes the next result.
func TestPhonemizeAfterAFailureStartsAfresh(t *testing.T) {
	mustAvailable(t)
	l := phonemizeLines[2]
	want := phonemes(t, l.text, l.voice)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Phonemize(ctx, l.text, l.voice); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if _, err := Phonemize(context.Background(), l.text, "xx-nosuchvoice"); err == nil {
		t.Fatal("an unknown voice phonemized")
	}
	if got := phonemes(t, l.text, l.voice); !slices.Equal(got, want) {
		t.Fatalf("after failures %+v, want %+v", got, want)
	}
}
