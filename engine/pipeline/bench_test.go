package pipeline

import (
	"context"
	"testing"
)

// BenchmarkPipelineOrdered is the pipeline's own cost per item: work and
// emit do next to nothing, so ns/op is the hand-offs between goroutines.
func BenchmarkPipelineOrdered(b *testing.B) {
	const n = 10000
	b.ReportAllocs()
	for b.Loop() {
		sum := 0
		err := Ordered(context.Background(), n, 0, func() *slot { return &slot{} }, func(i int, s *slot) error { s.v = i; return nil },
			func(i int, s *slot) error { sum += s.v; return nil })
		if err != nil || sum != n*(n-1)/2 {
			b.Fatalf("sum %d, err %v", sum, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
}
