package app

import (
	"sync/atomic"
	"time"
)

// syncRunWait is how long posted work that started before its post call
// returned waits for that call to return before it counts as run at once.
const syncRunWait = 20 * time.Millisecond

// loopPost wraps do (fyne.Do) so that work posted after Fyne's event loop
// has shut down is dropped. Fyne then runs posted work at once, on the
// poster's goroutine, where any window call crashes because GLFW has been
// terminated. A shutdown can start at any moment (Fyne quits on SIGTERM by
// itself), so no flag set by Kino can close that window; instead loopPost
// notices work that runs inside its own post call. Work the loop runs
// normally either starts after the call returned or, rarely, a few
// microseconds before, and then waits for the return.
func loopPost(do func(func())) func(func()) {
	return func(f func()) {
		var returned atomic.Bool
		do(func() {
			if !returned.Load() && !awaitTrue(&returned, syncRunWait) {
				return // run at once by a loop that has gone
			}
			f()
		})
		returned.Store(true)
	}
}

// awaitTrue reports whether b becomes true within d.
func awaitTrue(b *atomic.Bool, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for !b.Load() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Microsecond)
	}
	return true
}
