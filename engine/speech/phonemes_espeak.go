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
// valid UTF-8 and at most MaxPhonemizeBytes long. Like Synthesize it runs
// on a fresh copy of the library, so the result never depends on earlier
// calls. Cancelling ctx stops between clauses.
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
	err = withInstance(ctx, func(in *instance) error {
		if st := in.setVoice(lang); st != C.ENS_OK {
			if st == C.ENS_VOICE_NOT_FOUND {
				return fmt.Errorf("selecting voice %s: %w", lang, ErrUnknownVoice)
			}
			return fmt.Errorf("selecting voice %s: %s", lang, statusMessage(st))
		}
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
