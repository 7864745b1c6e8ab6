//go:build unix

package tokenizer

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Vocabulary files named by a pack or by `kino tokens --vocab` are read
// only when they are regular files of a sane size: a FIFO must not block,
// /dev/zero must not fill memory.
func TestHostileVocabularyFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "vocab.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	merges := filepath.Join(dir, "merges.txt")
	if err := os.WriteFile(merges, []byte("#version: 0.2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte(`{"a": 0, "b": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(64 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	for _, c := range []struct {
		name string
		load func() error
		want string
	}{
		{"FIFO vocab.json", func() error { _, err := LoadHF(fifo, merges); return err }, "not a regular file"},
		{"FIFO merges.txt", func() error { _, err := LoadHF(small, fifo); return err }, "not a regular file"},
		{"/dev/zero vocab.json", func() error { _, err := LoadHF("/dev/zero", merges); return err }, "not a regular file"},
		{"/dev/zero CLIP gzip", func() error { _, err := LoadCLIPGzip("/dev/zero"); return err }, "not a regular file"},
		{"FIFO CLIP gzip", func() error { _, err := LoadCLIPGzip(fifo); return err }, "not a regular file"},
		{"sparse 64 MB vocab.json", func() error { _, err := LoadHF(big, merges); return err }, "larger than"},
	} {
		err := c.load()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", c.name, err, c.want)
		}
	}
}
