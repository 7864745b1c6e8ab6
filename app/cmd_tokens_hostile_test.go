//go:build unix

package app

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// kino tokens --vocab reads only regular files of a sane size: /dev/zero
// ran it out of memory, a FIFO would block for ever.
func TestTokensVocabRefusesHostileFiles(t *testing.T) {
	isolate(t)
	fifo := filepath.Join(t.TempDir(), "vocab.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/dev/zero", fifo, "/dev/zero.gz"} {
		_, errs, code := kino(t, "tokens", "--vocab", path, "a prompt")
		if code != exitError || !(strings.Contains(errs, "not a regular file") || strings.Contains(errs, "no such file")) {
			t.Errorf("--vocab %s: exit %d, stderr %q", path, code, errs)
		}
	}
}
