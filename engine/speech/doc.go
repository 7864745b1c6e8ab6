// Package speech gives cameos a voice: it speaks dialogue lines through
// libespeak-ng and returns mono float32 PCM at SampleRate, ready to be
// placed in a shot's soundtrack.
//
// # Builds
//
// The espeak-ng implementation needs cgo and the libespeak-ng-dev headers
// at build time. It does not link the library: it loads libespeak-ng.so.1
// with dlopen when speech is first used (LibraryEnv overrides the path),
// so a missing library is reported by Available rather than stopping the
// program from starting. Building with the tag nospeech, or with cgo
// disabled, selects a pure-Go fallback in which Available reports why
// speech is missing and Synthesize returns ErrUnavailable, so callers
// report the dialogue as missing instead of dropping it.
//
// # Reproducibility
//
// espeak-ng keeps synthesis state in static variables that survive
// espeak_ng_Terminate, so a long-lived instance speaks the same line
// slightly differently each time. This package therefore loads a fresh
// copy of the library for every call and unloads it afterwards (under a
// millisecond): the same text and voice give byte-identical samples in
// any order and in any process. The cost is that espeak-ng 1.51 leaks a
// few kilobytes per load, and about 180 KB when a line makes it switch
// language (English words in a German line); callers that speak the same
// line repeatedly should cache the result, which is safe because it never
// changes.
//
// espeak-ng is not thread-safe; every call into it is serialised, so all
// functions here are safe for concurrent use (calls simply queue).
package speech
