package onnx

import (
	"path/filepath"
	"testing"
)

// TestFidelityFP16Pack runs the float16 conversion of the real-architecture
// pack (packaging/pack-fp16.py: float16 weights and I/O) against the
// float32 PyTorch reference.
//
// Tolerances, from float16's precision: a float16 value carries 11
// significant bits, so rounding moves it by up to half a step (ulp) of
// 2^-10 of its binade.
//   - Text embeddings: below 4 in size, they leave the encoder as float16,
//     where the ulp at [2, 4) is 2^-9 = 2.0e-3: rounding alone is up to
//     9.8e-4, plus what the float16 weights change (each off by up to
//     2^-11 of itself). Allowed: 3e-3 (measured 1.4e-3).
//   - Latents: they reach about 14 in size, where the ulp is 2^-7 = 7.8e-3;
//     each step reads the rounded latent and the UNet's float16 output.
//     Allowed: 2e-2, about 2.5 ulps (measured 1.0e-2 after step 0 and
//     8.3e-3 after the last).
//   - The 8-bit image: the decoder's float16 output in [-1, 1] is off by up
//     to 2.4e-4, a third of a level after scaling by 127.5, on top of the
//     latent's error carried through the decoder. Allowed: 2 levels
//     (measured 1).
//
// A wrong conversion (a byte-order slip, a missed scale, float16 read as
// float32) is off by orders of magnitude more.
func TestFidelityFP16Pack(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join(realDir, "tiny-sd-real-fp16"))
	if err != nil {
		t.Fatal(err)
	}
	pl := loadPipelineAt(t, dir)
	if u := pl.Spec.UNet; u.Type != typeFloat16 || pl.Spec.Text.Out != typeFloat16 || pl.Spec.Decoder.Type != typeFloat16 {
		t.Fatalf("the converted pack's I/O is not float16: %s", pl.Spec)
	}
	runReferenceWith(t, dir, tolerances{text: 3e-3, initNoise: 1e-6, latent: 2e-2, levels: 2})
}
