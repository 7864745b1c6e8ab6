//go:build unix

package sqlite

import (
	"os"
	"syscall"

	"kino/project"
)

// openRegular opens path with flag, refusing anything but a regular file.
// The open never blocks: a FIFO put where a project file belongs (a
// project can come from anywhere) would otherwise hang Kino waiting for a
// writer.
func openRegular(path string, flag int, perm os.FileMode) (*os.File, error) {
	f, err := os.OpenFile(path, flag|syscall.O_NONBLOCK, perm)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, project.Errorf(project.ECORRUPT, "%s is not a regular file (%s); a project holds only regular files", path, st.Mode().Type())
	}
	// Reads of a regular file never block; clear the flag anyway so the
	// descriptor behaves as a plain open's would.
	if err := syscall.SetNonblock(int(f.Fd()), false); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
