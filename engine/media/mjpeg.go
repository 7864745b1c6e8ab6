package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"
)

// MJPEGWriter appends frames to an MJPEG stream: a plain concatenation of
// baseline JPEG images (4:2:0), which ffmpeg reads as "-f mjpeg". Each frame
// reaches the underlying writer in one Write call. Large frames are encoded
// in horizontal strips on all cores and joined with restart markers, so one
// frame takes about 1/GOMAXPROCS of the single-threaded time; see
// EncodeParallel to also overlap producing and encoding frames.
//
// Every frame must have the first frame's size. An MJPEGWriter is not safe
// for concurrent use.
type MJPEGWriter struct {
	w      io.Writer
	enc    *frameEncoder
	buf    bytes.Buffer
	size   image.Point
	frames int
	err    error // sticky: the first write error
	closed bool
}

// NewMJPEGWriter returns a writer that encodes frames at the given JPEG
// quality (1-100; 0 or less means DefaultQuality, above 100 means 100).
func NewMJPEGWriter(w io.Writer, quality int) *MJPEGWriter {
	return &MJPEGWriter{w: w, enc: newFrameEncoder(quality, 0)}
}

// WriteFrame JPEG-encodes img and appends it to the stream. Images of type
// *image.RGBA, *image.YCbCr and *image.Gray are encoded directly; others are
// first drawn into a reused RGBA buffer. After a write error every later
// call returns that error.
func (m *MJPEGWriter) WriteFrame(img image.Image) error {
	if m.closed {
		return errors.New("writing MJPEG frame: the writer is closed")
	}
	if m.err != nil {
		return m.err
	}
	if err := m.checkSize(img); err != nil {
		return err
	}
	m.buf.Reset()
	if err := m.enc.encode(&m.buf, img); err != nil {
		return fmt.Errorf("writing MJPEG frame %d: %w", m.frames, err)
	}
	if _, err := m.w.Write(m.buf.Bytes()); err != nil {
		m.err = fmt.Errorf("writing MJPEG frame %d: %w", m.frames, err)
		return m.err
	}
	m.frames++
	return nil
}

// WriteJPEG appends an already encoded JPEG frame (such as one from
// MJPEGReader.FrameBytes) without re-encoding it. Its size is not checked.
func (m *MJPEGWriter) WriteJPEG(frame []byte) error {
	if m.closed {
		return errors.New("writing MJPEG frame: the writer is closed")
	}
	if m.err != nil {
		return m.err
	}
	if len(frame) < 4 || frame[0] != 0xFF || frame[1] != 0xD8 {
		return fmt.Errorf("writing MJPEG frame %d: the data is not a JPEG image", m.frames)
	}
	if _, err := m.w.Write(frame); err != nil {
		m.err = fmt.Errorf("writing MJPEG frame %d: %w", m.frames, err)
		return m.err
	}
	m.frames++
	return nil
}

func (m *MJPEGWriter) checkSize(img image.Image) error {
	s := img.Bounds().Size()
	if m.frames == 0 && m.size == (image.Point{}) {
		m.size = s
		return nil
	}
	if s != m.size {
		return fmt.Errorf("writing MJPEG frame %d: it is %dx%d but the stream is %dx%d", m.frames, s.X, s.Y, m.size.X, m.size.Y)
	}
	return nil
}

// Frames returns the number of frames written so far.
func (m *MJPEGWriter) Frames() int { return m.frames }

// Close finishes the stream. It does not close the underlying writer, and
// returns the first write error, if any. Frames are written whole as they
// come, so there is nothing left to flush.
func (m *MJPEGWriter) Close() error {
	m.closed = true
	m.buf = bytes.Buffer{}
	return m.err
}
