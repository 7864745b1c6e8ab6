// Package locale makes the C locale read as English for the GUI toolkit.
//
// Under LANG=C.UTF-8 (the default of many containers and servers) Fyne's
// lang package, whose init runs in every kino process, command line
// included, asks for the user's language, gets "C" and logs "Fyne error:
// Error parsing user locale C" to stderr, again each time a widget asks.
// The C and POSIX locales mean "untranslated", which is English, so this
// package says so through LANGUAGE before Fyne reads it. LANGUAGE only
// chooses message translations, which the C locale has none of, so
// nothing else (child processes included) changes.
//
// It must be initialised before Fyne: it imports only os, and Go
// initialises packages in import-path order among those whose imports
// are ready, so "kino/app/locale" runs before "log", which every Fyne
// package needs. Import it for its side effect from package app.
package locale

import "os"

func init() { Normalize() }

// Normalize sets LANGUAGE=en when the locale chosen by LC_ALL,
// LC_MESSAGES or LANG is C or POSIX with a character set ("C.UTF-8"),
// which locale parsers do not accept as a language, and LANGUAGE is not
// set. It reports whether it did.
func Normalize() bool {
	if os.Getenv("LANGUAGE") != "" {
		return false
	}
	for _, k := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if hasPrefix(v, "C.") || hasPrefix(v, "POSIX.") || hasPrefix(v, "C@") {
			os.Setenv("LANGUAGE", "en")
			return true
		}
		return false
	}
	return false
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
