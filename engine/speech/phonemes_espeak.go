//go:build cgo && !nospeech

package speech

/*
#include <stdlib.h>
#include <espeak-ng/espeak_ng.h>
*/
import "C"

import (
	"context"
	"fmt"
	"unicode/utf8"
	"unsafe"
)

// Phonemize translates text into IPA phonemes with the espeak-ng voice
// named voice (a language such as "de" or "en-us"), clause by clause, the
// way piper-phonemize calls espeak_TextToPhonemes: UTF-8 text, IPA without
// ties or separators. The text is used as given (not cleaned); it must be
// valid UTF-8 and at most MaxPhonemizeBytes long. Cancelling ctx stops
// between clauses.
//
// Unlike Synthesize, which loads a fresh copy of the library for every
// line, Phonemize keeps one copy loaded with its voice selected, as
// piper-phonemize keeps espeak-ng initialised for the life of the
// process: loading the library and a language's dictionary costs about
// 9 ms, the phonemes of a 10-word line well under one. Translating text
// to phonemes does not depend on earlier calls (a test phonemizes lines
// in different orders and languages against fresh copies); the kept copy
// is unloaded before any other use of the library and after an error.
func Phonemize(ctx context.Context, text, voice string) ([]Clause, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !utf8.ValidString(text) {
		return nil, ErrInvalidText
	}
	if len(text) > MaxPhonemizeBytes {
		return nil, fmt.Errorf("%w: %d bytes to phonemize at once, the limit is %d", ErrTextTooLong, len(text), MaxPhonemizeBytes)
	}
	if err := checkName("language", voice); err != nil || voice == "" {
		return nil, fmt.Errorf("phonemizing with espeak-ng voice %q: %w", voice, ErrInvalidVoice)
	}
	lang, err := resolveLanguage(ctx, voice)
	if err != nil {
		return nil, err
	}
	var clauses []Clause
	err = withPhonemizer(ctx, lang, func(in *instance) error {
		ctext := C.CString(text)
		defer C.free(unsafe.Pointer(ctext))
		base := uintptr(unsafe.Pointer(ctext))
		p := unsafe.Pointer(ctext)
		for p != nil {
			if err := ctx.Err(); err != nil {
				return err
			}
			start := int(uintptr(p) - base)
			ipa := in.textToPhonemes(&p)
			end := len(text)
			if p != nil {
				end = int(uintptr(p) - base)
			}
			if end < start || end > len(text) {
				return fmt.Errorf("phonemizing %q: espeak-ng moved outside the text", abbreviate(text))
			}
			clauses = append(clauses, Clause{Text: text[start:end], Phonemes: ipa, Last: p == nil})
			if p != nil && end == start {
				return fmt.Errorf("phonemizing %q: espeak-ng did not advance", abbreviate(text))
			}
			if end >= len(text) { // only the terminating NUL is left
				clauses[len(clauses)-1].Last = true
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return clauses, nil
}

// phonemizer is the copy of espeak-ng kept loaded for Phonemize, with the
// voice it has selected; only touched with the engine lock held.
var phonemizer struct {
	in    *instance
	voice string
}

// withPhonemizer runs fn with the lock held on the kept copy of espeak-ng
// with voice lang selected, loading and selecting it first when needed.
// When fn fails the copy is unloaded, so that a half-read text never
// carries over to the next call.
func withPhonemizer(ctx context.Context, lang string, fn func(*instance) error) error {
	if err := acquire(ctx); err != nil {
		return err
	}
	defer release()
	if phonemizer.in != nil && phonemizer.voice != lang {
		if err := dropPhonemizer(); err != nil {
			return err
		}
	}
	if phonemizer.in == nil {
		in, err := open()
		if err != nil {
			return err
		}
		if st := in.setVoice(lang); st != C.ENS_OK {
			in.close()
			if st == C.ENS_VOICE_NOT_FOUND {
				return fmt.Errorf("selecting voice %s: %w", lang, ErrUnknownVoice)
			}
			return fmt.Errorf("selecting voice %s: %s", lang, statusMessage(st))
		}
		phonemizer.in, phonemizer.voice = in, lang
	}
	if err := fn(phonemizer.in); err != nil {
		if cerr := dropPhonemizer(); cerr != nil {
			return fmt.Errorf("%w (and %w)", err, cerr)
		}
		return err
	}
	return nil
}

// dropPhonemizer unloads the kept copy, if any. Call with the lock held.
func dropPhonemizer() error {
	in := phonemizer.in
	if in == nil {
		return nil
	}
	phonemizer.in, phonemizer.voice = nil, ""
	if err := in.close(); err != nil {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return nil
}
