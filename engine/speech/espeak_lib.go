//go:build cgo && !nospeech

package speech

/*
#cgo LDFLAGS: -ldl
#cgo CFLAGS: -D_GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#ifdef __linux__
#include <link.h>
#endif

extern int kinoSynthCallback(short *wav, int n, espeak_EVENT *events);

// kino_espeak holds one loaded copy of libespeak-ng. The function pointer
// types come from the library's own headers, so a mismatch fails to compile.
typedef struct {
	void *h;
	__typeof__(espeak_ng_InitializePath) *InitializePath;
	__typeof__(espeak_ng_Initialize) *Initialize;
	__typeof__(espeak_ng_ClearErrorContext) *ClearErrorContext;
	__typeof__(espeak_ng_InitializeOutput) *InitializeOutput;
	__typeof__(espeak_ng_GetSampleRate) *GetSampleRate;
	__typeof__(espeak_SetSynthCallback) *SetSynthCallback;
	__typeof__(espeak_ng_SetVoiceByName) *SetVoiceByName;
	__typeof__(espeak_ng_SetParameter) *SetParameter;
	__typeof__(espeak_ng_Synthesize) *Synthesize;
	__typeof__(espeak_ng_Terminate) *Terminate;
	__typeof__(espeak_ng_GetStatusCodeMessage) *GetStatusCodeMessage;
	__typeof__(espeak_ListVoices) *ListVoices;
	__typeof__(espeak_Info) *Info;
	__typeof__(espeak_TextToPhonemes) *TextToPhonemes;
} kino_espeak;

static kino_espeak kino_lib;

static void *kino_sym(const char *name, char *err, size_t errlen) {
	void *p = dlsym(kino_lib.h, name);
	if (p == NULL && err[0] == 0) {
		const char *e = dlerror();
		snprintf(err, errlen, "%s", e ? e : name);
	}
	return p;
}

// kino_loaded reports whether a copy of the library is mapped already.
static int kino_loaded(const char *soname) {
	void *h = dlopen(soname, RTLD_LAZY | RTLD_LOCAL | RTLD_NOLOAD);
	if (h == NULL) return 0;
	dlclose(h);
	return 1;
}

// kino_pin_deps keeps the libraries libespeak-ng pulled in loaded for good,
// so that unloading espeak after each line unloads only espeak itself.
static void kino_pin_deps(void) {
#ifdef __linux__
	struct link_map *lm = NULL;
	if (dlinfo(kino_lib.h, RTLD_DI_LINKMAP, &lm) != 0 || lm == NULL) return;
	for (lm = lm->l_next; lm != NULL; lm = lm->l_next) {
		if (lm->l_name != NULL && lm->l_name[0] != 0)
			dlopen(lm->l_name, RTLD_LAZY | RTLD_LOCAL | RTLD_NOLOAD); // never closed
	}
#endif
}

// kino_open loads soname and resolves every entry point. On failure it
// writes a message into err and leaves nothing loaded.
static int kino_open(const char *soname, int pin, char *err, size_t errlen) {
	memset(&kino_lib, 0, sizeof kino_lib);
	err[0] = 0;
	kino_lib.h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (kino_lib.h == NULL) {
		const char *e = dlerror();
		snprintf(err, errlen, "%s", e ? e : soname);
		return -1;
	}
	kino_lib.InitializePath = kino_sym("espeak_ng_InitializePath", err, errlen);
	kino_lib.Initialize = kino_sym("espeak_ng_Initialize", err, errlen);
	kino_lib.ClearErrorContext = kino_sym("espeak_ng_ClearErrorContext", err, errlen);
	kino_lib.InitializeOutput = kino_sym("espeak_ng_InitializeOutput", err, errlen);
	kino_lib.GetSampleRate = kino_sym("espeak_ng_GetSampleRate", err, errlen);
	kino_lib.SetSynthCallback = kino_sym("espeak_SetSynthCallback", err, errlen);
	kino_lib.SetVoiceByName = kino_sym("espeak_ng_SetVoiceByName", err, errlen);
	kino_lib.SetParameter = kino_sym("espeak_ng_SetParameter", err, errlen);
	kino_lib.Synthesize = kino_sym("espeak_ng_Synthesize", err, errlen);
	kino_lib.Terminate = kino_sym("espeak_ng_Terminate", err, errlen);
	kino_lib.GetStatusCodeMessage = kino_sym("espeak_ng_GetStatusCodeMessage", err, errlen);
	kino_lib.ListVoices = kino_sym("espeak_ListVoices", err, errlen);
	kino_lib.Info = kino_sym("espeak_Info", err, errlen);
	kino_lib.TextToPhonemes = kino_sym("espeak_TextToPhonemes", err, errlen);
	if (err[0] != 0) {
		dlclose(kino_lib.h);
		memset(&kino_lib, 0, sizeof kino_lib);
		return -1;
	}
	if (pin) kino_pin_deps();
	return 0;
}

// kino_start initialises the loaded library for synchronous synthesis
// into kinoSynthCallback.
static espeak_ng_STATUS kino_start(int buflen_ms) {
	kino_lib.InitializePath(NULL);
	espeak_ng_ERROR_CONTEXT ctx = NULL;
	espeak_ng_STATUS st = kino_lib.Initialize(&ctx);
	kino_lib.ClearErrorContext(&ctx);
	if (st != ENS_OK) return st;
	st = kino_lib.InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, buflen_ms, NULL);
	if (st != ENS_OK) return st;
	kino_lib.SetSynthCallback(kinoSynthCallback);
	return ENS_OK;
}

// kino_close frees espeak's state and unloads it; 1 means it stayed mapped.
static int kino_close(const char *soname, int started) {
	if (kino_lib.h == NULL) return 0;
	if (started) kino_lib.Terminate();
	dlclose(kino_lib.h);
	memset(&kino_lib, 0, sizeof kino_lib);
	return kino_loaded(soname);
}

static int kino_sample_rate(void) { return kino_lib.GetSampleRate(); }

static espeak_ng_STATUS kino_set_voice(const char *name) { return kino_lib.SetVoiceByName(name); }

static espeak_ng_STATUS kino_set_param(espeak_PARAMETER p, int v) { return kino_lib.SetParameter(p, v, 0); }

static espeak_ng_STATUS kino_synth(const char *text, size_t size) {
	srand(1); // breathy voices draw noise from rand()
	return kino_lib.Synthesize(text, size, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
}

static void kino_status_message(espeak_ng_STATUS st, char *buf, size_t len) {
	if (kino_lib.GetStatusCodeMessage != NULL) {
		kino_lib.GetStatusCodeMessage(st, buf, len);
	} else {
		snprintf(buf, len, "espeak-ng status %#x", (unsigned)st);
	}
}

static const espeak_VOICE **kino_list_voices(int variants) {
	if (!variants) return kino_lib.ListVoices(NULL);
	espeak_VOICE spec;
	memset(&spec, 0, sizeof spec);
	spec.languages = "variant";
	return kino_lib.ListVoices(&spec);
}

// kino_text_to_phonemes translates the clause at *textptr into IPA
// phonemes (espeakCHARS_AUTO, phoneme mode 0x02: IPA without ties or
// separators, as piper-phonemize asks) and advances *textptr past it, to
// NULL at the end of the text.
static const char *kino_text_to_phonemes(const void **textptr) {
	return kino_lib.TextToPhonemes(textptr, espeakCHARS_AUTO, 0x02);
}

static const char *kino_data_path(void) {
	const char *path = NULL;
	kino_lib.Info(&path);
	return path;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"unsafe"
)

// LibraryEnv names an environment variable that, when set, is the path or
// file name of the libespeak-ng shared library to load, for bundled
// installs. Otherwise the usual names are tried.
const LibraryEnv = "KINO_ESPEAK_LIBRARY"

// libraryNames returns the candidate file names for dlopen.
func libraryNames() []string {
	if p := strings.TrimSpace(os.Getenv(LibraryEnv)); p != "" {
		return []string{p}
	}
	if runtime.GOOS == "darwin" {
		return []string{"libespeak-ng.1.dylib", "libespeak-ng.dylib"}
	}
	return []string{"libespeak-ng.so.1", "libespeak-ng.so"}
}

// instance is one loaded, initialised copy of libespeak-ng. espeak keeps
// state in static variables that espeak_ng_Terminate does not reset (pitch
// flutter phase, gain control, cycle counters), so output would depend on
// what was spoken before. Loading a fresh copy for every call and
// unloading it afterwards makes every line start from the same state: the
// same text and voice give identical samples, in any order, in any
// process. A load costs about 4 ms, selecting a language's voice (its
// dictionary) a few more; Phonemize, whose result does not depend on that
// state, keeps its copy loaded between calls instead (see phonemizer).
type instance struct {
	soname  string
	started bool
}

// soname is the library name that loaded last; "" until one did.
var soname string

// depsPinned records that espeak's dependencies are held loaded.
var depsPinned bool

// open loads and initialises a fresh copy of libespeak-ng. Call with the
// engine lock held and close the result before releasing it.
func open() (*instance, error) {
	var errs []string
	names := libraryNames()
	if soname != "" {
		names = []string{soname}
	}
	for _, name := range names {
		cname := C.CString(name)
		if C.kino_loaded(cname) != 0 {
			C.free(unsafe.Pointer(cname))
			return nil, fmt.Errorf("%w: %s is already loaded by another part of the program, so each line cannot start from a fresh copy", ErrUnavailable, name)
		}
		var msg [512]C.char
		rc := C.kino_open(cname, boolInt(!depsPinned), &msg[0], C.size_t(len(msg)))
		C.free(unsafe.Pointer(cname))
		if rc != 0 {
			errs = append(errs, C.GoString(&msg[0]))
			continue
		}
		depsPinned = true
		soname = name
		in := &instance{soname: name}
		if st := C.kino_start(chunkMillis); st != C.ENS_OK {
			msg := statusMessage(st)
			in.close()
			return nil, fmt.Errorf("%w: initialising espeak-ng (is espeak-ng-data installed? ESPEAK_DATA_PATH can point to it): %s", ErrUnavailable, msg)
		}
		in.started = true
		return in, nil
	}
	return nil, fmt.Errorf("%w: loading libespeak-ng (install libespeak-ng1, or set %s): %s", ErrUnavailable, LibraryEnv, strings.Join(errs, "; "))
}

// close terminates and unloads the copy. It reports an error when the
// library stayed mapped, which would break reproducibility.
func (in *instance) close() error {
	cname := C.CString(in.soname)
	defer C.free(unsafe.Pointer(cname))
	if C.kino_close(cname, boolInt(in.started)) != 0 {
		return errors.New("libespeak-ng stayed loaded after closing it, so the next line would not start from a fresh state")
	}
	return nil
}

// sampleRate is espeak's native output rate.
func (in *instance) sampleRate() int { return int(C.kino_sample_rate()) }

// statusMessage turns an espeak-ng status code into its message.
func statusMessage(st C.espeak_ng_STATUS) string {
	var buf [256]C.char
	C.kino_status_message(st, &buf[0], C.size_t(len(buf)))
	return C.GoString(&buf[0])
}

func boolInt(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// setVoice selects a voice by espeak name ("en", "en+f3").
func (in *instance) setVoice(name string) C.espeak_ng_STATUS {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	return C.kino_set_voice(cname)
}

// setParam sets an absolute synthesis parameter.
func (in *instance) setParam(p C.espeak_PARAMETER, v int) C.espeak_ng_STATUS {
	return C.kino_set_param(p, C.int(v))
}

// synth speaks text (UTF-8) into the callback, returning when done or
// when the callback asked to stop.
func (in *instance) synth(text string) C.espeak_ng_STATUS {
	ctext := C.CString(text)
	defer C.free(unsafe.Pointer(ctext))
	return C.kino_synth(ctext, C.size_t(len(text)+1))
}

// listVoices copies espeak's voice list (or its variants).
func (in *instance) listVoices(variants bool) []VoiceInfo {
	return readVoiceList(C.kino_list_voices(boolInt(variants)), variants)
}

// dataPath is the espeak-ng data directory in use.
func (in *instance) dataPath() string { return C.GoString(C.kino_data_path()) }

// textToPhonemes translates the clause at *p and advances *p past it (to
// nil at the end of the text). The result is copied out of espeak's static
// buffer.
func (in *instance) textToPhonemes(p *unsafe.Pointer) string {
	return C.GoString(C.kino_text_to_phonemes(p))
}
