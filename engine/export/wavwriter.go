package export

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"kino/engine/media"
)

// The WAV files an export writes are streamed: the length is known from
// the timeline before the first sample, so the header is written first and
// the samples follow block by block, and a ten-minute film never sits in
// memory whole. (engine/media's WriteWAV takes a whole PCM buffer; it is
// what stored takes use.) Samples are 16-bit, quantised as media.WriteWAV
// does: round(s * 32768), clamped, so media.ReadWAV reads them back within
// half a step.

// riffInfo is the text of a RIFF LIST/INFO chunk, shared by WAV and AVI.
type riffInfo struct {
	Title    string // INAM
	Comment  string // ICMT
	Software string // ISFT
	Date     string // ICRD, "2006-01-02"
}

// chunk returns the body of the LIST chunk ("INFO" and its tags), or nil
// when every field is empty.
func (in riffInfo) chunk() []byte {
	return media.RIFFInfo([][2]string{{"INAM", in.Title}, {"ICMT", in.Comment}, {"ISFT", in.Software}, {"ICRD", in.Date}})
}

// wavWriter streams 16-bit stereo 48 kHz samples into a WAV file.
type wavWriter struct {
	w       io.Writer
	frames  int64 // sample frames the header promises
	written int64
	buf     []byte
}

const (
	wavChannels = 2
	wavRate     = 48000
	wavBlock    = 2 * wavChannels
)

// newWAVWriter writes the header of a WAV file of frames sample frames.
func newWAVWriter(w io.Writer, frames int64, info riffInfo) (*wavWriter, error) {
	le := binary.LittleEndian
	dataLen := uint64(frames) * wavBlock
	list := info.chunk()
	listLen := uint64(0)
	if list != nil {
		listLen = 8 + uint64(len(list))
	}
	riffLen := 4 + (8 + 16) + listLen + 8 + dataLen
	if riffLen > math.MaxUint32 {
		return nil, fmt.Errorf("writing WAV: %d bytes of sound is more than a WAV file can hold (4 GiB)", dataLen)
	}
	h := make([]byte, 0, 44+listLen)
	h = append(h, "RIFF"...)
	h = le.AppendUint32(h, uint32(riffLen))
	h = append(h, "WAVEfmt "...)
	h = le.AppendUint32(h, 16)
	h = le.AppendUint16(h, 1) // PCM
	h = le.AppendUint16(h, wavChannels)
	h = le.AppendUint32(h, wavRate)
	h = le.AppendUint32(h, wavRate*wavBlock)
	h = le.AppendUint16(h, wavBlock)
	h = le.AppendUint16(h, 16)
	if list != nil {
		h = append(h, "LIST"...)
		h = le.AppendUint32(h, uint32(len(list)))
		h = append(h, list...)
	}
	h = append(h, "data"...)
	h = le.AppendUint32(h, uint32(dataLen))
	if _, err := w.Write(h); err != nil {
		return nil, err
	}
	return &wavWriter{w: w, frames: frames}, nil
}

// write appends interleaved stereo samples.
func (ww *wavWriter) write(s []float32) error {
	if ww.written+int64(len(s)/2) > ww.frames {
		return fmt.Errorf("writing WAV: more samples than the %d the header promised", ww.frames)
	}
	ww.buf = appendPCM16(ww.buf[:0], s)
	if _, err := ww.w.Write(ww.buf); err != nil {
		return err
	}
	ww.written += int64(len(s) / 2)
	return nil
}

// close checks that the promised samples were all written.
func (ww *wavWriter) close() error {
	if ww.written != ww.frames {
		return fmt.Errorf("writing WAV: %d of %d sample frames were written", ww.written, ww.frames)
	}
	return nil
}

// appendPCM16 appends s as little-endian 16-bit samples.
func appendPCM16(b []byte, s []float32) []byte {
	for _, v := range s {
		q := pcm16(v)
		b = append(b, byte(q), byte(q>>8))
	}
	return b
}

// pcm16 quantises v to a 16-bit code: round(v * 32768), clamped; NaN is 0.
func pcm16(v float32) int16 {
	x := float64(v) * 32768
	switch {
	case x != x:
		return 0
	case x >= 32767:
		return 32767
	case x <= -32768:
		return -32768
	}
	return int16(math.RoundToEven(x))
}
