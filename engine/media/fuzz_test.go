package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"image"
	"testing"

	"kino/engine"
	"kino/engine/audio"
)

// FuzzReadWAV feeds the WAV reader any bytes. It must never panic or
// allocate more samples than the file has bytes; what it reads must be
// consistent with its header; and 16-bit sound it reads must survive a
// write and a second read exactly.
func FuzzReadWAV(f *testing.F) {
	pcm := testPCM(2, 64)
	for _, format := range []SampleFormat{PCM16, PCM24, Float32} {
		var b bytes.Buffer
		if err := WriteWAV(&b, pcm, WAVOptions{Format: format, Title: "t", Comment: "c"}); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
		f.Add(b.Bytes()[:b.Len()-7]) // cut off in the samples
		f.Add(b.Bytes()[:30])        // cut off in the header
	}
	for _, c := range []struct{ tag, bits int }{{1, 8}, {1, 32}, {3, 64}} {
		f.Add(rawWAV(c.tag, c.bits, 1, 8000, bytes.Repeat([]byte{0x80, 0x01, 0x7F}, 40)))
	}
	f.Add(rawWAV(1, 16, 6, 48000, make([]byte, 6*2*10))) // extensible-sized channel count, plain header
	mono := audio.PCM{Rate: 8000, Channels: 1, Samples: []float32{0, 0.5, -0.5}}
	var b bytes.Buffer
	WriteWAV(&b, mono, WAVOptions{})
	f.Add(b.Bytes())
	f.Add([]byte("RIFF\x00\x00\x00\x00WAVEdata\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, ierr := ReadWAVInfo(bytes.NewReader(data))
		got, rinfo, err := ReadWAV(bytes.NewReader(data))
		if len(got.Samples) > len(data) {
			t.Fatalf("%d samples read from %d bytes", len(got.Samples), len(data))
		}
		if (ierr == nil) != (rinfo.Channels > 0) && err == nil {
			t.Fatalf("ReadWAVInfo: %v but ReadWAV read %d channels", ierr, rinfo.Channels)
		}
		if err != nil && len(got.Samples) == 0 {
			return
		}
		if got.Channels < 1 || len(got.Samples)%got.Channels != 0 {
			t.Fatalf("%d samples in %d channels", len(got.Samples), got.Channels)
		}
		if ierr == nil && (info.Rate != rinfo.Rate || info.Channels != rinfo.Channels || info.Format != rinfo.Format) {
			t.Fatalf("header %+v and read %+v disagree", info, rinfo)
		}
		if err != nil || rinfo.Format != PCM16 || got.Rate < 1 || got.Channels > 0xFFFF || got.Rate*got.Channels*2 > 1<<32-1 {
			return
		}
		if rinfo.Frames != got.Len() {
			t.Fatalf("info says %d frames, read %d", rinfo.Frames, got.Len())
		}
		var again bytes.Buffer
		if err := WriteWAV(&again, got, WAVOptions{Format: PCM16}); err != nil {
			t.Fatalf("writing what was read: %v", err)
		}
		back, _, err := ReadWAV(&again)
		if err != nil || len(back.Samples) != len(got.Samples) {
			t.Fatalf("reading back: %d samples, %v; want %d", len(back.Samples), err, len(got.Samples))
		}
		for i := range back.Samples {
			if back.Samples[i] != got.Samples[i] {
				t.Fatalf("sample %d: %v read back as %v", i, got.Samples[i], back.Samples[i])
			}
		}
	})
}

// rawWAV writes a minimal WAV header with any format tag and sample size
// (WriteWAV writes only the formats Kino stores) before data.
func rawWAV(tag, bits, channels, rate int, data []byte) []byte {
	le := binary.LittleEndian
	block := channels * bits / 8
	var b []byte
	b = append(b, "RIFF"...)
	b = le.AppendUint32(b, uint32(36+len(data)))
	b = append(b, "WAVEfmt "...)
	b = le.AppendUint32(b, 16)
	b = le.AppendUint16(b, uint16(tag))
	b = le.AppendUint16(b, uint16(channels))
	b = le.AppendUint32(b, uint32(rate))
	b = le.AppendUint32(b, uint32(rate*block))
	b = le.AppendUint16(b, uint16(block))
	b = le.AppendUint16(b, uint16(bits))
	b = append(b, "data"...)
	b = le.AppendUint32(b, uint32(len(data)))
	return append(b, data...)
}

// FuzzMJPEG feeds the MJPEG indexer and frame reader any bytes. The index
// must be a run of whole JPEG frames from the start; the hashing reader
// the hash check uses must hash exactly the file while the index is
// built; and reading frames must never panic or decode a frame larger
// than frames can be.
func FuzzMJPEG(f *testing.F) {
	stream, _ := encodeStream(f, 48, 32, 3, 80)
	f.Add(stream)
	f.Add(stream[:len(stream)-5])
	f.Add(stream[:len(stream)/2])
	one, _ := encodeStream(f, 16, 16, 1, 50)
	f.Add(append(append([]byte{}, one...), one...))
	f.Add([]byte("\xff\xd8\xff\xd9"))
	f.Add([]byte("\xff\xd8\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9"))
	f.Fuzz(func(t *testing.T, data []byte) {
		size := int64(len(data))
		hr := newHashingReaderAt(bytes.NewReader(data), size)
		rd, damage := OpenMJPEG(hr, size)
		sum, err := hr.sum()
		want := sha256.Sum256(data)
		if err != nil || sum != hex.EncodeToString(want[:]) {
			t.Fatalf("hash while indexing = %s, %v; want %x", sum, err, want)
		}
		plain, pdamage := OpenMJPEG(bytes.NewReader(data), size)
		if plain.Len() != rd.Len() || (pdamage == nil) != (damage == nil) {
			t.Fatalf("indexing through the hashing reader found %d frames (%v), directly %d (%v)", rd.Len(), damage, plain.Len(), pdamage)
		}
		var end int64
		for i, s := range rd.frames {
			if s.off != end || s.n < 4 || s.off+s.n > size {
				t.Fatalf("frame %d spans %d+%d after %d in %d bytes", i, s.off, s.n, end, size)
			}
			end = s.off + s.n
		}
		if damage == nil && end != size {
			t.Fatalf("no damage reported, but the frames end at %d of %d bytes", end, size)
		}
		rd.r = bytes.NewReader(data)
		for i := range min(rd.Len(), 3) {
			b, err := rd.FrameBytes(i)
			if err != nil || b[0] != 0xFF || b[1] != 0xD8 || b[len(b)-2] != 0xFF || b[len(b)-1] != 0xD9 {
				t.Fatalf("frame %d bytes: %v", i, err)
			}
			// Frames up to engine.MaxSide decode (FuzzMJPEG would spend its
			// time allocating them); the size check is what matters here.
			if c, err := rd.FrameConfig(i); err == nil && c.Width*c.Height > 1<<20 && c.Width <= engine.MaxSide && c.Height <= engine.MaxSide {
				continue
			}
			img, err := rd.Frame(i)
			if err != nil {
				continue
			}
			if s := img.Bounds().Size(); s.X > engine.MaxSide || s.Y > engine.MaxSide || s == (image.Point{}) {
				t.Fatalf("frame %d decoded to %v", i, s)
			}
		}
		if _, err := rd.Frame(rd.Len()); err == nil {
			t.Fatal("a frame past the end was read")
		}
	})
}
