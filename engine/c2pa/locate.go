package c2pa

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// MaxStore bounds the size of a manifest store Kino reads (thumbnails
// included, real stores are far smaller).
const MaxStore = 64 << 20

// errNoStore means a file carries no manifest store.
var errNoStore = errors.New("no Content Credentials")

// found is a manifest store located in a file.
type found struct {
	store []byte
	where string
}

// locate finds the manifest store embedded in a file of the given size.
func locate(r io.ReaderAt, size int64, c Container) (*found, error) {
	switch c {
	case ContainerJPEG:
		return locateJPEG(r, size)
	case ContainerPNG:
		return locatePNG(r, size)
	case ContainerRIFF:
		return locateRIFF(r, size)
	case ContainerBMFF:
		return locateBMFF(r, size)
	}
	return nil, errNoStore
}

// readStore reads n bytes at off, refusing stores over MaxStore and
// stores cut off by the end of the file.
func readStore(r io.ReaderAt, off, n, size int64, what string) ([]byte, error) {
	if n > MaxStore {
		return nil, fmt.Errorf("the manifest store in the %s is %d bytes, more than the %d this reader accepts", what, n, MaxStore)
	}
	if off+n > size {
		return nil, fmt.Errorf("the manifest store in the %s is truncated: it says %d bytes but the file ends after %d", what, n, size-off)
	}
	b := make([]byte, n)
	if _, err := r.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("reading the manifest store: %w", err)
	}
	return b, nil
}

// locateJPEG reassembles the JUMBF manifest store from APP11 segments.
func locateJPEG(r io.ReaderAt, size int64) (*found, error) {
	var store []byte
	var want uint64
	var en [2]byte
	var nextZ uint32
	pos := int64(2)
	var hdr [4]byte
	for pos+4 <= size {
		if _, err := r.ReadAt(hdr[:], pos); err != nil {
			return nil, err
		}
		if hdr[0] != 0xff {
			return nil, fmt.Errorf("JPEG: no marker at byte %d (damaged file)", pos)
		}
		marker := hdr[1]
		if marker == 0xff { // fill byte
			pos++
			continue
		}
		if marker == 0xda || marker == 0xd9 { // SOS, EOI: no metadata after
			break
		}
		if marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7) {
			pos += 2
			continue
		}
		n := int64(binary.BigEndian.Uint16(hdr[2:]))
		if n < 2 || pos+2+n > size {
			return nil, fmt.Errorf("JPEG: segment at byte %d runs past the end of the file (truncated)", pos)
		}
		if marker == 0xeb && n >= 2+8+8 {
			seg := make([]byte, n-2)
			if _, err := r.ReadAt(seg, pos+4); err != nil {
				return nil, err
			}
			if string(seg[:2]) == "JP" {
				z := binary.BigEndian.Uint32(seg[4:8])
				switch {
				case store == nil && len(seg) >= 28 && string(seg[12:16]) == "jumb" && string(seg[24:28]) == "c2pa":
					want = uint64(binary.BigEndian.Uint32(seg[8:12]))
					if want > MaxStore {
						return nil, fmt.Errorf("the manifest store in the JPEG is %d bytes, more than the %d this reader accepts", want, MaxStore)
					}
					if want > uint64(size) {
						return nil, fmt.Errorf("the manifest store in the JPEG is truncated: it says %d bytes but the file has %d", want, size)
					}
					copy(en[:], seg[2:4])
					nextZ = z + 1
					store = append(make([]byte, 0, want), seg[8:]...)
				case store != nil && uint64(len(store)) < want && [2]byte(seg[2:4]) == en:
					if z != nextZ {
						return nil, fmt.Errorf("JPEG: APP11 segment %d of the manifest store follows segment %d", z, nextZ-1)
					}
					nextZ++
					store = append(store, seg[16:]...)
				}
			}
		}
		pos += 2 + n
	}
	if store == nil {
		return nil, errNoStore
	}
	if uint64(len(store)) < want {
		return nil, fmt.Errorf("the manifest store in the JPEG is truncated: it says %d bytes but its APP11 segments hold %d", want, len(store))
	}
	return &found{store: store[:want], where: "embedded in the JPEG (APP11 segments)"}, nil
}

// locatePNG reads the caBX chunk.
func locatePNG(r io.ReaderAt, size int64) (*found, error) {
	off, n, ok, err := findPNGChunkAt(r, size, "caBX")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errNoStore
	}
	b, err := readStore(r, off+8, n, size, "PNG")
	if err != nil {
		return nil, err
	}
	return &found{store: b, where: "embedded in the PNG (caBX chunk)"}, nil
}

// findPNGChunk finds a chunk of type typ in png before IEND.
func findPNGChunk(png []byte, typ string) (off, n int64, ok bool, err error) {
	return findPNGChunkAt(bytesReaderAt(png), int64(len(png)), typ)
}

type bytesReaderAt []byte

func (b bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(b)) {
		return 0, io.EOF
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func findPNGChunkAt(r io.ReaderAt, size int64, typ string) (off, n int64, ok bool, err error) {
	pos := int64(8)
	var hdr [8]byte
	for pos+8 <= size {
		if _, err := r.ReadAt(hdr[:], pos); err != nil {
			return 0, 0, false, err
		}
		n := int64(binary.BigEndian.Uint32(hdr[:4]))
		t := string(hdr[4:])
		if t == typ {
			return pos, n, true, nil
		}
		if t == "IEND" {
			break
		}
		if pos+12+n > size {
			return 0, 0, false, fmt.Errorf("PNG: chunk %q at byte %d runs past the end of the file (truncated)", printable(t), pos)
		}
		pos += 12 + n
	}
	return 0, 0, false, nil
}

// locateRIFF reads the C2PA chunk of a RIFF form.
func locateRIFF(r io.ReaderAt, size int64) (*found, error) {
	end, err := riffFormEnd(r, size)
	if err != nil {
		return nil, err
	}
	off, n, ok, err := findRIFFChunk(r, end, "C2PA")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errNoStore
	}
	b, err := readStore(r, off+8, n, size, "RIFF file")
	if err != nil {
		return nil, err
	}
	return &found{store: b, where: "embedded in the RIFF file (C2PA chunk)"}, nil
}

func riffFormEnd(r io.ReaderAt, size int64) (int64, error) {
	var hdr [12]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return 0, fmt.Errorf("RIFF: %w", err)
	}
	end := int64(binary.LittleEndian.Uint32(hdr[4:])) + 8
	return min(end, size), nil
}

// riffHasC2PA reports whether the RIFF form ending at end has a C2PA chunk.
func riffHasC2PA(r io.ReaderAt, end int64) (bool, error) {
	_, _, ok, err := findRIFFChunk(r, end, "C2PA")
	return ok, err
}

func findRIFFChunk(r io.ReaderAt, end int64, id string) (off, n int64, ok bool, err error) {
	pos := int64(12)
	var hdr [8]byte
	for pos+8 <= end {
		if _, err := r.ReadAt(hdr[:], pos); err != nil {
			return 0, 0, false, err
		}
		n := int64(binary.LittleEndian.Uint32(hdr[4:]))
		if string(hdr[:4]) == id {
			return pos, n, true, nil
		}
		pos += 8 + n + n&1
	}
	return 0, 0, false, nil
}

// locateBMFF reads the C2PA 'uuid' box with purpose "manifest".
func locateBMFF(r io.ReaderAt, size int64) (*found, error) {
	boxes, err := topLevelBoxes(r, size)
	if err != nil {
		return nil, err
	}
	for _, b := range boxes {
		if b.typ != "uuid" || !b.c2pa {
			continue
		}
		head := make([]byte, min(b.end-b.off-b.hdr, 4+64+8))
		if _, err := r.ReadAt(head, b.off+b.hdr); err != nil {
			return nil, err
		}
		if len(head) < 5 {
			return nil, errors.New("BMFF: the C2PA box is too short")
		}
		i := 4
		for i < len(head) && head[i] != 0 {
			i++
		}
		if i >= len(head) {
			return nil, errors.New("BMFF: the C2PA box has no purpose")
		}
		purpose := string(head[4:i])
		if purpose != "manifest" && purpose != "original" && purpose != "update" {
			continue
		}
		start := b.off + b.hdr + int64(i) + 1 + 8
		if start > b.end {
			return nil, errors.New("BMFF: the C2PA box is too short")
		}
		store, err := readStore(r, start, b.end-start, size, "MP4")
		if err != nil {
			return nil, err
		}
		return &found{store: store, where: "embedded in the MP4 (C2PA 'uuid' box)"}, nil
	}
	return nil, errNoStore
}
