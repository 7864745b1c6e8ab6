package playback

import "io"

// Sound format of everything played: 48 kHz interleaved stereo, 32-bit
// little-endian floats.
const (
	SampleRate    = 48000
	Channels      = 2
	BytesPerFrame = Channels * 4
)

// Output is where preview sound goes.
type Output interface {
	// Start plays src, a stream in the format above, and returns the
	// running stream. Only one stream should play at a time.
	Start(src io.Reader) (Stream, error)
	// Name says what plays the sound, for the player's notice.
	Name() string
	// Silent reports whether nothing is heard (the wall-clock fallback).
	Silent() bool
}

// Stream is one playing sound.
type Stream interface {
	// Played returns the sample frames heard since Start: the master
	// clock of the preview.
	Played() int64
	// SetVolume sets the loudness in [0, 1].
	SetVolume(v float64)
	// Err returns a device failure, if any.
	Err() error
	// Close stops the sound at once.
	Close() error
}
