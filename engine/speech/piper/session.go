package piper

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"kino/engine/audio"
	"kino/engine/onnx"
	"kino/engine/speech"
)

// MaxTextRunes is the longest text Speak and Sentences accept, in
// characters after cleaning. It is spoken sentence by sentence, so memory
// stays bounded by the longest sentence, not by the text.
const MaxTextRunes = 100_000

// DefaultSentenceSilence is the pause Piper puts after each sentence.
const DefaultSentenceSilence = 0.2

// Session is a voice loaded on ONNX Runtime, ready to speak. It is safe
// for concurrent use.
type Session struct {
	*Voice
	graph     *onnx.GraphSession
	inputs    []string
	resampler *audio.Resampler
}

// Open loads v's graph on the process's ONNX Runtime (see
// onnx.OpenGraph) with cfg's threads. v's graph bytes are released once
// the session holds them.
func Open(v *Voice, cfg onnx.SessionConfig) (*Session, error) {
	if v.data == nil {
		return nil, fmt.Errorf("Piper voice %s: its graph was already loaded once; read it again", v.Name)
	}
	inputs := []string{inputIDs, inputLengths, inputScales}
	if v.MultiSpeaker() {
		inputs = append(inputs, inputSpeaker)
	}
	output := outputAudio
	if !sliceHas(v.graph.outputs, output) {
		output = v.graph.outputs[0]
	}
	seeded, _, err := seedNoise(v.data, v.noise)
	if err != nil {
		return nil, &VoiceError{Voice: v.Name, File: v.ModelPath, Err: err}
	}
	g, err := onnx.OpenGraph(cfg, "voice "+v.Name, seeded, inputs, []string{output})
	if err != nil {
		return nil, &VoiceError{Voice: v.Name, File: v.ModelPath, Err: err}
	}
	v.data = nil
	rs, err := audio.NewResampler(v.Config.SampleRate, speech.SampleRate)
	if err != nil {
		g.Close()
		return nil, &VoiceError{Voice: v.Name, File: v.ConfigPath, Err: err}
	}
	return &Session{Voice: v, graph: g, inputs: inputs, resampler: rs}, nil
}

func sliceHas(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// Close releases the session.
func (s *Session) Close() { s.graph.Close() }

// Options tune one synthesis.
type Options struct {
	// Speaker is the speaker id of a multi-speaker voice.
	Speaker int
	// Scales replace the voice's defaults when set (see DefaultScales).
	Scales *Scales
}

// scales returns the scales to use.
func (s *Session) scales(o Options) (Scales, error) {
	sc := s.Config.Scales
	if o.Scales != nil {
		sc = *o.Scales
	}
	if err := sc.Validate(); err != nil {
		return sc, fmt.Errorf("Piper voice %s: %w", s.Name, err)
	}
	return sc, nil
}

// checkSpeaker refuses a speaker the voice does not have.
func (s *Session) checkSpeaker(o Options) error {
	n := s.Config.NumSpeakers
	if o.Speaker < 0 || o.Speaker >= n {
		if n == 1 {
			return fmt.Errorf("Piper voice %s has one speaker; speaker %d does not exist", s.Name, o.Speaker)
		}
		return fmt.Errorf("Piper voice %s has speakers 0 to %d; speaker %d does not exist", s.Name, n-1, o.Speaker)
	}
	return nil
}

// Stats describe one synthesis, for notes and benchmarks.
type Stats struct {
	Sentences int
	// Split counts sentences cut at MaxSentencePhonemes.
	Split int
	// Missing counts the phonemes the voice does not know, skipped.
	Missing map[rune]int
	// Samples is the number of samples the model made (its own rate).
	Samples int
	// Phonemize, Run and Resample are the time spent in espeak-ng, in
	// ONNX Runtime and in resampling; Total is the whole call.
	Phonemize, Run, Resample, Total time.Duration
}

// Notes words what a person should know about the synthesis.
func (st Stats) Notes() []string {
	var notes []string
	if n := len(st.Missing); n > 0 {
		keys := make([]rune, 0, n)
		total := 0
		for r, k := range st.Missing {
			keys = append(keys, r)
			total += k
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		var parts []string
		for _, r := range keys {
			parts = append(parts, fmt.Sprintf("%q (U+%04X) ×%d", string(r), r, st.Missing[r]))
		}
		notes = append(notes, fmt.Sprintf("%d phoneme(s) the voice does not know were skipped, as Piper does: %s", total, strings.Join(parts, ", ")))
	}
	if st.Split > 0 {
		notes = append(notes, fmt.Sprintf("%d sentence(s) longer than %d phonemes were split at word boundaries", st.Split, MaxSentencePhonemes))
	}
	return notes
}

// Phonemes cleans text and turns it into sentences of phonemes with the
// voice's espeak-ng voice.
func (s *Session) Phonemes(ctx context.Context, text string) ([]Sentence, error) {
	return Phonemize(ctx, s.Config, text)
}

// Phonemize cleans text (see speech.CleanTextLimit, with MaxTextRunes)
// and turns it into Piper sentences with the config's espeak-ng voice.
func Phonemize(ctx context.Context, c *Config, text string) ([]Sentence, error) {
	clean, err := speech.CleanTextLimit(text, MaxTextRunes)
	if err != nil {
		return nil, err
	}
	clauses, err := speech.Phonemize(ctx, clean, c.Espeak)
	if err != nil {
		return nil, fmt.Errorf("phonemizing with espeak-ng voice %s: %w", c.Espeak, err)
	}
	return Sentences(clauses), nil
}

// Audio is one sentence spoken.
type Audio struct {
	Sentence Sentence
	IDs      []int64
	// Samples are the model's output, unchanged, at the voice's rate.
	Samples []float32
}

// Sentences speaks text one sentence at a time, calling fn with each
// sentence's audio in order (fn must not keep Samples past its return if
// it wants memory bounded). An error from fn stops and is returned.
func (s *Session) Sentences(ctx context.Context, text string, o Options, fn func(Audio) error) (Stats, error) {
	start := time.Now()
	st := Stats{Missing: map[rune]int{}}
	sc, err := s.scales(o)
	if err != nil {
		return st, err
	}
	if err := s.checkSpeaker(o); err != nil {
		return st, err
	}
	sents, err := s.Phonemes(ctx, text)
	st.Phonemize = time.Since(start)
	if err != nil {
		return st, err
	}
	for _, sent := range sents {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		if sent.Split {
			st.Split++
		}
		if err := s.speakSentence(ctx, sent, o.Speaker, sc, &st, fn); err != nil {
			return st, err
		}
	}
	st.Total = time.Since(start)
	return st, nil
}

// speakSentence runs the graph on one sentence. A run that fails on a
// long sentence (one needing more noise than the seeded tables hold, say)
// is tried again as two halves split at a word boundary.
func (s *Session) speakSentence(ctx context.Context, sent Sentence, speaker int, sc Scales, st *Stats, fn func(Audio) error) error {
	missing := map[rune]int{}
	ids := s.Config.IDs(sent.Phonemes, missing)
	t := time.Now()
	samples, err := s.Run(ctx, ids, speaker, sc)
	st.Run += time.Since(t)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		a, b, ok := halve(sent)
		if !ok {
			return err
		}
		st.Split++
		if err := s.speakSentence(ctx, a, speaker, sc, st, fn); err != nil {
			return err
		}
		return s.speakSentence(ctx, b, speaker, sc, st, fn)
	}
	for r, n := range missing {
		st.Missing[r] += n
	}
	st.Sentences++
	st.Samples += len(samples)
	return fn(Audio{Sentence: sent, IDs: ids, Samples: samples})
}

// halve splits a sentence at the word boundary nearest its middle.
func halve(s Sentence) (Sentence, Sentence, bool) {
	ph := s.Phonemes
	mid := len(ph) / 2
	for d := 0; d < mid; d++ {
		for _, i := range []int{mid - d, mid + d} {
			if i > 0 && i < len(ph)-1 && ph[i] == ' ' {
				return Sentence{Phonemes: ph[:i:i], Split: true}, Sentence{Phonemes: ph[i+1:], Split: s.Split}, true
			}
		}
	}
	return s, s, false
}

// Speak speaks text and returns mono float32 samples at speech.SampleRate
// (48 kHz): the sentences in order with silence seconds between them.
func (s *Session) Speak(ctx context.Context, text string, o Options, silence float64) ([]float32, Stats, error) {
	start := time.Now()
	var out []float32
	gap := int(silence * speech.SampleRate)
	var resample time.Duration
	st, err := s.Sentences(ctx, text, o, func(a Audio) error {
		t := time.Now()
		if len(out) > 0 && gap > 0 {
			out = append(out, make([]float32, gap)...)
		}
		if rs := s.resampler.Resample(a.Samples); len(out) == 0 {
			out = rs // most lines are one sentence: no copy
		} else {
			out = append(out, rs...)
		}
		resample += time.Since(t)
		return nil
	})
	st.Resample = resample
	st.Total = time.Since(start)
	if err != nil {
		return nil, st, err
	}
	for i, v := range out { // the sinc filter can overshoot full scale slightly
		out[i] = max(-1, min(1, v))
	}
	return out, st, nil
}

// Run runs the graph once on ids, as Piper does for one sentence, and
// returns the output samples at the voice's rate.
func (s *Session) Run(ctx context.Context, ids []int64, speaker int, sc Scales) ([]float32, error) {
	if len(ids) == 0 {
		return nil, errors.New("no phoneme ids to speak")
	}
	var vals []ort.Value
	defer func() {
		for _, v := range vals {
			v.Destroy()
		}
	}()
	idT, err := ort.NewTensor(ort.NewShape(1, int64(len(ids))), ids)
	if err != nil {
		return nil, fmt.Errorf("voice %s: %w", s.Name, err)
	}
	vals = append(vals, idT)
	lenT, err := ort.NewTensor(ort.NewShape(1), []int64{int64(len(ids))})
	if err != nil {
		return nil, fmt.Errorf("voice %s: %w", s.Name, err)
	}
	vals = append(vals, lenT)
	scT, err := ort.NewTensor(ort.NewShape(3), []float32{sc.Noise, sc.Length, sc.NoiseW})
	if err != nil {
		return nil, fmt.Errorf("voice %s: %w", s.Name, err)
	}
	vals = append(vals, scT)
	if len(s.inputs) == 4 {
		sidT, err := ort.NewTensor(ort.NewShape(1), []int64{int64(speaker)})
		if err != nil {
			return nil, fmt.Errorf("voice %s: %w", s.Name, err)
		}
		vals = append(vals, sidT)
	}
	outs := []ort.Value{nil}
	if err := s.graph.Run(ctx, vals, outs); err != nil {
		return nil, err
	}
	defer outs[0].Destroy()
	t, ok := outs[0].(*ort.Tensor[float32])
	if !ok {
		return nil, fmt.Errorf("voice %s: the graph's output is %v, not float32 samples", s.Name, outs[0].GetONNXType())
	}
	shape := t.GetShape()
	if len(shape) != 4 && len(shape) != 3 {
		return nil, fmt.Errorf("voice %s: the graph's output has shape %v; Piper voices give [1, 1, 1, samples]", s.Name, shape)
	}
	return append([]float32(nil), t.GetData()...), nil
}

// Provider statistics for benchmarks: runs and time inside ONNX Runtime.
func (s *Session) RunStats() (int64, time.Duration) { return s.graph.Stats() }
