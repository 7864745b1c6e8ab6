package onnx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"kino/engine/files"
)

// This file checks that an .onnx file is whole without loading it: it walks
// the protobuf structure of the ModelProto (skipping the weight bytes), and
// checks that every external weight file it names exists and is long enough.
// A pack that is still being copied, or whose copy broke off, is caught here
// with a message that says so, before ONNX Runtime reads gigabytes.

// ErrIncomplete marks a model file or weight file that is shorter than its
// contents say: the pack is half-copied or its copy broke off.
var ErrIncomplete = errors.New("the pack is incomplete or still being copied")

// ErrNotONNX marks a file that is not an ONNX model.
var ErrNotONNX = errors.New("not an ONNX model")

// Protobuf field numbers of the ONNX messages walked here (onnx.proto).
const (
	fieldModelIRVersion = 1
	fieldModelGraph     = 7
	fieldGraphInit      = 5
	fieldTensorLocation = 14
	fieldTensorExternal = 13
	fieldEntryKey       = 1
	fieldEntryValue     = 2
	dataLocationExt     = 1
)

// externalRef is one initializer stored outside the .onnx file.
type externalRef struct {
	location       string
	offset, length int64
}

// checkModelFile checks the ONNX model at path: its own structure and the
// external data it refers to. Errors wrap ErrNotONNX or ErrIncomplete where
// they apply.
func checkModelFile(path string) error {
	f, _, err := files.Open(path, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return fmt.Errorf("the file is empty: %w", ErrIncomplete)
	}
	head := make([]byte, min(fi.Size(), 64))
	if _, err := f.ReadAt(head, 0); err == nil && bytes.HasPrefix(head, []byte("version https://git-lfs")) {
		return fmt.Errorf("the file is a Git LFS pointer, not the model (run `git lfs pull` in the pack's repository): %w", ErrNotONNX)
	}
	refs, err := walkModel(f, fi.Size())
	if err != nil {
		return err
	}
	need := map[string]int64{}
	var order []string
	for _, r := range refs {
		if r.location == "" || filepath.IsAbs(r.location) || strings.Contains(filepath.ToSlash(r.location), "../") {
			return fmt.Errorf("external weights at %q are outside the model's folder: %w", r.location, ErrNotONNX)
		}
		if _, ok := need[r.location]; !ok {
			order = append(order, r.location)
		}
		need[r.location] = max(need[r.location], r.offset+r.length)
	}
	dir := filepath.Dir(path)
	for _, loc := range order {
		p := filepath.Join(dir, filepath.FromSlash(loc))
		st, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("its weights file %s is missing: %w", loc, ErrIncomplete)
			}
			return fmt.Errorf("checking weights file %s: %w", loc, err)
		}
		if st.Size() < need[loc] {
			return fmt.Errorf("its weights file %s has %d bytes but the model needs %d (the copy is unfinished or broke off): %w",
				loc, st.Size(), need[loc], ErrIncomplete)
		}
	}
	return nil
}

// walkModel parses the ModelProto in r (size bytes) far enough to find the
// external data references of the graph's initializers.
func walkModel(r io.ReaderAt, size int64) ([]externalRef, error) {
	pb := &pbReader{r: r, end: size}
	var refs []externalRef
	sawGraph, sawIR := false, false
	for pb.more(size) {
		num, wire, err := pb.tag()
		if err != nil {
			return nil, err
		}
		switch {
		case num == fieldModelIRVersion && wire == wireVarint:
			if _, err := pb.varint(); err != nil {
				return nil, err
			}
			sawIR = true
		case num == fieldModelGraph && wire == wireBytes:
			n, err := pb.length()
			if err != nil {
				return nil, err
			}
			sawGraph = true
			if refs, err = walkGraph(pb, pb.off+n); err != nil {
				return nil, err
			}
		default:
			if err := pb.skip(wire); err != nil {
				return nil, err
			}
		}
	}
	if !sawGraph || !sawIR {
		return nil, fmt.Errorf("the file has no ONNX graph: %w", ErrNotONNX)
	}
	return refs, nil
}

func walkGraph(pb *pbReader, end int64) ([]externalRef, error) {
	var refs []externalRef
	for pb.more(end) {
		num, wire, err := pb.tag()
		if err != nil {
			return nil, err
		}
		if num == fieldGraphInit && wire == wireBytes {
			n, err := pb.length()
			if err != nil {
				return nil, err
			}
			ref, ext, err := walkTensor(pb, pb.off+n)
			if err != nil {
				return nil, err
			}
			if ext {
				refs = append(refs, ref)
			}
			continue
		}
		if err := pb.skip(wire); err != nil {
			return nil, err
		}
	}
	if pb.off != end {
		return nil, fmt.Errorf("the graph's fields overrun its length: %w", ErrNotONNX)
	}
	return refs, nil
}

func walkTensor(pb *pbReader, end int64) (externalRef, bool, error) {
	var ref externalRef
	ext := false
	ref.length = -1
	for pb.more(end) {
		num, wire, err := pb.tag()
		if err != nil {
			return ref, false, err
		}
		switch {
		case num == fieldTensorLocation && wire == wireVarint:
			v, err := pb.varint()
			if err != nil {
				return ref, false, err
			}
			ext = v == dataLocationExt
		case num == fieldTensorExternal && wire == wireBytes:
			n, err := pb.length()
			if err != nil {
				return ref, false, err
			}
			key, value, err := walkEntry(pb, pb.off+n)
			if err != nil {
				return ref, false, err
			}
			switch key {
			case "location":
				ref.location = value
			case "offset", "length":
				v, err := strconv.ParseInt(value, 10, 64)
				if err != nil || v < 0 {
					return ref, false, fmt.Errorf("external data %s %q is not a byte count: %w", key, value, ErrNotONNX)
				}
				if key == "offset" {
					ref.offset = v
				} else {
					ref.length = v
				}
			}
		default:
			if err := pb.skip(wire); err != nil {
				return ref, false, err
			}
		}
	}
	if pb.off != end {
		return ref, false, fmt.Errorf("a tensor's fields overrun its length: %w", ErrNotONNX)
	}
	if ref.length < 0 {
		ref.length = 0 // no length: the rest of the file, whatever it is
	}
	return ref, ext, nil
}

func walkEntry(pb *pbReader, end int64) (key, value string, err error) {
	for pb.more(end) {
		num, wire, err := pb.tag()
		if err != nil {
			return "", "", err
		}
		if (num == fieldEntryKey || num == fieldEntryValue) && wire == wireBytes {
			n, err := pb.length()
			if err != nil {
				return "", "", err
			}
			if n > 4096 {
				return "", "", fmt.Errorf("an external data entry is %d bytes long: %w", n, ErrNotONNX)
			}
			b, err := pb.bytes(int(n))
			if err != nil {
				return "", "", err
			}
			if num == fieldEntryKey {
				key = string(b)
			} else {
				value = string(b)
			}
			continue
		}
		if err := pb.skip(wire); err != nil {
			return "", "", err
		}
	}
	return key, value, nil
}

// Protobuf wire types.
const (
	wireVarint  = 0
	wireFixed64 = 1
	wireBytes   = 2
	wireFixed32 = 5
)

// pbReader reads protobuf wire format from an io.ReaderAt through a small
// buffer; skipping a field costs nothing, so weights are never read.
type pbReader struct {
	r      io.ReaderAt
	end    int64 // the file's size
	off    int64
	buf    []byte
	bufOff int64
}

// more reports whether fields remain before end.
func (p *pbReader) more(end int64) bool { return p.off < end }

func (p *pbReader) readByte() (byte, error) {
	if p.off >= p.end {
		return 0, fmt.Errorf("the file ends in the middle of a field at byte %d: %w", p.off, ErrIncomplete)
	}
	if p.buf == nil || p.off < p.bufOff || p.off >= p.bufOff+int64(len(p.buf)) {
		if err := p.fill(); err != nil {
			return 0, err
		}
	}
	b := p.buf[p.off-p.bufOff]
	p.off++
	return b, nil
}

func (p *pbReader) fill() error {
	n := min(int64(32<<10), p.end-p.off)
	if cap(p.buf) < int(n) {
		p.buf = make([]byte, 32<<10)
	}
	p.buf = p.buf[:n]
	if _, err := p.r.ReadAt(p.buf, p.off); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("reading at byte %d: %w", p.off, err)
	}
	p.bufOff = p.off
	return nil
}

func (p *pbReader) varint() (uint64, error) {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		b, err := p.readByte()
		if err != nil {
			return 0, err
		}
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v, nil
		}
	}
	return 0, fmt.Errorf("a number at byte %d is malformed: %w", p.off, ErrNotONNX)
}

func (p *pbReader) tag() (num uint64, wire int, err error) {
	at := p.off
	v, err := p.varint()
	if err != nil {
		return 0, 0, err
	}
	num, wire = v>>3, int(v&7)
	if num == 0 || num > 1<<29 || (wire != wireVarint && wire != wireFixed64 && wire != wireBytes && wire != wireFixed32) {
		return 0, 0, fmt.Errorf("byte %d does not start a protobuf field: %w", at, ErrNotONNX)
	}
	return num, wire, nil
}

// length reads a length prefix and checks that the field fits in the file.
func (p *pbReader) length() (int64, error) {
	v, err := p.varint()
	if err != nil {
		return 0, err
	}
	if v > uint64(p.end-p.off) {
		return 0, fmt.Errorf("a field at byte %d needs %d bytes but the file ends after %d (the file is cut short): %w",
			p.off, v, p.end-p.off, ErrIncomplete)
	}
	return int64(v), nil
}

func (p *pbReader) bytes(n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := p.r.ReadAt(b, p.off); err != nil && !(errors.Is(err, io.EOF) && p.off+int64(n) <= p.end) {
		return nil, fmt.Errorf("reading at byte %d: %w", p.off, err)
	}
	p.off += int64(n)
	return b, nil
}

func (p *pbReader) skip(wire int) error {
	var n int64
	switch wire {
	case wireVarint:
		_, err := p.varint()
		return err
	case wireFixed64:
		n = 8
	case wireFixed32:
		n = 4
	case wireBytes:
		var err error
		if n, err = p.length(); err != nil {
			return err
		}
	}
	if p.off+n > p.end {
		return fmt.Errorf("the file ends in the middle of a field at byte %d: %w", p.off, ErrIncomplete)
	}
	p.off += n
	return nil
}
