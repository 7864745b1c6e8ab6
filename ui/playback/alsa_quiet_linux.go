//go:build linux && !android

package playback

/*
#cgo pkg-config: alsa
#include <alsa/asoundlib.h>

// kino_alsa_quiet drops ALSA's own error messages, which it prints to
// stderr by default: a machine without a sound card got sixteen lines of
// "ALSA lib confmisc.c: cannot find card '0'" in the terminal. The
// failure itself still reaches Kino as an error and is said once, in
// the studio.
static void kino_alsa_quiet(const char *file, int line, const char *function, int err, const char *fmt, ...) {}

static void kino_alsa_silence(void) { snd_lib_error_set_handler(kino_alsa_quiet); }
*/
import "C"

// quietALSA stops libasound writing its diagnostics to stderr.
func quietALSA() { C.kino_alsa_silence() }
