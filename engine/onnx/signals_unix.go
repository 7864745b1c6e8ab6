//go:build unix

package onnx

/*
#include <signal.h>
#include <string.h>

#ifndef NSIG
#define NSIG 65
#endif

static struct sigaction kino_saved[NSIG];
static int kino_saved_ok[NSIG];

// kino_save_signals records the disposition of every signal that can be queried.
static void kino_save_signals(void) {
	for (int s = 1; s < NSIG; s++) {
		kino_saved_ok[s] = sigaction(s, NULL, &kino_saved[s]) == 0;
	}
}

// kino_restore_signals puts back each disposition that changed since
// kino_save_signals and returns how many it restored, or -signal on failure.
static int kino_restore_signals(void) {
	int restored = 0;
	for (int s = 1; s < NSIG; s++) {
		struct sigaction now;
		if (!kino_saved_ok[s] || sigaction(s, NULL, &now) != 0) {
			continue;
		}
		if (now.sa_handler == kino_saved[s].sa_handler && now.sa_flags == kino_saved[s].sa_flags) {
			continue;
		}
		if (sigaction(s, &kino_saved[s], NULL) != 0) {
			return -s;
		}
		restored++;
	}
	return restored;
}
*/
import "C"

import (
	"fmt"
	"sync"
)

// signalMu serializes GuardSignals: the saved dispositions live in C globals.
var signalMu sync.Mutex

// GuardSignals runs fn, then restores every signal handler that fn replaced,
// so that C code (the CUDA libraries in particular) cannot leave the Go
// runtime with handlers lacking SA_ONSTACK. It returns how many handlers it
// put back along with fn's error. Calls are serialized; fn must not call
// GuardSignals itself, and should not use os/signal to start or stop
// handling a signal, because such a change would be undone.
func GuardSignals(fn func() error) (restored int, err error) {
	signalMu.Lock()
	defer signalMu.Unlock()
	C.kino_save_signals()
	defer func() { // deferred so a panicking fn still gets Go's handlers back
		n := int(C.kino_restore_signals())
		switch {
		case n >= 0:
			restored = n
		case err != nil:
			err = fmt.Errorf("%w (and restoring the Go handler of signal %d failed)", err, -n)
		default:
			err = fmt.Errorf("restoring the Go handler of signal %d failed", -n)
		}
	}()
	return 0, fn()
}
