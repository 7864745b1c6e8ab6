package onnx

import (
	"fmt"
	"io"

	ort "github.com/yalue/onnxruntime_go"

	"kino/engine/files"
)

// This file reads the declared inputs and outputs of an ONNX graph from
// the file itself, without ONNX Runtime: walking the protobuf skips the
// weights, so it takes milliseconds where asking ONNX Runtime (which
// builds a session, weights included) takes as long as loading the
// model. It also keeps what ONNX Runtime drops: the names of open
// dimensions, which tell how the exporter meant the inputs to relate
// (diffusers' AnimateDiff UNet names the first dimension of sample and
// encoder_hidden_states both "batch_size": one text row per batch item).

// graphDim is one declared dimension: a fixed size (HasValue), or a
// named open one (Param), or neither (an open dimension without a name).
type graphDim struct {
	Value    int64
	HasValue bool
	Param    string
}

// graphInput is a graph input's or output's name, element type and
// declared shape. Tensor is false for sequences, maps and the like.
type graphInput struct {
	Name   string
	Elem   int64
	Tensor bool
	Dims   []graphDim
}

// graphSig is a graph's declared inputs (initializers excluded, as ONNX
// Runtime does) and outputs.
type graphSig struct {
	Inputs, Outputs []graphInput
}

// Protobuf field numbers of the messages read here (onnx.proto).
const (
	fieldGraphInput     = 11
	fieldGraphOutput    = 12
	fieldTensorName     = 8
	fieldValueInfoName  = 1
	fieldValueInfoType  = 2
	fieldTypeTensor     = 1
	fieldTensorElemType = 1
	fieldTensorTypeShp  = 2
	fieldShapeDim       = 1
	fieldDimValue       = 1
	fieldDimParam       = 2
	maxGraphInputs      = 4096
	maxDimsPerInput     = 64
	maxDeclaredNameSize = 4096
)

// readGraphSig returns the declared signature of the ONNX model at path.
func readGraphSig(path string) (*graphSig, error) {
	f, size, err := files.Open(path, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return walkGraphSig(f, size)
}

// readGraphInputs returns the declared inputs of the ONNX model at path.
func readGraphInputs(path string) ([]graphInput, error) {
	sig, err := readGraphSig(path)
	if err != nil {
		return nil, err
	}
	return sig.Inputs, nil
}

// walkGraphSig parses the ModelProto in r (size bytes) far enough to read
// its graph's inputs and outputs.
func walkGraphSig(r io.ReaderAt, size int64) (*graphSig, error) {
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
			return walkSig(pb, pb.off+n)
		}
		if err := pb.skip(wire); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("the file has no ONNX graph: %w", ErrNotONNX)
}

// walkGraphInputs is walkGraphSig's inputs.
func walkGraphInputs(r io.ReaderAt, size int64) ([]graphInput, error) {
	sig, err := walkGraphSig(r, size)
	if err != nil {
		return nil, err
	}
	return sig.Inputs, nil
}

func walkSig(pb *pbReader, end int64) (*graphSig, error) {
	sig := &graphSig{}
	inits := map[string]bool{}
	err := pb.fields(end, func(num uint64, wire int) (bool, error) {
		if wire != wireBytes {
			return false, nil
		}
		switch num {
		case fieldGraphInput, fieldGraphOutput:
			if len(sig.Inputs)+len(sig.Outputs) >= maxGraphInputs {
				return false, fmt.Errorf("the graph declares over %d inputs and outputs: %w", maxGraphInputs, ErrNotONNX)
			}
			v, err := sub(pb, func(end int64) (graphInput, error) { return walkValueInfo(pb, end) })
			if num == fieldGraphInput {
				sig.Inputs = append(sig.Inputs, v)
			} else {
				sig.Outputs = append(sig.Outputs, v)
			}
			return true, err
		case fieldGraphInit:
			name, err := sub(pb, func(end int64) (string, error) { return walkTensorName(pb, end) })
			inits[name] = true
			return true, err
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	// Inputs with an initializer (IR < 4 lists weights as inputs) are
	// weights, not inputs a caller feeds.
	kept := sig.Inputs[:0]
	for _, in := range sig.Inputs {
		if !inits[in.Name] {
			kept = append(kept, in)
		}
	}
	sig.Inputs = kept
	return sig, nil
}

func walkTensorName(pb *pbReader, end int64) (string, error) {
	var name string
	err := pb.fields(end, func(num uint64, wire int) (bool, error) {
		if num == fieldTensorName && wire == wireBytes {
			s, err := pb.str()
			name = s
			return true, err
		}
		return false, nil
	})
	return name, err
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
			return true, sub1(pb, func(end int64) error { return walkTypeProto(pb, end, &in) })
		}
		return false, nil
	})
	return in, err
}

func walkTypeProto(pb *pbReader, end int64, in *graphInput) error {
	return pb.fields(end, func(num uint64, wire int) (bool, error) {
		if num != fieldTypeTensor || wire != wireBytes {
			return false, nil
		}
		in.Tensor = true
		return true, sub1(pb, func(end int64) error {
			return pb.fields(end, func(num uint64, wire int) (bool, error) {
				switch {
				case num == fieldTensorElemType && wire == wireVarint:
					v, err := pb.varint()
					in.Elem = int64(v)
					return true, err
				case num == fieldTensorTypeShp && wire == wireBytes:
					d, err := sub(pb, func(end int64) ([]graphDim, error) { return walkShape(pb, end) })
					in.Dims = d
					return true, err
				}
				return false, nil
			})
		})
	})
}

func walkShape(pb *pbReader, end int64) ([]graphDim, error) {
	dims := []graphDim{}
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
					d.Value, d.HasValue = int64(v), true
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

// sub1 is sub for a reader that returns only an error.
func sub1(p *pbReader, fn func(end int64) error) error {
	_, err := sub(p, func(end int64) (struct{}, error) { return struct{}{}, fn(end) })
	return err
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

// findGraphInput returns the named input, or nil.
func findGraphInput(ins []graphInput, name string) *graphInput {
	for i := range ins {
		if ins[i].Name == name {
			return &ins[i]
		}
	}
	return nil
}

// ortInfo returns the signature as ONNX Runtime would report it: open
// dimensions as -1.
func (s *graphSig) ortInfo() (in, out []ort.InputOutputInfo) {
	conv := func(list []graphInput) []ort.InputOutputInfo {
		out := make([]ort.InputOutputInfo, len(list))
		for i, v := range list {
			dims := make(ort.Shape, len(v.Dims))
			for k, d := range v.Dims {
				dims[k] = -1
				if d.HasValue {
					dims[k] = d.Value
				}
			}
			info := ort.InputOutputInfo{Name: v.Name, DataType: ort.TensorElementDataType(v.Elem), Dimensions: dims, OrtValueType: ort.ONNXTypeUnknown}
			if v.Tensor {
				info.OrtValueType = ort.ONNXTypeTensor
			}
			out[i] = info
		}
		return out
	}
	return conv(s.Inputs), conv(s.Outputs)
}
