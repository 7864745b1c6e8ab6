package piper

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"kino/engine/onnx"
)

// TestNoisyMatchesPiperWithItsNoise puts PyTorch's random draws of the
// noisy references into the graph's noise tables: Kino's path then gives
// PyTorch's samples with the voice's own noise scales.
func TestNoisyMatchesPiperWithItsNoise(t *testing.T) {
	needRuntime(t)
	for _, c := range []string{"de_noisy", "en_sid1_noisy"} {
		dir := filepath.Join("testdata", "references", c)
		ref := readCase(t, dir)
		t.Run(c, func(t *testing.T) {
			dp, _ := readNPY(t, filepath.Join(dir, "noise_dp.npy"))
			z, _ := readNPY(t, filepath.Join(dir, "noise_z.npy"))
			want, _ := readNPY(t, filepath.Join(dir, "audio.npy"))
			v, err := ReadVoice(voicePath(ref.Voice))
			if err != nil {
				t.Fatal(err)
			}
			v.noise = [][]float32{dp, z}
			s, err := Open(v, onnx.SessionConfig{Policy: onnx.PolicyCPU})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			o := Options{Scales: &Scales{Noise: ref.Scales[0], Length: ref.Scales[1], NoiseW: ref.Scales[2]}}
			if ref.SID != nil {
				o.Speaker = *ref.SID
			}
			var got []float32
			if _, err := s.Sentences(context.Background(), ref.Text, o, func(a Audio) error {
				if !slices.Equal(a.IDs, ref.IDs) {
					t.Errorf("ids %v, want %v", a.IDs, ref.IDs)
				}
				got = append(got, a.Samples...)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d samples, PyTorch made %d", len(got), len(want))
			}
			worst := 0.0
			for i := range want {
				worst = max(worst, math.Abs(float64(got[i]-want[i])))
			}
			t.Logf("max |Δ| %.2g over %d samples", worst, len(want))
			if worst > 1e-4 {
				t.Errorf("max difference %.3g, tolerance 1e-4", worst)
			}
		})
	}
}

// TestSameLineSameSound: with the voice's noise on, a line sounds the
// same every time, in a new session too (Kino's seeded noise, not ONNX
// Runtime's clock-seeded generator).
func TestSameLineSameSound(t *testing.T) {
	s := openVoice(t, voiceEN)
	ctx := context.Background()
	line := "Hello there, how are you?"
	a, _, err := s.Speak(ctx, line, Options{Speaker: 1}, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := s.Speak(ctx, line, Options{Speaker: 1}, 0)
	v, err := ReadVoice(voicePath(voiceEN))
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := Open(v, onnx.SessionConfig{Policy: onnx.PolicyCPU})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	c, _, _ := fresh.Speak(ctx, line, Options{Speaker: 1}, 0)
	if !slices.Equal(a, b) || !slices.Equal(a, c) {
		t.Fatal("the same line sounds different")
	}
	// The noise is on: noise scales 0 give another rendition.
	quiet, _, _ := s.Speak(ctx, line, Options{Speaker: 1, Scales: &Scales{Length: 1}}, 0)
	if slices.Equal(a, quiet) {
		t.Error("the voice's noise scales change nothing")
	}
}
