package format

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"

	"kino/project"
)

// MaxAVISize is the largest AVI file an AVIWriter writes: 1 GiB. A RIFF AVI 1.0
// file (no OpenDML extension) counts its size in 32 bits and its index
// offsets from the movi list, and players handle such files reliably up to
// about this size. A longer film at this quality needs the MP4 path
// (install ffmpeg), a lower quality or a lower resolution.
const MaxAVISize = 1 << 30

// AVIWriter writes a RIFF AVI 1.0 file: a Motion-JPEG video stream ("00dc"
// chunks) interleaved frame by frame with a 16-bit stereo 48 kHz PCM stream
// ("01wb" chunks), an idx1 index, and a LIST/INFO chunk. Sizes that depend
// on the frames are patched in by Close.
type AVIWriter struct {
	f       AVIOutput
	bw      *bufio.Writer
	pos     int64 // bytes written so far
	movi    int64 // offset of the "movi" list type, which idx1 offsets count from
	index   []byte
	frames  int64 // video frames promised
	written int64
	audio   int64 // audio sample frames promised
	audioN  int64 // audio sample frames written
	maxVid  uint32
	maxAud  uint32
	rate    project.Rate
	limit   int64

	// Offsets of the fields patched at the end.
	riffSizeAt, moviSizeAt, maxBytesAt, avihBufAt, vidBufAt, audBufAt int64
}

// AVIOutput is where an AVIWriter writes: in order, then back at the
// headers to patch the sizes in.
type AVIOutput interface {
	io.Writer
	io.WriterAt
}

// NewAVIWriter writes the headers of a w x h AVI of frames video frames at
// rate and audio 48 kHz stereo sample frames, with info's text. The file
// may grow to MaxAVISize: WriteFrame refuses a frame that would pass it.
func NewAVIWriter(f AVIOutput, w, h int, rate project.Rate, frames, audio int64, info RIFFInfo) (*AVIWriter, error) {
	a := &AVIWriter{f: f, bw: bufio.NewWriterSize(f, 1<<20), frames: frames, audio: audio, rate: rate, limit: MaxAVISize}
	le := binary.LittleEndian
	u32 := func(b []byte, v uint32) []byte { return le.AppendUint32(b, v) }
	u16 := func(b []byte, v uint16) []byte { return le.AppendUint16(b, v) }

	var avih []byte
	avih = u32(avih, uint32((rate.Den*1_000_000+rate.Num/2)/rate.Num)) // dwMicroSecPerFrame
	avih = u32(avih, 0)                                                // dwMaxBytesPerSec (patched)
	avih = u32(avih, 0)                                                // dwPaddingGranularity
	avih = u32(avih, 0x10|0x100)                                       // AVIF_HASINDEX | AVIF_ISINTERLEAVED
	avih = u32(avih, uint32(frames))                                   // dwTotalFrames
	avih = u32(avih, 0)                                                // dwInitialFrames
	avih = u32(avih, 2)                                                // dwStreams
	avih = u32(avih, 0)                                                // dwSuggestedBufferSize (patched)
	avih = u32(avih, uint32(w))
	avih = u32(avih, uint32(h))
	avih = append(avih, make([]byte, 16)...) // dwReserved

	strh := func(typ, handler string, scale, rate, length, sampleSize uint32) []byte {
		var b []byte
		b = append(b, typ...)
		b = append(b, handler...)
		b = u32(b, 0)            // dwFlags
		b = u16(b, 0)            // wPriority
		b = u16(b, 0)            // wLanguage
		b = u32(b, 0)            // dwInitialFrames
		b = u32(b, scale)        // dwScale
		b = u32(b, rate)         // dwRate
		b = u32(b, 0)            // dwStart
		b = u32(b, length)       // dwLength
		b = u32(b, 0)            // dwSuggestedBufferSize (patched)
		b = u32(b, 0xFFFFFFFF)   // dwQuality: default
		b = u32(b, sampleSize)   // dwSampleSize
		b = u16(b, 0)            // rcFrame left
		b = u16(b, 0)            // top
		b = u16(b, uint16(w))    // right
		return u16(b, uint16(h)) // bottom
	}
	vstrh := strh("vids", "MJPG", uint32(rate.Den), uint32(rate.Num), uint32(frames), 0)
	var bih []byte
	bih = u32(bih, 40)
	bih = u32(bih, uint32(w))
	bih = u32(bih, uint32(h))
	bih = u16(bih, 1)  // biPlanes
	bih = u16(bih, 24) // biBitCount
	bih = append(bih, "MJPG"...)
	bih = u32(bih, uint32(w*h*3)) // biSizeImage
	bih = append(bih, make([]byte, 16)...)

	astrh := strh("auds", "\x00\x00\x00\x00", wavBlock, wavRate*wavBlock, uint32(audio), wavBlock)
	var wfx []byte
	wfx = u16(wfx, 1) // WAVE_FORMAT_PCM
	wfx = u16(wfx, wavChannels)
	wfx = u32(wfx, wavRate)
	wfx = u32(wfx, wavRate*wavBlock)
	wfx = u16(wfx, wavBlock)
	wfx = u16(wfx, 16)
	wfx = u16(wfx, 0) // cbSize

	vstrl := append([]byte("strl"), chunk("strh", vstrh)...)
	vstrl = append(vstrl, chunk("strf", bih)...)
	astrl := append([]byte("strl"), chunk("strh", astrh)...)
	astrl = append(astrl, chunk("strf", wfx)...)
	hdrl := append([]byte("hdrl"), chunk("avih", avih)...)
	hdrl = append(hdrl, chunk("LIST", vstrl)...)
	hdrl = append(hdrl, chunk("LIST", astrl)...)

	// Offsets of the patched fields, from the layout above: RIFF header
	// (12 bytes), LIST hdrl header (12), avih header (8).
	avihAt := int64(12 + 12 + 8)
	a.riffSizeAt = 4
	a.maxBytesAt = avihAt + 4
	a.avihBufAt = avihAt + 28
	vstrhAt := avihAt + 56 + 12 + 8 // LIST strl header and strh header
	a.vidBufAt = vstrhAt + 36
	astrhAt := vstrhAt + 56 + 8 + 40 + 12 + 8
	a.audBufAt = astrhAt + 36

	head := []byte("RIFF\x00\x00\x00\x00AVI ")
	head = append(head, chunk("LIST", hdrl)...)
	if list := info.Chunk(); list != nil {
		head = append(head, chunk("LIST", list)...)
	}
	a.moviSizeAt = int64(len(head)) + 4
	head = append(head, "LIST\x00\x00\x00\x00movi"...)
	a.movi = int64(len(head)) - 4
	if err := a.write(head); err != nil {
		return nil, err
	}
	return a, nil
}

// chunk returns a RIFF chunk: id, size, body and a pad byte to even length.
func chunk(id string, body []byte) []byte {
	b := make([]byte, 0, 8+len(body)+1)
	b = append(b, id...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func (a *AVIWriter) write(b []byte) error {
	n, err := a.bw.Write(b)
	a.pos += int64(n)
	return err
}

// writeChunk appends a movi chunk and its index entry.
func (a *AVIWriter) writeChunk(id string, data []byte) error {
	need := 8 + int64(len(data)) + int64(len(data)&1)
	// Keep room for this chunk and the index entries still to come.
	rest := 16 * (2*(a.frames-a.written) + 1)
	if a.pos+need+int64(len(a.index))+rest > a.limit {
		return project.Errorf(project.EINVALID, "the AVI would pass %d MiB at frame %d of %d; AVI files are limited to 1 GiB: export MP4 (install ffmpeg), or use a lower quality or resolution", a.limit>>20, a.written, a.frames)
	}
	le := binary.LittleEndian
	a.index = append(a.index, id...)
	a.index = le.AppendUint32(a.index, 0x10) // AVIIF_KEYFRAME
	a.index = le.AppendUint32(a.index, uint32(a.pos-a.movi))
	a.index = le.AppendUint32(a.index, uint32(len(data)))
	var h [8]byte
	copy(h[:], id)
	le.PutUint32(h[4:], uint32(len(data)))
	if err := a.write(h[:]); err != nil {
		return err
	}
	if err := a.write(data); err != nil {
		return err
	}
	if len(data)&1 == 1 {
		return a.write([]byte{0})
	}
	return nil
}

// WriteFrame appends one JPEG frame and the PCM16 sound that plays during
// it (stereo, interleaved, little-endian).
func (a *AVIWriter) WriteFrame(jpeg, pcm []byte) error {
	if a.written >= a.frames {
		return fmt.Errorf("writing AVI: more frames than the %d promised", a.frames)
	}
	if err := a.writeChunk("00dc", jpeg); err != nil {
		return err
	}
	a.maxVid = max(a.maxVid, uint32(len(jpeg)))
	if len(pcm) > 0 {
		if err := a.writeChunk("01wb", pcm); err != nil {
			return err
		}
		a.maxAud = max(a.maxAud, uint32(len(pcm)))
		a.audioN += int64(len(pcm) / wavBlock)
	}
	a.written++
	return nil
}

// Close writes the index and patches the sizes. It fails unless every
// frame and sound sample promised was written.
func (a *AVIWriter) Close() error {
	if a.written != a.frames || a.audioN != a.audio {
		return fmt.Errorf("writing AVI: %d of %d frames and %d of %d sound samples were written", a.written, a.frames, a.audioN, a.audio)
	}
	moviEnd := a.pos
	if err := a.write(chunk("idx1", a.index)); err != nil {
		return err
	}
	if err := a.bw.Flush(); err != nil {
		return err
	}
	le := binary.LittleEndian
	patch := func(at int64, v uint32) error {
		var b [4]byte
		le.PutUint32(b[:], v)
		_, err := a.f.WriteAt(b[:], at)
		return err
	}
	secs := float64(a.frames) * float64(a.rate.Den) / float64(a.rate.Num)
	bps := uint32(0)
	if secs > 0 {
		bps = uint32(float64(moviEnd-a.movi) / secs)
	}
	for _, p := range []struct {
		at int64
		v  uint32
	}{
		{a.riffSizeAt, uint32(a.pos - 8)},
		{a.moviSizeAt, uint32(moviEnd - a.movi)},
		{a.maxBytesAt, bps},
		{a.avihBufAt, max(a.maxVid, a.maxAud) + 8},
		{a.vidBufAt, a.maxVid},
		{a.audBufAt, a.maxAud},
	} {
		if err := patch(p.at, p.v); err != nil {
			return err
		}
	}
	return nil
}
