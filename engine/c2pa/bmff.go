package c2pa

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"
	"strings"
)

// bmffBox is one ISO BMFF box found in a file.
type bmffBox struct {
	typ      string
	off, end int64 // the whole box, header included
	hdr      int64 // header length (8, 16, or more with a uuid type)
	toEnd    bool  // size 0: runs to the end of its parent
	c2pa     bool  // a 'uuid' box with the C2PA extended type
	children []*bmffBox
}

// maxBMFFBoxes bounds how many boxes a file may have before it is taken
// for hostile.
const maxBMFFBoxes = 1 << 20

// bmffContainers are box types whose payload is boxes; meta has a
// version and flags first.
var bmffContainers = map[string]int64{
	"moov": 0, "trak": 0, "mdia": 0, "minf": 0, "stbl": 0, "edts": 0, "dinf": 0,
	"mvex": 0, "moof": 0, "traf": 0, "udta": 0, "mfra": 0, "sinf": 0, "schi": 0,
	"meta": 4, "ipro": 0, "iprp": 0, "ipco": 0,
}

// readBoxHeader reads the header of the box at off, which must end by end.
func readBoxHeader(r io.ReaderAt, off, end int64) (*bmffBox, error) {
	var h [32]byte
	n, err := r.ReadAt(h[:min(int64(len(h)), end-off)], off)
	if n < 8 {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("BMFF: box header at byte %d: %w", off, err)
	}
	b := &bmffBox{typ: string(h[4:8]), off: off, hdr: 8}
	size := int64(binary.BigEndian.Uint32(h[:4]))
	switch size {
	case 0:
		size, b.toEnd = end-off, true
	case 1:
		if n < 16 {
			return nil, fmt.Errorf("BMFF: box %q at byte %d is cut off in its header", printable(b.typ), off)
		}
		s := binary.BigEndian.Uint64(h[8:16])
		if s > uint64(end-off) {
			return nil, fmt.Errorf("BMFF: box %q at byte %d says it is %d bytes but only %d are left", printable(b.typ), off, s, end-off)
		}
		size, b.hdr = int64(s), 16
	}
	if size < b.hdr || size > end-off {
		return nil, fmt.Errorf("BMFF: box %q at byte %d says it is %d bytes but only %d are left (truncated or damaged)", printable(b.typ), off, size, end-off)
	}
	b.end = off + size
	if b.typ == "uuid" && int64(n) >= b.hdr+16 {
		b.c2pa = bytes.Equal(h[b.hdr:b.hdr+16], c2paBoxUUID[:])
		b.hdr += 16
	}
	return b, nil
}

// topLevelBoxes lists the boxes of a file of the given size, with the
// children of container boxes.
func topLevelBoxes(r io.ReaderAt, size int64) ([]*bmffBox, error) {
	count := 0
	return readBoxes(r, 0, size, 0, &count)
}

func readBoxes(r io.ReaderAt, off, end int64, depth int, count *int) ([]*bmffBox, error) {
	var out []*bmffBox
	for off < end {
		if end-off < 8 {
			if depth == 0 {
				return nil, fmt.Errorf("BMFF: %d stray bytes at the end of the file", end-off)
			}
			break // some writers pad containers
		}
		b, err := readBoxHeader(r, off, end)
		if err != nil {
			return nil, err
		}
		if *count++; *count > maxBMFFBoxes {
			return nil, errors.New("BMFF: too many boxes")
		}
		if skip, ok := bmffContainers[b.typ]; ok && depth < 16 && b.off+b.hdr+skip <= b.end {
			if b.children, err = readBoxes(r, b.off+b.hdr+skip, b.end, depth+1, count); err != nil {
				return nil, err
			}
		}
		out = append(out, b)
		off = b.end
	}
	return out, nil
}

// fetchBoxes returns the boxes at an xpath such as "/moov/trak/mdia".
func fetchBoxes(top []*bmffBox, xpath string) []*bmffBox {
	parts := strings.Split(strings.Trim(xpath, "/"), "/")
	level := top
	var found []*bmffBox
	for i, p := range parts {
		found = found[:0:0]
		for _, b := range level {
			if b.typ == p {
				found = append(found, b)
			}
		}
		if i == len(parts)-1 {
			return found
		}
		level = nil
		for _, b := range found {
			level = append(level, b.children...)
		}
	}
	return nil
}

// span is a byte range [start, end).
type span struct{ start, end int64 }

// bmffExcluded resolves exclusions to byte ranges, and lists the
// top-level boxes that are left out whole (their offsets are not hashed).
func bmffExcluded(r io.ReaderAt, top []*bmffBox, excl []bmffExclusion) ([]span, map[int64]bool, error) {
	var spans []span
	whole := map[int64]bool{}
	for _, e := range excl {
		for _, b := range fetchBoxes(top, e.XPath) {
			size := b.end - b.off
			if e.Length != nil && uint64(size) != *e.Length {
				continue
			}
			if e.Version != nil || len(e.Flags) > 0 {
				var vf [4]byte
				if _, err := r.ReadAt(vf[:], b.off+b.hdr); err != nil {
					continue
				}
				if e.Version != nil && vf[0] != *e.Version {
					continue
				}
				if len(e.Flags) >= 3 {
					want := uint32(e.Flags[0])<<16 | uint32(e.Flags[1])<<8 | uint32(e.Flags[2])
					have := uint32(vf[1])<<16 | uint32(vf[2])<<8 | uint32(vf[3])
					exact := e.Exact == nil || *e.Exact
					if (exact && want != have) || (!exact && want|have != want) {
						continue
					}
				}
			}
			match := true
			for _, d := range e.Data {
				if d.Offset > uint64(size) || uint64(len(d.Value)) > uint64(size)-d.Offset || len(d.Value) > 1<<16 {
					match = false
					break
				}
				got := make([]byte, len(d.Value))
				if _, err := r.ReadAt(got, b.off+int64(d.Offset)); err != nil || !bytes.Equal(got, d.Value) {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			if len(e.Subset) == 0 {
				spans = append(spans, span{b.off, b.end})
				whole[b.off] = true
				continue
			}
			for _, sub := range e.Subset {
				if sub.Offset > uint64(size) {
					continue
				}
				n := uint64(size) - sub.Offset
				if sub.Length != 0 {
					n = min(sub.Length, n)
				}
				spans = append(spans, span{b.off + int64(sub.Offset), b.off + int64(sub.Offset) + int64(n)})
			}
		}
	}
	return spans, whole, nil
}

// piece is what a BMFF v2+ hash takes in order: bytes [start, end), or
// (marker) the 8-byte big-endian offset start.
type piece struct {
	start, end int64
	marker     bool
}

// bmffPieces orders the bytes of a file of the given size that are not
// excluded, with each kept top-level box's offset before its bytes.
func bmffPieces(size int64, excluded []span, offsets []int64) []piece {
	// The included ranges: the file minus the exclusions.
	slices.SortFunc(excluded, func(a, b span) int { return int(min(max(a.start-b.start, -1), 1)) })
	var ranges []span
	at := int64(0)
	for _, e := range excluded {
		if e.start > at {
			ranges = append(ranges, span{at, e.start})
		}
		at = max(at, e.end)
	}
	if at < size {
		ranges = append(ranges, span{at, size})
	}
	slices.Sort(offsets)
	var out []piece
	used := map[int64]bool{}
	for _, r := range ranges {
		cur := r
		for _, os := range offsets {
			if os < cur.start || os >= cur.end {
				continue
			}
			if os > cur.start {
				out = append(out, piece{start: cur.start, end: os})
				cur.start = os
			}
			out = append(out, piece{start: os, end: os, marker: true})
			used[os] = true
		}
		out = append(out, piece{start: cur.start, end: cur.end})
	}
	if len(ranges) > 0 {
		first, last := ranges[0].start, ranges[len(ranges)-1].end-1
		for _, os := range offsets {
			if !used[os] && os > first && os < last {
				out = append(out, piece{start: os, end: os, marker: true})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b piece) int { return int(min(max(a.start-b.start, -1), 1)) })
	return out
}

// hashBMFF feeds a BMFF v2+ hash of the file into h.
// Version 1 hashes leave the offsets out.
func hashBMFF(h hash.Hash, r io.ReaderAt, top []*bmffBox, excl []bmffExclusion, size int64, offsetsToo bool) error {
	spans, whole, err := bmffExcluded(r, top, excl)
	if err != nil {
		return err
	}
	for _, s := range spans {
		if s.end > size {
			return errors.New("BMFF hash: an exclusion runs past the end of the file")
		}
	}
	var offsets []int64
	for _, b := range top {
		if offsetsToo && !whole[b.off] {
			offsets = append(offsets, b.off)
		}
	}
	for _, p := range bmffPieces(size, spans, offsets) {
		if p.marker {
			var o [8]byte
			binary.BigEndian.PutUint64(o[:], uint64(p.start))
			h.Write(o[:])
			continue
		}
		if err := hashSection(h, r, p.start, p.end-p.start); err != nil {
			return err
		}
	}
	return nil
}
