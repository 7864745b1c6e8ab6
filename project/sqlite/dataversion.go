package sqlite

import (
	"context"
	"fmt"
)

// DataVersion returns SQLite's data_version as seen by this project's
// writer connection. It changes only when another connection (another
// process, or another Project on the same folder) commits, never for this
// Project's own edits, so a window can tell outside changes from its own.
// A read-only view has no writer and reads it on a reader connection.
func (p *Project) DataVersion(ctx context.Context) (int64, error) {
	db := p.db.w
	if db == nil {
		db = p.db.r
	}
	if p.db.closed.Load() {
		return 0, fmt.Errorf("reading the data version of %s: it is closed", p.db.name)
	}
	var v int64
	if err := db.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("reading the data version of %s: %w", p.db.name, err)
	}
	return v, nil
}
