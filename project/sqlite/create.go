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
	settings := project.NewProject(title)
	return CreateWith(path, *settings)
}

// CreateWith is Create with the new project's settings (title, rate,
// resolution, seed policy, engine); ID and times are set here. The
// project is built in a hidden folder beside path and renamed into place
// whole, so a Kino killed half-way never leaves a partial project under
// the name: the next Create of the same name cleans up after it.
func CreateWith(path string, settings project.Project) (*Project, error) {
	dir, err := filepath.Abs(withSuffix(path))
	if err != nil {
		return nil, fmt.Errorf("creating project %s: %w", path, err)
	}
	if strings.TrimSpace(settings.Title) == "" {
		settings.Title = strings.TrimSuffix(filepath.Base(dir), Suffix)
	}
	now := time.Now().UTC()
	settings.ID = newID()
	settings.CreatedAt, settings.UpdatedAt = now, now
	if err := settings.Validate(); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating project %s: %w", dir, err)
	}
	if err := checkNewBundle(dir); err != nil {
		return nil, err
	}
	removeKilledCreates(parent, filepath.Base(dir))
	tmp, err := os.MkdirTemp(parent, creatingPrefix(filepath.Base(dir)))
	if err != nil {
		return nil, fmt.Errorf("creating project %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("creating project %s: %w", dir, err)
	}
	if err := buildBundle(tmp, dir, &settings); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("creating project %s: %w", dir, err)
	}
	return Open(dir, Options{})
}

// creatingPrefix starts the name of the hidden folder a project called
// base is built in.
func creatingPrefix(base string) string { return "." + base + ".creating-" }

// buildBundle fills the new folder tmp, closes it and renames it to dir.
func buildBundle(tmp, dir string, settings *project.Project) error {
	p, err := initBundle(tmp, settings)
	if err != nil {
		return err
	}
	if err := p.Close(); err != nil {
		return err
	}
	if err := syncDir(tmp); err != nil {
		return err
	}
	// An empty folder the person made for the project is replaced (rename
	// does that on Unix; elsewhere it is removed first).
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Remove(dir); rerr != nil {
			return err
		}
		if err := os.Rename(tmp, dir); err != nil {
			return err
		}
	}
	return syncDir(filepath.Dir(dir))
}

// checkNewBundle accepts a dir that does not exist or is an empty folder.
func checkNewBundle(dir string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("creating project %s: %w", dir, err)
	}
	if !st.IsDir() {
		return project.Errorf(project.ECONFLICT, "%s already exists and is not a folder; choose another name", dir)
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("creating project %s: %w", dir, err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); !errors.Is(err, io.EOF) {
		return project.Errorf(project.ECONFLICT, "%s already exists and is not empty; choose another name", dir)
	}
	return nil
}

// removeKilledCreates removes the hidden folders in parent that a Kino
// killed while creating a project called base left behind. A folder whose
// lock is still held belongs to a Create under way and is kept.
func removeKilledCreates(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := creatingPrefix(base)
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		d := filepath.Join(parent, e.Name())
		if _, err := os.Lstat(filepath.Join(d, lockName)); err != nil {
			// Killed before it made its lock, or just starting: only an
			// old one is debris.
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Minute {
				os.RemoveAll(d)
			}
			continue
		}
		if lock, err := acquireLock(d); err == nil {
			os.RemoveAll(d)
			lock.release()
		}
	}
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
