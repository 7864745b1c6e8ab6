package onnx

import (
	"fmt"
	"math"

	ort "github.com/yalue/onnxruntime_go"
)

// tensor is an ONNX Runtime value whose storage Kino owns. Callers fill and
// read it as float32 (or int64 for token ids) whatever the model's element
// type: float16 goes through a byte buffer with exact conversion, integer
// timesteps are truncated toward zero as numpy's astype does.
type tensor struct {
	value ort.Value
	typ   ort.TensorElementDataType
	shape ort.Shape
	n     int
	f32   []float32
	raw   []byte
	i64   []int64
	i32   []int32
	u8    []uint8
	// scalar marks a rank-0 tensor (see setScalar); f32, i64 or i32 then
	// hold a copy of its value.
	scalar bool
}

// newScalarTensor allocates a rank-0 tensor of typ (float, int64 or int32;
// ONNX Runtime's Go binding has no float16 scalars).
//
// A scalar is rebuilt, not written, when its value changes: in
// onnxruntime_go v1.27.0 Scalar.Set replaces the Go slice the scalar holds
// while the ONNX Runtime value keeps reading the old memory, so a value set
// that way never reaches the model (every step would run at timestep 0, and
// the old memory could even be reused by the garbage collector). The
// binding offers no other way to make a rank-0 value, so setScalar makes a
// new one; that is one small allocation per model call.
func newScalarTensor(typ ort.TensorElementDataType) (*tensor, error) {
	switch typ {
	case typeFloat, typeInt64, typeInt32:
	default:
		return nil, fmt.Errorf("a rank-0 %s input is not supported", typeName(typ))
	}
	t := &tensor{typ: typ, n: 1}
	if err := t.setScalar(0); err != nil {
		return nil, err
	}
	return t, nil
}

// setScalar makes the rank-0 tensor hold v, replacing its ONNX Runtime
// value when v differs from the value it holds.
func (t *tensor) setScalar(v float64) error {
	var val ort.Value
	var err error
	switch t.typ {
	case typeFloat:
		x := float32(v)
		if t.value != nil && t.f32[0] == x {
			return nil
		}
		t.f32 = []float32{x}
		val, err = ort.NewScalar(x)
	case typeInt64:
		x := int64(math.Trunc(v))
		if t.value != nil && t.i64[0] == x {
			return nil
		}
		t.i64 = []int64{x}
		val, err = ort.NewScalar(x)
	case typeInt32:
		x := int32(math.Trunc(v))
		if t.value != nil && t.i32[0] == x {
			return nil
		}
		t.i32 = []int32{x}
		val, err = ort.NewScalar(x)
	}
	if err != nil {
		return fmt.Errorf("creating a %s scalar: %w", typeName(t.typ), err)
	}
	t.destroy()
	t.value = val
	t.scalar = true
	return nil
}

// newTensor allocates a tensor of typ with the given shape (a scalar when
// shape is empty).
func newTensor(typ ort.TensorElementDataType, shape ...int64) (*tensor, error) {
	if len(shape) == 0 {
		return newScalarTensor(typ)
	}
	s := ort.NewShape(shape...)
	t := &tensor{typ: typ, shape: s, n: int(s.FlattenedSize())}
	var err error
	switch typ {
	case typeFloat:
		t.f32 = make([]float32, t.n)
		t.value, err = ort.NewTensor(s, t.f32)
	case typeFloat16:
		t.raw = make([]byte, 2*t.n)
		t.value, err = ort.NewCustomDataTensor(s, t.raw, typeFloat16)
	case typeInt64:
		t.i64 = make([]int64, t.n)
		t.value, err = ort.NewTensor(s, t.i64)
	case typeInt32:
		t.i32 = make([]int32, t.n)
		t.value, err = ort.NewTensor(s, t.i32)
	case ort.TensorElementDataTypeUint8:
		t.u8 = make([]uint8, t.n)
		t.value, err = ort.NewTensor(s, t.u8)
	default:
		return nil, fmt.Errorf("element type %s is not supported", typeName(typ))
	}
	if err != nil {
		return nil, fmt.Errorf("creating a %s tensor %v: %w", typeName(typ), shape, err)
	}
	return t, nil
}

// set fills the tensor from src, which must have its element count.
func (t *tensor) set(src []float32) {
	src = src[:t.n]
	switch t.typ {
	case typeFloat:
		copy(t.f32, src)
	case typeFloat16:
		putFloat16s(t.raw, src)
	case typeInt64:
		for i, v := range src {
			t.i64[i] = int64(v)
		}
	case typeInt32:
		for i, v := range src {
			t.i32[i] = int32(v)
		}
	}
}

// fill sets every element to v (float64, so large integer timesteps stay
// exact). It fails only when a scalar's new value cannot be allocated.
func (t *tensor) fill(v float64) error {
	if t.scalar {
		return t.setScalar(v)
	}
	for i := 0; i < t.n; i++ {
		switch t.typ {
		case typeFloat:
			t.f32[i] = float32(v)
		case typeFloat16:
			h := Float16Bits(float32(v))
			t.raw[2*i], t.raw[2*i+1] = byte(h), byte(h>>8)
		case typeInt64:
			t.i64[i] = int64(math.Trunc(v))
		case typeInt32:
			t.i32[i] = int32(math.Trunc(v))
		}
	}
	return nil
}

// setIDs fills an integer tensor with token ids.
func (t *tensor) setIDs(ids []int64) {
	ids = ids[:t.n]
	switch t.typ {
	case typeInt64:
		copy(t.i64, ids)
	case typeInt32:
		for i, v := range ids {
			t.i32[i] = int32(v)
		}
	}
}

// setRange writes src into elements off..off+len(src)-1 of a float tensor.
func (t *tensor) setRange(off int, src []float32) {
	switch t.typ {
	case typeFloat:
		copy(t.f32[off:off+len(src)], src)
	case typeFloat16:
		putFloat16s(t.raw[2*off:], src)
	}
}

// getRange reads elements off..off+len(dst)-1 of a float tensor into dst.
func (t *tensor) getRange(off int, dst []float32) {
	switch t.typ {
	case typeFloat:
		copy(dst, t.f32[off:off+len(dst)])
	case typeFloat16:
		getFloat16s(dst, t.raw[2*off:])
	}
}

// copyRow copies elements [src*per, (src+1)*per) to row dst of a float tensor.
func (t *tensor) copyRow(dst, src, per int) {
	switch t.typ {
	case typeFloat:
		copy(t.f32[dst*per:(dst+1)*per], t.f32[src*per:(src+1)*per])
	case typeFloat16:
		copy(t.raw[2*dst*per:2*(dst+1)*per], t.raw[2*src*per:2*(src+1)*per])
	}
}

// get reads the tensor into dst, which must have its element count.
func (t *tensor) get(dst []float32) {
	dst = dst[:t.n]
	switch t.typ {
	case typeFloat:
		copy(dst, t.f32)
	case typeFloat16:
		getFloat16s(dst, t.raw)
	case typeInt64:
		for i, v := range t.i64 {
			dst[i] = float32(v)
		}
	case typeInt32:
		for i, v := range t.i32 {
			dst[i] = float32(v)
		}
	}
}

// destroy releases the ONNX Runtime value; the tensor is unusable after.
func (t *tensor) destroy() {
	if t != nil && t.value != nil {
		_ = t.value.Destroy() // never fails for tensors
		t.value = nil
	}
}

// tensorSet owns the tensors of one generation, by name and shape, so each
// is allocated once and reused every step. Sets are pooled per pipeline
// (see Pipeline.takeTensors), so a take reuses the last take's memory.
type tensorSet struct {
	m   map[string]*tensor
	use map[string]int // generation that last used each tensor
	gen int
}

func newTensorSet() *tensorSet { return &tensorSet{m: map[string]*tensor{}, use: map[string]int{}} }

// get returns the tensor stored under key, allocating it with typ and shape
// the first time. fresh reports whether this generation gets it for the
// first time (just allocated, or holding a previous generation's data).
func (s *tensorSet) get(key string, typ ort.TensorElementDataType, shape ...int64) (t *tensor, fresh bool, err error) {
	k := fmt.Sprintf("%s/%d%v", key, typ, shape)
	if t, ok := s.m[k]; ok {
		fresh = s.use[k] != s.gen
		s.use[k] = s.gen
		return t, fresh, nil
	}
	t, err = newTensor(typ, shape...)
	if err != nil {
		return nil, false, err
	}
	s.m[k] = t
	s.use[k] = s.gen
	return t, true, nil
}

// next starts a new generation on the set, first freeing the tensors the
// last generation did not use.
func (s *tensorSet) next() {
	for k, t := range s.m {
		if s.use[k] != s.gen {
			t.destroy()
			delete(s.m, k)
			delete(s.use, k)
		}
	}
	s.gen++
}

// bytes returns the Go-side storage held, for memory accounting.
func (s *tensorSet) bytes() int64 {
	var n int64
	for _, t := range s.m {
		n += int64(4*len(t.f32) + len(t.raw) + 8*len(t.i64) + 4*len(t.i32) + len(t.u8))
	}
	return n
}

func (s *tensorSet) destroy() {
	for k, t := range s.m {
		t.destroy()
		delete(s.m, k)
		delete(s.use, k)
	}
}
