package tokenizer

import (
	"strings"
	"testing"
)

// prompt70 is a 70-word shot prompt.
var prompt70 = "Me on the beach at sunset with a glass of champagne while fireworks cut the sky, " +
	"slow dolly in from the waterline, anamorphic lens flare, warm golden light on wet sand, " +
	"gentle waves, crowd cheering softly in the distance, film grain, shallow depth of field, " +
	"35mm, cinematic colour grade, long shadows, sparks reflected in the glass, breeze moving my hair, " +
	"handheld feel, vivid saturated teal and orange palette, ultra detailed"

func BenchmarkEncodePadded70Words(b *testing.B) {
	tok := clipTokenizer(b)
	if n := len(strings.Fields(prompt70)); n != 70 {
		b.Fatalf("prompt has %d words", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		tok.EncodePadded(prompt70, ContextLength)
	}
}

// BenchmarkEncodePadded70WordsCold measures the same prompt with an empty
// word cache each time, so every word goes through BPE.
func BenchmarkEncodePadded70WordsCold(b *testing.B) {
	tok := clipTokenizer(b)
	b.ReportAllocs()
	for b.Loop() {
		fresh(b, tok).EncodePadded(prompt70, ContextLength)
	}
}

func BenchmarkLoadCLIPGzip(b *testing.B) {
	p := vocabPath(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadCLIPGzip(p); err != nil {
			b.Fatal(err)
		}
	}
}
