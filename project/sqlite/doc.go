// Package sqlite stores Kino projects and the cameo library in SQLite.
//
// A project is a folder bundle, Name.kino/, holding project.db (SQLite in
// WAL mode with foreign_keys=ON and synchronous=FULL), a lock file and
// media/, where every blob lives under its SHA-256 (media/ab/abcdef...). A
// blob is fsynced and renamed into place before any row that points at it
// commits, so a crash never leaves a row without its file.
//
// The cameo library is the same kind of store (library.db plus media/) in
// the person's data directory; several processes may share it, relying on
// SQLite's own locking. A project is opened by one writer at a time, guarded
// by flock on the bundle's lock file.
//
// Every service call is one transaction. Edits are validated first, and
// the inverse of each is computed inside the same transaction and kept on an
// in-memory undo stack for the session.
package sqlite
