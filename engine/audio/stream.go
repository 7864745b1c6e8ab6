package audio

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// Stream is a soundtrack made block by block, for sound too long to hold
// whole: a take of any length makes and stores its sound in the same
// memory. Every block is 48 kHz interleaved stereo with the mix and the
// four stems, the mix the sum of the stems, as in a Soundtrack; read to
// its end, a stream gives the samples the clip's Soundtrack holds.
type Stream interface {
	// Len returns the sound's length in sample frames.
	Len() int64
	// Read fills b's Mix and Stems (in Stems order) with the next block
	// of frames, as many as the stream chooses (b.Frames() says how
	// many), and leaves b.Other empty. It returns io.EOF once every frame
	// was read.
	Read(b *Block) error
	// Missing lists parts that could not be made, as Soundtrack.Missing.
	Missing() []string
	// Close stops the work behind the stream; reading after it fails.
	Close() error
}

// Streamer is a clip that can make its sound as a Stream as well as
// whole (engine.Clip's Soundtrack). Rendering a take stores the sound of
// a clip that is one block by block.
type Streamer interface {
	// SoundStream starts making the clip's sound. Cancelling ctx stops it.
	SoundStream(ctx context.Context) (Stream, error)
}

// SetFrames sizes b's Mix and Stems for n frames (their samples are left
// as they were or zero) and empties b.Other: what a Stream's Read does
// before filling them.
func (b *Block) SetFrames(n int) {
	b.resize(n, true)
	b.Other = b.Other[:0]
}

// silence is a silent Stream.
type silence struct {
	n, pos  int64
	missing []string
}

// Silence returns n frames of silence, with four silent stems, as a
// Stream whose Missing is missing.
func Silence(n int64, missing []string) Stream {
	return &silence{n: max(n, 0), missing: missing}
}

func (s *silence) Len() int64        { return s.n }
func (s *silence) Missing() []string { return s.missing }
func (s *silence) Close() error      { return nil }

func (s *silence) Read(b *Block) error {
	k := int(min(s.n-s.pos, SampleRate/4))
	if k <= 0 {
		b.SetFrames(0)
		return io.EOF
	}
	b.SetFrames(k)
	clear(b.Mix)
	for i := range b.Stems {
		clear(b.Stems[i])
	}
	s.pos += int64(k)
	return nil
}

// held is a Soundtrack read as a Stream.
type held struct {
	src *pcmSource
	n   int64
	pos int64
	st  *Soundtrack
}

// StreamOf returns a soundtrack held whole as a Stream: its mix and stems
// (48 kHz stereo; other rates and channel counts are converted), block by
// block. A soundtrack without stems streams its mix as the mix and silent
// stems.
func StreamOf(st *Soundtrack) (Stream, error) {
	src, err := NewSoundtrackSource(st)
	if err != nil {
		return nil, err
	}
	p := src.(*pcmSource)
	return &held{src: p, n: p.Len(), st: st}, nil
}

func (h *held) Len() int64 { return h.n }
func (h *held) Missing() []string {
	if h.st == nil {
		return nil
	}
	return h.st.Missing
}
func (h *held) Close() error { return nil }

func (h *held) Read(b *Block) error {
	k := int(min(h.n-h.pos, SampleRate/4))
	if k <= 0 {
		b.SetFrames(0)
		return io.EOF
	}
	b.SetFrames(k)
	stems := &b.Stems
	if !h.src.HasStems() {
		for i := range b.Stems {
			clear(b.Stems[i])
		}
		stems = nil
	}
	if err := h.src.ReadAt(b.Mix, stems, h.pos); err != nil {
		return err
	}
	h.pos += int64(k)
	return nil
}

// ReadStream reads s to its end into a Soundtrack (stereo, 48 kHz, with
// its four stems) and closes it. It holds the whole sound: for short
// sounds, and for checking a stream against the whole soundtrack.
func ReadStream(s Stream) (*Soundtrack, error) {
	defer s.Close()
	n := s.Len()
	st := &Soundtrack{Mix: PCM{Rate: SampleRate, Channels: 2, Samples: make([]float32, 0, 2*n)}, Stems: map[Stem]PCM{}}
	stems := make([][]float32, len(Stems))
	for i := range stems {
		stems[i] = make([]float32, 0, 2*n)
	}
	var b Block
	for {
		err := s.Read(&b)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		st.Mix.Samples = append(st.Mix.Samples, b.Mix...)
		for i := range stems {
			stems[i] = append(stems[i], b.Stems[i]...)
		}
	}
	if got := int64(len(st.Mix.Samples) / 2); got != n {
		return nil, fmt.Errorf("reading the sound: %d of its %d frames came", got, n)
	}
	for i, name := range Stems {
		st.Stems[name] = PCM{Rate: SampleRate, Channels: 2, Samples: stems[i]}
	}
	st.Missing = s.Missing()
	return st, nil
}
