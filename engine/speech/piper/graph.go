package piper

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// This file reads what Kino checks of a voice graph before loading it:
// the graph's real inputs (initializers excluded: real single-speaker
// Piper exports carry an initializer named "sid") and the tables the
// graph looks its "input" and "sid" ids up in. It walks the ONNX protobuf
// directly, skipping weight bytes, so the checks need no ONNX Runtime.

// graphInfo is the part of a voice graph the checks need.
type graphInfo struct {
	inputs  []string
	outputs []string
	// lookup maps a graph input to the dimensions of the initializer a
	// Gather node indexes with it (its embedding table), when there is one.
	lookup map[string][]int64
}

func (g *graphInfo) hasInput(name string) bool {
	for _, n := range g.inputs {
		if n == name {
			return true
		}
	}
	return false
}

// Protobuf field numbers (onnx.proto).
const (
	fModelGraph    = 7
	fGraphNode     = 1
	fGraphInit     = 5
	fGraphInput    = 11
	fGraphOutput   = 12
	fNodeInput     = 1
	fNodeOpType    = 4
	fTensorDims    = 1
	fTensorName    = 8
	fValueInfoName = 1
)

var errNotONNX = errors.New("not an ONNX model")

// readGraph reads the graph of the ONNX model in data.
func readGraph(data []byte) (*graphInfo, error) {
	var graph []byte
	err := eachField(data, func(num int, wire int, v uint64, b []byte) error {
		if num == fModelGraph && wire == 2 {
			graph = b
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotONNX, err)
	}
	if graph == nil {
		return nil, fmt.Errorf("%w: the file has no graph", errNotONNX)
	}
	type gather struct{ table, index string }
	var (
		inputs, outputs []string
		gathers         []gather
		inits           = map[string][]int64{}
	)
	err = eachField(graph, func(num int, wire int, v uint64, b []byte) error {
		if wire != 2 {
			return nil
		}
		switch num {
		case fGraphInput, fGraphOutput:
			name, err := stringField(b, fValueInfoName)
			if err != nil {
				return err
			}
			if num == fGraphInput {
				inputs = append(inputs, name)
			} else {
				outputs = append(outputs, name)
			}
		case fGraphNode:
			var op string
			var in []string
			err := eachField(b, func(num int, wire int, v uint64, s []byte) error {
				switch {
				case num == fNodeInput && wire == 2:
					in = append(in, string(s))
				case num == fNodeOpType && wire == 2:
					op = string(s)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if op == "Gather" && len(in) == 2 {
				gathers = append(gathers, gather{in[0], in[1]})
			}
		case fGraphInit:
			var name string
			var dims []int64
			err := eachField(b, func(num int, wire int, v uint64, s []byte) error {
				switch {
				case num == fTensorName && wire == 2:
					name = string(s)
				case num == fTensorDims && wire == 0:
					dims = append(dims, int64(v))
				case num == fTensorDims && wire == 2: // packed
					for len(s) > 0 {
						d, n := binary.Uvarint(s)
						if n <= 0 {
							return errors.New("bad packed dims")
						}
						dims = append(dims, int64(d))
						s = s[n:]
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			inits[name] = dims
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotONNX, err)
	}
	g := &graphInfo{outputs: outputs, lookup: map[string][]int64{}}
	for _, in := range inputs {
		if _, isInit := inits[in]; !isInit {
			g.inputs = append(g.inputs, in)
		}
	}
	for _, ga := range gathers {
		if dims, ok := inits[ga.table]; ok && g.hasInput(ga.index) {
			if _, seen := g.lookup[ga.index]; !seen {
				g.lookup[ga.index] = dims
			}
		}
	}
	return g, nil
}

// eachField calls fn for every field of the protobuf message b: its
// number, wire type, and the varint value or the bytes of a
// length-delimited or fixed-width field.
func eachField(b []byte, fn func(num, wire int, v uint64, s []byte) error) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return errors.New("bad field key")
		}
		b = b[n:]
		num, wire := int(key>>3), int(key&7)
		if num == 0 {
			return errors.New("field number 0")
		}
		switch wire {
		case 0:
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return errors.New("bad varint")
			}
			b = b[n:]
			if err := fn(num, wire, v, nil); err != nil {
				return err
			}
		case 1, 5:
			n := 8
			if wire == 5 {
				n = 4
			}
			if len(b) < n {
				return errors.New("truncated fixed-width field")
			}
			s := b[:n]
			b = b[n:]
			if err := fn(num, wire, 0, s); err != nil {
				return err
			}
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errors.New("truncated field (the file is cut short?)")
			}
			s := b[n : n+int(l)]
			b = b[n+int(l):]
			if err := fn(num, wire, 0, s); err != nil {
				return err
			}
		default:
			return fmt.Errorf("wire type %d", wire)
		}
	}
	return nil
}

// stringField returns the first length-delimited field num of b as text.
func stringField(b []byte, num int) (string, error) {
	var out string
	found := false
	err := eachField(b, func(n, wire int, v uint64, s []byte) error {
		if n == num && wire == 2 && !found {
			out, found = string(s), true
		}
		return nil
	})
	return out, err
}
