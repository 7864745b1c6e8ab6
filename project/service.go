package project

import (
	"context"
	"io"
	"time"
)

// Applied is what a store reports after applying an edit.
type Applied struct {
	Label string
	// ID is the ID of a row the edit created (a new shot or audio clip), or 0.
	ID int64
}

// Editor applies edits durably, one transaction each, and undoes and redoes
// them for the whole session.
type Editor interface {
	// Apply validates and commits e, and pushes it on the undo stack. When
	// Apply returns nil the edit survives a crash.
	Apply(ctx context.Context, e Edit) (Applied, error)
	// Undo reverts the most recent edit; ENOTFOUND when there is none.
	Undo(ctx context.Context) (Applied, error)
	// Redo re-applies the most recently undone edit; ENOTFOUND when there is none.
	Redo(ctx context.Context) (Applied, error)
	// UndoLabel and RedoLabel name the next edit to undo or redo ("" if none).
	UndoLabel() string
	RedoLabel() string
}

// Reader reads an open project.
type Reader interface {
	Project(ctx context.Context) (*Project, error)
	Shots(ctx context.Context) ([]*Shot, error)
	Shot(ctx context.Context, id int64) (*Shot, error)
	// ShotAt returns the shot with the 1-based number n.
	ShotAt(ctx context.Context, n int) (*Shot, error)
	Takes(ctx context.Context, shotID int64) ([]*Take, error)
	Take(ctx context.Context, id int64) (*Take, error)
	// Cameos returns the project's snapshots of cameos it casts.
	Cameos(ctx context.Context) ([]*Cameo, error)
	AudioClips(ctx context.Context) ([]*AudioClip, error)
}

// TakeRecorder records generation results. These are not undoable edits:
// they are the engine's output, and the person's choices about them
// (active, starred, deleted) are edits.
type TakeRecorder interface {
	// CreateTake stores a new take and sets t.ID.
	CreateTake(ctx context.Context, t *Take) error
	// UpdateTake stores t's status, error and media. Media assets must
	// already be in the media store.
	UpdateTake(ctx context.Context, t *Take) error
	// FinishTake stores t as done and, when makeActive is set, makes it the
	// shot's active take, in one transaction.
	FinishTake(ctx context.Context, t *Take, makeActive bool) error
}

// MediaStore keeps content-addressed blobs.
type MediaStore interface {
	// PutBlob stores r's bytes durably and returns their asset. The blob is
	// on disk (fsynced and renamed) before PutBlob returns.
	PutBlob(ctx context.Context, r io.Reader, mediaType string) (Asset, error)
	// OpenBlob opens a blob for reading, checking that it exists.
	OpenBlob(sha256 string) (io.ReadCloser, error)
	// BlobPath returns where a blob lives on disk.
	BlobPath(sha256 string) string
}

// Damage describes one problem an integrity check found.
type Damage struct {
	TakeID int64  `json:"take_id,omitempty"`
	ShotID int64  `json:"shot_id,omitempty"`
	Handle string `json:"handle,omitempty"`
	Asset  string `json:"asset,omitempty"`
	Path   string `json:"path,omitempty"`
	Reason string `json:"reason"`
}

// Checker verifies a project's database and media.
type Checker interface {
	Check(ctx context.Context) ([]Damage, error)
}

// CameoLibrary is the person's saved cameos, kept outside projects.
type CameoLibrary interface {
	MediaStore
	Cameos(ctx context.Context) ([]*Cameo, error)
	// Cameo returns the cameo with handle h; ENOTFOUND when there is none.
	Cameo(ctx context.Context, h string) (*Cameo, error)
	// CreateCameo stores c and sets its ID; ECONFLICT if the handle is taken.
	CreateCameo(ctx context.Context, c *Cameo) error
	// UpdateCameo stores c's editable fields.
	UpdateCameo(ctx context.Context, c *Cameo) error
	// RevokeCameo marks the consent of h as revoked at time at.
	RevokeCameo(ctx context.Context, h string, at time.Time) (*Cameo, error)
	// DeleteCameo removes a cameo from the library.
	DeleteCameo(ctx context.Context, h string) error
}

// CameoImport says what importing a cameo file did.
type CameoImport struct {
	Cameo *Cameo
	// Fingerprint identifies the key that signed the cameo's consent.
	Fingerprint string
	// FirstSeen is set when this import pinned the owner key: later
	// records of the cameo must carry it.
	FirstSeen bool
	// Unchanged is set when the library already held this record or a
	// newer one; the library's copy is returned.
	Unchanged bool
}
