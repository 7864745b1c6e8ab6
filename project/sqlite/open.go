package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kino/project"
)

// Names inside a project bundle.
const (
	// Suffix ends the name of every project folder.
	Suffix   = ".kino"
	dbName   = "project.db"
	mediaDir = "media"
)

// Options say how Open opens a project.
type Options struct {
	// ReadOnly opens a view that never writes and takes no lock, so it
	// works while another Kino has the project open. Edits, takes and
	// PutBlob fail with ECONFLICT.
	ReadOnly bool
	// Signer is this machine's user's consent key. Opening a project
	// made before consent was signed signs its cameo snapshots with it,
	// once, as self-attested (see attestLegacy); without it they stay
	// unsigned and are refused.
	Signer project.ConsentSigner
	// SignerErr says why there is no Signer, for the message when an
	// upgrade needs one.
	SignerErr error
}

// Open opens the project folder at path (".kino" may be left off). It
// first inspects project.db read-only: a damaged file, a folder that is not
// a project, or a schema from a newer Kino fail here, and nothing has been
// written. Unless opts.ReadOnly is set it then takes the project's lock
// (ECONFLICT naming the other Kino when that is taken) and upgrades an
// older schema.
func Open(path string, opts Options) (*Project, error) {
	dir, err := findBundle(path)
	if err != nil {
		return nil, err
	}
	dbPath := filepath.Join(dir, dbName)
	name := filepath.Base(dir)
	if err := checkHeader(dir, dbPath); err != nil {
		return nil, err
	}
	readOnlyDisk := !bundleWritable(dir, dbPath)
	if readOnlyDisk && !opts.ReadOnly {
		return nil, readOnlyError(dir)
	}
	holder, writer, release := probeLock(dir)
	if writer && !opts.ReadOnly {
		return nil, lockConflict(dir, holder)
	}
	// With no writer (the probe's shared lock keeps one from starting) and
	// no leftover WAL, the file can be inspected as immutable, which
	// creates no -wal or -shm file. Otherwise SQLite must read the WAL.
	version, err := inspect(dir, dbPath, !writer && !hasWAL(dbPath))
	release()
	if err != nil {
		return nil, err
	}
	if opts.ReadOnly {
		if version < projectSchema.latest() {
			if readOnlyDisk {
				return nil, project.Errorf(project.ECONFLICT, "%s was written by an older Kino (schema %d) and is on a read-only disk or folder, so it cannot be upgraded: copy the project to a writable folder and open it there", dbPath, version)
			}
			return nil, project.Errorf(project.ECONFLICT, "%s was written by an older Kino (schema %d); open it for editing once to upgrade it", dbPath, version)
		}
		st, err := openViewStore(dbPath, name, readOnlyDisk)
		if err != nil {
			return nil, err
		}
		return newProject(dir, st, nil), nil
	}
	lock, err := acquireLock(dir)
	if err != nil {
		return nil, err
	}
	locked := time.Now()
	st, err := openStore(dbPath, name, false)
	if err != nil {
		lock.release()
		return nil, err
	}
	ctx := context.Background()
	// Migrate inside a write transaction, which re-reads the version: a
	// newer Kino may have opened the project since the inspection.
	if version < projectSchema.latest() {
		err = st.write(ctx, "upgrading the project database", func(tx *sql.Tx) error {
			return projectSchema.migrate(ctx, tx, dbPath, map[string]migrationHook{"consent": attestLegacy(opts.Signer, opts.SignerErr, dbPath)})
		})
	} else if version, err = userVersion(ctx, st.w); err == nil {
		err = projectSchema.tooNew(dbPath, version)
	}
	if err != nil {
		st.close()
		lock.release()
		return nil, sqlError(err, dbPath, "opening the project")
	}
	p := newProject(dir, st, lock)
	if p.recovery, err = recoverAfterCrash(ctx, st, p.media, locked); err != nil {
		p.Close()
		return nil, err
	}
	if err := p.purgeDeleted(ctx); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// ErrReadOnly is wrapped by the error Open returns for editing a project
// on a read-only disk or in a read-only folder (errors.Is finds it).
var ErrReadOnly = errors.New("the project is read-only")

// readOnlyError is the error for opening a read-only project for editing:
// ECONFLICT, and errors.Is(err, ErrReadOnly).
func readOnlyError(dir string) error {
	return &readOnlyProject{project.Errorf(project.ECONFLICT, "%s is on a read-only disk or in a read-only folder: it can be listed, played and exported, not changed (copy it to a writable folder to edit it)", filepath.Base(dir))}
}

// readOnlyProject is a read-only project's error; it says only its message.
type readOnlyProject struct{ err *project.Error }

func (e *readOnlyProject) Error() string        { return e.err.Error() }
func (e *readOnlyProject) Unwrap() error        { return e.err }
func (e *readOnlyProject) Is(target error) bool { return target == ErrReadOnly }

// openViewStore opens a read-only view's database. On a read-only disk
// or folder SQLite cannot create the -shm file a WAL database needs, so
// the file is opened immutable; a project whose write-ahead log still
// holds changes (its Kino was killed) can only be read there when its
// -shm file was left too.
func openViewStore(dbPath, name string, readOnlyDisk bool) (*store, error) {
	if !readOnlyDisk {
		return openStore(dbPath, name, true)
	}
	if !hasWAL(dbPath) {
		return openImmutableStore(dbPath, name)
	}
	if _, err := os.Stat(dbPath + "-shm"); err != nil {
		return nil, project.Errorf(project.ECONFLICT, "%s is on a read-only disk or in a read-only folder and holds changes its last Kino did not finish writing (its -wal file); copy the project to a writable folder and open it there once", filepath.Base(filepath.Dir(dbPath)))
	}
	return openStore(dbPath, name, true)
}

// findBundle resolves path to an existing project folder.
func findBundle(path string) (string, error) {
	dir, err := filepath.Abs(strings.TrimRight(path, `/\`))
	if err != nil {
		return "", fmt.Errorf("opening project %s: %w", path, err)
	}
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) && !strings.HasSuffix(dir, Suffix) {
		if st2, err2 := os.Stat(dir + Suffix); err2 == nil {
			dir, st, err = dir+Suffix, st2, nil
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "", project.Errorf(project.ENOTFOUND, "there is no project at %s", dir)
	}
	if err != nil {
		return "", fmt.Errorf("opening project %s: %w", dir, err)
	}
	if !st.IsDir() {
		return "", project.Errorf(project.EINVALID, "%s is not a Kino project: it is a file, not a %s folder", dir, Suffix)
	}
	return dir, nil
}
