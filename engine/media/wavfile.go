package media

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"kino/project"
)

// WAVFile reads a WAV file's samples from any position without holding
// them: the header is read once and every ReadFramesAt reads just the
// frames asked for. It is safe for concurrent use.
type WAVFile struct {
	path   string
	f      *os.File
	info   Info
	offset int64 // of the first sample
	align  int
	frames int64 // whole frames present in the file
	// Short is set when the file ends before its data chunk says it does.
	short error
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// OpenWAVFile opens the WAV file at path for reading by position. Any
// format ReadWAV reads is accepted; a file cut off inside its data keeps
// the whole frames that are there (Short says why the rest is missing).
func OpenWAVFile(path string) (*WAVFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, project.WrapError(project.ENOTFOUND, err, "sound file %s cannot be opened", path)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, project.WrapError(project.ENOTFOUND, err, "sound file %s cannot be read", path)
	}
	cr := &countingReader{r: f}
	br := bufio.NewReaderSize(cr, 4096)
	h, err := readWAVHeader(br)
	if err != nil {
		f.Close()
		return nil, project.WrapError(project.ECORRUPT, err, "sound file %s is damaged", path)
	}
	w := &WAVFile{path: path, f: f, info: h.Info, offset: cr.n - int64(br.Buffered()), align: h.blockAlign}
	avail := max(0, st.Size()-w.offset)
	dataLen := h.dataLen
	if dataLen < 0 {
		dataLen = avail
	}
	if avail < dataLen {
		w.short = fmt.Errorf("the data chunk says %d bytes but only %d are there", dataLen, avail)
		dataLen = avail
	}
	w.frames = dataLen / int64(w.align)
	w.info.Frames = int(w.frames)
	return w, nil
}

// Info returns the file's format and tags; Frames counts the whole frames
// present.
func (w *WAVFile) Info() Info { return w.info }

// Frames returns the number of whole sample frames present.
func (w *WAVFile) Frames() int64 { return w.frames }

// Short returns why the file holds fewer frames than its header says, or
// nil.
func (w *WAVFile) Short() error { return w.short }

// Path returns the file's path.
func (w *WAVFile) Path() string { return w.path }

// ReadFramesAt fills dst (interleaved, the file's channel count) with the
// frames from at on; frames outside the file are silence.
func (w *WAVFile) ReadFramesAt(dst []float32, buf *[]byte, at int64) error {
	ch := int64(w.info.Channels)
	n := int64(len(dst)) / ch
	lo, hi := max(at, 0), min(at+n, w.frames)
	if lo >= hi {
		clear(dst)
		return nil
	}
	clear(dst[:(lo-at)*ch])
	clear(dst[(hi-at)*ch:])
	size := int((hi - lo) * int64(w.align))
	if cap(*buf) < size {
		*buf = make([]byte, size)
	}
	b := (*buf)[:size]
	if _, err := w.f.ReadAt(b, w.offset+lo*int64(w.align)); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("reading sound file %s: %w", w.path, err)
	}
	decodeSamples(dst[(lo-at)*ch:(lo-at)*ch], b, w.info.Format)
	return nil
}

// Close closes the file.
func (w *WAVFile) Close() error { return w.f.Close() }
