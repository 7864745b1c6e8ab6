package app

import (
	"bufio"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCtrlCStopsALongGeneration runs the kino program, interrupts a long
// generation the way Ctrl+C does, and checks that it stops (exit 130), and
// that the take it was making is recorded as cancelled.
func TestCtrlCStopsALongGeneration(t *testing.T) {
	bin := kinoBinary(t)
	isolate(t)
	film := filepath.Join(t.TempDir(), "film.kino")
	mustKino(t, "new", film)
	mustKino(t, "shot", "add", film, "fireworks over the harbour", "--duration", "600s")
	cmd := exec.Command(bin, "generate", film, "1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// Wait for the progress line, so the generation is under way.
	r := bufio.NewReader(stderr)
	var seen strings.Builder
	for !strings.Contains(seen.String(), "shot 1:") {
		b, err := r.ReadByte()
		if err != nil {
			t.Fatalf("kino generate ended before it reported progress: %q", seen.String())
		}
		seen.WriteByte(b)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		for {
			if _, err := r.ReadByte(); err != nil {
				break
			}
		}
		done <- cmd.Wait()
	}()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 {
			t.Fatalf("after Ctrl+C kino exited with %v, want status 130", err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("kino generate did not stop after Ctrl+C")
	}
	out := mustKino(t, "take", "list", film, "1")
	if !strings.Contains(out, "cancelled") {
		t.Fatalf("the interrupted take is not recorded as cancelled:\n%s", out)
	}
}
