package speech

import "errors"

// Errors returned by this package. They are wrapped with context; test
// for them with errors.Is.
var (
	// ErrUnavailable means speech synthesis is not built in or the
	// espeak-ng library or its data could not be loaded.
	ErrUnavailable = errors.New("speech synthesis is unavailable")
	// ErrEmptyText means the line has nothing to speak.
	ErrEmptyText = errors.New("dialogue line is empty")
	// ErrTextTooLong means the line is longer than MaxTextRunes.
	ErrTextTooLong = errors.New("dialogue line is too long")
	// ErrInvalidText means the line is not valid UTF-8.
	ErrInvalidText = errors.New("dialogue line is not valid UTF-8")
	// ErrInvalidVoice means the voice settings are out of range or malformed.
	ErrInvalidVoice = errors.New("invalid voice")
	// ErrUnknownVoice means espeak-ng has no voice by that name.
	ErrUnknownVoice = errors.New("unknown voice")
)
