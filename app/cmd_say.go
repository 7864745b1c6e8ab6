package app

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kino/engine/onnx"
	"kino/engine/speech"
	"kino/engine/speech/piper"
	"kino/project"
)

const saySynopsis = `"TEXT" --voice V [--speaker N] [--noise-scale x --length-scale y --noise-w z] --out FILE.wav [--raw]`

func cmdSay(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino say", saySynopsis,
		"Speak a line outside any project. V is an installed Piper voice (NAME or piper:NAME[#SPEAKER]),\n"+
			"a voice's .onnx file, or an espeak-ng language (en, de). A Piper voice writes the 16-bit WAV\n"+
			"Piper itself writes (each sentence peak-normalised, 0.2 s of silence between sentences, at the voice's\n"+
			"own rate); --raw writes the model's output samples unchanged as 32-bit float, sentences back\n"+
			"to back. Text \"-\" reads the line from standard input.")
	voiceArg := fs.String("voice", "", "the voice (required)")
	speakerArg := fs.String("speaker", "", "speaker of a multi-speaker voice: a number or a name")
	noise := fs.Float64("noise-scale", -1, "noise scale (default: the voice's)")
	length := fs.Float64("length-scale", -1, "length scale, above 1 is slower (default: the voice's)")
	noiseW := fs.Float64("noise-w", -1, "noise width (default: the voice's)")
	out := fs.String("out", "", "the WAV file to write (required)")
	raw := fs.Bool("raw", false, "write the model's float samples unchanged at the voice's rate")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	if *voiceArg == "" || *out == "" {
		fs.Usage()
		return usagef("kino say: --voice and --out are required")
	}
	text := pos[0]
	if text == "-" {
		b, err := io.ReadAll(io.LimitReader(e.In, 4*piper.MaxTextRunes+1))
		if err != nil {
			return fmt.Errorf("reading the line from standard input: %w", err)
		}
		text = string(b)
	}
	set := fs.given()
	tuned := set["noise-scale"] || set["length-scale"] || set["noise-w"]
	s, release, speaker, err := sayVoice(*voiceArg, *speakerArg)
	if errors.Is(err, errNotPiper) {
		if tuned || *raw || set["speaker"] {
			return usagef("--voice %s is not an installed Piper voice, so --raw, --speaker and the scales do not apply (installed: %s)", *voiceArg, installedVoices())
		}
		return sayEspeak(ctx, e, text, *voiceArg, *out)
	}
	if err != nil {
		return err
	}
	defer release()
	sc := s.Config.Scales
	if set["noise-scale"] {
		sc.Noise = float32(*noise)
	}
	if set["length-scale"] {
		sc.Length = float32(*length)
	}
	if set["noise-w"] {
		sc.NoiseW = float32(*noiseW)
	}
	if err := sc.Validate(); err != nil {
		return usagef("%v", err)
	}
	start := time.Now()
	st, err := writeSpeech(ctx, *out, s, text, piper.Options{Speaker: speaker, Scales: &sc}, *raw)
	if err != nil {
		return err
	}
	for _, n := range st.Notes() {
		fmt.Fprintf(e.Err, "kino: note: %s\n", n)
	}
	secs := float64(st.Samples) / float64(s.Config.SampleRate)
	wall := time.Since(start).Seconds()
	fmt.Fprintf(e.Out, "Wrote %s: %.2f s at %d Hz, %d sentence(s), voice %s speaker %d, scales %.3g/%.3g/%.3g (%.2fx real time)\n",
		*out, secs, s.Config.SampleRate, st.Sentences, s.Name, speaker, sc.Noise, sc.Length, sc.NoiseW, wall/max(secs, 1e-9))
	return nil
}

var errNotPiper = errors.New("not a Piper voice")

// sayVoice finds the voice V names: a path to a .onnx file, piper:NAME or
// NAME in the models folder. It returns errNotPiper for a name that is
// none of these (an espeak-ng language).
func sayVoice(arg, speakerArg string) (*piper.Session, func(), int, error) {
	spec := strings.TrimSpace(arg)
	var s *piper.Session
	var release func()
	var speaker string
	switch {
	case strings.HasSuffix(spec, piper.ModelExt) || strings.ContainsRune(spec, filepath.Separator):
		v, err := piper.ReadVoice(spec)
		if err != nil {
			return nil, nil, 0, err
		}
		if s, err = piper.Open(v, onnx.SessionConfig{Policy: onnx.PolicyCPU}); err != nil {
			return nil, nil, 0, err
		}
		release = s.Close
	default:
		model, sp, isPiper, err := project.ParseVoiceModel(spec)
		if err != nil {
			return nil, nil, 0, usagef("--voice: %v", project.ErrorMessage(err))
		}
		name := strings.TrimPrefix(model, project.PiperPrefix)
		if !isPiper {
			name, sp, _ = strings.Cut(spec, "#")
		}
		speaker = sp
		lib := voiceLibrary()
		if _, err := lib.Find(name); errors.Is(err, piper.ErrNotInstalled) && !isPiper {
			return nil, nil, 0, errNotPiper
		}
		if s, release, err = lib.Acquire(name); err != nil {
			return nil, nil, 0, fmt.Errorf("--voice %s: %w", arg, err)
		}
	}
	if speakerArg != "" {
		speaker = speakerArg
	}
	id, err := s.Config.SpeakerID(speaker)
	if err != nil {
		release()
		return nil, nil, 0, usagef("--speaker: Piper voice %s: %v", s.Name, err)
	}
	return s, release, id, nil
}

func installedVoices() string {
	var names []string
	for _, i := range voiceLibrary().Voices() {
		if i.Loads() {
			names = append(names, i.Name)
		}
	}
	if len(names) == 0 {
		return "none in " + ModelsDir()
	}
	return strings.Join(names, ", ")
}

// writeSpeech speaks text with s into the WAV file path, one sentence at
// a time (memory stays bounded by the longest sentence). The file appears
// only when it is complete.
func writeSpeech(ctx context.Context, path string, s *piper.Session, text string, o piper.Options, raw bool) (piper.Stats, error) {
	w, err := newWAVStream(path, s.Config.SampleRate, raw)
	if err != nil {
		return piper.Stats{}, err
	}
	defer w.abort()
	silence := make([]int16, int(piper.DefaultSentenceSilence*float64(s.Config.SampleRate)))
	first := true
	st, err := s.Sentences(ctx, text, o, func(a piper.Audio) error {
		if raw {
			return w.writeFloat(a.Samples)
		}
		if !first { // Piper pauses between sentences, not after the last
			if err := w.writeInt16(silence); err != nil {
				return err
			}
		}
		first = false
		return w.writeInt16(piperInt16(a.Samples))
	})
	if err != nil {
		return st, fmt.Errorf("speaking into %s: %w", path, err)
	}
	return st, w.finish()
}

// piperInt16 converts one sentence as Piper does: scale by 32767 over
// the sentence's peak (at least 0.01), clamp to the int16 range, truncate
// toward zero.
func piperInt16(x []float32) []int16 {
	var peak float32
	for _, v := range x {
		peak = max(peak, float32(math.Abs(float64(v))))
	}
	scale := 32767 / max(0.01, peak)
	out := make([]int16, len(x))
	for i, v := range x {
		out[i] = int16(max(-32768, min(32767, v*scale)))
	}
	return out
}

// sayEspeak speaks text with espeak-ng (48 kHz, 16-bit).
func sayEspeak(ctx context.Context, e *env, text, lang, path string) error {
	pcm, err := speech.Synthesize(ctx, text, speech.Voice{Language: lang})
	if err != nil {
		return err
	}
	w, err := newWAVStream(path, speech.SampleRate, false)
	if err != nil {
		return err
	}
	defer w.abort()
	q := make([]int16, len(pcm))
	for i, v := range pcm {
		q[i] = int16(math.Round(float64(max(-1, min(1, v))) * 32767))
	}
	if err := w.writeInt16(q); err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Wrote %s: %.2f s at %d Hz with espeak-ng voice %s\n", path, float64(len(pcm))/speech.SampleRate, speech.SampleRate, lang)
	return nil
}

// wavStream writes a mono WAV file whose length is not known in advance:
// into a temporary file beside path, with the sizes filled in and the
// file moved into place by finish.
type wavStream struct {
	path  string
	f     *os.File
	w     *bufio.Writer
	rate  int
	float bool
	bytes int64
	done  bool
}

func newWAVStream(path string, rate int, float bool) (*wavStream, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	s := &wavStream{path: path, f: f, w: bufio.NewWriterSize(f, 64<<10), rate: rate, float: float}
	s.header()
	return s, nil
}

// header writes the RIFF header with the current data size.
func (s *wavStream) header() {
	rate := s.rate
	le := binary.LittleEndian
	bits, tag := 16, uint16(1)
	if s.float {
		bits, tag = 32, 3
	}
	b := make([]byte, 0, 44)
	b = append(b, "RIFF"...)
	b = le.AppendUint32(b, uint32(36+s.bytes))
	b = append(b, "WAVEfmt "...)
	b = le.AppendUint32(b, 16)
	b = le.AppendUint16(b, tag)
	b = le.AppendUint16(b, 1)
	b = le.AppendUint32(b, uint32(rate))
	b = le.AppendUint32(b, uint32(rate*bits/8))
	b = le.AppendUint16(b, uint16(bits/8))
	b = le.AppendUint16(b, uint16(bits))
	b = append(b, "data"...)
	b = le.AppendUint32(b, uint32(s.bytes))
	s.w.Write(b)
}

// maxWAVData is what a RIFF size field can hold.
const maxWAVData = math.MaxUint32 - 36

func (s *wavStream) grow(n int64) error {
	if s.bytes+n > maxWAVData {
		return fmt.Errorf("writing %s: the sound is longer than a WAV file can hold", s.path)
	}
	s.bytes += n
	return nil
}

func (s *wavStream) writeFloat(x []float32) error {
	if err := s.grow(int64(4 * len(x))); err != nil {
		return err
	}
	var b [4]byte
	for _, v := range x {
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(v))
		s.w.Write(b[:])
	}
	return nil
}

func (s *wavStream) writeInt16(x []int16) error {
	if err := s.grow(int64(2 * len(x))); err != nil {
		return err
	}
	var b [2]byte
	for _, v := range x {
		binary.LittleEndian.PutUint16(b[:], uint16(v))
		s.w.Write(b[:])
	}
	return nil
}

// finish fills in the sizes and moves the file into place.
func (s *wavStream) finish() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", s.path, err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("writing %s: %w", s.path, err)
	}
	s.w.Reset(s.f)
	s.header()
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", s.path, err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", s.path, err)
	}
	if err := s.f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", s.path, err)
	}
	if err := os.Rename(s.f.Name(), s.path); err != nil {
		return fmt.Errorf("writing %s: %w", s.path, err)
	}
	s.done = true
	return nil
}

// abort removes the temporary file unless finish moved it into place.
func (s *wavStream) abort() {
	if !s.done {
		s.f.Close()
		os.Remove(s.f.Name())
	}
}
