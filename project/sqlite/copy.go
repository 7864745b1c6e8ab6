package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SaveCopy writes a consistent copy of the open project to a new bundle
// at destPath (".kino" is added when missing), which must not exist or be
// an empty folder. The database is copied with VACUUM INTO through a
// read-only connection, a snapshot that sees every committed edit and
// none half-done, and then the media blobs are copied and fsynced. Blobs
// are durable before any row naming them commits, so every blob the
// snapshot refers to is there to copy. It returns the copy's folder.
func (p *Project) SaveCopy(ctx context.Context, destPath string) (string, error) {
	dir, err := filepath.Abs(withSuffix(destPath))
	if err != nil {
		return "", fmt.Errorf("saving a copy to %s: %w", destPath, err)
	}
	if same, _ := samePath(dir, p.dir); same {
		return "", fmt.Errorf("saving a copy to %s: that is the open project", dir)
	}
	made, err := makeBundleDir(dir)
	if err != nil {
		return "", err
	}
	if err := p.copyInto(ctx, dir); err != nil {
		if made {
			os.RemoveAll(dir)
		} else {
			for _, n := range []string{dbName, mediaDir} {
				os.RemoveAll(filepath.Join(dir, n))
			}
		}
		return "", fmt.Errorf("saving a copy of %s to %s: %w", filepath.Base(p.dir), dir, err)
	}
	return dir, nil
}

func (p *Project) copyInto(ctx context.Context, dir string) error {
	if p.db.closed.Load() {
		return errors.New("the project is closed")
	}
	db, err := sql.Open("sqlite3", dsn(p.db.path, "mode=ro&_busy_timeout=10000"))
	if err != nil {
		return fmt.Errorf("opening a read-only connection: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	dbPath := filepath.Join(dir, dbName)
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dbPath); err != nil {
		return fmt.Errorf("copying the database: %w", err)
	}
	if err := syncFile(dbPath); err != nil {
		return err
	}
	if err := copyTree(ctx, p.media.dir, filepath.Join(dir, mediaDir)); err != nil {
		return fmt.Errorf("copying media: %w", err)
	}
	return syncDir(dir)
}

// copyTree copies the folder src to dst (which must not exist), fsyncing
// every file and folder it writes.
func copyTree(ctx context.Context, src, dst string) error {
	if err := os.Mkdir(dst, 0o755); err != nil {
		return err
	}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil || rel == "." {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.Mkdir(target, 0o755)
		case d.Type().IsRegular() && !strings.HasPrefix(d.Name(), "."):
			return copyFile(path, target)
		}
		return nil // temporary files and links are not project media
	})
	if err != nil {
		return err
	}
	return filepath.WalkDir(dst, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return syncDir(path)
	})
}

// copyFile copies src to a new file dst and fsyncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return fmt.Errorf("syncing %s: %w", dst, err)
	}
	return out.Close()
}

// syncFile fsyncs the file at path.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", path, err)
	}
	return nil
}

// samePath reports whether a and b are the same file or folder.
func samePath(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}
