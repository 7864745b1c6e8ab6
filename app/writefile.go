package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// writeNewFile writes data to path through a temporary file in the same
// folder, fsynced, then put in place. An existing file is kept (an
// EEXIST-style error saying to use --force) unless force is set, and
// nothing is ever written inside a project or the cameo library.
func writeNewFile(path string, data []byte, force bool) error {
	if err := checkOutputPath(path); err != nil {
		return err
	}
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return existsError(path)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".kino-tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if force {
		return os.Rename(tmp.Name(), path)
	}
	// Link, not rename: it fails instead of replacing a file that appeared
	// in the meantime.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return existsError(path)
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// existsError says path exists; it matches fs.ErrExist.
func existsError(path string) error {
	return &fs.PathError{Op: "writing", Path: path, Err: errExistsNoForce}
}

// errExistsNoForce is fs.ErrExist with the hint a person needs.
var errExistsNoForce = existsNoForce{}

type existsNoForce struct{}

func (existsNoForce) Error() string        { return "it already exists; give --force to replace it" }
func (existsNoForce) Is(target error) bool { return target == fs.ErrExist }
