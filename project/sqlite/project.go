package sqlite

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"sync"
	"time"

	"kino/project"
)

// Project is an open project folder. It is safe for concurrent use; edits
// are applied one at a time.
type Project struct {
	dir   string
	db    *store
	media *mediaStore
	lock  *bundleLock // nil for a read-only view
	now   func() time.Time

	// recovery is what Open cleaned up after a Kino that was killed.
	recovery Recovery

	mu     sync.Mutex // serialises edits and guards the stacks
	undo   []stackEntry
	redo   []stackEntry
	closed bool
}

var (
	_ project.Reader       = (*Project)(nil)
	_ project.Editor       = (*Project)(nil)
	_ project.TakeRecorder = (*Project)(nil)
	_ project.MediaStore   = (*Project)(nil)
	_ project.Checker      = (*Project)(nil)
)

func newProject(dir string, st *store, lock *bundleLock) *Project {
	return &Project{
		dir:   dir,
		db:    st,
		media: &mediaStore{dir: filepath.Join(dir, mediaDir), readOnly: st.readOnly()},
		lock:  lock,
		now:   func() time.Time { return time.Now().UTC() },
	}
}

// Path returns the project folder, e.g. /home/ana/Films/Beach.kino.
func (p *Project) Path() string { return p.dir }

// Recovered says what opening the project cleaned up after a Kino that
// was killed while it had the project open (nothing for a read-only view).
func (p *Project) Recovered() Recovery { return p.recovery }

// ReadOnly reports whether p is a read-only view.
func (p *Project) ReadOnly() bool { return p.db.readOnly() }

// Close closes the database and releases the project's lock. Every
// acknowledged edit is already on disk; Close only tidies up.
func (p *Project) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	err := p.purgeDeleted(context.Background())
	if cerr := p.db.close(); err == nil {
		err = cerr
	}
	if lerr := p.lock.release(); err == nil && lerr != nil {
		err = lerr
	}
	return err
}

// Project returns the project's settings.
func (p *Project) Project(ctx context.Context) (*project.Project, error) {
	var out *project.Project
	err := p.db.read(ctx, "reading the project settings", func(tx *sql.Tx) (err error) {
		out, err = loadSettings(ctx, tx)
		return err
	})
	return out, err
}

// Shots returns every shot in timeline order.
func (p *Project) Shots(ctx context.Context) ([]*project.Shot, error) {
	var out []*project.Shot
	err := p.db.read(ctx, "reading shots", func(tx *sql.Tx) (err error) {
		out, err = loadShots(ctx, tx)
		return err
	})
	return out, err
}

// Shot returns the shot with id; ENOTFOUND if there is none.
func (p *Project) Shot(ctx context.Context, id int64) (*project.Shot, error) {
	var out *project.Shot
	err := p.db.read(ctx, "reading a shot", func(tx *sql.Tx) (err error) {
		out, err = loadShot(ctx, tx, id)
		return err
	})
	return out, err
}

// ShotAt returns the shot with the 1-based number n; ENOTFOUND if none.
func (p *Project) ShotAt(ctx context.Context, n int) (*project.Shot, error) {
	var out *project.Shot
	err := p.db.read(ctx, "reading a shot", func(tx *sql.Tx) (err error) {
		out, err = loadShotAt(ctx, tx, n-1)
		return err
	})
	return out, err
}

// Takes returns the takes of a shot, oldest first.
func (p *Project) Takes(ctx context.Context, shotID int64) ([]*project.Take, error) {
	var out []*project.Take
	err := p.db.read(ctx, "reading takes", func(tx *sql.Tx) (err error) {
		out, err = loadTakes(ctx, tx, shotID)
		return err
	})
	return out, err
}

// Take returns the take with id; ENOTFOUND if there is none.
func (p *Project) Take(ctx context.Context, id int64) (*project.Take, error) {
	var out *project.Take
	err := p.db.read(ctx, "reading a take", func(tx *sql.Tx) (err error) {
		out, err = loadTake(ctx, tx, id)
		return err
	})
	return out, err
}

// Cameos returns the project's cameo snapshots, ordered by handle.
func (p *Project) Cameos(ctx context.Context) ([]*project.Cameo, error) {
	var out []*project.Cameo
	err := p.db.read(ctx, "reading cameos", func(tx *sql.Tx) (err error) {
		out, err = loadCameos(ctx, tx)
		return err
	})
	return out, err
}

// AudioClips returns the audio clips ordered by start.
func (p *Project) AudioClips(ctx context.Context) ([]*project.AudioClip, error) {
	var out []*project.AudioClip
	err := p.db.read(ctx, "reading audio clips", func(tx *sql.Tx) (err error) {
		out, err = loadClips(ctx, tx)
		return err
	})
	return out, err
}

// PutBlob stores r's bytes in the project's media folder. The blob is
// fsynced and renamed into place before PutBlob returns.
func (p *Project) PutBlob(ctx context.Context, r io.Reader, mediaType string) (project.Asset, error) {
	return p.media.put(ctx, r, mediaType)
}

// OpenBlob opens a blob for reading; ENOTFOUND naming the file when it is
// missing. Reading to the end fails with ECORRUPT if the content no longer
// matches its hash.
func (p *Project) OpenBlob(sha256 string) (io.ReadCloser, error) { return p.media.open(sha256) }

// BlobPath returns where a blob lives on disk.
func (p *Project) BlobPath(sha256 string) string { return p.media.path(sha256) }
