package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"kino/project"
)

const libraryDBName = "library.db"

// Library is the person's cameo library: dir/library.db and dir/media/,
// kept outside projects (in the user's data directory). Several Kino
// processes may open it at once; SQLite's own locking keeps their writes
// apart, so it takes no lock file.
type Library struct {
	dir    string
	db     *store
	media  *mediaStore
	now    func() time.Time
	signer project.ConsentSigner
}

var (
	_ project.CameoLibrary = (*Library)(nil)
	_ project.Checker      = (*Library)(nil)
)

// OpenLibrary opens the library in dir, creating the folder and database
// when they do not exist. An existing library.db is first inspected
// read-only: a damaged file or one from a newer Kino fails without a
// write. signer is this machine's user's consent key: it signs the
// consent of cameos made here and revocations, and, once, the cameos of a
// library made before consent was signed (as self-attested). Without it
// the library can be read but not given new consent.
func OpenLibrary(dir string, signer project.ConsentSigner) (*Library, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("opening cameo library %s: %w", dir, err)
	}
	if err := os.MkdirAll(filepath.Join(dir, mediaDir), 0o755); err != nil {
		return nil, fmt.Errorf("opening cameo library %s: %w", dir, err)
	}
	dbPath := filepath.Join(dir, libraryDBName)
	version := 0
	if _, err := os.Stat(dbPath); err == nil {
		if version, err = inspectLibrary(dbPath); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("opening cameo library %s: %w", dbPath, err)
	}
	st, err := openStore(dbPath, "the cameo library", false)
	if err != nil {
		return nil, err
	}
	if version < librarySchema.latest() {
		ctx := context.Background()
		err := st.write(ctx, "setting up the cameo library", func(tx *sql.Tx) error {
			return librarySchema.migrate(ctx, tx, dbPath, map[string]migrationHook{"consent": attestLegacy(signer, nil, dbPath)})
		})
		if err != nil {
			st.close()
			return nil, err
		}
	}
	// Half-written images of a killed `cameo add` (see libraryIncomingAge).
	removeIncoming(filepath.Join(dir, mediaDir), time.Now().Add(-libraryIncomingAge))
	return &Library{
		dir:    dir,
		db:     st,
		media:  &mediaStore{dir: filepath.Join(dir, mediaDir)},
		now:    func() time.Time { return time.Now().UTC() },
		signer: signer,
	}, nil
}

// inspectLibrary checks an existing library.db read-only and returns its
// schema version.
func inspectLibrary(dbPath string) (int, error) {
	db, err := sql.Open("sqlite3", dsn(dbPath, roParams))
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", dbPath, err)
	}
	defer db.Close()
	ctx := context.Background()
	version, err := userVersion(ctx, db)
	if err != nil {
		return 0, damaged(err, dbPath, "reading its schema version")
	}
	if err := librarySchema.tooNew(dbPath, version); err != nil {
		return 0, err
	}
	if version > 0 {
		if err := quickCheck(ctx, db, dbPath); err != nil {
			return 0, err
		}
	}
	return version, nil
}

// Path returns the library folder.
func (l *Library) Path() string { return l.dir }

// Close closes the library database.
func (l *Library) Close() error { return l.db.close() }

// Cameos returns every cameo, ordered by handle.
func (l *Library) Cameos(ctx context.Context) ([]*project.Cameo, error) {
	var out []*project.Cameo
	err := l.db.read(ctx, "reading the cameo library", func(tx *sql.Tx) (err error) {
		out, err = loadCameos(ctx, tx)
		return err
	})
	return out, err
}

// Cameo returns the cameo with handle h; ENOTFOUND when there is none.
func (l *Library) Cameo(ctx context.Context, h string) (*project.Cameo, error) {
	var out *project.Cameo
	err := l.db.read(ctx, "reading a cameo", func(tx *sql.Tx) (err error) {
		out, err = l.byHandle(ctx, tx, h)
		return err
	})
	return out, err
}

func (l *Library) byHandle(ctx context.Context, q querier, h string) (*project.Cameo, error) {
	h = project.NormalizeHandle(h)
	c, err := loadCameoWhere(ctx, q, "handle = ?", h)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, project.Errorf(project.ENOTFOUND, "there is no cameo %s in the library", h)
	}
	return c, nil
}

// CreateCameo stores c and sets its ID (and its consent's ID and times
// when unset). The handle is normalised; ECONFLICT when it is taken. The
// images must already be in the library's media (PutBlob).
func (l *Library) CreateCameo(ctx context.Context, c *project.Cameo) error {
	if c == nil {
		return project.Errorf(project.EINVALID, "no cameo to store")
	}
	n, err := normalizeCameo(c)
	if err != nil {
		return err
	}
	now := l.now()
	n.ID = newID()
	if n.Consent.ID == "" {
		n.Consent.ID = newID()
	}
	if n.Consent.GrantedAt.IsZero() {
		n.Consent.GrantedAt = now
	}
	n.CreatedAt, n.UpdatedAt = now, now
	if err := n.Validate(); err != nil {
		return err
	}
	if l.signer == nil {
		return project.Errorf(project.ECONSENT, "cameo %s cannot be given consent: this Kino has no consent key", n.Handle)
	}
	// A cameo of yourself carries your own signature; a cameo of someone
	// else is vouched for by you (self-attested) until they sign one of
	// their own and send it as a .kinocameo file.
	n.Consent.Seq, n.Consent.ImageSHA256, n.Consent.SelfAttested = 1, n.MainImage(), !n.IsSelf
	n.Consent.Revoked, n.Consent.RevokedAt = false, time.Time{}
	n.Consent.Sign(n.ID, l.signer)
	err = l.db.write(ctx, "saving cameo "+n.Handle, func(tx *sql.Tx) error {
		if old, err := loadCameoWhere(ctx, tx, "handle = ?", n.Handle); err != nil {
			return err
		} else if old != nil {
			return project.Errorf(project.ECONFLICT, "the handle %s is already taken by %s", n.Handle, old.Name)
		}
		return saveCameo(ctx, tx, l.media, n)
	})
	if err != nil {
		return err
	}
	*c = *n
	return nil
}

// UpdateCameo stores c's fields for the cameo with c.ID (all but its ID
// and creation time); ENOTFOUND when there is none, ECONFLICT when a new
// handle is taken.
func (l *Library) UpdateCameo(ctx context.Context, c *project.Cameo) error {
	if c == nil {
		return project.Errorf(project.EINVALID, "no cameo to store")
	}
	n, err := normalizeCameo(c)
	if err != nil {
		return err
	}
	err = l.db.write(ctx, "saving cameo "+n.Handle, func(tx *sql.Tx) error {
		old, err := loadCameoWhere(ctx, tx, "id = ?", n.ID)
		if err != nil {
			return err
		}
		if old == nil {
			return project.Errorf(project.ENOTFOUND, "there is no cameo with ID %q in the library", n.ID)
		}
		n.CreatedAt, n.UpdatedAt = old.CreatedAt, l.now()
		if err := l.carryConsent(ctx, tx, old, n); err != nil {
			return err
		}
		return saveCameo(ctx, tx, l.media, n)
	})
	if err != nil {
		return err
	}
	*c = *n
	return nil
}

// RevokeCameo records, signed by this machine's user, that the consent of
// h is revoked from time at (now when zero), and returns the updated
// cameo: its Consent is the signed revocation (the record a revocation
// file carries). Projects learn of it when they are next opened with this
// library (Project.SyncConsent) or refreshed with
// project.UpdateCameoSnapshot.
func (l *Library) RevokeCameo(ctx context.Context, h string, at time.Time) (*project.Cameo, error) {
	var out *project.Cameo
	err := l.db.write(ctx, "revoking consent of "+project.NormalizeHandle(h), func(tx *sql.Tx) error {
		c, err := l.byHandle(ctx, tx, h)
		if err != nil {
			return err
		}
		if at.IsZero() {
			at = l.now()
		}
		if l.signer == nil {
			return project.Errorf(project.ECONSENT, "the consent of %s cannot be revoked: this Kino has no consent key", c.Handle)
		}
		seq, err := nextSeq(ctx, tx, c)
		if err != nil {
			return err
		}
		c.Consent.Revoked, c.Consent.RevokedAt, c.Consent.Seq, c.UpdatedAt = true, at.UTC(), seq, l.now()
		c.Consent.Sign(c.ID, l.signer)
		if err := saveCameo(ctx, tx, l.media, c); err != nil {
			return err
		}
		out = c
		return nil
	})
	return out, err
}

// DeleteCameo removes the cameo with handle h from the library. Its image
// blobs stay in media/.
func (l *Library) DeleteCameo(ctx context.Context, h string) error {
	return l.db.write(ctx, "deleting cameo "+project.NormalizeHandle(h), func(tx *sql.Tx) error {
		c, err := l.byHandle(ctx, tx, h)
		if err != nil {
			return err
		}
		return deleteCameoRow(ctx, tx, c.ID)
	})
}

// PutBlob stores r's bytes in the library's media folder, durably, before
// it returns.
func (l *Library) PutBlob(ctx context.Context, r io.Reader, mediaType string) (project.Asset, error) {
	return l.media.put(ctx, r, mediaType)
}

// OpenBlob opens a library blob; ENOTFOUND naming the file when missing.
func (l *Library) OpenBlob(sha256 string) (io.ReadCloser, error) { return l.media.open(sha256) }

// BlobPath returns where a library blob lives on disk.
func (l *Library) BlobPath(sha256 string) string { return l.media.path(sha256) }

// Check runs SQLite's integrity checks on library.db and hashes every
// cameo image.
func (l *Library) Check(ctx context.Context) ([]project.Damage, error) {
	var damage []project.Damage
	var refs []blobRef
	err := l.db.read(ctx, "checking the cameo library", func(tx *sql.Tx) error {
		damage = dbDamage(ctx, tx, l.db.path)
		var err error
		refs, err = cameoRefs(ctx, tx)
		if err != nil {
			damage = append(damage, project.Damage{Path: l.db.path, Reason: "cannot list cameo images: " + err.Error()})
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	md, err := mediaDamage(ctx, l.media, refs)
	return append(damage, md...), err
}
