package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// DamageError says where an MJPEG stream stops being readable. Frames
// before Frame are intact.
type DamageError struct {
	Frame  int   // index of the first frame that cannot be read
	Offset int64 // byte offset where the problem was found
	Reason string
}

// Error implements error.
func (e *DamageError) Error() string {
	return fmt.Sprintf("MJPEG frame %d is damaged (at byte %d): %s", e.Frame, e.Offset, e.Reason)
}

// span is one frame's place in the stream.
type span struct {
	off int64
	n   int64
}

// windowReader reads an io.ReaderAt through a sliding window, so the
// scanner can look at single bytes and search for 0xFF cheaply.
type windowReader struct {
	r    io.ReaderAt
	size int64
	buf  []byte
	off  int64 // stream offset of buf[0]
	err  error // a read error other than EOF
}

const scanWindow = 1 << 20

// load makes pos the start of the window. It reports false at the end of
// the stream or on a read error (kept in err).
func (w *windowReader) load(pos int64) bool {
	if pos >= w.size {
		return false
	}
	if want := int(min(scanWindow, w.size)); cap(w.buf) < want {
		w.buf = make([]byte, want) // a small stream needs no 1 MiB window
	}
	n := int(min(int64(scanWindow), w.size-pos))
	got, err := w.r.ReadAt(w.buf[:n], pos)
	if got < n {
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		w.err = err
		w.buf = w.buf[:0]
		return false
	}
	w.buf, w.off = w.buf[:n], pos
	return true
}

// byteAt returns the byte at pos, or false past the end.
func (w *windowReader) byteAt(pos int64) (byte, bool) {
	if pos < w.off || pos >= w.off+int64(len(w.buf)) {
		if !w.load(pos) {
			return 0, false
		}
	}
	return w.buf[pos-w.off], true
}

// indexFF returns the offset of the first 0xFF at or after pos, or -1.
func (w *windowReader) indexFF(pos int64) int64 {
	for {
		if pos < w.off || pos >= w.off+int64(len(w.buf)) {
			if !w.load(pos) {
				return -1
			}
		}
		if i := bytes.IndexByte(w.buf[pos-w.off:], 0xFF); i >= 0 {
			return pos + int64(i)
		}
		pos = w.off + int64(len(w.buf))
	}
}

// indexMJPEG finds every frame of a concatenated-JPEG stream by walking its
// markers: SOI, then marker segments (skipped by their length), entropy
// coded data after each SOS (where FF00 is a stuffed 0xFF, FFD0-FFD7 are
// restart markers and FFFF is fill), until EOI. It returns the frames that
// are whole and, if the stream does not end cleanly after one, a
// *DamageError (or a read error) for the first frame that is not.
func indexMJPEG(r io.ReaderAt, size int64) ([]span, error) {
	w := &windowReader{r: r, size: size}
	var frames []span
	pos := int64(0)
	for pos < size {
		end, reason := scanFrame(w, pos)
		if reason != "" {
			if w.err != nil {
				return frames, fmt.Errorf("reading MJPEG frame %d at byte %d: %w", len(frames), pos, w.err)
			}
			return frames, &DamageError{Frame: len(frames), Offset: end, Reason: reason}
		}
		frames = append(frames, span{off: pos, n: end - pos})
		pos = end
	}
	return frames, nil
}

// scanFrame walks one JPEG starting at pos. It returns the offset just past
// its EOI, or the offset of a problem and what it is.
func scanFrame(w *windowReader, pos int64) (int64, string) {
	const cut = "the stream ends in the middle of the frame"
	a, ok1 := w.byteAt(pos)
	b, ok2 := w.byteAt(pos + 1)
	if !ok1 || !ok2 {
		return pos, cut
	}
	if a != 0xFF || b != 0xD8 {
		return pos, fmt.Sprintf("expected a JPEG start-of-image marker (FF D8), found %02X %02X", a, b)
	}
	pos += 2
	for {
		c, ok := w.byteAt(pos)
		if !ok {
			return pos, cut
		}
		if c != 0xFF {
			return pos, fmt.Sprintf("expected a marker, found byte %02X", c)
		}
		var m byte
		for { // skip fill bytes before the marker code
			if m, ok = w.byteAt(pos + 1); !ok {
				return pos, cut
			}
			if m != 0xFF {
				break
			}
			pos++
		}
		markerAt := pos
		pos += 2
		switch {
		case m == 0xD9: // EOI
			return pos, ""
		case m == 0xD8:
			return markerAt, "a new image starts before this one ended (no end-of-image marker)"
		case m == 0x00:
			return markerAt, "invalid marker FF 00 outside entropy-coded data"
		case m >= 0xD0 && m <= 0xD7 || m == 0x01: // RSTn, TEM: no payload
			continue
		}
		hi, ok1 := w.byteAt(pos)
		lo, ok2 := w.byteAt(pos + 1)
		if !ok1 || !ok2 {
			return pos, cut
		}
		n := int64(binary.BigEndian.Uint16([]byte{hi, lo}))
		if n < 2 {
			return markerAt, fmt.Sprintf("marker FF %02X has an invalid length %d", m, n)
		}
		pos += n
		if pos > w.size {
			return markerAt, cut
		}
		if m != 0xDA { // not SOS: the segment is all there is
			continue
		}
		// Entropy-coded data runs to the next marker that is not a stuffed
		// zero or a restart marker.
		for {
			q := w.indexFF(pos)
			if q < 0 {
				return w.size, cut
			}
			next, ok := w.byteAt(q + 1)
			if !ok {
				return q, cut
			}
			if next == 0x00 || next >= 0xD0 && next <= 0xD7 {
				pos = q + 2
				continue
			}
			pos = q
			break
		}
	}
}
