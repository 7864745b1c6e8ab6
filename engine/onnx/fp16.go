package onnx

import (
	"encoding/binary"
	"math"
)

// Float16Bits returns the IEEE 754 binary16 encoding of f, rounded to nearest
// with ties to even. Values too large for float16 become ±Inf, values below
// half the smallest subnormal become ±0, subnormals are kept, and NaN stays
// NaN with the top ten bits of its payload (so every float16 NaN survives a
// round trip through float32 unchanged).
func Float16Bits(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int(b>>23) & 0xff
	mant := b & 0x7fffff
	if exp == 0xff {
		if mant != 0 {
			p := uint16(mant >> 13)
			if p == 0 {
				p = 0x200 // the payload was all in the dropped bits: stay NaN
			}
			return sign | 0x7c00 | p
		}
		return sign | 0x7c00
	}
	e := exp - 127 + 15 // biased float16 exponent
	if e >= 0x1f {
		return sign | 0x7c00
	}
	if e <= 0 {
		// Subnormal (or zero) in float16: shift the full significand,
		// implicit bit included, right by 14-e and round.
		if exp == 0 {
			return sign // float32 subnormals are far below float16's range
		}
		shift := uint(14 - e)
		if shift > 24 {
			return sign
		}
		m := mant | 0x800000
		h := m >> shift
		rem := m & (1<<shift - 1)
		half := uint32(1) << (shift - 1)
		if rem > half || (rem == half && h&1 == 1) {
			h++ // may carry into the smallest normal, which is right
		}
		return sign | uint16(h)
	}
	h := uint32(e)<<10 | mant>>13
	rem := mant & 0x1fff
	if rem > 0x1000 || (rem == 0x1000 && h&1 == 1) {
		h++ // a carry moves into the exponent; 0x7c00 is then Inf
	}
	return sign | uint16(h)
}

// Float16Value returns the float32 equal to the binary16 value h. Every
// float16 value, subnormals included, is exactly representable in float32.
func Float16Value(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h & 0x3ff)
	switch {
	case exp == 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case exp == 0:
		v := float32(mant) * (1.0 / (1 << 24)) // exact: mant < 2^10
		if sign != 0 {
			return -v
		}
		return v
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}

// putFloat16s writes src as little-endian binary16 into dst, which must
// hold 2*len(src) bytes. ONNX Runtime tensors are in host order, which is
// little-endian on every platform Kino supports.
func putFloat16s(dst []byte, src []float32) {
	dst = dst[:2*len(src)]
	for i, v := range src {
		binary.LittleEndian.PutUint16(dst[2*i:], Float16Bits(v))
	}
}

// getFloat16s reads len(dst) little-endian binary16 values from src.
func getFloat16s(dst []float32, src []byte) {
	src = src[:2*len(dst)]
	for i := range dst {
		dst[i] = Float16Value(binary.LittleEndian.Uint16(src[2*i:]))
	}
}
