//go:build !cgo || nospeech

package speech

import (
	"context"
	"fmt"
)

// errNotBuilt explains why this build cannot speak.
var errNotBuilt = fmt.Errorf("%w: this build of Kino has no espeak-ng support (built with the nospeech tag or without cgo); dialogue cannot be voiced", ErrUnavailable)

// Available reports why speech is unavailable in this build. The error
// wraps ErrUnavailable.
func Available() error { return errNotBuilt }

// NativeRate reports that there is no synthesiser in this build.
func NativeRate() (int, error) { return 0, errNotBuilt }

// DataPath reports that there is no synthesiser in this build.
func DataPath() (string, error) { return "", errNotBuilt }

// Synthesize checks its arguments like the espeak-ng build does, then
// returns an error wrapping ErrUnavailable: the caller must report the
// line as missing dialogue rather than drop it.
func Synthesize(ctx context.Context, text string, v Voice) ([]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := v.Validate(); err != nil {
		return nil, fmt.Errorf("speaking with voice %q: %w", v.Language, err)
	}
	if _, err := CleanText(text); err != nil {
		return nil, fmt.Errorf("speaking a line: %w", err)
	}
	return nil, errNotBuilt
}

// Voices returns an error wrapping ErrUnavailable in this build.
func Voices() ([]VoiceInfo, error) { return nil, errNotBuilt }

// Variants returns an error wrapping ErrUnavailable in this build.
func Variants() ([]VoiceInfo, error) { return nil, errNotBuilt }

// Phonemize returns an error wrapping ErrUnavailable in this build.
func Phonemize(ctx context.Context, text, voice string) ([]Clause, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return nil, errNotBuilt
}
