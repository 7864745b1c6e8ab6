package onnx

import (
	"context"
	"testing"

	ort "github.com/yalue/onnxruntime_go"
)

// scalarEchoModel is a model whose output y [1] is its rank-0 input t
// (of element type typ) plus a zero of shape [1], cast to float.
func scalarEchoModel(typ ort.TensorElementDataType) []byte {
	var graph []byte
	graph = pbBytes(graph, 1, pbNode("Cast", []string{"t"}, "tf", pbAttrInt("to", int64(typeFloat))))
	graph = pbBytes(graph, 1, pbNode("Add", []string{"tf", "zero"}, "y"))
	graph = pbBytes(graph, 2, []byte("kino_scalar_echo"))
	graph = pbBytes(graph, 5, pbTensor("zero", int64(typeFloat), []int64{1}, make([]byte, 4)))
	graph = pbBytes(graph, 11, pbValueInfo("t", int64(typ)))
	graph = pbBytes(graph, 12, pbValueInfo("y", int64(typeFloat), 1))
	var opset []byte
	opset = pbBytes(opset, 1, nil)
	opset = pbVarint(opset, 2, 17)
	var model []byte
	model = pbVarint(model, 1, 8)
	model = pbBytes(model, 7, graph)
	return pbBytes(model, 8, opset)
}

// TestScalarValuesReachTheModel sets a rank-0 input to several values in
// turn, as the UNet's timestep is set each step, and checks that the model
// sees each one (onnxruntime_go's Scalar.Set does not: the model kept
// reading the first value, so every step ran at timestep 0).
func TestScalarValuesReachTheModel(t *testing.T) {
	requireRuntime(t)
	for _, typ := range []ort.TensorElementDataType{typeFloat, typeInt64, typeInt32} {
		t.Run(typeName(typ), func(t *testing.T) {
			m, err := createModelData(SessionConfig{Policy: PolicyCPU, Threads: 1}, "echo", scalarEchoModel(typ), []string{"t"}, []string{"y"})
			if err != nil {
				t.Fatal(err)
			}
			defer m.close()
			rc, err := newRunCtx(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer rc.close()
			in, err := newTensor(typ)
			if err != nil {
				t.Fatal(err)
			}
			defer in.destroy()
			out, err := newTensor(typeFloat, 1)
			if err != nil {
				t.Fatal(err)
			}
			defer out.destroy()
			for _, v := range []float64{751, 501, 501, 251, 1, 0, 999.7} {
				if err := in.fill(v); err != nil {
					t.Fatal(err)
				}
				if err := m.run(rc, []ort.Value{in.value}, []ort.Value{out.value}); err != nil {
					t.Fatal(err)
				}
				want := float32(v)
				if typ != typeFloat {
					want = float32(int64(v))
				}
				if out.f32[0] != want {
					t.Fatalf("set %g: the model saw %g, want %g", v, out.f32[0], want)
				}
			}
		})
	}
}
