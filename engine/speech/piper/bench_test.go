package piper

import (
	"context"
	"testing"
	"time"
)

// tenWords are 10-word lines in each fixture voice's language.
var tenWords = map[string]string{
	voiceDE: "Wir stehen am Strand und schauen dem Feuerwerk am Himmel zu.",
	voiceEN: "We stand on the beach and watch the fireworks light the sky.",
}

// benchSpeak speaks a 10-word line to 48 kHz and reports the real-time
// factor (wall time over audio time) and Kino's overhead around ONNX
// Runtime's Run (phonemizing, ids, resampling) as a share of the time.
func benchSpeak(b *testing.B, name string) {
	s := openVoice(b, name)
	ctx := context.Background()
	text := tenWords[name]
	o := Options{}
	if _, _, err := s.Speak(ctx, text, o, 0); err != nil { // warm the session
		b.Fatal(err)
	}
	var total, run time.Duration
	var samples int
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_, st, err := s.Speak(ctx, text, o, 0)
		if err != nil {
			b.Fatal(err)
		}
		total += st.Total
		run += st.Run
		samples += st.Samples
	}
	audio := float64(samples) / float64(s.Config.SampleRate)
	b.ReportMetric(total.Seconds()/audio, "RTF")
	b.ReportMetric(100*(total-run).Seconds()/total.Seconds(), "overhead_%")
}

// BenchmarkSpeak10WordsDE: the single-speaker 22050 Hz voice.
func BenchmarkSpeak10WordsDE(b *testing.B) { benchSpeak(b, voiceDE) }

// BenchmarkSpeak10WordsEN: the multi-speaker 16000 Hz voice.
func BenchmarkSpeak10WordsEN(b *testing.B) { benchSpeak(b, voiceEN) }

// BenchmarkRunBare10WordsDE runs the graph alone on the line's ids: the
// time Kino's path is compared with.
func BenchmarkRunBare10WordsDE(b *testing.B) {
	s := openVoice(b, voiceDE)
	ctx := context.Background()
	sents, err := s.Phonemes(ctx, tenWords[voiceDE])
	if err != nil {
		b.Fatal(err)
	}
	ids := s.Config.IDs(sents[0].Phonemes, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Run(ctx, ids, 0, s.Config.Scales); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPhonemize10Words is espeak-ng's part on its kept copy of the
// library (loaded by the first call): the clauses, NFD and sentences.
func BenchmarkPhonemize10Words(b *testing.B) {
	s := openVoice(b, voiceDE)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Phonemes(ctx, tenWords[voiceDE]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenVoice reads, checks and loads a voice's session.
func BenchmarkOpenVoice(b *testing.B) {
	needRuntime(b)
	b.ReportAllocs()
	for b.Loop() {
		v, err := ReadVoice(voicePath(voiceDE))
		if err != nil {
			b.Fatal(err)
		}
		s, err := Open(v, sessionCPU)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
