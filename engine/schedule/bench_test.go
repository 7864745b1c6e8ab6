package schedule

import "testing"

// benchSize is one 4x64x64 latent (a 512x512 image).
const benchSize = 4 * 64 * 64

func benchSlices() (x, m, z []float32) {
	return gaussian(1, benchSize), gaussian(2, benchSize), gaussian(3, benchSize)
}

func BenchmarkEulerStep(b *testing.B) {
	x, m, _ := benchSlices()
	b.ReportAllocs()
	for b.Loop() {
		EulerStep(x, x, m, 1.5, 1.2, PredictEpsilon)
	}
}

func BenchmarkEulerAncestralStep(b *testing.B) {
	x, m, z := benchSlices()
	b.ReportAllocs()
	for b.Loop() {
		EulerAncestralStep(x, x, m, z, 1.5, 1.2, PredictEpsilon)
	}
}

func BenchmarkDDIMStep(b *testing.B) {
	x, m, _ := benchSlices()
	b.ReportAllocs()
	for b.Loop() {
		DDIMStep(x, x, m, 0.5, 0.6, PredictEpsilon, 0)
	}
}

func BenchmarkDDIMStepClipped(b *testing.B) {
	x, m, _ := benchSlices()
	b.ReportAllocs()
	for b.Loop() {
		DDIMStep(x, x, m, 0.5, 0.6, PredictEpsilon, 1)
	}
}

func BenchmarkLCMStep(b *testing.B) {
	x, m, z := benchSlices()
	b.ReportAllocs()
	for b.Loop() {
		LCMDenoise(x, x, m, 0.5, 1e-8, 0.99, PredictEpsilon, 0)
		LCMRenoise(x, x, z, 0.6)
	}
}

func BenchmarkFlowEulerStep(b *testing.B) {
	x, m, _ := benchSlices()
	b.ReportAllocs()
	for b.Loop() {
		FlowEulerStep(x, x, m, 0.75, 0.5)
	}
}

func BenchmarkSamplerStepEuler(b *testing.B) {
	s, err := New(Euler, DefaultConfig(), 20)
	if err != nil {
		b.Fatal(err)
	}
	x, m, _ := benchSlices()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Step(x, m, nil, 3); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNoiseFill(b *testing.B) {
	n := NewNoise(1)
	z := make([]float32, benchSize)
	b.ReportAllocs()
	for b.Loop() {
		n.Fill(z)
	}
}
