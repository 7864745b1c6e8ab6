package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"kino/project"
)

// Orphan is a file in a project's media folder that no row refers to: a
// blob a Kino stored just before it was killed (its row never committed),
// or a half-written temporary file. Nothing can refer to it later (undo
// only restores rows whose assets are recorded), so removing it loses
// nothing.
type Orphan struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
	// Temp marks a half-written temporary file rather than a whole blob.
	Temp bool `json:"temporary,omitempty"`
}

// Debris is what a killed Kino can leave in a project: orphan media files
// and takes still marked running with no Kino making them.
type Debris struct {
	Orphans []Orphan `json:"orphans,omitempty"`
	// Interrupted lists takes marked running while no Kino has
	// the project open for editing (opening it for editing marks them
	// failed). Empty while a Kino has it open: its takes may be running.
	Interrupted []int64 `json:"interrupted_takes,omitempty"`
}

// Bytes is the total size of the orphan files.
func (d Debris) Bytes() int64 {
	var n int64
	for _, o := range d.Orphans {
		n += o.Size
	}
	return n
}

// Empty reports whether there is no debris.
func (d Debris) Empty() bool { return len(d.Orphans) == 0 && len(d.Interrupted) == 0 }

// Debris lists the orphan media files and interrupted takes of the
// project. In a read-only view while another Kino is writing the project,
// a blob that Kino is saving can show as an orphan for a moment.
func (p *Project) Debris(ctx context.Context) (Debris, error) {
	var d Debris
	known := map[string]bool{}
	var unfinished []int64
	err := p.db.read(ctx, "listing the project's media", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT sha256 FROM assets`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sha string
			if err := rows.Scan(&sha); err != nil {
				return err
			}
			known[sha] = true
		}
		if err := rows.Err(); err != nil {
			return err
		}
		unfinished, err = unfinishedTakes(ctx, tx)
		return err
	})
	if err != nil {
		return d, err
	}
	if d.Orphans, err = p.media.orphans(ctx, known); err != nil {
		return d, err
	}
	if len(unfinished) > 0 && p.ReadOnly() {
		if _, writer, release := probeLock(p.dir); !writer {
			release()
			d.Interrupted = unfinished
		}
	}
	return d, nil
}

// RemoveOrphans removes the project's orphan media files and returns
// them. The project must be open for editing: holding its lock, no other
// Kino can be saving a blob whose row is about to commit. This process
// must not be saving one either (call it before generating or importing).
func (p *Project) RemoveOrphans(ctx context.Context) ([]Orphan, error) {
	if p.ReadOnly() {
		return nil, project.Errorf(project.ECONFLICT, "%s is open read-only, so its orphan media cannot be removed", filepath.Base(p.dir))
	}
	d, err := p.Debris(ctx)
	if err != nil {
		return nil, err
	}
	var removed []Orphan
	for _, o := range d.Orphans {
		if err := os.Remove(o.Path); err != nil {
			return removed, fmt.Errorf("removing orphan media file %s: %w", o.Path, err)
		}
		removed = append(removed, o)
	}
	return removed, nil
}

// orphans lists the files under the media folder that are not blobs named
// in known: whole blobs without a row and temporary files. Files whose
// names are not Kino's are left out (Kino never wrote them).
func (m *mediaStore) orphans(ctx context.Context, known map[string]bool) ([]Orphan, error) {
	top, err := os.ReadDir(m.dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("listing %s: %w", m.dir, err)
	}
	var out []Orphan
	add := func(path string, e os.DirEntry, temp bool) {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			out = append(out, Orphan{Path: path, Size: info.Size(), Temp: temp})
		}
	}
	for _, e := range top {
		name := e.Name()
		if strings.HasPrefix(name, incomingPrefix) {
			add(filepath.Join(m.dir, name), e, true)
			continue
		}
		if !e.IsDir() || len(name) != 2 || !isLowerHex(name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		sub := filepath.Join(m.dir, name)
		files, err := os.ReadDir(sub)
		if err != nil {
			return out, fmt.Errorf("listing %s: %w", sub, err)
		}
		for _, f := range files {
			n := f.Name()
			if len(n) == 64 && strings.HasPrefix(n, name) && isLowerHex(n) && !known[n] {
				add(filepath.Join(sub, n), f, false)
			}
		}
	}
	return out, nil
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
