package app

import (
	"context"
	"fmt"
	"strconv"

	"kino/project"
	"kino/project/sqlite"
)

// openProject opens the project at path for writing, with this person's
// consent key (a project made before consent was signed is attested with
// it once), and brings in the library's newer consent records.
func openProject(path string) (*sqlite.Project, error) {
	return openStore(path, false)
}

// openProjectReadOnly opens the project at path for reading only, so a
// listing works while the studio has the project open.
func openProjectReadOnly(path string) (*sqlite.Project, error) {
	return openStore(path, true)
}

func openStore(path string, readOnly bool) (*sqlite.Project, error) {
	opts := sqlite.Options{ReadOnly: readOnly}
	if !readOnly {
		opts.Signer, opts.SignerErr = signer()
	}
	p, err := sqlite.Open(path, opts)
	if err != nil {
		return nil, err
	}
	if readOnly && consentBehind(context.Background(), p) {
		// The library knows of a revocation the project does not keep
		// yet: store it in the project in a short write (when no other
		// Kino holds it), so the project withholds its takes even when it
		// is later copied to a machine without this library.
		p.Close()
		opts.Signer, opts.SignerErr = signer()
		opts.ReadOnly = false
		if w, err := sqlite.Open(path, opts); err == nil {
			syncConsent(context.Background(), w, nil)
			w.Close()
		}
		opts.ReadOnly = true
		if p, err = sqlite.Open(path, opts); err != nil {
			return nil, err
		}
		return p, nil
	}
	if err := syncConsent(context.Background(), p, nil); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// openWithSettings opens the project at path, for reading only when
// readOnly, and reads its settings. The caller closes the project.
func openWithSettings(ctx context.Context, path string, readOnly bool) (*sqlite.Project, *project.Project, error) {
	p, err := openStore(path, readOnly)
	if err != nil {
		return nil, nil, err
	}
	settings, err := p.Project(ctx)
	if err != nil {
		p.Close()
		return nil, nil, err
	}
	return p, settings, nil
}

// openShot opens the project at path, for reading only when readOnly, and
// finds its shot numbered arg. The caller closes the project.
func openShot(ctx context.Context, path, arg string, readOnly bool) (*sqlite.Project, *project.Shot, error) {
	p, err := openStore(path, readOnly)
	if err != nil {
		return nil, nil, err
	}
	shot, err := shotArg(ctx, p, arg)
	if err != nil {
		p.Close()
		return nil, nil, err
	}
	return p, shot, nil
}

// openLibrary opens the person's cameo library with their consent key.
func openLibrary() (*sqlite.Library, error) {
	return sqlite.OpenLibrary(LibraryDir(), signerOrNil())
}

// shotArg finds the shot with the 1-based number in arg.
func shotArg(ctx context.Context, r project.Reader, arg string) (*project.Shot, error) {
	n, err := strconv.Atoi(arg)
	if err != nil || n < 1 {
		return nil, usagef("SHOT must be a shot number (1 is the first), not %q", arg)
	}
	s, err := r.ShotAt(ctx, n)
	if err != nil {
		return nil, fmt.Errorf("finding shot %d: %w", n, err)
	}
	return s, nil
}
