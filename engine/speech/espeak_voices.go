//go:build cgo && !nospeech

package speech

/*
#include <espeak-ng/speak_lib.h>
*/
import "C"

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unsafe"
)

// Voices lists the languages and voices espeak-ng offers, for the voice
// picker, sorted by VoiceInfo.Language; put VoiceInfo.Language into
// Voice.Language. (Synthesize also accepts any tag from
// VoiceInfo.Languages, such as "en-gb".) MBROLA voices and
// variants are not included (see Variants). The list is read once and
// cached.
func Voices() ([]VoiceInfo, error) {
	if err := loadVoices(context.Background()); err != nil {
		return nil, err
	}
	return cloneInfos(engine.voices), nil
}

// Variants lists espeak-ng's voice variants (such as "f3" or "m1"); put
// VoiceInfo.Language into Voice.Variant.
func Variants() ([]VoiceInfo, error) {
	if err := loadVoices(context.Background()); err != nil {
		return nil, err
	}
	return cloneInfos(engine.variants), nil
}

// loadVoices fills the voice and variant caches, once. Waiting for the
// engine gives up when ctx ends.
func loadVoices(ctx context.Context) error {
	if err := acquire(ctx); err != nil {
		return err
	}
	cached := engine.voices != nil
	release()
	if cached {
		return nil
	}
	return withInstance(ctx, func(in *instance) error {
		if engine.voices != nil {
			return nil
		}
		voices := in.listVoices(false)
		if len(voices) == 0 {
			return fmt.Errorf("%w: espeak-ng lists no voices", ErrUnavailable)
		}
		engine.variants = in.listVoices(true)
		engine.voices = voices
		return nil
	})
}

// resolveLanguage maps Voice.Language to a name espeak-ng selects by: a
// voice's own name (see VoiceInfo.Language) is kept, and a language tag
// that only appears in a voice's language list, such as "en-gb" or "zh",
// becomes that voice's name. Unknown names pass through for espeak to
// judge.
func resolveLanguage(ctx context.Context, lang string) (string, error) {
	if err := loadVoices(ctx); err != nil {
		return "", err
	}
	for _, v := range engine.voices {
		if strings.EqualFold(v.Language, lang) {
			return lang, nil
		}
	}
	for _, v := range engine.voices {
		for _, tag := range v.Languages {
			if strings.EqualFold(tag, lang) {
				return v.Language, nil
			}
		}
	}
	return lang, nil
}

// readVoiceList copies espeak's NULL-terminated voice array, which stays
// valid only until the next espeak_ListVoices call.
func readVoiceList(list **C.espeak_VOICE, variants bool) []VoiceInfo {
	var out []VoiceInfo
	if list == nil {
		return out
	}
	for p := list; *p != nil; p = (**C.espeak_VOICE)(unsafe.Add(unsafe.Pointer(p), unsafe.Sizeof(*p))) {
		v := *p
		info := VoiceInfo{
			Name:       C.GoString(v.name),
			Identifier: C.GoString(v.identifier),
			Languages:  readLanguages(v.languages),
			Age:        int(v.age),
		}
		switch v.gender {
		case 1:
			info.Gender = "male"
		case 2:
			info.Gender = "female"
		case 3:
			info.Gender = "neutral"
		}
		// espeak_ng_SetVoiceByName selects a voice or variant by its file
		// name, e.g. "gmw/en-US" → "en-us", "!v/f3" → "f3". Language tags
		// alone are ambiguous ("yue" has two voices) or not accepted
		// ("en-gb" is the file "gmw/en").
		info.Language = info.Identifier[strings.LastIndexByte(info.Identifier, '/')+1:]
		if !variants {
			info.Language = strings.ToLower(info.Language)
		}
		if info.Language == "" {
			continue
		}
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b VoiceInfo) int { return strings.Compare(a.Language, b.Language) })
	return out
}

// readLanguages decodes espeak's language list: repeated (priority byte,
// NUL-terminated name), ended by a zero priority byte.
func readLanguages(p *C.char) []string {
	var langs []string
	if p == nil {
		return langs
	}
	for i := 0; i < 1024; {
		if *(*byte)(unsafe.Add(unsafe.Pointer(p), i)) == 0 {
			break
		}
		name := C.GoString((*C.char)(unsafe.Add(unsafe.Pointer(p), i+1)))
		langs = append(langs, name)
		i += 1 + len(name) + 1
	}
	return langs
}

func cloneInfos(in []VoiceInfo) []VoiceInfo {
	out := make([]VoiceInfo, len(in))
	for i, v := range in {
		v.Languages = slices.Clone(v.Languages)
		out[i] = v
	}
	return out
}
