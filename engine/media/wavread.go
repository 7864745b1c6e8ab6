package media

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"kino/engine/audio"
)

// Info describes a WAV file read by ReadWAV.
type Info struct {
	Format   SampleFormat
	Rate     int
	Channels int
	Frames   int // sample frames per channel
	// Title, Comment and Software are the INAM, ICMT and ISFT tags of the
	// LIST/INFO chunk ("" when absent).
	Title, Comment, Software string
	// Tags holds every LIST/INFO tag by its four-character id.
	Tags map[string]string
}

// wavHeader is what the chunks before the sample data say.
type wavHeader struct {
	Info
	blockAlign int
	dataLen    int64 // -1: to the end of the file
}

// MaxWAVRate is the highest sample rate ReadWAV accepts (sound files of
// 768 kHz exist; anything far above is a damaged or hostile header).
const MaxWAVRate = 1_000_000

// maxInfoChunk bounds how much of a LIST chunk is read for tags; larger
// ones are skipped.
const maxInfoChunk = 1 << 20

// ReadWAV reads a whole WAV file: 8-, 16-, 24- and 32-bit integer PCM and
// 32- and 64-bit float, plain or WAVE_FORMAT_EXTENSIBLE, any channel count
// and rate (it does not resample). Unknown chunks are skipped and LIST/INFO
// tags are returned in Info. Integer codes are divided by 2^(bits-1) (see
// WAVOptions); float NaNs become 0. A data chunk whose size is 0xFFFFFFFF
// (a stream that never knew its length) runs to the end of the file.
//
// A file that ends inside its data chunk gives an error together with the
// samples that were there. Anything after the data chunk that is cut off is
// ignored, since the sound is complete.
func ReadWAV(r io.Reader) (audio.PCM, Info, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	h, err := readWAVHeader(br)
	if err != nil {
		return audio.PCM{}, h.Info, err
	}
	pcm, err := readWAVData(br, &h)
	if err != nil {
		return pcm, h.Info, err
	}
	// Chunks after the data, such as a trailing LIST/INFO.
	if h.dataLen >= 0 {
		_ = readChunks(br, &h, true)
	}
	return pcm, h.Info, nil
}

// ReadWAVInfo reads a WAV file's format and tags, stopping at the sample
// data. Frames is computed from the data chunk's size (0 when unknown).
func ReadWAVInfo(r io.Reader) (Info, error) {
	h, err := readWAVHeader(bufio.NewReader(r))
	return h.Info, err
}

func readWAVHeader(br *bufio.Reader) (wavHeader, error) {
	var h wavHeader
	var head [12]byte
	n, err := io.ReadFull(br, head[:])
	if err != nil {
		if n == 0 {
			return h, errors.New("reading WAV: the file is empty")
		}
		return h, fmt.Errorf("reading WAV: the file is only %d bytes, too short for a RIFF header", n)
	}
	if string(head[:4]) == "RF64" {
		return h, errors.New("reading WAV: RF64 (WAV over 4 GiB) is not supported")
	}
	if string(head[:4]) != "RIFF" || string(head[8:12]) != "WAVE" {
		return h, fmt.Errorf("reading WAV: not a WAV file (it starts with %q, not \"RIFF....WAVE\")", printable(head[:]))
	}
	if err := readChunks(br, &h, false); err != nil {
		return h, err
	}
	return h, nil
}

// readChunks reads chunk headers. Before the data chunk (afterData false)
// it parses fmt and LIST, skips the rest and stops at data, leaving br at
// the first sample. After it, it only collects tags until the file ends.
func readChunks(br *bufio.Reader, h *wavHeader, afterData bool) error {
	le := binary.LittleEndian
	haveFmt := afterData
	for {
		var ch [8]byte
		n, err := io.ReadFull(br, ch[:])
		if err != nil {
			if afterData {
				return nil
			}
			if n == 0 && errors.Is(err, io.EOF) {
				if !haveFmt {
					return errors.New("reading WAV: the file has no fmt chunk")
				}
				return errors.New("reading WAV: the file has no data chunk")
			}
			return fmt.Errorf("reading WAV: the file is cut off inside a chunk header: %w", err)
		}
		id := string(ch[:4])
		size := int64(le.Uint32(ch[4:]))
		if !printableID(ch[:4]) {
			if afterData {
				return nil
			}
			return fmt.Errorf("reading WAV: garbage where a chunk should start (%q)", printable(ch[:4]))
		}
		switch {
		case id == "data" && !afterData:
			if !haveFmt {
				return errors.New("reading WAV: the data chunk comes before the fmt chunk")
			}
			h.dataLen = size
			if size == 0xFFFFFFFF {
				h.dataLen = -1
			} else {
				h.Frames = int(size / int64(h.blockAlign))
			}
			return nil
		case id == "fmt " && !afterData:
			body, err := readBody(br, size, 1<<10)
			if err != nil {
				return fmt.Errorf("reading WAV fmt chunk: %w", err)
			}
			if err := parseFmt(body, h); err != nil {
				return err
			}
			haveFmt = true
			continue
		case id == "LIST" && size <= maxInfoChunk:
			body, err := readBody(br, size, maxInfoChunk)
			if err != nil {
				if afterData {
					return nil
				}
				return fmt.Errorf("reading WAV LIST chunk: %w", err)
			}
			parseInfoList(body, &h.Info)
			continue
		}
		if _, err := br.Discard(int(size + size&1)); err != nil {
			if afterData {
				return nil
			}
			return fmt.Errorf("reading WAV: the file is cut off inside the %q chunk (%d bytes)", id, size)
		}
	}
}

// readBody reads a chunk body of size bytes (at most limit) and its pad byte.
func readBody(br *bufio.Reader, size, limit int64) ([]byte, error) {
	if size > limit {
		return nil, fmt.Errorf("the chunk is %d bytes; at most %d are expected", size, limit)
	}
	b := make([]byte, size+size&1)
	n, err := io.ReadFull(br, b)
	if int64(n) < size {
		return nil, fmt.Errorf("the file is cut off inside the chunk (%d of %d bytes): %w", n, size, err)
	}
	return b[:size], nil
}

func parseFmt(b []byte, h *wavHeader) error {
	le := binary.LittleEndian
	if len(b) < 16 {
		return fmt.Errorf("reading WAV: the fmt chunk is %d bytes; it needs at least 16", len(b))
	}
	tag := le.Uint16(b)
	h.Channels = int(le.Uint16(b[2:]))
	h.Rate = int(le.Uint32(b[4:]))
	h.blockAlign = int(le.Uint16(b[12:]))
	bits := int(le.Uint16(b[14:]))
	if tag == 0xFFFE {
		if len(b) < 40 {
			return fmt.Errorf("reading WAV: the extensible fmt chunk is %d bytes; it needs 40", len(b))
		}
		tag = le.Uint16(b[24:]) // the GUID's first two bytes are the format tag
	}
	if h.Channels < 1 {
		return errors.New("reading WAV: the file has 0 channels")
	}
	if h.Rate < 1 {
		return errors.New("reading WAV: the sample rate is 0")
	}
	if h.Rate > MaxWAVRate {
		return fmt.Errorf("reading WAV: the sample rate is %d Hz; Kino reads sound up to %d Hz", h.Rate, MaxWAVRate)
	}
	var f SampleFormat
	switch {
	case tag == 1 && bits == 8:
		f = PCM8
	case tag == 1 && bits == 16:
		f = PCM16
	case tag == 1 && bits == 24:
		f = PCM24
	case tag == 1 && bits == 32:
		f = PCM32
	case tag == 3 && bits == 32:
		f = Float32
	case tag == 3 && bits == 64:
		f = Float64
	default:
		return fmt.Errorf("reading WAV: format tag 0x%04X with %d-bit samples is not supported (Kino reads 8/16/24/32-bit PCM and 32/64-bit float)", tag, bits)
	}
	h.Format = f
	if h.blockAlign != h.Channels*f.bytes() {
		return fmt.Errorf("reading WAV: block align is %d bytes but %d channels of %s need %d", h.blockAlign, h.Channels, f, h.Channels*f.bytes())
	}
	return nil
}

// parseInfoList reads the tags of a LIST/INFO body; other list types and
// malformed entries are ignored.
func parseInfoList(b []byte, info *Info) {
	if len(b) < 4 || string(b[:4]) != "INFO" {
		return
	}
	b = b[4:]
	for len(b) >= 8 {
		id := string(b[:4])
		n := int(binary.LittleEndian.Uint32(b[4:]))
		b = b[8:]
		if n > len(b) {
			return
		}
		v := string(b[:n])
		if i := strings.IndexByte(v, 0); i >= 0 {
			v = v[:i]
		}
		if info.Tags == nil {
			info.Tags = map[string]string{}
		}
		info.Tags[id] = v
		switch id {
		case "INAM":
			info.Title = v
		case "ICMT":
			info.Comment = v
		case "ISFT":
			info.Software = v
		}
		b = b[min(len(b), n+n&1):]
	}
}

// readWAVData reads the data chunk's samples. On a cut-off file it returns
// the whole sample frames that were there with an error.
func readWAVData(br *bufio.Reader, h *wavHeader) (audio.PCM, error) {
	pcm := audio.PCM{Rate: h.Rate, Channels: h.Channels}
	size := h.Format.bytes()
	var src io.Reader = br
	if h.dataLen >= 0 {
		src = io.LimitReader(br, h.dataLen)
		// Trust the header for the allocation only up to 4 MiB of data (a
		// tiny file can claim 4 GB); a bigger claim grows as the data
		// actually arrives.
		pcm.Samples = make([]float32, 0, min(h.dataLen, 4<<20)/int64(size))
	}
	ba := h.blockAlign
	buf := make([]byte, max(1, 64<<10/ba)*ba)
	var got int64
	carry := 0 // bytes of an unfinished sample frame at buf's start
	for {
		n, err := io.ReadFull(src, buf[carry:])
		got += int64(n)
		n += carry
		whole := n / ba * ba
		pcm.Samples = decodeSamples(pcm.Samples, buf[:whole], h.Format)
		carry = copy(buf, buf[whole:n])
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
				return pcm, fmt.Errorf("reading WAV data: %w", err)
			}
			break
		}
	}
	if h.dataLen >= 0 && got < h.dataLen {
		return pcm, fmt.Errorf("reading WAV: the file is cut off: the data chunk says %d bytes but only %d are there (%d whole sample frames read)", h.dataLen, got, pcm.Len())
	}
	if h.dataLen >= 0 && h.dataLen&1 == 1 {
		br.ReadByte() // pad
	}
	h.Frames = pcm.Len()
	return pcm, nil
}

// decodeSamples appends the samples in b to dst as float32.
func decodeSamples(dst []float32, b []byte, f SampleFormat) []float32 {
	le := binary.LittleEndian
	switch f {
	case PCM8:
		for _, v := range b {
			dst = append(dst, float32(int(v)-128)/128)
		}
	case PCM16:
		for i := 0; i+2 <= len(b); i += 2 {
			dst = append(dst, float32(int16(le.Uint16(b[i:])))/32768)
		}
	case PCM24:
		for i := 0; i+3 <= len(b); i += 3 {
			v := int32(uint32(b[i])<<8|uint32(b[i+1])<<16|uint32(b[i+2])<<24) >> 8
			dst = append(dst, float32(v)/(1<<23))
		}
	case PCM32:
		for i := 0; i+4 <= len(b); i += 4 {
			dst = append(dst, float32(float64(int32(le.Uint32(b[i:])))/(1<<31)))
		}
	case Float32:
		for i := 0; i+4 <= len(b); i += 4 {
			v := math.Float32frombits(le.Uint32(b[i:]))
			if v != v {
				v = 0
			}
			dst = append(dst, v)
		}
	case Float64:
		for i := 0; i+8 <= len(b); i += 8 {
			v := float32(math.Float64frombits(le.Uint64(b[i:])))
			if v != v {
				v = 0
			}
			dst = append(dst, v)
		}
	}
	return dst
}

// printableID reports whether b looks like a RIFF chunk id: printable
// ASCII (space included).
func printableID(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7E {
			return false
		}
	}
	return true
}

func printable(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if c < 0x20 || c > 0x7E {
			c = '.'
		}
		out[i] = c
	}
	return string(out)
}
