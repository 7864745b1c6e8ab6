// Package alsatest points ALSA's default device at its file plugin for
// tests that check the sound Kino really plays.
package alsatest

import (
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// Capture makes ALSA's default device write raw samples to a file in a
// fresh HOME (ALSA reads ~/.asoundrc when a device first opens) and returns
// the file's path. It keeps the capture from filling the disk: if the file
// grows past limit bytes (sound written faster than real time, or never
// stopped), it is truncated and the test fails.
func Capture(t *testing.T, limit int64) string {
	t.Helper()
	home := t.TempDir()
	capture := filepath.Join(home, "capture.raw")
	rc := fmt.Sprintf("pcm.!default {\n type file\n slave.pcm \"null\"\n file %q\n format \"raw\"\n}\n", capture)
	if err := os.WriteFile(filepath.Join(home, ".asoundrc"), []byte(rc), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
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
				if st, err := os.Stat(capture); err == nil && st.Size() > limit {
					os.Truncate(capture, 0)
					tripped.Store(true)
				}
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		<-done
		os.Truncate(capture, 0)
		if tripped.Load() {
			t.Errorf("the audio capture grew past %d bytes: sound is being written without end", limit)
		}
	})
	return capture
}
