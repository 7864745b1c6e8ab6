package scene

import (
	"fmt"
	"strings"
	"testing"

	"kino/engine"
	"kino/project"
)

const (
	seedDE = "Ich, am Strand bei Sonnenuntergang, mit einem Glas Sekt, während ein Feuerwerk den Himmel zerschneidet"
	seedEN = "me on the beach at sunset with a glass of champagne while fireworks cut the sky"
)

// longPrompt returns a varied prompt of about n bytes (cut at a word).
func longPrompt(n int) string {
	parts := []string{seedDE, seedEN,
		"Zwei Hunde laufen durch den verschneiten Wald, Kamera schwenkt nach links.",
		"a crowd at a concert with confetti and sparks, handheld, neon lights.",
		"Ein Taucher zwischen Fischen am Korallenriff, Geschäftsmann mit Sektgläsern.",
		"pan from left to right over the desert dunes at dusk, qwertz unknown words here.",
		"@anna and @ben dance; she waves while he runs, no rain, keine Menschen."}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(parts[i%len(parts)])
		b.WriteByte(' ')
	}
	s := b.String()[:n]
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	return s
}

func benchParse(b *testing.B, req engine.Request) {
	b.ReportAllocs()
	b.SetBytes(int64(len(req.Prompt)))
	for b.Loop() {
		Parse(req)
	}
}

func BenchmarkParseSeedDE(b *testing.B) { benchParse(b, engine.Request{Prompt: seedDE}) }
func BenchmarkParseSeedEN(b *testing.B) { benchParse(b, engine.Request{Prompt: seedEN}) }

func BenchmarkParseSeedDECast(b *testing.B) {
	benchParse(b, engine.Request{Prompt: seedDE, Cast: []engine.CastCameo{{Handle: "@anna", Name: "Anna", IsSelf: true}, {Handle: "@ben", Name: "Ben"}}})
}

// BenchmarkParseSize shows that parsing time grows linearly with the
// prompt, up to engine.MaxPromptBytes.
func BenchmarkParseSize(b *testing.B) {
	for _, n := range []int{1 << 10, 2 << 10, 4 << 10, engine.MaxPromptBytes} {
		b.Run(fmt.Sprintf("%dB", n), func(b *testing.B) { benchParse(b, engine.Request{Prompt: longPrompt(n)}) })
	}
}

// BenchmarkParseWorstCase runs 8 KB prompts built to stress one part:
// hundreds of unknown @handles, long unknown German words (compound
// search), emoji, and verbs with nobody to do them.
func BenchmarkParseWorstCase(b *testing.B) {
	var handles strings.Builder
	for i := 0; handles.Len() < engine.MaxPromptBytes-8; i++ {
		fmt.Fprintf(&handles, "@u%d ", i)
	}
	fill := func(s string) string { return strings.Repeat(s, engine.MaxPromptBytes/len(s)) }
	for name, p := range map[string]string{
		"handles":   handles.String(),
		"compounds": "der " + fill("Donaudampfschifffahrtsgesellschaftskapitaen "),
		"emoji":     fill("🎆🥂"),
		"verbs":     fill("dancing "),
	} {
		b.Run(name, func(b *testing.B) { benchParse(b, engine.Request{Prompt: p, Cast: castAnnaBen}) })
	}
}

func BenchmarkEvents(b *testing.B) {
	p := Parse(engine.Request{Prompt: "fireworks over the city during a thunderstorm"})
	b.ReportAllocs()
	for b.Loop() {
		Events(&p, 42, 24*60, project.DefaultRate)
	}
}

// BenchmarkRead1000Words reads a prompt of 1,000 words of screenplay (the
// corpus's lines one after another): the bar is 1 ms.
func BenchmarkRead1000Words(b *testing.B) {
	var words []string
	for _, l := range loadCorpus(b, "dev") {
		words = append(words, strings.Fields(l.text)...)
		if len(words) >= 1000 {
			break
		}
	}
	prompt := strings.Join(words[:1000], " ")
	req := engine.DefaultRequest()
	req.Prompt = prompt
	if norm, _, err := req.Normalize(); err == nil {
		req = norm
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(req.Prompt)))
	for b.Loop() {
		Parse(req)
	}
}
