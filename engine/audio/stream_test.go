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
