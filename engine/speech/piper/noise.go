package piper

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"kino/engine/rng"
)

// Piper's graph draws two tensors of random numbers in every run
// (RandomNormalLike nodes: the duration predictor's noise and the latent's
// noise), from a generator ONNX Runtime seeds from the clock and advances
// run after run. The same line would sound different every time, and
// Kino's takes would not be reproducible. So before a voice's graph is
// loaded, each RandomNormalLike(X) is replaced by a slice of a table of
// normal noise drawn from a fixed seed and built into the graph:
//
//	Y = Reshape(Slice(table, [0], [ReduceProd(Shape(X))]), Shape(X))
//
// Every run then uses the table's first numel(X) values: the same line,
// voice and scales give the same samples in any order, in any process.
// With noise scale and width 0 (as in the references) the tables do not
// matter at all.

// Noise table sizes, in values. The first RandomNormalLike in the graph's
// (topological) order is the duration predictor's, shaped [1, 2, ids]; the
// later ones are the latent's, [1, channels, frames].
const (
	noiseTableDurations = 1 << 16 // 32768 ids
	noiseTableLatent    = 1 << 21 // 192 channels × 10922 frames (2 min at 22050 Hz)
	noiseSeed           = 0x9e3779b97f4a7c15
)

// errNoiseTooShort is what a run needing more noise than the table holds
// looks like: the slice comes back short and the reshape fails.
var errNoiseTooShort = errors.New("the sentence needs more noise than Kino's table holds")

// Protobuf field numbers written here (onnx.proto).
const (
	fNodeOutput      = 2
	fNodeName        = 3
	fTensorDataType  = 2
	fTensorRawData   = 9
	onnxFloat        = 1
	onnxInt64        = 7
	wireBytes        = 2
	wireVarint       = 0
	randomNormalLike = "RandomNormalLike"
)

// seedNoise rewrites the ONNX model in data so that its RandomNormalLike
// nodes read the tables in banks (nil: normal noise from noiseSeed), one
// per node in graph order. It returns the new model and how many nodes it
// replaced.
func seedNoise(data []byte, banks [][]float32) ([]byte, int, error) {
	var model, graph []byte
	err := eachField(data, func(num, wire int, v uint64, s []byte) error {
		if num == fModelGraph && wire == wireBytes {
			graph = s
			return nil
		}
		model = appendField(model, num, wire, v, s)
		return nil
	})
	if err != nil || graph == nil {
		return nil, 0, fmt.Errorf("%w: %v", errNotONNX, err)
	}
	var out []byte
	k := 0
	err = eachField(graph, func(num, wire int, v uint64, s []byte) error {
		if num == fGraphNode && wire == wireBytes {
			op, in, outs, err := nodeIO(s)
			if err != nil {
				return err
			}
			if op == randomNormalLike && len(in) == 1 && len(outs) == 1 {
				size := noiseTableLatent
				if k == 0 {
					size = noiseTableDurations
				}
				var bank []float32
				if k < len(banks) && banks[k] != nil {
					bank = banks[k]
				} else {
					bank = defaultNoise(k, size)
				}
				out = appendNoiseNodes(out, k, in[0], outs[0], bank)
				k++
				return nil
			}
		}
		out = appendField(out, num, wire, v, s)
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", errNotONNX, err)
	}
	return appendField(model, fModelGraph, wireBytes, 0, out), k, nil
}

// nodeIO reads a node's op type, inputs and outputs.
func nodeIO(b []byte) (op string, in, out []string, err error) {
	err = eachField(b, func(num, wire int, v uint64, s []byte) error {
		if wire != wireBytes {
			return nil
		}
		switch num {
		case fNodeInput:
			in = append(in, string(s))
		case fNodeOutput:
			out = append(out, string(s))
		case fNodeOpType:
			op = string(s)
		}
		return nil
	})
	return op, in, out, err
}

// noiseTables caches the default tables, the same for every voice.
var noiseTables = struct {
	sync.Mutex
	m map[int][]float32
}{m: map[int][]float32{}}

// defaultNoise returns the k-th default table, of size values (read only).
func defaultNoise(k, size int) []float32 {
	noiseTables.Lock()
	defer noiseTables.Unlock()
	if t := noiseTables.m[k]; len(t) == size {
		return t
	}
	t := normalNoise(size, noiseSeed+uint64(k))
	noiseTables.m[k] = t
	return t
}

// normalNoise draws n standard normal values.
func normalNoise(n int, seed uint64) []float32 {
	r := rng.New(seed)
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(r.NormFloat64())
	}
	return out
}

// appendNoiseNodes appends to a graph the nodes and tables that compute
// output like X = input from the k-th table.
func appendNoiseNodes(g []byte, k int, x, y string, bank []float32) []byte {
	p := fmt.Sprintf("kino_noise_%d", k)
	table, zero, shape, count, flat := p+"_table", p+"_zero", p+"_shape", p+"_count", p+"_flat"
	raw := make([]byte, 4*len(bank))
	for i, v := range bank {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(v))
	}
	g = appendField(g, fGraphInit, wireBytes, 0, tensorProto(table, onnxFloat, []int64{int64(len(bank))}, raw))
	g = appendField(g, fGraphInit, wireBytes, 0, tensorProto(zero, onnxInt64, []int64{1}, make([]byte, 8)))
	g = appendField(g, fGraphNode, wireBytes, 0, nodeProto(p+"_Shape", "Shape", []string{x}, shape))
	g = appendField(g, fGraphNode, wireBytes, 0, nodeProto(p+"_ReduceProd", "ReduceProd", []string{shape}, count))
	g = appendField(g, fGraphNode, wireBytes, 0, nodeProto(p+"_Slice", "Slice", []string{table, zero, count}, flat))
	return appendField(g, fGraphNode, wireBytes, 0, nodeProto(p+"_Reshape", "Reshape", []string{flat, shape}, y))
}

func nodeProto(name, op string, in []string, out string) []byte {
	var b []byte
	for _, i := range in {
		b = appendField(b, fNodeInput, wireBytes, 0, []byte(i))
	}
	b = appendField(b, fNodeOutput, wireBytes, 0, []byte(out))
	b = appendField(b, fNodeName, wireBytes, 0, []byte(name))
	return appendField(b, fNodeOpType, wireBytes, 0, []byte(op))
}

func tensorProto(name string, dtype uint64, dims []int64, raw []byte) []byte {
	var b []byte
	for _, d := range dims {
		b = appendField(b, fTensorDims, wireVarint, uint64(d), nil)
	}
	b = appendField(b, fTensorDataType, wireVarint, dtype, nil)
	b = appendField(b, fTensorName, wireBytes, 0, []byte(name))
	return appendField(b, fTensorRawData, wireBytes, 0, raw)
}

// appendField appends one protobuf field as eachField reads it: a varint
// value, fixed-width bytes, or length-delimited bytes.
func appendField(b []byte, num, wire int, v uint64, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(num)<<3|uint64(wire))
	switch wire {
	case wireVarint:
		return binary.AppendUvarint(b, v)
	case wireBytes:
		b = binary.AppendUvarint(b, uint64(len(s)))
	}
	return append(b, s...)
}
