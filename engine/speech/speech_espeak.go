//go:build cgo && !nospeech

package speech

/*
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
*/
import "C"

import (
	"context"
	"fmt"
	"sync"

	"kino/engine/audio"
)

// chunkMillis is the length of the audio chunks espeak hands the callback,
// and so the granularity at which cancellation is noticed.
const chunkMillis = 50

// engine serialises all use of espeak-ng. lock is a one-slot semaphore
// rather than a mutex so that waiting for it honours ctx.
var engine = struct {
	lock     chan struct{}
	voices   []VoiceInfo // cached by Voices
	variants []VoiceInfo
}{lock: make(chan struct{}, 1)}

// resamplers caches the resampler from each native rate to SampleRate.
var resamplers = struct {
	sync.Mutex
	byRate map[int]*audio.Resampler
}{byRate: map[int]*audio.Resampler{}}

// current is the synthesis in progress; only touched with engine.lock held.
var current *job

// job collects the audio of one Synthesize call.
type job struct {
	ctx     context.Context
	pcm     []float32 // at the native rate
	chunks  int
	onChunk func(chunks int) // test hook, called after each chunk
}

// acquire takes the engine lock, giving up when ctx ends first.
func acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case engine.lock <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := ctx.Err(); err != nil {
		<-engine.lock
		return err
	}
	return nil
}

func release() { <-engine.lock }

// withInstance runs fn on a freshly loaded espeak-ng with the lock held.
// The copy kept for phonemizing, if any, is unloaded first, so that fn
// starts from the library's initial state.
func withInstance(ctx context.Context, fn func(*instance) error) error {
	if err := acquire(ctx); err != nil {
		return err
	}
	defer release()
	if err := dropPhonemizer(); err != nil {
		return err
	}
	in, err := open()
	if err != nil {
		return err
	}
	err = fn(in)
	if cerr := in.close(); cerr != nil && err == nil {
		err = fmt.Errorf("%w: %w", ErrUnavailable, cerr)
	}
	return err
}

// Available reports whether speech can be synthesised: nil when
// libespeak-ng and its data load, otherwise an error wrapping
// ErrUnavailable that says why.
func Available() error {
	return withInstance(context.Background(), func(*instance) error { return nil })
}

// NativeRate is espeak-ng's own output rate in Hz (usually 22050), before
// resampling to SampleRate.
func NativeRate() (int, error) {
	var rate int
	err := withInstance(context.Background(), func(in *instance) error {
		rate = in.sampleRate()
		return nil
	})
	return rate, err
}

// DataPath is the espeak-ng data directory in use, for diagnostics.
func DataPath() (string, error) {
	var path string
	err := withInstance(context.Background(), func(in *instance) error {
		path = in.dataPath()
		return nil
	})
	return path, err
}

// Synthesize speaks text with voice v and returns mono float32 PCM at
// SampleRate with samples in [-1, 1]. text is cleaned with CleanText
// first. The same text and voice always give identical samples, whatever
// was spoken before. Cancelling ctx stops synthesis within one 50 ms chunk
// of audio and returns ctx.Err(). Calls are serialised; a call waiting
// its turn also honours ctx.
func Synthesize(ctx context.Context, text string, v Voice) ([]float32, error) {
	return synthesize(ctx, text, v, nil)
}

func synthesize(ctx context.Context, text string, v Voice, onChunk func(int)) ([]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := v.Validate(); err != nil {
		return nil, fmt.Errorf("speaking with voice %q: %w", v.Language, err)
	}
	clean, err := CleanText(text)
	if err != nil {
		return nil, fmt.Errorf("speaking a line: %w", err)
	}
	v = v.withDefaults()
	if v.Language, err = resolveLanguage(ctx, v.Language); err != nil {
		return nil, err
	}
	if v.Variant != "" {
		if err := checkVariant(ctx, v.Variant); err != nil {
			return nil, err
		}
	}
	var (
		pcm  []float32
		rate int
	)
	err = withInstance(ctx, func(in *instance) error {
		rate = in.sampleRate()
		if err := setVoice(in, v); err != nil {
			return err
		}
		j := &job{ctx: ctx, onChunk: onChunk, pcm: make([]float32, 0, rate*2)}
		current = j
		defer func() { current = nil }()
		st := in.synth(clean)
		if err := ctx.Err(); err != nil {
			return err
		}
		if st != C.ENS_OK {
			return fmt.Errorf("speaking %q with voice %s: %s", abbreviate(clean), v.espeakName(), statusMessage(st))
		}
		pcm = j.pcm
		return nil
	})
	if err != nil {
		return nil, err
	}
	r, err := resamplerFor(rate)
	if err != nil {
		return nil, err
	}
	out := r.Resample(pcm)
	for i, s := range out { // the sinc filter can overshoot full scale slightly
		out[i] = max(-1, min(1, s))
	}
	return out, nil
}

// checkVariant reports ErrUnknownVoice for a variant espeak-ng does not
// have; espeak itself would silently ignore it.
func checkVariant(ctx context.Context, name string) error {
	if err := loadVoices(ctx); err != nil {
		return err
	}
	for _, v := range engine.variants {
		if v.Language == name {
			return nil
		}
	}
	return fmt.Errorf("selecting variant %s: %w (see Variants for the list)", name, ErrUnknownVoice)
}

// resamplerFor returns the cached resampler from rate to SampleRate.
func resamplerFor(rate int) (*audio.Resampler, error) {
	resamplers.Lock()
	defer resamplers.Unlock()
	if r := resamplers.byRate[rate]; r != nil {
		return r, nil
	}
	r, err := audio.NewResampler(rate, SampleRate)
	if err != nil {
		return nil, fmt.Errorf("%w: espeak-ng reports sample rate %d: %w", ErrUnavailable, rate, err)
	}
	resamplers.byRate[rate] = r
	return r, nil
}

// setVoice selects v and sets the synthesis parameters. (Punctuation
// announcement keeps its default of none; espeak-ng 1.51 rejects setting
// it in synchronous mode.)
func setVoice(in *instance, v Voice) error {
	if st := in.setVoice(v.espeakName()); st != C.ENS_OK {
		if st == C.ENS_VOICE_NOT_FOUND {
			return fmt.Errorf("selecting voice %s: %w", v.espeakName(), ErrUnknownVoice)
		}
		return fmt.Errorf("selecting voice %s: %s", v.espeakName(), statusMessage(st))
	}
	params := []struct {
		name  string
		param C.espeak_PARAMETER
		value int
	}{
		{"rate", C.espeakRATE, v.Rate},
		{"pitch", C.espeakPITCH, v.Pitch},
	}
	for _, p := range params {
		if st := in.setParam(p.param, p.value); st != C.ENS_OK {
			return fmt.Errorf("setting espeak-ng %s to %d: %s", p.name, p.value, statusMessage(st))
		}
	}
	return nil
}

// abbreviate shortens a line for error messages.
func abbreviate(s string) string {
	const n = 40
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
