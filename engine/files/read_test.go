//go:build unix

package files

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kino/project"
)

func TestReadFileRegular(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.json")
	want := bytes.Repeat([]byte("x"), 5000)
	if err := os.WriteFile(p, want, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(p, 5000)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("ReadFile = %d bytes, %v; want 5000 bytes", len(got), err)
	}
	if _, err := ReadFile(p, 4999); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("ReadFile over the limit: %v, want a 'larger than' error", err)
	}
}

func TestReadFileRefusesDevices(t *testing.T) {
	for _, p := range []string{"/dev/zero", "/dev/urandom", "/dev/null"} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s is missing on this machine: %v", p, err)
		}
		_, err := ReadFile(p, ManifestLimit)
		if project.ErrorCode(err) != project.EINVALID || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("ReadFile(%s) = %v, want 'not a regular file'", p, err)
		}
	}
	if _, err := ReadFile(t.TempDir(), ManifestLimit); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("ReadFile(dir) = %v, want a folder error", err)
	}
}

func TestReadFileRefusesFIFOWithoutBlocking(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadFile(p, ManifestLimit); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Fatalf("ReadFile(fifo) = %v, want a named-pipe error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadFile blocked on a FIFO with no writer")
	}
}

func TestReadFileSparseFileIsRefusedBySize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sparse")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(2 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := ReadFile(p, ImageLimit); err == nil || !strings.Contains(err.Error(), "256 MB") {
		t.Fatalf("ReadFile(2 GB sparse) = %v, want refused as larger than 256 MB", err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{12: "12 bytes", 4 << 20: "4 MB", 1536 << 20: "1.5 GB", 2048: "2 KB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
