package c2pa

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// signBMFF puts a C2PA 'uuid' box into an ISO BMFF file before its first
// 'mdat' (as C2PA requires), moving what follows and patching the chunk
// offsets in 'stco' and 'co64' boxes, and binds the file with a
// c2pa.hash.bmff.v3 hash. The copy and the hash are one streaming pass:
// the new file is hashed as it is written, and replaces the old one.
func signBMFF(f *os.File, path string, m *Manifest, s *Signer) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	top, err := topLevelBoxes(f, size)
	if err != nil {
		return err
	}
	at := size // where the box goes: before the first mdat
	for _, b := range top {
		switch {
		case b.typ == "uuid" && b.c2pa:
			return ErrExists
		case b.typ == "moof":
			return errors.New("BMFF: fragmented MP4 files are not signed by this writer")
		case b.typ == "mdat" && at == size:
			at = b.off
		}
		if b.toEnd && b.end > at {
			return errors.New("BMFF: a box after the insertion point runs to the end of the file without a size")
		}
	}

	excl := defaultBMFFExclusions()
	label := newManifestLabel()
	binding := func(sum []byte) bmffHashAssertion {
		return bmffHashAssertion{Exclusions: excl, Alg: "sha256", Hash: sum, Name: "jumbf manifest"}
	}
	store, err := buildStore(m, LabelBMFFHash, binding(make([]byte, 32)), s, label)
	if err != nil {
		return err
	}
	n := len(store)
	box := c2paBox(store)
	delta := int64(len(box))

	patches, err := chunkOffsetPatches(f, top, at, delta)
	if err != nil {
		return err
	}

	out, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".c2pa-*")
	if err != nil {
		return err
	}
	defer func() {
		out.Close()
		os.Remove(out.Name())
	}()
	if err := out.Chmod(st.Mode().Perm()); err != nil {
		return err
	}
	h, _ := newHash("sha256")
	w := &copier{src: f, dst: out, patches: patches, buf: make([]byte, 1<<20)}
	excluded := func(b *bmffBox) bool {
		switch b.typ {
		case "ftyp", "mfra", "free", "skip":
			return true
		}
		return b.typ == "uuid" && b.c2pa
	}
	placed := false
	for _, b := range top {
		if !placed && b.off >= at {
			if _, err := out.Write(box); err != nil {
				return err
			}
			placed = true
		}
		newOff := b.off
		if b.off >= at {
			newOff += delta
		}
		var into hash.Hash
		if !excluded(b) {
			var o [8]byte
			binary.BigEndian.PutUint64(o[:], uint64(newOff))
			h.Write(o[:])
			into = h
		}
		if err := w.copy(b.off, b.end-b.off, into); err != nil {
			return err
		}
	}
	if !placed {
		if _, err := out.Write(box); err != nil {
			return err
		}
	}
	final, err := buildStore(m, LabelBMFFHash, binding(h.Sum(nil)), s, label)
	if err != nil {
		return err
	}
	if len(final) != n {
		return fmt.Errorf("manifest changed size (%d, then %d bytes)", n, len(final))
	}
	if _, err := out.WriteAt(c2paBox(final), at); err != nil {
		return err
	}
	if err := out.Sync(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(out.Name(), path)
}

// c2paBox is the 'uuid' box holding a manifest store.
func c2paBox(store []byte) []byte {
	const purpose = "manifest\x00"
	size := 8 + 16 + 4 + len(purpose) + 8 + len(store)
	out := make([]byte, 0, size)
	out = binary.BigEndian.AppendUint32(out, uint32(size))
	out = append(out, "uuid"...)
	out = append(out, c2paBoxUUID[:]...)
	out = append(out, 0, 0, 0, 0) // version, flags
	out = append(out, purpose...)
	out = binary.BigEndian.AppendUint64(out, 0) // no Merkle 'uuid' boxes
	return append(out, store...)
}

// patch replaces bytes of the source at off while copying.
type patch struct {
	off  int64
	data []byte
}

// chunkOffsetPatches returns the new contents of every stco and co64
// entry table whose offsets point at or after at, moved by delta.
func chunkOffsetPatches(r io.ReaderAt, top []*bmffBox, at, delta int64) ([]patch, error) {
	var out []patch
	for _, path := range []string{"/moov/trak/mdia/minf/stbl/stco", "/moov/trak/mdia/minf/stbl/co64"} {
		wide := path[len(path)-4:] == "co64"
		width := int64(4)
		if wide {
			width = 8
		}
		for _, b := range fetchBoxes(top, path) {
			body := b.end - b.off - b.hdr
			if body < 8 {
				return nil, fmt.Errorf("BMFF: %s box at byte %d is too short", path[len(path)-4:], b.off)
			}
			data := make([]byte, body)
			if _, err := r.ReadAt(data, b.off+b.hdr); err != nil {
				return nil, err
			}
			count := int64(binary.BigEndian.Uint32(data[4:8]))
			if 8+count*width > body {
				return nil, fmt.Errorf("BMFF: %s box at byte %d lists more entries than it holds", path[len(path)-4:], b.off)
			}
			for i := range count {
				p := data[8+i*width:]
				if wide {
					if v := binary.BigEndian.Uint64(p); int64(v) >= at {
						binary.BigEndian.PutUint64(p, v+uint64(delta))
					}
					continue
				}
				if v := int64(binary.BigEndian.Uint32(p)); v >= at {
					if v+delta > 0xffffffff {
						return nil, errors.New("BMFF: moving the media past 4 GiB would overflow 32-bit chunk offsets")
					}
					binary.BigEndian.PutUint32(p, uint32(v+delta))
				}
			}
			out = append(out, patch{off: b.off + b.hdr, data: data})
		}
	}
	return out, nil
}

// copier copies byte ranges of src to dst, replacing patched bytes.
type copier struct {
	src     io.ReaderAt
	dst     io.Writer
	patches []patch
	buf     []byte
}

// copy copies n bytes from off, feeding them to h too when it is not nil.
func (c *copier) copy(off, n int64, h hash.Hash) error {
	for n > 0 {
		k := min(n, int64(len(c.buf)))
		// Stop at the start of the next patch in this range.
		for _, p := range c.patches {
			if p.off > off && p.off < off+k {
				k = p.off - off
			}
		}
		var chunk []byte
		if p := c.patchAt(off); p != nil {
			chunk = p.data[:min(int64(len(p.data)), n)]
		} else {
			chunk = c.buf[:k]
			got, err := c.src.ReadAt(chunk, off)
			if int64(got) < k {
				if err == nil || err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return err
			}
		}
		if _, err := c.dst.Write(chunk); err != nil {
			return err
		}
		if h != nil {
			h.Write(chunk)
		}
		off += int64(len(chunk))
		n -= int64(len(chunk))
	}
	return nil
}

func (c *copier) patchAt(off int64) *patch {
	for i := range c.patches {
		if c.patches[i].off == off {
			return &c.patches[i]
		}
	}
	return nil
}
