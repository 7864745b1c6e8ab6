//go:build unix

package app

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// claimOutputFolder is called before an export or `kino frame` writes
// into dir, and release when it has finished. Every such writer holds a
// shared flock on the folder meanwhile (the kernel drops it when the
// process dies, even by SIGKILL). A writer that can first take the lock
// exclusively knows no other Kino is writing outputs there, so the
// temporary files it finds beside the outputs are debris of killed ones:
// it removes them and returns their names.
func claimOutputFolder(dir string) (release func(), removed []string) {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}, nil
	}
	if flockRetry(f, syscall.LOCK_EX|syscall.LOCK_NB) == nil {
		removed = removeOutputDebris(dir)
	}
	if err := flockRetry(f, syscall.LOCK_SH); err != nil {
		f.Close()
		return func() {}, removed
	}
	return func() { f.Close() }, removed
}

// removeOutputDebris removes the temporary files and folders of killed
// exports in dir.
func removeOutputDebris(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		if !isOutputDebris(e.Name()) {
			continue
		}
		if os.RemoveAll(filepath.Join(dir, e.Name())) == nil {
			removed = append(removed, e.Name())
		}
	}
	return removed
}

// flockRetry applies a flock operation, retrying when a signal interrupts it.
func flockRetry(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
