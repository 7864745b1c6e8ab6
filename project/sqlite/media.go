package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kino/project"
)

// mediaStore keeps content-addressed blobs under dir: dir/ab/abcdef...
// (the lower-case hex SHA-256 of the content, split after two digits).
type mediaStore struct {
	dir      string
	readOnly bool
}

// path returns where the blob with hash sum lives.
func (m *mediaStore) path(sum string) string {
	if len(sum) < 2 {
		return filepath.Join(m.dir, sum)
	}
	return filepath.Join(m.dir, sum[:2], sum)
}

// put copies r into the store and returns its asset. The bytes go to a
// temporary file in dir, which is fsynced, renamed into place, and its
// directory fsynced, all before put returns: a row that names the asset
// can only commit after the blob is durable.
func (m *mediaStore) put(ctx context.Context, r io.Reader, mediaType string) (project.Asset, error) {
	if m.readOnly {
		return project.Asset{}, project.Errorf(project.ECONFLICT, "media in %s is open read-only", m.dir)
	}
	mediaType = strings.TrimSpace(mediaType)
	if mediaType == "" {
		return project.Asset{}, project.Errorf(project.EINVALID, "a blob needs a media type such as video/x-motion-jpeg or image/png")
	}
	tmp, err := os.CreateTemp(m.dir, ".incoming-*")
	if err != nil {
		return project.Asset{}, fmt.Errorf("creating a temporary file in %s: %w", m.dir, err)
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), ctxReader{ctx, r})
	if err != nil {
		return project.Asset{}, fmt.Errorf("writing blob to %s: %w", tmpName, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return project.Asset{}, fmt.Errorf("setting permissions of %s: %w", tmpName, err)
	}
	if err := tmp.Sync(); err != nil {
		return project.Asset{}, fmt.Errorf("syncing %s: %w", tmpName, err)
	}
	if err := tmp.Close(); err != nil {
		return project.Asset{}, fmt.Errorf("closing %s: %w", tmpName, err)
	}
	a := project.Asset{SHA256: hex.EncodeToString(h.Sum(nil)), MediaType: mediaType, Size: n}
	final := m.path(a.SHA256)
	if reason, err := m.verify(a.SHA256, n); err == nil && reason == "" {
		// Already stored intact: keep the existing file.
		os.Remove(tmpName)
		ok = true
		return a, nil
	}
	sub := filepath.Dir(final)
	if _, err := os.Stat(sub); errors.Is(err, fs.ErrNotExist) {
		if err := os.Mkdir(sub, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return project.Asset{}, fmt.Errorf("creating %s: %w", sub, err)
		}
		if err := syncDir(m.dir); err != nil {
			return project.Asset{}, err
		}
	}
	// A missing or damaged file under this name is replaced by the good copy.
	if err := os.Rename(tmpName, final); err != nil {
		return project.Asset{}, fmt.Errorf("moving blob into %s: %w", final, err)
	}
	ok = true
	if err := syncDir(sub); err != nil {
		return project.Asset{}, err
	}
	return a, nil
}

// open opens the blob with hash sum. The reader checks the hash when it
// reaches the end and fails with ECORRUPT if the content changed.
func (m *mediaStore) open(sum string) (io.ReadCloser, error) {
	if err := project.ValidateSHA256(sum); err != nil {
		return nil, err
	}
	p := m.path(sum)
	f, err := openRegular(p, os.O_RDONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, project.Errorf(project.ENOTFOUND, "media file %s is missing", p)
	}
	if err != nil {
		return nil, fmt.Errorf("opening media file %s: %w", p, err)
	}
	return &checkedReader{f: f, h: sha256.New(), want: sum, path: p}, nil
}

// verify hashes the blob with hash sum. It returns a reason when the file
// is missing, has the wrong size (size >= 0) or the wrong content, "" when
// it is intact, and an error only when the file cannot be read.
func (m *mediaStore) verify(sum string, size int64) (string, error) {
	p := m.path(sum)
	f, err := openRegular(p, os.O_RDONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return "media file is missing", nil
	}
	if project.ErrorCode(err) == project.ECORRUPT {
		return "media file is not a regular file", nil
	}
	if err != nil {
		return "", fmt.Errorf("opening media file %s: %w", p, err)
	}
	defer f.Close()
	if size >= 0 {
		st, err := f.Stat()
		if err != nil {
			return "", fmt.Errorf("reading media file %s: %w", p, err)
		}
		if st.Size() != size {
			return fmt.Sprintf("media file has %d bytes, expected %d", st.Size(), size), nil
		}
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("reading media file %s: %w", p, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return "media file content does not match its hash (it was changed or damaged)", nil
	}
	return "", nil
}

// ensureAsset records a in the assets table of q after checking that its
// blob is in the store with the right size. Hashing every blob on every
// reference would make saving a take as slow as reading all its video, so
// the full hash is left to Check and to readers.
func (m *mediaStore) ensureAsset(ctx context.Context, q querier, a project.Asset) error {
	if err := a.Validate(); err != nil {
		return err
	}
	p := m.path(a.SHA256)
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return project.Errorf(project.ENOTFOUND, "asset %s (%s) is not in %s: media file %s is missing; copy it in with PutBlob first", a.SHA256[:12], a.MediaType, m.dir, p)
	}
	if err != nil {
		return fmt.Errorf("checking media file %s: %w", p, err)
	}
	if st.Size() != a.Size {
		return project.Errorf(project.ECORRUPT, "media file %s has %d bytes, but asset %s says %d", p, st.Size(), a.SHA256[:12], a.Size)
	}
	_, err = q.ExecContext(ctx,
		`INSERT INTO assets (sha256, media_type, size) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		a.SHA256, a.MediaType, a.Size)
	if err != nil {
		return fmt.Errorf("recording asset %s: %w", a.SHA256[:12], err)
	}
	return nil
}

// syncDir fsyncs a directory so a rename or create in it is durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("opening %s to sync it: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// ctxReader stops a copy when its context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// checkedReader hashes what it reads and reports a mismatch at the end.
type checkedReader struct {
	f    *os.File
	h    hash.Hash
	want string
	path string
}

func (c *checkedReader) Read(p []byte) (int, error) {
	n, err := c.f.Read(p)
	c.h.Write(p[:n])
	if errors.Is(err, io.EOF) {
		if got := hex.EncodeToString(c.h.Sum(nil)); got != c.want {
			return n, project.Errorf(project.ECORRUPT, "media file %s does not match its hash (it was changed or damaged)", c.path)
		}
	}
	return n, err
}

func (c *checkedReader) Close() error { return c.f.Close() }
