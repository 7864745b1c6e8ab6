package media

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"slices"

	"kino/engine"
)

// MJPEGReader reads frames of an MJPEG stream by index. It is safe for
// concurrent use when its io.ReaderAt is (an *os.File is).
type MJPEGReader struct {
	r      io.ReaderAt
	frames []span
	damage error
}

// OpenMJPEG indexes the MJPEG stream in r (size bytes) by scanning its JPEG
// markers; no frame is decoded. When the stream is truncated or damaged it
// returns BOTH a reader over the intact frames before the damage and an
// error (a *DamageError naming the first bad frame, or a read error), so a
// caller can keep what is readable. An empty stream has no frames and no
// error.
func OpenMJPEG(r io.ReaderAt, size int64) (*MJPEGReader, error) {
	if size < 0 {
		return nil, fmt.Errorf("opening MJPEG stream: negative size %d", size)
	}
	frames, err := indexMJPEG(r, size)
	return &MJPEGReader{r: r, frames: frames, damage: err}, err
}

// Len returns the number of intact frames.
func (m *MJPEGReader) Len() int { return len(m.frames) }

// Damage returns the error that ended indexing early, or nil when the whole
// stream was read.
func (m *MJPEGReader) Damage() error { return m.damage }

// FrameBytes returns the JPEG data of frame i.
func (m *MJPEGReader) FrameBytes(i int) ([]byte, error) {
	if i < 0 || i >= len(m.frames) {
		if m.damage != nil && i >= len(m.frames) {
			return nil, fmt.Errorf("MJPEG frame %d cannot be read: %w", i, m.damage)
		}
		return nil, fmt.Errorf("MJPEG frame %d is out of range (the stream has %d frames)", i, len(m.frames))
	}
	return m.AppendFrameBytes(nil, i)
}

// AppendFrameBytes appends frame i's JPEG bytes to dst (reusing its
// memory when dst[:0] is passed) and returns the result.
func (m *MJPEGReader) AppendFrameBytes(dst []byte, i int) ([]byte, error) {
	if i < 0 || i >= len(m.frames) {
		return m.FrameBytes(i) // the error
	}
	s := m.frames[i]
	n0 := len(dst)
	dst = slices.Grow(dst, int(s.n))[:n0+int(s.n)]
	if n, err := m.r.ReadAt(dst[n0:], s.off); n < int(s.n) {
		return nil, fmt.Errorf("reading MJPEG frame %d: %w", i, err)
	}
	return dst, nil
}

// Frame decodes frame i alone. Frames written by MJPEGWriter decode to
// *image.YCbCr (4:2:0); their restart-marked strips are decoded on all
// cores. A frame whose header claims more than engine.MaxSide pixels per
// side is refused before decoding (a few damaged bytes could otherwise
// make it claim 65535x65535, gigabytes of pixels).
func (m *MJPEGReader) Frame(i int) (image.Image, error) {
	b, err := m.FrameBytes(i)
	if err != nil {
		return nil, err
	}
	c, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("decoding MJPEG frame %d: %w", i, err)
	}
	if c.Width > engine.MaxSide || c.Height > engine.MaxSide {
		return nil, fmt.Errorf("decoding MJPEG frame %d: it claims %dx%d pixels; frames have at most %d per side", i, c.Width, c.Height, engine.MaxSide)
	}
	if c.Width <= 0 || c.Height <= 0 {
		return nil, fmt.Errorf("decoding MJPEG frame %d: it claims %dx%d pixels, an empty picture", i, c.Width, c.Height)
	}
	img, err := decodeJPEG(b)
	if err != nil {
		return nil, fmt.Errorf("decoding MJPEG frame %d: %w", i, err)
	}
	return img, nil
}

// FrameConfig returns frame i's size and colour model without decoding it.
func (m *MJPEGReader) FrameConfig(i int) (image.Config, error) {
	b, err := m.FrameBytes(i)
	if err != nil {
		return image.Config{}, err
	}
	c, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return c, fmt.Errorf("reading MJPEG frame %d header: %w", i, err)
	}
	return c, nil
}
