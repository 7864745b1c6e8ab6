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
	"time"

	"kino/project"
)

// Create makes a new project folder at path (".kino" is added when
// missing) and opens it for editing. It refuses a path that exists and is
// not an empty folder. An empty title is taken from the folder name.
func Create(path, title string) (*Project, error) {
	dir, err := filepath.Abs(withSuffix(path))
	if err != nil {
		return nil, fmt.Errorf("creating project %s: %w", path, err)
	}
	if strings.TrimSpace(title) == "" {
		title = strings.TrimSuffix(filepath.Base(dir), Suffix)
	}
	now := time.Now().UTC()
	settings := project.NewProject(title)
	settings.ID = newID()
	settings.CreatedAt, settings.UpdatedAt = now, now
	if err := settings.Validate(); err != nil {
		return nil, err
	}
	made, err := makeBundleDir(dir)
	if err != nil {
		return nil, err
	}
	p, err := initBundle(dir, settings)
	if err != nil {
		if made {
			os.RemoveAll(dir)
		} else {
			for _, n := range []string{dbName, dbName + "-wal", dbName + "-shm", mediaDir, lockName} {
				os.RemoveAll(filepath.Join(dir, n))
			}
		}
		return nil, fmt.Errorf("creating project %s: %w", dir, err)
	}
	return p, nil
}

// withSuffix adds Suffix to path unless it is there.
func withSuffix(path string) string {
	clean := strings.TrimRight(path, `/\`)
	if clean == "" || strings.HasSuffix(clean, Suffix) {
		return clean
	}
	return clean + Suffix
}

// makeBundleDir creates dir, or accepts it when it is an empty folder. It
// reports whether it created dir.
func makeBundleDir(dir string) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return false, fmt.Errorf("creating project %s: %w", dir, err)
	}
	err := os.Mkdir(dir, 0o755)
	if err == nil {
		return true, syncDir(filepath.Dir(dir))
	}
	if !errors.Is(err, fs.ErrExist) {
		return false, fmt.Errorf("creating project %s: %w", dir, err)
	}
	st, serr := os.Stat(dir)
	if serr != nil || !st.IsDir() {
		return false, project.Errorf(project.ECONFLICT, "%s already exists and is not a folder; choose another name", dir)
	}
	f, err := os.Open(dir)
	if err != nil {
		return false, fmt.Errorf("creating project %s: %w", dir, err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); !errors.Is(err, io.EOF) {
		return false, project.Errorf(project.ECONFLICT, "%s already exists and is not empty; choose another name", dir)
	}
	return false, nil
}

// initBundle fills a new, empty bundle folder: media folder, lock, and a
// database whose schema and settings commit in one transaction.
func initBundle(dir string, settings *project.Project) (*Project, error) {
	if err := os.Mkdir(filepath.Join(dir, mediaDir), 0o755); err != nil {
		return nil, fmt.Errorf("creating media folder: %w", err)
	}
	lock, err := acquireLock(dir)
	if err != nil {
		return nil, err
	}
	if err := syncDir(dir); err != nil {
		lock.release()
		return nil, err
	}
	dbPath := filepath.Join(dir, dbName)
	st, err := openStore(dbPath, filepath.Base(dir), false)
	if err != nil {
		lock.release()
		return nil, err
	}
	ctx := context.Background()
	err = st.write(ctx, "creating the project database", func(tx *sql.Tx) error {
		if err := projectSchema.migrate(ctx, tx, dbPath, nil); err != nil {
			return err
		}
		return saveSettings(ctx, tx, settings)
	})
	if err != nil {
		st.close()
		lock.release()
		return nil, err
	}
	return newProject(dir, st, lock), nil
}
