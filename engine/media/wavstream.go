package media

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"

	"kino/engine/rng"
)

// WAVStream writes a WAV file whose length is known before its first
// sample: the header goes first and the samples follow block by block, so
// sound of any length is written without holding it. Samples are
// converted as WriteWAV converts them.
type WAVStream struct {
	w        *bufio.Writer
	opts     WAVOptions
	channels int
	frames   int64 // sample frames the header promises
	written  int64
	buf      []byte
	dither   *rng.Rand
}

// NewWAVStream writes the header of a WAV file of frames sample frames of
// channels channels at rate Hz in opts.Format (PCM16, PCM24 or Float32),
// with opts' LIST/INFO tags.
func NewWAVStream(w io.Writer, channels, rate int, frames int64, opts WAVOptions) (*WAVStream, error) {
	if channels < 1 || channels > 0xFFFF || rate < 1 || frames < 0 {
		return nil, fmt.Errorf("writing WAV: %d channels at %d Hz, %d frames is not a sound", channels, rate, frames)
	}
	f := opts.Format
	if f != PCM16 && f != PCM24 && f != Float32 {
		return nil, fmt.Errorf("writing WAV: writing %s is not supported (use PCM16, PCM24 or Float32)", f)
	}
	size := f.bytes()
	dataLen := uint64(frames) * uint64(channels*size)
	fmtChunk, fact := wavFmt(f, channels, rate, frames)
	info := infoChunk(opts)
	riffLen := 4 + chunkLen(fmtChunk) + chunkLen(fact) + chunkLen(info) + 8 + dataLen + dataLen&1
	if riffLen > maxRIFF || uint64(rate*channels*size) > maxRIFF {
		return nil, fmt.Errorf("writing WAV: %d bytes of sound is more than a WAV file can hold (4 GiB)", dataLen)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	le := binary.LittleEndian
	bw.WriteString("RIFF")
	bw.Write(le.AppendUint32(nil, uint32(riffLen)))
	bw.WriteString("WAVE")
	writeChunk(bw, "fmt ", fmtChunk)
	if fact != nil {
		writeChunk(bw, "fact", fact)
	}
	if info != nil {
		writeChunk(bw, "LIST", info)
	}
	bw.WriteString("data")
	bw.Write(le.AppendUint32(nil, uint32(dataLen)))
	s := &WAVStream{w: bw, opts: opts, channels: channels, frames: frames}
	if opts.Dither && f != Float32 {
		s.dither = rng.New(opts.DitherSeed)
	}
	return s, nil
}

// Write appends interleaved samples (whole frames).
func (s *WAVStream) Write(samples []float32) error {
	n := int64(len(samples) / s.channels)
	if s.written+n > s.frames {
		return fmt.Errorf("writing WAV: more samples than the %d frames the header promised", s.frames)
	}
	s.buf = appendSamples(s.buf[:0], samples, s.opts.Format, s.dither)
	if _, err := s.w.Write(s.buf); err != nil {
		return err
	}
	s.written += n
	return nil
}

// Close checks that the promised frames were all written and flushes.
func (s *WAVStream) Close() error {
	if s.written != s.frames {
		return fmt.Errorf("writing WAV: %d of %d sample frames were written", s.written, s.frames)
	}
	if (s.frames*int64(s.channels*s.opts.Format.bytes()))&1 == 1 {
		s.w.WriteByte(0)
	}
	return s.w.Flush()
}
