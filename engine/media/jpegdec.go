package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"io"
	"runtime"
	"sync"
)

// decodeJPEG decodes one frame. Frames whose restart intervals fall on
// whole MCU rows (as MJPEGWriter writes them) are cut at their restart
// markers into strips that are decoded on all cores and put back together;
// the result is identical to jpeg.Decode's. Anything else, and any error,
// goes through jpeg.Decode on the whole frame, so errors read the same.
func decodeJPEG(data []byte) (image.Image, error) {
	if workers := runtime.GOMAXPROCS(0); workers > 1 {
		if parts, ok := splitRestarts(data); ok {
			if img, ok := decodeParts(parts, workers); ok {
				return img, nil
			}
		}
	}
	return jpeg.Decode(bytes.NewReader(data))
}

// restartParts is a frame cut into independently decodable strips.
type restartParts struct {
	width, height int
	stripH        int    // pixel rows per strip (the last may have fewer)
	head, lastHd  []byte // headers for full strips and for the last one
	scans         [][]byte
}

// splitRestarts parses a sequential JPEG's headers and cuts its scan at the
// restart markers. It reports false for any frame it cannot cut exactly
// (progressive, several scans, intervals not on MCU rows, odd markers).
func splitRestarts(b []byte) (restartParts, bool) {
	var p restartParts
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return p, false
	}
	pos, sofAt, interval, ncomp := 2, -1, 0, 0
	maxH, maxV := 1, 1
	for {
		if pos+4 > len(b) || b[pos] != 0xFF {
			return p, false
		}
		m := b[pos+1]
		if m == 0xFF { // fill byte
			pos++
			continue
		}
		n := int(binary.BigEndian.Uint16(b[pos+2:]))
		end := pos + 2 + n
		if n < 2 || end > len(b) {
			return p, false
		}
		seg := b[pos+4 : end]
		switch {
		case m == 0xC0 || m == 0xC1:
			if len(seg) < 6 || seg[0] != 8 {
				return p, false
			}
			p.height = int(binary.BigEndian.Uint16(seg[1:]))
			p.width = int(binary.BigEndian.Uint16(seg[3:]))
			ncomp = int(seg[5])
			if len(seg) < 6+3*ncomp || ncomp < 1 {
				return p, false
			}
			for c := range ncomp {
				hv := seg[6+3*c+1]
				maxH, maxV = max(maxH, int(hv>>4)), max(maxV, int(hv&15))
			}
			sofAt = pos
		case m == 0xDD:
			if len(seg) < 2 {
				return p, false
			}
			interval = int(binary.BigEndian.Uint16(seg))
		case m == 0xDA:
			if sofAt < 0 || interval == 0 || len(seg) < 1 || int(seg[0]) != ncomp {
				return p, false
			}
			return p, p.cut(b, sofAt, end, interval, ncomp, maxH, maxV)
		case m >= 0xC2 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC:
			return p, false // not baseline/extended sequential Huffman
		case m == 0xD9 || m == 0xD8 || m >= 0xD0 && m <= 0xD7:
			return p, false
		}
		pos = end
	}
}

// cut fills p from the scan that starts at scanAt.
func (p *restartParts) cut(b []byte, sofAt, scanAt, interval, ncomp, maxH, maxV int) bool {
	mcuW, mcuH := 8*maxH, 8*maxV
	if ncomp == 1 {
		mcuW, mcuH = 8, 8
	}
	perRow := (p.width + mcuW - 1) / mcuW
	if p.width == 0 || p.height == 0 || interval%perRow != 0 {
		return false
	}
	p.stripH = interval / perRow * mcuH
	strips := (p.height + p.stripH - 1) / p.stripH
	if strips < 2 {
		return false
	}
	// Entropy data: split at RSTn, in sequence, up to the EOI that must end
	// the frame.
	start, pos, next := scanAt, scanAt, byte(0)
	for {
		i := bytes.IndexByte(b[pos:], 0xFF)
		if i < 0 || pos+i+1 >= len(b) {
			return false
		}
		q := pos + i
		m := b[q+1]
		switch {
		case m == 0x00:
			pos = q + 2
			continue
		case m == 0xFF:
			pos = q + 1
			continue
		case m >= 0xD0 && m <= 0xD7:
			if m != 0xD0+next {
				return false
			}
			next = (next + 1) % 8
			p.scans = append(p.scans, b[start:q])
			start, pos = q+2, q+2
			continue
		case m == 0xD9 && q+2 == len(b):
			p.scans = append(p.scans, b[start:q])
		default:
			return false
		}
		break
	}
	if len(p.scans) != strips {
		return false
	}
	p.head = bytes.Clone(b[:scanAt])
	binary.BigEndian.PutUint16(p.head[sofAt+5:], uint16(p.stripH))
	p.lastHd = bytes.Clone(p.head)
	binary.BigEndian.PutUint16(p.lastHd[sofAt+5:], uint16(p.height-(strips-1)*p.stripH))
	return true
}

var eoi = []byte{0xFF, 0xD9}

// decodeParts decodes the strips concurrently and joins them.
func decodeParts(p restartParts, workers int) (image.Image, bool) {
	imgs := make([]image.Image, len(p.scans))
	ok := make([]bool, len(p.scans))
	next := make(chan int, len(p.scans))
	for k := range p.scans {
		next <- k
	}
	close(next)
	var wg sync.WaitGroup
	for range min(workers, len(p.scans)) {
		wg.Go(func() {
			for k := range next {
				head := p.head
				if k == len(p.scans)-1 {
					head = p.lastHd
				}
				r := io.MultiReader(bytes.NewReader(head), bytes.NewReader(p.scans[k]), bytes.NewReader(eoi))
				img, err := jpeg.Decode(r)
				imgs[k], ok[k] = img, err == nil
			}
		})
	}
	wg.Wait()
	for _, good := range ok {
		if !good {
			return nil, false
		}
	}
	return joinStrips(imgs, p)
}

// joinStrips stacks decoded strips into one image of the frame's size.
func joinStrips(imgs []image.Image, p restartParts) (image.Image, bool) {
	rect := image.Rect(0, 0, p.width, p.height)
	switch first := imgs[0].(type) {
	case *image.YCbCr:
		out := image.NewYCbCr(rect, first.SubsampleRatio)
		cdiv := 1 // luma rows per chroma row
		switch first.SubsampleRatio {
		case image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio410:
			cdiv = 2
		}
		for k, img := range imgs {
			s, good := img.(*image.YCbCr)
			y0 := k * p.stripH
			if !good || s.SubsampleRatio != first.SubsampleRatio || s.Rect.Dx() != p.width || s.Rect.Dy() != min(p.stripH, p.height-y0) {
				return nil, false
			}
			copyRows(out.Y[y0*out.YStride:], out.YStride, s.Y, s.YStride, p.width, s.Rect.Dy())
			cw := out.CStride // image.NewYCbCr's chroma rows are exactly one chroma width
			ch := (s.Rect.Dy() + cdiv - 1) / cdiv
			c0 := y0 / cdiv
			copyRows(out.Cb[c0*out.CStride:], out.CStride, s.Cb, s.CStride, cw, ch)
			copyRows(out.Cr[c0*out.CStride:], out.CStride, s.Cr, s.CStride, cw, ch)
		}
		return out, true
	case *image.Gray:
		out := image.NewGray(rect)
		for k, img := range imgs {
			s, good := img.(*image.Gray)
			if !good || s.Rect.Dx() != p.width || s.Rect.Dy() != min(p.stripH, p.height-k*p.stripH) {
				return nil, false
			}
			copyRows(out.Pix[k*p.stripH*out.Stride:], out.Stride, s.Pix, s.Stride, p.width, s.Rect.Dy())
		}
		return out, true
	}
	return nil, false
}

func copyRows(dst []byte, dstStride int, src []byte, srcStride, w, rows int) {
	for y := range rows {
		copy(dst[y*dstStride:y*dstStride+w], src[y*srcStride:y*srcStride+w])
	}
}
