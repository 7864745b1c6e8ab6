package app

import (
	"bytes"
	"runtime"
	"strconv"
	"sync/atomic"
)

// uiGoroutine is the goroutine that runs the Fyne app and its event loop.
var uiGoroutine atomic.Uint64

// loopPost wraps do (fyne.Do) so that work posted after Fyne's event loop
// has shut down is dropped. Fyne then runs posted work at once, on the
// poster's goroutine, where any window call crashes because GLFW has been
// terminated. A shutdown can start at any moment (Fyne quits on SIGTERM by
// itself), so no flag set by Kino can close that window. Instead loopPost
// runs posted work only on the loop's own goroutine: the one runStudio
// recorded in uiGoroutine (the main one, which runs the app), or else the
// one that creates it.
func loopPost(do func(func())) func(func()) {
	loop := uiGoroutine.Load()
	if loop == 0 {
		loop = goroutineID()
	}
	return func(f func()) {
		do(func() {
			if goroutineID() != loop {
				return // run at once, off the loop: the loop has gone
			}
			f()
		})
	}
}

// goroutineID returns the calling goroutine's number, read from the first
// line of its stack trace ("goroutine 1 [running]:").
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}
