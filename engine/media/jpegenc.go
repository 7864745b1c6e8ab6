package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"runtime"
	"sync"
)

// DefaultQuality is the JPEG quality Kino stores frames at.
const DefaultQuality = 85

// flushBuffer lets image/jpeg write straight into a bytes.Buffer: the
// encoder skips its own bufio.Writer when its writer can Flush.
type flushBuffer struct{ *bytes.Buffer }

func (flushBuffer) Flush() error { return nil }

// frameEncoder JPEG-encodes frames, reusing its buffers between calls. It
// splits a frame into horizontal strips that are encoded concurrently and
// joined with restart markers (see encodeStrips). It is not safe for
// concurrent use.
type frameEncoder struct {
	quality int
	workers int
	scratch *image.RGBA     // for image types the encoder has no fast path for
	strips  []*bytes.Buffer // one per strip
}

func newFrameEncoder(quality, workers int) *frameEncoder {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &frameEncoder{quality: clampQuality(quality), workers: workers}
}

func clampQuality(q int) int {
	if q <= 0 {
		return DefaultQuality
	}
	return min(q, 100)
}

// fastImage returns img in a form image/jpeg encodes without per-pixel
// interface calls: *image.RGBA, *image.YCbCr and *image.Gray are used as
// they are; anything else is drawn into a reused RGBA buffer.
func (e *frameEncoder) fastImage(img image.Image) image.Image {
	switch img.(type) {
	case *image.RGBA, *image.YCbCr, *image.Gray:
		return img
	}
	b := img.Bounds()
	if e.scratch == nil || e.scratch.Rect.Size() != b.Size() {
		e.scratch = image.NewRGBA(image.Rectangle{Max: b.Size()})
	}
	draw.Draw(e.scratch, e.scratch.Rect, img, b.Min, draw.Src)
	return e.scratch
}

// encode appends the JPEG encoding of img to out.
func (e *frameEncoder) encode(out *bytes.Buffer, img image.Image) error {
	b := img.Bounds()
	if b.Empty() {
		return errors.New("the image has no pixels")
	}
	if b.Dx() >= 1<<16 || b.Dy() >= 1<<16 {
		return fmt.Errorf("the image is %dx%d; JPEG allows at most 65535 pixels per side", b.Dx(), b.Dy())
	}
	img = e.fastImage(img)
	plan := planStrips(img, e.workers)
	if plan.count <= 1 {
		if err := jpeg.Encode(flushBuffer{out}, img, &jpeg.Options{Quality: e.quality}); err != nil {
			return fmt.Errorf("encoding JPEG: %w", err)
		}
		return nil
	}
	return e.encodeStrips(out, img, plan)
}

// stripPlan says how a frame is cut into strips of whole MCU rows.
type stripPlan struct {
	count    int // number of strips
	mcuH     int // pixel rows per MCU row (16 for colour, 8 for gray)
	rows     int // MCU rows per strip (the last strip may have fewer)
	interval int // MCUs per strip: the restart interval
}

// planStrips splits img into about workers strips. A restart interval is a
// 16-bit MCU count, so very wide frames get more, thinner strips.
func planStrips(img image.Image, workers int) stripPlan {
	b := img.Bounds()
	mcu := 16
	if _, ok := img.(*image.Gray); ok {
		mcu = 8
	}
	perRow := (b.Dx() + mcu - 1) / mcu
	mcuRows := (b.Dy() + mcu - 1) / mcu
	// Strips below ~64k pixels cost more in goroutines than they save.
	if workers <= 1 || b.Dx()*b.Dy() < 1<<16 || mcuRows < 2 {
		return stripPlan{count: 1}
	}
	rows := (mcuRows + workers - 1) / workers
	rows = min(rows, 0xFFFF/perRow)
	if rows < 1 {
		return stripPlan{count: 1}
	}
	return stripPlan{count: (mcuRows + rows - 1) / rows, mcuH: mcu, rows: rows, interval: rows * perRow}
}

// encodeStrips encodes each strip of img as its own baseline JPEG, in
// parallel, and joins them into one JPEG with restart markers. This is
// exact: a restart marker resets the DC predictors to zero, which is where
// the encoder starts every image, and the encoder pads each image's entropy
// data with 1 bits to a byte boundary, which is what must precede a restart
// marker. The tables are the same for every strip (same quality), so the
// decoded frame is bit-identical to encoding the whole frame at once.
func (e *frameEncoder) encodeStrips(out *bytes.Buffer, img image.Image, p stripPlan) error {
	for len(e.strips) < p.count {
		e.strips = append(e.strips, new(bytes.Buffer))
	}
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		return fmt.Errorf("encoding JPEG: %T cannot be cut into strips", img)
	}
	b := img.Bounds()
	errs := make([]error, p.count)
	var wg sync.WaitGroup
	next := make(chan int, p.count)
	for k := range p.count {
		next <- k
	}
	close(next)
	for range min(e.workers, p.count) {
		wg.Go(func() {
			for k := range next {
				y0 := b.Min.Y + k*p.rows*p.mcuH
				y1 := min(b.Max.Y, y0+p.rows*p.mcuH)
				buf := e.strips[k]
				buf.Reset()
				part := sub.SubImage(image.Rect(b.Min.X, y0, b.Max.X, y1))
				errs[k] = jpeg.Encode(flushBuffer{buf}, part, &jpeg.Options{Quality: e.quality})
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("encoding JPEG: %w", err)
	}
	for k := range p.count {
		head, sos, data, err := splitBaseline(e.strips[k].Bytes())
		if err != nil {
			return fmt.Errorf("joining JPEG strip %d: %w", k, err)
		}
		if k == 0 {
			start := out.Len()
			out.Write(head.bytes)
			// The first strip's frame header carries the strip's height;
			// the joined image is the whole frame's height.
			binary.BigEndian.PutUint16(out.Bytes()[start+head.heightAt:], uint16(b.Dy()))
			out.Write([]byte{0xFF, 0xDD, 0x00, 0x04, byte(p.interval >> 8), byte(p.interval)}) // DRI
			out.Write(sos)
		}
		out.Write(data)
		if k < p.count-1 {
			out.Write([]byte{0xFF, 0xD0 + byte(k%8)}) // RSTk
		}
	}
	out.Write([]byte{0xFF, 0xD9}) // EOI
	return nil
}

// baselineHead is a JPEG's bytes from SOI up to its SOS marker.
type baselineHead struct {
	bytes    []byte
	heightAt int // offset of the SOF frame height in bytes
}

// splitBaseline cuts a single-scan JPEG as image/jpeg writes it into its
// header (SOI to just before SOS), its SOS segment, and its entropy-coded
// data (everything between SOS and the final EOI).
func splitBaseline(b []byte) (head baselineHead, sos, data []byte, err error) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 || b[len(b)-2] != 0xFF || b[len(b)-1] != 0xD9 {
		return head, nil, nil, errors.New("not a complete JPEG")
	}
	head.heightAt = -1
	pos := 2
	for pos+4 <= len(b) {
		if b[pos] != 0xFF {
			return head, nil, nil, fmt.Errorf("no marker at byte %d", pos)
		}
		m := b[pos+1]
		n := int(binary.BigEndian.Uint16(b[pos+2:]))
		end := pos + 2 + n
		if n < 2 || end > len(b)-2 {
			return head, nil, nil, fmt.Errorf("segment %02X at byte %d overruns the image", m, pos)
		}
		switch m {
		case 0xC0, 0xC1:
			if n < 8 {
				return head, nil, nil, errors.New("short frame header")
			}
			head.heightAt = pos + 5
		case 0xDA:
			if head.heightAt < 0 {
				return head, nil, nil, errors.New("scan before frame header")
			}
			head.bytes = b[:pos]
			return head, b[pos:end], b[end : len(b)-2], nil
		}
		pos = end
	}
	return head, nil, nil, errors.New("no scan found")
}
