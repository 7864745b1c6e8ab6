package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/mattn/go-sqlite3"

	"kino/project"
)

// Connection settings. Writers run with WAL, full fsync on commit, foreign
// keys and BEGIN IMMEDIATE, so a transaction never has to upgrade its lock
// half-way. Readers are query-only; a read-only view opens the file with
// mode=ro, which never writes to project.db.
const (
	commonParams = "_foreign_keys=1&_synchronous=FULL&_busy_timeout=10000&_stmt_cache_size=64"
	writeParams  = commonParams + "&_journal_mode=WAL&_txlock=immediate"
	readParams   = commonParams + "&_query_only=1"
	roParams     = "mode=ro&" + readParams
)

// querier is what *sql.DB, *sql.Conn and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// dsn returns a SQLite URI for the file at path with the given parameters.
func dsn(path, params string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
	return "file:" + esc + "?" + params
}

// store is one SQLite database: a single-connection writer pool (nil when
// read-only) and a reader pool.
type store struct {
	path string // the database file
	name string // how messages name the store, e.g. "Film.kino"
	w    *sql.DB
	r    *sql.DB

	readOnlyView bool
	closed       atomic.Bool
}

// openStore opens the database at path. It creates the file when it does
// not exist and readOnly is false.
func openStore(path, name string, readOnly bool) (*store, error) {
	return openStoreParams(path, name, readOnly, roParams)
}

// openImmutableStore opens the database at path read-only for a project
// on a read-only disk or folder: SQLite then reads the file as it is,
// with no -wal or -shm file (which it could not create there) and no
// locking, which is right because no one can be writing it.
func openImmutableStore(path, name string) (*store, error) {
	return openStoreParams(path, name, true, "immutable=1&"+roParams)
}

// openStoreParams is openStore with the reader parameters of a read-only
// store.
func openStoreParams(path, name string, readOnly bool, roReaderParams string) (*store, error) {
	s := &store{path: path, name: name, readOnlyView: readOnly}
	if !readOnly {
		w, err := sql.Open("sqlite3", dsn(path, writeParams))
		if err != nil {
			return nil, fmt.Errorf("opening %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		w.SetMaxIdleConns(1)
		w.SetConnMaxLifetime(0)
		s.w = w
	}
	params := readParams
	if readOnly {
		params = roReaderParams
	}
	r, err := sql.Open("sqlite3", dsn(path, params))
	if err != nil {
		s.close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	r.SetConnMaxLifetime(0)
	s.r = r
	return s, nil
}

// readOnly reports whether the store refuses writes.
func (s *store) readOnly() bool { return s.readOnlyView }

// close closes both pools. Later calls fail with ECONFLICT.
func (s *store) close() error {
	if s.closed.Swap(true) {
		return nil
	}
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("closing %s: %w", s.path, err)
	}
	return nil
}

// write runs fn in one immediate transaction and commits it. With
// synchronous=FULL the commit is on disk when write returns nil.
func (s *store) write(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	if s.closed.Load() {
		return project.Errorf(project.ECONFLICT, "%s is closed, so %s is not possible", s.name, what)
	}
	if s.w == nil {
		return project.Errorf(project.ECONFLICT, "%s is open read-only, so %s is not possible", s.name, what)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(err, what)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.wrap(err, what)
	}
	if err := tx.Commit(); err != nil {
		return s.wrap(err, what)
	}
	return nil
}

// read runs fn in one read transaction, so it sees a single snapshot.
func (s *store) read(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	if s.closed.Load() {
		return project.Errorf(project.ECONFLICT, "%s is closed, so %s is not possible", s.name, what)
	}
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(err, what)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return s.wrap(err, what)
	}
	return nil
}

// wrap turns err into an error that names what failed. Domain errors pass
// through; damage reported by SQLite becomes ECORRUPT naming the file.
func (s *store) wrap(err error, what string) error {
	var pe *project.Error
	if errors.As(err, &pe) {
		return err
	}
	return sqlError(err, s.path, what)
}

// sqlError classifies an error from SQLite for the database file at path.
func sqlError(err error, path, what string) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return project.WrapError(project.ECORRUPT, err, "%s is damaged (while %s)", path, what)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return project.WrapError(project.ECONFLICT, err, "%s is busy in another program (while %s)", path, what)
		case sqlite3.ErrReadonly:
			return project.WrapError(project.ECONFLICT, err, "%s is read-only (while %s)", path, what)
		case sqlite3.ErrCantOpen:
			return project.WrapError(project.ENOTFOUND, err, "%s cannot be opened (while %s)", path, what)
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY clash.
func isUniqueViolation(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}
