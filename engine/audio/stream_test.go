package audio

import (
	"errors"
	"io"
	"slices"
	"testing"
)

// Silence is as long as asked, silent in the mix and every stem, and
// says what is missing; read whole it is a Soundtrack of silence.
func TestSilenceStream(t *testing.T) {
	s := Silence(SampleRate+7, []string{"sound: no source"})
	st, err := ReadStream(s)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mix.Len() != SampleRate+7 || st.Mix.Channels != 2 || st.Mix.Peak() != 0 || !slices.Equal(st.Missing, []string{"sound: no source"}) {
		t.Fatalf("silence read whole: %d frames, %d channels, peak %v, missing %q", st.Mix.Len(), st.Mix.Channels, st.Mix.Peak(), st.Missing)
	}
	for _, name := range Stems {
		if p := st.Stems[name]; p.Len() != SampleRate+7 || p.Peak() != 0 {
			t.Fatalf("%s stem: %d frames, peak %v", name, p.Len(), p.Peak())
		}
	}
	var b Block
	if err := s.Read(&b); !errors.Is(err, io.EOF) || b.Frames() != 0 {
		t.Fatalf("read past the end: %d frames, %v", b.Frames(), err)
	}
}

// shortStream promises more frames than it gives.
type shortStream struct{ Stream }

func (s shortStream) Len() int64 { return s.Stream.Len() + 1 }

// ReadStream refuses a stream that ends before its length.
func TestReadStreamChecksTheLength(t *testing.T) {
	if _, err := ReadStream(shortStream{Silence(100, nil)}); err == nil {
		t.Fatal("a stream one frame short was read as whole")
	}
}

// A held soundtrack streams back as itself, 24 kHz mono converted.
func TestStreamOf(t *testing.T) {
	st := &Soundtrack{Mix: flat(SampleRate/2+3, 0.4), Stems: map[Stem]PCM{
		StemDialogue: flat(SampleRate/2+3, 0.1), StemEffects: flat(SampleRate/2+3, 0.1), StemAmbience: flat(SampleRate/2+3, 0.1), StemMusic: flat(SampleRate/2+3, 0.1),
	}, Missing: []string{"x"}}
	s, err := StreamOf(st)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadStream(s)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Mix.Samples, st.Mix.Samples) || !slices.Equal(got.Stems[StemMusic].Samples, st.Stems[StemMusic].Samples) || !slices.Equal(got.Missing, st.Missing) {
		t.Fatal("a held soundtrack did not stream back as itself")
	}
	mono := &Soundtrack{Mix: PCM{Rate: 24000, Channels: 1, Samples: make([]float32, 2400)}}
	if s, err = StreamOf(mono); err != nil {
		t.Fatal(err)
	}
	if got, err = ReadStream(s); err != nil || got.Mix.Len() != 4800 || got.Stems[StemDialogue].Len() != 4800 {
		t.Fatalf("24 kHz mono streamed as %d frames (%v)", got.Mix.Len(), err)
	}
}
