package media

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"path/filepath"

	"kino/engine/files"
	"kino/project"
)

// ContentHash returns the SHA-256 a file's name promises, or "" when the
// name is not one: project media are stored under the lower-case hex
// SHA-256 of their content, so their names say what they must contain.
func ContentHash(path string) string {
	base := filepath.Base(path)
	if len(base) != sha256.Size*2 {
		return ""
	}
	for i := 0; i < len(base); i++ {
		c := base[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return ""
		}
	}
	return base
}

// hashMismatch is the error for a stored file whose content no longer
// matches the hash it was stored under.
func hashMismatch(what, path string) error {
	return project.Errorf(project.ECORRUPT, "%s %s does not match its hash: it was changed or damaged after it was stored (kino doctor lists such files)", what, path)
}

// VerifyFile reads the file at path once and checks that its content
// matches the SHA-256 its name promises (see ContentHash); a file whose
// name is not a hash passes unread. The error names what the file is
// ("sound file", "music clip") and the path.
func VerifyFile(path, what string) error {
	want := ContentHash(path)
	if want == "" {
		return nil
	}
	f, _, err := files.Open(path, 0)
	if err != nil {
		return project.WrapError(project.ENOTFOUND, err, "%s %s cannot be opened", what, path)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("reading %s %s: %w", what, path, err)
	}
	if hex.EncodeToString(h.Sum(nil)) != want {
		return hashMismatch(what, path)
	}
	return nil
}

// hashingReaderAt hashes a file while a scanner reads it front to back
// through ReadAt, so checking its hash costs no read of its own: bytes
// the scanner skips are read for the hash when it jumps past them, and
// finish reads whatever it did not reach.
type hashingReaderAt struct {
	r    io.ReaderAt
	size int64
	h    hash.Hash
	next int64 // bytes [0, next) are hashed
	err  error // a read error while filling a gap
}

func newHashingReaderAt(r io.ReaderAt, size int64) *hashingReaderAt {
	return &hashingReaderAt{r: r, size: size, h: sha256.New()}
}

// ReadAt implements io.ReaderAt.
func (hr *hashingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off > hr.next {
		hr.fill(off)
	}
	n, err := hr.r.ReadAt(p, off)
	if end := off + int64(n); off <= hr.next && end > hr.next {
		hr.h.Write(p[hr.next-off : n])
		hr.next = end
	}
	return n, err
}

// fill hashes the bytes from next up to off.
func (hr *hashingReaderAt) fill(off int64) {
	if hr.err != nil || off <= hr.next {
		return
	}
	n, err := io.Copy(hr.h, io.NewSectionReader(hr.r, hr.next, off-hr.next))
	hr.next += n
	if err != nil {
		hr.err = err
	}
}

// sum finishes the hash over the whole file and returns it in hex.
func (hr *hashingReaderAt) sum() (string, error) {
	hr.fill(hr.size)
	if hr.err != nil {
		return "", hr.err
	}
	if hr.next < hr.size {
		return "", io.ErrUnexpectedEOF
	}
	return hex.EncodeToString(hr.h.Sum(nil)), nil
}
