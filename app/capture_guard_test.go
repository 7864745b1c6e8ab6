package app

import (
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// guardCapture keeps an ALSA file-plugin capture from filling the disk: if
// the file grows past limit bytes (audio written faster than real time, or
// never stopped), it is truncated and the test fails.
func guardCapture(t *testing.T, path string, limit int64) {
	t.Helper()
	var tripped atomic.Bool
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if st, err := os.Stat(path); err == nil && st.Size() > limit {
					os.Truncate(path, 0)
					tripped.Store(true)
				}
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		<-done
		os.Truncate(path, 0)
		if tripped.Load() {
			t.Errorf("the audio capture grew past %d bytes: sound is being written without end", limit)
		}
	})
}
