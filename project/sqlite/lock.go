//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package sqlite

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"kino/project"
)

// lockName is the lock file inside a bundle. It holds the pid of the Kino
// that has the project open; the lock itself is a flock on the file, which
// the kernel drops when that process dies, even by SIGKILL.
const lockName = "kino.lock"

// bundleLock is a held project lock.
type bundleLock struct{ f *os.File }

// acquireLock takes the exclusive lock of the bundle at dir without
// waiting. When another process (or another open in this one) holds it,
// the error is ECONFLICT and names that process.
func acquireLock(dir string) (*bundleLock, error) {
	path := filepath.Join(dir, lockName)
	f, err := openRegular(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening lock file %s: %w", path, err)
	}
	// A lock held without a pid in the file is most likely a read-only
	// view checking the database for a moment (probeLock): wait briefly.
	for try := 0; ; try++ {
		err = flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil || !errors.Is(err, syscall.EWOULDBLOCK) || readHolder(f) != "unknown" || try == 20 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		holder := readHolder(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, lockConflict(dir, holder)
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("writing lock file %s: %w", path, err)
	}
	return &bundleLock{f: f}, nil
}

// flock applies a flock operation, retrying when a signal interrupts it.
func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// lockConflict is the error for a project another Kino has open.
func lockConflict(dir, holder string) error {
	return project.Errorf(project.ECONFLICT, "%s is open in another Kino (pid %s)", filepath.Base(dir), holder)
}

// readHolder returns the pid written in the lock file, or "unknown".
func readHolder(f *os.File) string {
	b := make([]byte, 32)
	n, err := f.ReadAt(b, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return "unknown"
	}
	pid := strings.TrimSpace(string(b[:n]))
	if _, err := strconv.Atoi(pid); err != nil {
		return "unknown"
	}
	return pid
}

// probeLock reports whether a writer holds the bundle's lock, and if so
// which pid it wrote. When none does, probeLock holds a shared lock until
// release is called, so no writer can start meanwhile. It creates nothing.
func probeLock(dir string) (holder string, writer bool, release func()) {
	f, err := openRegular(filepath.Join(dir, lockName), os.O_RDONLY, 0)
	if err != nil {
		// No lock file: no Kino has opened this folder for writing.
		return "", false, func() {}
	}
	if err := flock(f, syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		holder := readHolder(f)
		f.Close()
		return holder, true, func() {}
	}
	return "", false, func() { f.Close() }
}

// bundleWritable reports whether Kino may write the bundle at dir: its
// folder and database are writable for this process (false on a read-only
// mount, for files marked immutable, and in folders without write
// permission).
func bundleWritable(dir, dbPath string) bool {
	return syscall.Access(dir, 2) == nil && syscall.Access(dbPath, 2) == nil // 2: W_OK
}

// release drops the lock. The pid is cleared first so a stale file never
// names a process that has closed the project.
func (l *bundleLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = l.f.Truncate(0)
	err := l.f.Close() // closing the last descriptor releases the flock
	l.f = nil
	return err
}
