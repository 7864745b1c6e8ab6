package files

import (
	"fmt"
	"io"
	"io/fs"
	"os"

	"kino/project"
)

// Open opens the regular file at path for reading, refusing anything that
// is not a regular file and any file larger than limit bytes (limit <= 0:
// no size limit). It never blocks: a FIFO is refused before it is opened,
// and the open itself is non-blocking. It returns the file and its size.
func Open(path string, limit int64) (*os.File, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, err
	}
	if err := checkInfo(path, st, limit); err != nil {
		return nil, 0, err
	}
	// O_NONBLOCK: if path was swapped for a FIFO since the Stat, the open
	// returns at once instead of waiting for a writer; the Stat of the
	// open file below then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, 0, err
	}
	st, err = f.Stat()
	if err == nil {
		err = checkInfo(path, st, limit)
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
}

// ReadFile reads the regular file at path whole, as Open allows it. It reads
// at most limit bytes even when the file grows while it is read.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, size, err := Open(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := io.Reader(f)
	if limit > 0 {
		r = io.LimitReader(f, limit+1)
	}
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
	}
	if limit > 0 && int64(len(buf)) > limit {
		return nil, tooLarge(path, limit)
	}
	return buf, nil
}

func checkInfo(path string, st fs.FileInfo, limit int64) error {
	switch m := st.Mode(); {
	case m.IsRegular():
	case m.IsDir():
		return project.Errorf(project.EINVALID, "%s is a folder, not a file", path)
	default:
		return project.Errorf(project.EINVALID, "%s is not a regular file (%s); Kino reads only regular files", path, kind(m))
	}
	if limit > 0 && st.Size() > limit {
		return tooLarge(path, limit)
	}
	return nil
}

func tooLarge(path string, limit int64) error {
	return project.Errorf(project.EINVALID, "%s is larger than %s, the limit for this kind of file", path, Size(limit))
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return m.Type().String()
}

// Size formats n bytes for people: "4 MB", "256 MB", "1.5 GB" (powers of
// 1024, as file managers on Linux show them in KiB units rounded).
func Size(n int64) string {
	const k = 1024
	switch {
	case n >= k*k*k:
		return trim(float64(n)/(k*k*k)) + " GB"
	case n >= k*k:
		return trim(float64(n)/(k*k)) + " MB"
	case n >= k:
		return trim(float64(n)/k) + " KB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trim(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}
