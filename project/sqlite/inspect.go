package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"kino/project"
)

// hasWAL reports whether the database has a non-empty write-ahead log.
func hasWAL(dbPath string) bool {
	st, err := os.Stat(dbPath + "-wal")
	return err == nil && st.Size() > 0
}

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// checkHeader checks that project.db exists and starts like a SQLite
// database, reading only its first 100 bytes.
func checkHeader(dir, dbPath string) error {
	f, err := openRegular(dbPath, os.O_RDONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return project.Errorf(project.EINVALID, "%s is not a Kino project: it has no %s", dir, dbName)
	}
	if err != nil {
		return fmt.Errorf("opening %s: %w", dbPath, err)
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && n == 0 {
		return project.Errorf(project.ECORRUPT, "%s is empty", dbPath)
	}
	if n < len(head) || !bytes.Equal(head[:len(sqliteMagic)], sqliteMagic) {
		return project.Errorf(project.ECORRUPT, "%s is not a SQLite database or its header is damaged", dbPath)
	}
	return nil
}

// inspect checks project.db without writing anything: it has a Kino
// schema this Kino can read, passes SQLite's quick check and has its
// settings row. With immutable set, SQLite reads the file as it is,
// without creating -wal or -shm files; that is only right while no other
// process writes it. It returns the schema version.
func inspect(dir, dbPath string, immutable bool) (int, error) {
	params := roParams
	if immutable {
		params = "immutable=1&" + params
	}
	db, err := sql.Open("sqlite3", dsn(dbPath, params))
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", dbPath, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, sqlError(err, dbPath, "opening the project")
	}
	defer conn.Close()

	version, err := userVersion(ctx, conn)
	if err != nil {
		return 0, damaged(err, dbPath, "reading its schema version")
	}
	if err := projectSchema.tooNew(dbPath, version); err != nil {
		return 0, err
	}
	if version == 0 {
		return 0, project.Errorf(project.EINVALID, "%s is not a Kino project: %s has no Kino tables", dir, dbName)
	}
	if err := quickCheck(ctx, conn, dbPath); err != nil {
		return 0, err
	}
	if err := checkSettingsRow(ctx, conn, version); err != nil {
		return 0, damaged(err, dbPath, "reading the project settings")
	}
	return version, nil
}

// checkSettingsRow checks that the settings row is there and, at the
// latest schema, readable. An older schema lacks columns loadSettings
// reads until it is migrated, so only the row's presence is checked.
func checkSettingsRow(ctx context.Context, q querier, version int) error {
	if version >= projectSchema.latest() {
		_, err := loadSettings(ctx, q)
		return err
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM project WHERE id = 1`).Scan(&n); err != nil {
		return fmt.Errorf("reading project settings: %w", err)
	}
	if n != 1 {
		return project.Errorf(project.ECORRUPT, "the project's settings row is missing")
	}
	return nil
}

// quickCheck runs PRAGMA quick_check, which reads every page (catching
// truncation and overwritten pages) but skips the index cross-checks of
// integrity_check, so opening stays fast.
func quickCheck(ctx context.Context, q querier, dbPath string) error {
	rows, err := q.QueryContext(ctx, `PRAGMA quick_check(5)`)
	if err != nil {
		return damaged(err, dbPath, "checking it")
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return damaged(err, dbPath, "checking it")
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(err, dbPath, "checking it")
	}
	if len(problems) > 0 {
		return project.Errorf(project.ECORRUPT, "%s is damaged: %s", dbPath, strings.Join(problems, "; "))
	}
	return nil
}

// damaged reports that a database could not be read: ECORRUPT naming the
// file, unless err already carries a domain error.
func damaged(err error, dbPath, what string) error {
	var pe *project.Error
	if errors.As(err, &pe) && pe.Code != project.EINTERNAL {
		if pe.Code == project.ECORRUPT && !strings.Contains(pe.Message, dbPath) {
			return project.WrapError(project.ECORRUPT, err, "%s is damaged", dbPath)
		}
		return err
	}
	return project.WrapError(project.ECORRUPT, err, "%s is damaged or not a Kino project (while %s)", dbPath, what)
}
