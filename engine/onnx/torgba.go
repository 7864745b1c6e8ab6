package onnx

import (
	"encoding/binary"
	"math"

	ort "github.com/yalue/onnxruntime_go"
)

// The VAE decoder gives planar float pixels in [-1, 1]; frames are 8-bit
// RGBA. Kino does that conversion with a small ONNX model of its own, built
// here, so ONNX Runtime's vectorised kernels do it on all cores and write
// straight into the frames' memory:
//
//	sample [N,3,H,W] (float or float16)
//	  -> Cast float -> Mul 127.5 -> Add 128 -> Clip 0..255 -> Cast uint8
//	  -> Transpose [N,H,W,3] -> Pad the last axis with 255 -> rgba [N,H,W,4]
//
// which is byte = trunc(clamp(v*127.5+128, 0, 255)), round((v+1)/2*255)
// as diffusers computes it.

// toRGBAModel returns the serialised conversion model for decoder output
// of element type typ.
func toRGBAModel(typ ort.TensorElementDataType) []byte {
	var nodes [][]byte
	in := "sample"
	if typ != typeFloat {
		nodes = append(nodes, pbNode("Cast", []string{"sample"}, "x", pbAttrInt("to", int64(typeFloat))))
		in = "x"
	}
	nodes = append(nodes,
		pbNode("Mul", []string{in, "scale"}, "scaled"),
		pbNode("Add", []string{"scaled", "offset"}, "shifted"),
		pbNode("Clip", []string{"shifted", "lo", "hi"}, "clipped"),
		pbNode("Cast", []string{"clipped"}, "bytes", pbAttrInt("to", int64(ort.TensorElementDataTypeUint8))),
		pbNode("Transpose", []string{"bytes"}, "hwc", pbAttrInts("perm", 0, 2, 3, 1)),
		pbNode("Pad", []string{"hwc", "pads", "alpha"}, "rgba"),
	)
	inits := [][]byte{
		pbFloatScalar("scale", 127.5),
		pbFloatScalar("offset", 128),
		pbFloatScalar("lo", 0),
		pbFloatScalar("hi", 255),
		pbTensor("pads", int64(ort.TensorElementDataTypeInt64), []int64{8}, int64sLE(0, 0, 0, 0, 0, 0, 0, 1)),
		pbTensor("alpha", int64(ort.TensorElementDataTypeUint8), nil, []byte{255}),
	}
	var graph []byte
	for _, n := range nodes {
		graph = pbBytes(graph, 1, n)
	}
	graph = pbBytes(graph, 2, []byte("kino_to_rgba"))
	for _, t := range inits {
		graph = pbBytes(graph, 5, t)
	}
	graph = pbBytes(graph, 11, pbValueInfo("sample", int64(typ), "n", 3, "h", "w"))
	graph = pbBytes(graph, 12, pbValueInfo("rgba", int64(ort.TensorElementDataTypeUint8), "n", "h", "w", 4))
	var opset []byte
	opset = pbBytes(opset, 1, nil) // default domain ""
	opset = pbVarint(opset, 2, 17)
	var model []byte
	model = pbVarint(model, 1, 8) // IR version 8
	model = pbBytes(model, 2, []byte("kino"))
	model = pbBytes(model, 7, graph)
	model = pbBytes(model, 8, opset)
	return model
}

// Minimal protobuf encoding of the ONNX messages used above (onnx.proto
// field numbers).

func pbKey(b []byte, field, wire int) []byte { return binary.AppendUvarint(b, uint64(field<<3|wire)) }

func pbVarint(b []byte, field int, v uint64) []byte {
	return binary.AppendUvarint(pbKey(b, field, wireVarint), v)
}

func pbBytes(b []byte, field int, v []byte) []byte {
	b = binary.AppendUvarint(pbKey(b, field, wireBytes), uint64(len(v)))
	return append(b, v...)
}

// pbNode encodes a NodeProto: input 1, output 2, op_type 4, attribute 5.
func pbNode(op string, inputs []string, output string, attrs ...[]byte) []byte {
	var n []byte
	for _, in := range inputs {
		n = pbBytes(n, 1, []byte(in))
	}
	n = pbBytes(n, 2, []byte(output))
	n = pbBytes(n, 4, []byte(op))
	for _, a := range attrs {
		n = pbBytes(n, 5, a)
	}
	return n
}

// AttributeProto: name 1, i 3, ints 8, type 20 (INT = 2, INTS = 7).
func pbAttrInt(name string, v int64) []byte {
	a := pbBytes(nil, 1, []byte(name))
	a = pbVarint(a, 3, uint64(v))
	return pbVarint(a, 20, 2)
}

func pbAttrInts(name string, vs ...int64) []byte {
	a := pbBytes(nil, 1, []byte(name))
	for _, v := range vs {
		a = pbVarint(a, 8, uint64(v))
	}
	return pbVarint(a, 20, 7)
}

// pbTensor encodes a TensorProto: dims 1, data_type 2, name 8, raw_data 9.
func pbTensor(name string, typ int64, dims []int64, raw []byte) []byte {
	var t []byte
	for _, d := range dims {
		t = pbVarint(t, 1, uint64(d))
	}
	t = pbVarint(t, 2, uint64(typ))
	t = pbBytes(t, 8, []byte(name))
	return pbBytes(t, 9, raw)
}

func pbFloatScalar(name string, v float32) []byte {
	return pbTensor(name, int64(typeFloat), nil, binary.LittleEndian.AppendUint32(nil, math.Float32bits(v)))
}

func int64sLE(vs ...int64) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint64(b, uint64(v))
	}
	return b
}

// pbValueInfo encodes a ValueInfoProto (name 1, type 2) of a tensor whose
// dimensions are each an int64 (fixed) or a string (named, dynamic).
func pbValueInfo(name string, elem int64, dims ...any) []byte {
	var shape []byte
	for _, d := range dims {
		var dim []byte
		switch v := d.(type) {
		case int:
			dim = pbVarint(dim, 1, uint64(v))
		case string:
			dim = pbBytes(dim, 2, []byte(v))
		}
		shape = pbBytes(shape, 1, dim)
	}
	tensor := pbVarint(nil, 1, uint64(elem))
	tensor = pbBytes(tensor, 2, shape)
	typ := pbBytes(nil, 1, tensor)
	vi := pbBytes(nil, 1, []byte(name))
	return pbBytes(vi, 2, typ)
}
