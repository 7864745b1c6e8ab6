//go:build linux

// Package readonlytest gives tests a read-only view of a folder, the way a
// project on a read-only disk looks to Kino.
package readonlytest

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// View returns a path at which dir can be read but not written, for the
// rest of the test. As root (whom file permissions do not stop) it is a
// read-only bind mount of dir; otherwise dir itself with write
// permission removed from everything in it. The test fails, saying why,
// when neither is possible.
func View(t testing.TB, dir string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		if out, err := exec.Command("chmod", "-R", "a-w", dir).CombinedOutput(); err != nil {
			t.Fatalf("making %s read-only: %v %s", dir, err, out)
		}
		t.Cleanup(func() { exec.Command("chmod", "-R", "u+w", dir).Run() })
		return dir
	}
	target := filepath.Join(t.TempDir(), filepath.Base(dir))
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount(dir, target, "", syscall.MS_BIND, ""); err != nil {
		t.Fatalf("a read-only view of %s needs a bind mount, which root could not make here (%v); run the tests as a normal user instead, where chmod makes it", dir, err)
	}
	t.Cleanup(func() { syscall.Unmount(target, syscall.MNT_DETACH) })
	if err := syscall.Mount("", target, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remounting %s read-only: %v", target, err)
	}
	if f, err := os.Create(filepath.Join(target, ".probe")); err == nil {
		f.Close()
		t.Fatalf("%s is still writable after a read-only remount", target)
	}
	return target
}
