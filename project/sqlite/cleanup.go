package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kino/project"
)

// incomingPrefix starts the name of a blob being written into media/.
const incomingPrefix = ".incoming-"

// interruptedError is the error a take gets when the Kino that was making
// it stopped (it was killed, or the machine went down) before it finished.
const interruptedError = "interrupted: the Kino that was making this take stopped before it finished"

// Recovery is what opening a project cleaned up after a Kino that was
// killed while it had the project open.
type Recovery struct {
	// TempFiles and TempBytes count the half-written blobs removed from
	// media/.
	TempFiles int
	TempBytes int64
	// Interrupted lists the takes that were still marked running and are
	// now failed ("interrupted").
	Interrupted []int64
}

// Empty reports whether nothing was cleaned up.
func (r Recovery) Empty() bool { return r.TempFiles == 0 && len(r.Interrupted) == 0 }

// String says what was cleaned up, for a note.
func (r Recovery) String() string {
	var parts []string
	if r.TempFiles > 0 {
		parts = append(parts, fmt.Sprintf("removed %d half-written media file(s) (%d bytes)", r.TempFiles, r.TempBytes))
	}
	if n := len(r.Interrupted); n > 0 {
		parts = append(parts, fmt.Sprintf("marked %d take(s) failed that a stopped Kino left running", n))
	}
	if len(parts) == 0 {
		return "nothing to clean up"
	}
	return "after an interrupted session: " + strings.Join(parts, "; ")
}

// recoverAfterCrash runs on every open for editing, with the project's
// lock held since locked: no other Kino can be writing the project, so a
// half-written blob older than the lock, or a take still marked running,
// was left by a Kino that stopped. The first are removed, the
// second marked failed. With nothing to clean this costs one directory
// read and one indexed query (see BenchmarkOpenCleanup).
func recoverAfterCrash(ctx context.Context, st *store, media *mediaStore, locked time.Time) (Recovery, error) {
	var r Recovery
	var err error
	if r.TempFiles, r.TempBytes, err = removeIncoming(media.dir, locked); err != nil {
		return r, err
	}
	var stale []int64
	err = st.read(ctx, "looking for interrupted takes", func(tx *sql.Tx) error {
		var err error
		stale, err = unfinishedTakes(ctx, tx)
		return err
	})
	if err != nil || len(stale) == 0 {
		return r, err
	}
	err = st.write(ctx, "marking interrupted takes failed", func(tx *sql.Tx) error {
		var err error
		if r.Interrupted, err = unfinishedTakes(ctx, tx); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE takes SET status = ?, error = ? WHERE status = ?`,
			string(project.TakeFailed), interruptedError, string(project.TakeRunning))
		return err
	})
	return r, err
}

// removeIncoming removes the half-written blobs in the media folder dir
// last written before cutoff, and counts them.
func removeIncoming(dir string, cutoff time.Time) (int, int64, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return 0, 0, fmt.Errorf("looking for half-written media in %s: %w", dir, err)
	}
	n, size := 0, int64(0)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), incomingPrefix) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(cutoff) {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			n++
			size += info.Size()
		}
	}
	return n, size, nil
}

// libraryIncomingAge is how long a half-written blob in the cameo
// library must have been untouched before it is taken for debris. The
// library has no lock (several Kinos share it), so age decides: storing a
// reference image takes seconds, and a write under way touches its file.
const libraryIncomingAge = time.Hour

// unfinishedTakes lists the takes marked running.
func unfinishedTakes(ctx context.Context, q querier) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM takes WHERE status = ? ORDER BY id`, string(project.TakeRunning))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
