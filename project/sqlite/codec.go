package sqlite

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"
)

// Times are stored as UTC RFC 3339 text with nanoseconds: exact, readable
// with the sqlite3 shell, and valid for every year a person can type (unix
// nanoseconds stop at 2262). The zero time is stored as NULL.

// timeValue returns t as a column value.
func timeValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// nullTime is a time column being scanned.
type nullTime struct{ T time.Time }

// Scan implements sql.Scanner.
func (n *nullTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		n.T = time.Time{}
		return nil
	case string:
		t, err := time.Parse(time.RFC3339Nano, x)
		if err != nil {
			return fmt.Errorf("reading time %q: %w", x, err)
		}
		n.T = t.UTC()
		return nil
	case []byte:
		return n.Scan(string(x))
	}
	return fmt.Errorf("reading time: unexpected %T", v)
}

var _ sql.Scanner = (*nullTime)(nil)

// seedValue stores a uint64 bit for bit in a signed INTEGER column.
func seedValue(u uint64) int64 { return int64(u) }

// seedFrom reads back a value stored by seedValue.
func seedFrom(i int64) uint64 { return uint64(i) }

// newID returns a random 128-bit identifier as 32 hex digits.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// boolInt stores a bool as 0 or 1.
func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
