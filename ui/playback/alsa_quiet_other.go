//go:build !linux || android

package playback

// quietALSA does nothing where ALSA is not used.
func quietALSA() {}
