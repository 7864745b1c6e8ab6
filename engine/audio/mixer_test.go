package audio

import (
	"context"
	"errors"
	"io"
	"math"
	"testing"
)

// flat is stereo sound of n frames at v on both sides.
func flat(n int, v float32) PCM {
	s := make([]float32, 2*n)
	for i := range s {
		s[i] = v
	}
	return PCM{Rate: SampleRate, Channels: 2, Samples: s}
}

func pcmOpen(p PCM) func() (Source, error) {
	return func() (Source, error) { return NewPCMSource(p) }
}

// A shot's sound fills its placement (padded or cut), overlays add at
// their place with their gain and go to their stem, sound without stems
// goes to Other, and the block's mix is the sum of stems and Other.
func TestMixerPlacesSoundOnStems(t *testing.T) {
	withStems := &Soundtrack{Mix: flat(4, 0.4), Stems: map[Stem]PCM{
		StemDialogue: flat(4, 0.1), StemEffects: flat(4, 0.1), StemAmbience: flat(4, 0.1), StemMusic: flat(4, 0.1),
	}}
	places := []Placement{
		{Start: 0, Length: 3, Gain: 1, Open: func() (Source, error) { return NewSoundtrackSource(withStems) }}, // cut to 3
		{Start: 3, Length: 4, Gain: 1, Open: pcmOpen(flat(2, 0.3))},                                            // mix only, padded
		{Start: 2, Gain: 0.5, To: StemMusic, Open: pcmOpen(flat(3, 0.2))},                                      // overlay
	}
	m := NewMixer(places, MixOptions{Length: 7, Stems: true})
	var b Block
	if err := m.Read(&b, 100); err != nil {
		t.Fatal(err)
	}
	if b.Frames() != 7 {
		t.Fatalf("read %d frames, want 7", b.Frames())
	}
	wantMix := []float32{0.4, 0.4, 0.5, 0.4, 0.4, 0, 0}
	wantMusic := []float32{0.1, 0.1, 0.2, 0.1, 0.1, 0, 0}
	wantOther := []float32{0, 0, 0, 0.3, 0.3, 0, 0}
	for k := range 7 {
		near := func(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-6 }
		if !near(b.Mix[2*k], wantMix[k]) || !near(b.Stems[3][2*k], wantMusic[k]) || !near(b.Other[2*k], wantOther[k]) {
			t.Fatalf("frame %d: mix %v music %v other %v, want %v %v %v", k, b.Mix[2*k], b.Stems[3][2*k], b.Other[2*k], wantMix[k], wantMusic[k], wantOther[k])
		}
		sum := b.Other[2*k]
		for i := range b.Stems {
			sum += b.Stems[i][2*k]
		}
		if !near(sum, b.Mix[2*k]) {
			t.Fatalf("frame %d: stems sum to %v, mix is %v", k, sum, b.Mix[2*k])
		}
	}
	if err := m.Read(&b, 1); !errors.Is(err, io.EOF) {
		t.Fatalf("read past the end: %v, want io.EOF", err)
	}
}

// Normalise lowers everything by one gain when overlays would clip, and
// the stems keep summing to the mix.
func TestMixerNormalise(t *testing.T) {
	places := []Placement{
		{Start: 0, Length: 10, Gain: 1, Open: pcmOpen(flat(10, 0.8))},
		{Start: 5, Gain: 1, To: StemMusic, Open: pcmOpen(flat(10, 0.8))},
	}
	m := NewMixer(places, MixOptions{Length: 10, Policy: PolicyNormalise, Stems: true})
	if err := m.Normalise(context.Background()); err != nil {
		t.Fatal(err)
	}
	if g := m.Gain(); math.Abs(float64(g)-NormaliseCeiling/1.6) > 1e-6 || len(m.Notes()) != 1 {
		t.Fatalf("gain %v notes %v, want %v and one note", g, m.Notes(), NormaliseCeiling/1.6)
	}
	var b Block
	if err := m.Read(&b, 10); err != nil {
		t.Fatal(err)
	}
	if p := Peak(b.Mix); p > NormaliseCeiling+1e-6 || p < NormaliseCeiling-1e-3 {
		t.Fatalf("peak %v after normalising, want %v", p, NormaliseCeiling)
	}
	if d := b.Other[10] + b.Stems[3][10] - b.Mix[10]; math.Abs(float64(d)) > 1e-6 {
		t.Fatalf("stems and mix differ by %v after normalising", d)
	}
}

// A strict mixer stops at a sound that cannot be opened, naming it; a
// lenient one plays it as silence and lists the error.
func TestMixerOpenFailures(t *testing.T) {
	gone := errors.New("the file is gone")
	places := []Placement{{Start: 0, Length: 4, Gain: 1, Open: func() (Source, error) { return nil, gone }}}
	strict := NewMixer(places, MixOptions{Length: 4, Strict: true, Name: func(int) string { return "shot 7" }})
	var b Block
	if err := strict.Read(&b, 4); !errors.Is(err, gone) || err.Error() != "shot 7: the file is gone" {
		t.Fatalf("strict read: %v", err)
	}
	lenient := NewMixer(places, MixOptions{Length: 4})
	if err := lenient.Read(&b, 4); err != nil || Peak(b.Mix) != 0 {
		t.Fatalf("lenient read: %v, peak %v", err, Peak(b.Mix))
	}
	if errs := lenient.Errors(); len(errs) != 1 || !errors.Is(errs[0], gone) {
		t.Fatalf("Errors = %v", errs)
	}
}

// closer counts closes.
type closer struct {
	Source
	closed *int
}

func (c closer) Close() error { *c.closed++; return nil }

// A sound is opened when reading reaches it and closed once passed, so
// only the sounds that play at once are held.
func TestMixerOpensLateAndReleasesEarly(t *testing.T) {
	opened, closed := 0, 0
	open := func() (Source, error) {
		opened++
		s, err := NewPCMSource(flat(10, 0.1))
		return closer{s, &closed}, err
	}
	m := NewMixer([]Placement{{Start: 0, Length: 10, Gain: 1, Open: open}, {Start: 10, Length: 10, Gain: 1, Open: open}}, MixOptions{Length: 20})
	var b Block
	m.Read(&b, 5)
	if opened != 1 || closed != 0 {
		t.Fatalf("after 5 frames: opened %d closed %d", opened, closed)
	}
	m.Read(&b, 10)
	if opened != 2 || closed != 1 {
		t.Fatalf("after 15 frames: opened %d closed %d", opened, closed)
	}
	m.Read(&b, 5)
	if closed != 2 {
		t.Fatalf("at the end: closed %d", closed)
	}
}
