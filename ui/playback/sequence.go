package playback

import (
	"encoding/binary"
	"io"
	"math"
	"sync"

	"kino/engine"
)

// Part is one stretch of a sequence: Length sample frames taken from the
// sound Load returns (nil Load, or a failing one, is silence). Sound
// shorter than Length is padded with silence and longer sound is cut, so
// the parts always line up with the pictures.
type Part struct {
	Length int64
	Load   func() (engine.PCM, error)
}

// Sequence reads parts back to back as 48 kHz float32 stereo bytes. Each
// part's sound is loaded when playback reaches it, and the next part's is
// loaded in the background meanwhile.
type Sequence struct {
	parts []Part
	pos   int64 // sample frames from the start of the first part
	end   int64

	mu     sync.Mutex
	loaded map[int]*loadResult
}

type loadResult struct {
	once sync.Once
	pcm  engine.PCM
	err  error
}

// NewSequence returns a reader of parts starting from sample frame from.
func NewSequence(parts []Part, from int64) *Sequence {
	s := &Sequence{parts: parts, pos: max(from, 0), loaded: map[int]*loadResult{}}
	for _, p := range parts {
		s.end += max(p.Length, 0)
	}
	return s
}

// Len returns the sequence's length in sample frames.
func (s *Sequence) Len() int64 { return s.end }

// Errors returns the load failures met so far, one per part.
func (s *Sequence) Errors() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for i := range s.parts {
		if r := s.loaded[i]; r != nil && r.err != nil {
			errs = append(errs, r.err)
		}
	}
	return errs
}

func (s *Sequence) load(i int) *loadResult {
	s.mu.Lock()
	r := s.loaded[i]
	if r == nil {
		r = &loadResult{}
		s.loaded[i] = r
	}
	s.mu.Unlock()
	r.once.Do(func() {
		if s.parts[i].Load != nil {
			r.pcm, r.err = s.parts[i].Load()
		}
	})
	return r
}

// Read fills p with whole sample frames.
func (s *Sequence) Read(p []byte) (int, error) {
	if s.pos >= s.end {
		return 0, io.EOF
	}
	n := 0
	for n+BytesPerFrame <= len(p) && s.pos < s.end {
		i, off := s.locate(s.pos)
		part := s.parts[i]
		r := s.load(i)
		if off == 0 && i+1 < len(s.parts) {
			go s.load(i + 1)
		}
		count := min(part.Length-off, int64((len(p)-n)/BytesPerFrame))
		for k := int64(0); k < count; k++ {
			l, rr := frameAt(r.pcm, off+k)
			binary.LittleEndian.PutUint32(p[n:], math.Float32bits(l))
			binary.LittleEndian.PutUint32(p[n+4:], math.Float32bits(rr))
			n += BytesPerFrame
		}
		s.pos += count
	}
	return n, nil
}

// locate finds the part holding sample frame pos and the offset into it.
func (s *Sequence) locate(pos int64) (int, int64) {
	for i, p := range s.parts {
		if pos < p.Length {
			return i, pos
		}
		pos -= max(p.Length, 0)
	}
	return len(s.parts) - 1, pos
}

// frameAt returns the left and right samples of frame i of pcm, silence
// past its end. Mono sound plays on both sides.
func frameAt(pcm engine.PCM, i int64) (float32, float32) {
	if pcm.Channels <= 0 || i >= int64(pcm.Len()) {
		return 0, 0
	}
	j := int(i) * pcm.Channels
	if pcm.Channels == 1 {
		return pcm.Samples[j], pcm.Samples[j]
	}
	return pcm.Samples[j], pcm.Samples[j+1]
}
