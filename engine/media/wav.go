package media

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"

	"kino/engine/audio"
	"kino/engine/rng"
)

// SampleFormat is how a WAV file stores samples.
type SampleFormat int

// Sample formats. WriteWAV writes PCM16 (the default), PCM24 and Float32;
// ReadWAV reads them all.
const (
	PCM16 SampleFormat = iota
	PCM24
	Float32
	PCM8
	PCM32
	Float64
)

// String names the format as ffmpeg's codec names do.
func (f SampleFormat) String() string {
	switch f {
	case PCM8:
		return "pcm_u8"
	case PCM16:
		return "pcm_s16le"
	case PCM24:
		return "pcm_s24le"
	case PCM32:
		return "pcm_s32le"
	case Float32:
		return "pcm_f32le"
	case Float64:
		return "pcm_f64le"
	}
	return fmt.Sprintf("SampleFormat(%d)", int(f))
}

// bytes returns the container size of one sample.
func (f SampleFormat) bytes() int {
	switch f {
	case PCM8:
		return 1
	case PCM16:
		return 2
	case PCM24:
		return 3
	case PCM32, Float32:
		return 4
	case Float64:
		return 8
	}
	return 0
}

func (f SampleFormat) isFloat() bool { return f == Float32 || f == Float64 }

// WAVOptions control WriteWAV.
//
// Integer formats map [-1, 1) linearly onto the full code range: a sample s
// becomes round(s * 2^(bits-1)), clamped to the format's range, so +1.0
// becomes the largest code (one LSB short of full scale) and NaN becomes 0.
// ReadWAV divides by the same 2^(bits-1), so 16-bit codes survive a round
// trip exactly and float samples come back within half an LSB (one LSB at
// +1.0). With Dither set, TPDF noise of ±1 LSB (the difference of two
// uniform variables) is added before rounding; it decorrelates quantisation
// error from quiet signals at the cost of up to 1.5 LSB of error per sample.
// The noise comes from a generator seeded with DitherSeed, so an export is
// reproducible. Float32 is written exactly and ignores Dither.
type WAVOptions struct {
	Format     SampleFormat
	Dither     bool
	DitherSeed uint64
	// Provenance for the LIST/INFO chunk, which is written only when one
	// is set: INAM (ffmpeg's "title"), ICMT ("comment"), ISFT ("encoder").
	Title, Comment, Software string
	// Date is the ICRD tag ("2006-01-02"), written when set.
	Date string
}

// RIFF limits: every size is a 32-bit field.
const maxRIFF = math.MaxUint32

// WriteWAV writes pcm to w as a WAV file. Mono and stereo files use the
// plain WAVE format tags (1 for PCM, 3 for float, with the fact chunk float
// needs); more channels use WAVE_FORMAT_EXTENSIBLE with no speaker mask.
// The LIST/INFO chunk, if any, comes before the data chunk.
func WriteWAV(w io.Writer, pcm audio.PCM, opts WAVOptions) error {
	if pcm.Channels < 1 || pcm.Channels > 0xFFFF {
		return fmt.Errorf("writing WAV: %d channels; a WAV file needs 1 to 65535", pcm.Channels)
	}
	if pcm.Rate < 1 {
		return fmt.Errorf("writing WAV: sample rate %d must be positive", pcm.Rate)
	}
	if len(pcm.Samples)%pcm.Channels != 0 {
		return fmt.Errorf("writing WAV: %d samples do not divide into %d channels", len(pcm.Samples), pcm.Channels)
	}
	f := opts.Format
	if f != PCM16 && f != PCM24 && f != Float32 {
		return fmt.Errorf("writing WAV: writing %s is not supported (use PCM16, PCM24 or Float32)", f)
	}
	size := f.bytes()
	dataLen := uint64(len(pcm.Samples)) * uint64(size)
	info := infoChunk(opts)

	fmtChunk, fact := wavFmt(f, pcm.Channels, pcm.Rate, int64(pcm.Len()))

	riffLen := 4 + chunkLen(fmtChunk) + chunkLen(fact) + chunkLen(info) + 8 + dataLen + dataLen&1
	if pcm.Rate*pcm.Channels*size > maxRIFF {
		return fmt.Errorf("writing WAV: %d Hz × %d channels is more than a WAV header can state", pcm.Rate, pcm.Channels)
	}
	if riffLen > maxRIFF {
		return fmt.Errorf("writing WAV: %d bytes of audio is more than a WAV file can hold (4 GiB)", dataLen)
	}

	le := binary.LittleEndian
	bw := bufio.NewWriterSize(w, 64<<10)
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
	if err := writeSamples(bw, pcm.Samples, opts); err != nil {
		return fmt.Errorf("writing WAV data: %w", err)
	}
	if dataLen&1 == 1 {
		bw.WriteByte(0)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing WAV: %w", err)
	}
	return nil
}

// wavFmt returns the fmt chunk's body and, for float, the fact chunk's.
// Mono and stereo use the plain format tags; more channels use
// WAVE_FORMAT_EXTENSIBLE with no speaker mask.
func wavFmt(f SampleFormat, channels, rate int, frames int64) (fmtChunk, fact []byte) {
	size := f.bytes()
	tag := uint16(1)
	if f == Float32 {
		tag = 3
	}
	extensible := channels > 2
	le := binary.LittleEndian
	fmtChunk = le.AppendUint16(fmtChunk, tag)
	if extensible {
		fmtChunk = le.AppendUint16(fmtChunk[:0], 0xFFFE)
	}
	fmtChunk = le.AppendUint16(fmtChunk, uint16(channels))
	fmtChunk = le.AppendUint32(fmtChunk, uint32(rate))
	fmtChunk = le.AppendUint32(fmtChunk, uint32(rate*channels*size))
	fmtChunk = le.AppendUint16(fmtChunk, uint16(channels*size))
	fmtChunk = le.AppendUint16(fmtChunk, uint16(8*size))
	switch {
	case extensible:
		fmtChunk = le.AppendUint16(fmtChunk, 22)
		fmtChunk = le.AppendUint16(fmtChunk, uint16(8*size)) // valid bits
		fmtChunk = le.AppendUint32(fmtChunk, 0)              // speaker mask
		fmtChunk = append(fmtChunk, subformatGUID(tag)...)
	case f == Float32:
		fmtChunk = le.AppendUint16(fmtChunk, 0)
	}
	if f == Float32 {
		fact = le.AppendUint32(nil, uint32(frames))
	}
	return fmtChunk, fact
}

// subformatGUID is KSDATAFORMAT_SUBTYPE_PCM (tag 1) or _IEEE_FLOAT (tag 3).
func subformatGUID(tag uint16) []byte {
	return []byte{byte(tag), byte(tag >> 8), 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71}
}

func chunkLen(body []byte) uint64 {
	if body == nil {
		return 0
	}
	n := uint64(len(body))
	return 8 + n + n&1
}

func writeChunk(w *bufio.Writer, id string, body []byte) {
	w.WriteString(id)
	w.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(body))))
	w.Write(body)
	if len(body)&1 == 1 {
		w.WriteByte(0)
	}
}

// infoChunk returns the body of a LIST/INFO chunk for opts, or nil.
func infoChunk(opts WAVOptions) []byte {
	return RIFFInfo([][2]string{{"INAM", opts.Title}, {"ICMT", opts.Comment}, {"ISFT", opts.Software}, {"ICRD", opts.Date}})
}

// RIFFInfo returns the body of a RIFF LIST/INFO chunk ("INFO" and one
// sub-chunk per tag, e.g. {"INAM", title}), as WAV and AVI files carry it,
// or nil when every value is empty. Empty values are left out.
func RIFFInfo(tags [][2]string) []byte {
	var b []byte
	for _, t := range tags {
		// A NUL ends an INFO string, so it cannot be inside one.
		v := strings.ReplaceAll(t[1], "\x00", "")
		if v == "" {
			continue
		}
		if b == nil {
			b = []byte("INFO")
		}
		b = append(b, t[0]...)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(v)+1))
		b = append(b, v...)
		b = append(b, 0)
		if (len(v)+1)&1 == 1 {
			b = append(b, 0)
		}
	}
	return b
}

// writeSamples converts and writes samples in blocks.
func writeSamples(w io.Writer, s []float32, opts WAVOptions) error {
	const block = 4096
	var dither *rng.Rand
	if opts.Dither && opts.Format != Float32 {
		dither = rng.New(opts.DitherSeed)
	}
	var buf []byte
	for len(s) > 0 {
		n := min(len(s), block)
		buf = appendSamples(buf[:0], s[:n], opts.Format, dither)
		if _, err := w.Write(buf); err != nil {
			return err
		}
		s = s[n:]
	}
	return nil
}

// appendSamples appends s converted to format f.
func appendSamples(b []byte, s []float32, f SampleFormat, dither *rng.Rand) []byte {
	switch f {
	case Float32:
		for _, v := range s {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
		}
	case PCM16:
		for _, v := range s {
			q := quantize(v, 32768, dither)
			b = append(b, byte(q), byte(q>>8))
		}
	case PCM24:
		for _, v := range s {
			q := quantize(v, 1<<23, dither)
			b = append(b, byte(q), byte(q>>8), byte(q>>16))
		}
	}
	return b
}

// quantize maps v to an integer code in [-scale, scale-1], with optional
// TPDF dither.
func quantize(v float32, scale float64, dither *rng.Rand) int32 {
	x := float64(v) * scale
	if dither != nil {
		// Two uniform [0,1) draws from one 64-bit value: their difference
		// is triangular on (-1, 1) LSB.
		u := dither.Uint64()
		x += float64(u>>32)/(1<<32) - float64(u&0xFFFFFFFF)/(1<<32)
	}
	switch {
	case x != x: // NaN
		return 0
	case x >= scale-1:
		return int32(scale - 1)
	case x <= -scale:
		return int32(-scale)
	}
	return int32(math.RoundToEven(x))
}
