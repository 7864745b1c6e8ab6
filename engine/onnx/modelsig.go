package onnx

import (
	"fmt"
	"io"

	"kino/engine/files"
)

// This file reads the declared inputs of an ONNX graph from the file
// itself: ONNX Runtime reports a dimension only as a number (-1 when
// open), but the names of open dimensions tell how the exporter meant
// the inputs to relate (diffusers' AnimateDiff UNet names the first
// dimension of sample and encoder_hidden_states both "batch_size": one
// text row per batch item).

// graphDim is one declared dimension: a fixed size, or a named open one
// (Param), or neither (an open dimension without a name).
type graphDim struct {
	Value int64
	Param string
}

// graphInput is a graph input's name and declared shape.
type graphInput struct {
	Name string
	Dims []graphDim
}

// Protobuf field numbers of the messages read here (onnx.proto).
const (
	fieldGraphInput     = 11
	fieldValueInfoName  = 1
	fieldValueInfoType  = 2
	fieldTypeTensor     = 1
	fieldTensorTypeShp  = 2
	fieldShapeDim       = 1
	fieldDimValue       = 1
	fieldDimParam       = 2
	maxGraphInputs      = 4096
	maxDimsPerInput     = 64
	maxDeclaredNameSize = 4096
)

// readGraphInputs returns the declared inputs of the ONNX model at path.
func readGraphInputs(path string) ([]graphInput, error) {
	f, size, err := files.Open(path, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return walkGraphInputs(f, size)
}

// walkGraphInputs parses the ModelProto in r (size bytes) far enough to
// read its graph's inputs.
func walkGraphInputs(r io.ReaderAt, size int64) ([]graphInput, error) {
	pb := &pbReader{r: r, end: size}
	for pb.more(size) {
		num, wire, err := pb.tag()
		if err != nil {
			return nil, err
		}
		if num == fieldModelGraph && wire == wireBytes {
			n, err := pb.length()
			if err != nil {
				return nil, err
			}
			return walkInputs(pb, pb.off+n)
		}
		if err := pb.skip(wire); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("the file has no ONNX graph: %w", ErrNotONNX)
}

func walkInputs(pb *pbReader, end int64) ([]graphInput, error) {
	var ins []graphInput
	err := pb.fields(end, func(num uint64, wire int) (bool, error) {
		if num != fieldGraphInput || wire != wireBytes {
			return false, nil
		}
		if len(ins) >= maxGraphInputs {
			return false, fmt.Errorf("the graph declares over %d inputs: %w", maxGraphInputs, ErrNotONNX)
		}
		in, err := sub(pb, func(end int64) (graphInput, error) { return walkValueInfo(pb, end) })
		ins = append(ins, in)
		return true, err
	})
	return ins, err
}

func walkValueInfo(pb *pbReader, end int64) (graphInput, error) {
	var in graphInput
	err := pb.fields(end, func(num uint64, wire int) (bool, error) {
		switch {
		case num == fieldValueInfoName && wire == wireBytes:
			s, err := pb.str()
			in.Name = s
			return true, err
		case num == fieldValueInfoType && wire == wireBytes:
			dims, err := sub(pb, func(end int64) ([]graphDim, error) { return walkTypeProto(pb, end) })
			in.Dims = dims
			return true, err
		}
		return false, nil
	})
	return in, err
}

func walkTypeProto(pb *pbReader, end int64) ([]graphDim, error) {
	var dims []graphDim
	err := pb.fields(end, func(num uint64, wire int) (bool, error) {
		if num != fieldTypeTensor || wire != wireBytes {
			return false, nil
		}
		d, err := sub(pb, func(end int64) ([]graphDim, error) {
			var dims []graphDim
			err := pb.fields(end, func(num uint64, wire int) (bool, error) {
				if num != fieldTensorTypeShp || wire != wireBytes {
					return false, nil
				}
				d, err := sub(pb, func(end int64) ([]graphDim, error) { return walkShape(pb, end) })
				dims = d
				return true, err
			})
			return dims, err
		})
		dims = d
		return true, err
	})
	return dims, err
}

func walkShape(pb *pbReader, end int64) ([]graphDim, error) {
	var dims []graphDim
	err := pb.fields(end, func(num uint64, wire int) (bool, error) {
		if num != fieldShapeDim || wire != wireBytes {
			return false, nil
		}
		if len(dims) >= maxDimsPerInput {
			return false, fmt.Errorf("an input declares over %d dimensions: %w", maxDimsPerInput, ErrNotONNX)
		}
		d, err := sub(pb, func(end int64) (graphDim, error) {
			var d graphDim
			err := pb.fields(end, func(num uint64, wire int) (bool, error) {
				switch {
				case num == fieldDimValue && wire == wireVarint:
					v, err := pb.varint()
					d.Value = int64(v)
					return true, err
				case num == fieldDimParam && wire == wireBytes:
					s, err := pb.str()
					d.Param = s
					return true, err
				}
				return false, nil
			})
			return d, err
		})
		dims = append(dims, d)
		return true, err
	})
	return dims, err
}

// fields calls fn for each field before end; fn reports whether it
// consumed the field's value (otherwise it is skipped).
func (p *pbReader) fields(end int64, fn func(num uint64, wire int) (bool, error)) error {
	for p.more(end) {
		num, wire, err := p.tag()
		if err != nil {
			return err
		}
		used, err := fn(num, wire)
		if err != nil {
			return err
		}
		if !used {
			if err := p.skip(wire); err != nil {
				return err
			}
		}
	}
	if p.off != end {
		return fmt.Errorf("a message's fields overrun its length at byte %d: %w", p.off, ErrNotONNX)
	}
	return nil
}

// sub reads a length-delimited sub-message with fn, which is given its end.
func sub[T any](p *pbReader, fn func(end int64) (T, error)) (T, error) {
	n, err := p.length()
	if err != nil {
		var zero T
		return zero, err
	}
	return fn(p.off + n)
}

// str reads a length-delimited string of at most maxDeclaredNameSize bytes.
func (p *pbReader) str() (string, error) {
	n, err := p.length()
	if err != nil {
		return "", err
	}
	if n > maxDeclaredNameSize {
		return "", fmt.Errorf("a name at byte %d is %d bytes long: %w", p.off, n, ErrNotONNX)
	}
	b, err := p.bytes(int(n))
	return string(b), err
}

// find returns the named input, or nil.
func findGraphInput(ins []graphInput, name string) *graphInput {
	for i := range ins {
		if ins[i].Name == name {
			return &ins[i]
		}
	}
	return nil
}
