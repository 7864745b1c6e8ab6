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

// Sequence reads parts back to back as 48 kHz float32 stereo bytes, with
// overlays mixed over them. Each part's sound is loaded when playback
// reaches it, and the next part's is loaded in the background meanwhile;
// an overlay's sound is loaded a few seconds before it starts.
type Sequence struct {
	parts    []Part
	overlays []*overlayState
	pos      int64 // sample frames from the start of the first part
	end      int64
	mixBuf   []float32

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
	return NewMix(parts, nil, from)
}

// NewMix returns a reader of parts with overlays mixed over them, starting
// from sample frame from. The overlays already sounding at from start
// loading at once.
func NewMix(parts []Part, overlays []Overlay, from int64) *Sequence {
	s := &Sequence{parts: parts, overlays: newOverlayStates(overlays), pos: max(from, 0), loaded: map[int]*loadResult{}}
	for _, p := range parts {
		s.end += max(p.Length, 0)
	}
	for _, o := range s.overlays {
		if o.Start < s.pos+overlayLead && s.pos < s.end && !o.over(s.pos) {
			o.prefetch()
		}
	}
	return s
}

// Len returns the sequence's length in sample frames.
func (s *Sequence) Len() int64 { return s.end }

// Errors returns the load failures met so far, one per part, then one
// per overlay.
func (s *Sequence) Errors() []error {
	s.mu.Lock()
	var errs []error
	for i := range s.parts {
		if r := s.loaded[i]; r != nil && r.err != nil {
			errs = append(errs, r.err)
		}
	}
	s.mu.Unlock()
	for _, o := range s.overlays {
		if err := o.failed(); err != nil {
			errs = append(errs, err)
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
	frames := int(min(int64(len(p)/BytesPerFrame), s.end-s.pos))
	if frames == 0 {
		return 0, nil
	}
	if cap(s.mixBuf) < 2*frames {
		s.mixBuf = make([]float32, 2*frames)
	}
	buf := s.mixBuf[:2*frames]
	from := s.pos
	for k := 0; k < frames; {
		i, off := s.locate(from + int64(k))
		part := s.parts[i]
		r := s.load(i)
		if off == 0 && i+1 < len(s.parts) {
			go s.load(i + 1)
		}
		count := int(min(part.Length-off, int64(frames-k)))
		for j := 0; j < count; j++ {
			buf[2*(k+j)], buf[2*(k+j)+1] = frameAt(r.pcm, off+int64(j))
		}
		k += count
	}
	for _, o := range s.overlays {
		o.mix(buf, from, frames)
	}
	for k, v := range buf {
		binary.LittleEndian.PutUint32(p[4*k:], math.Float32bits(v))
	}
	s.pos += int64(frames)
	return frames * BytesPerFrame, nil
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
