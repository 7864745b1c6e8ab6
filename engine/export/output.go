package export

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"kino/project"
)

// outputs is the set of files an export writes. Each is written under a
// temporary name in its final folder and renamed only by commit, so a
// failed or cancelled export leaves nothing under the final names.
type outputs struct {
	force bool
	files []*outFile
	done  bool
	// made lists the folders made for the outputs, deepest last; abort
	// removes those left empty.
	made []string
}

// outFile is one output being written.
type outFile struct {
	final, temp string
	dir         bool
	f           *os.File    // nil for folders and after closing
	prov        *Provenance // what the file is, for its Content Credentials
	sealed      bool        // signed (or found to need no signature)
}

// newOutputs checks that every path in finals may be written: unless force
// is set, nothing is there yet. Missing folders on the way are made (the
// same for every format), with the user's umask; abort removes them again
// when they are left empty.
func newOutputs(force bool, finals ...string) (*outputs, error) {
	o := &outputs{force: force}
	for _, p := range finals {
		if err := o.check(p); err != nil {
			o.abort()
			return nil, err
		}
	}
	return o, nil
}

// mkdirs makes dir and any missing parents, remembering what it made.
func (o *outputs) mkdirs(dir string) error {
	if _, err := os.Lstat(dir); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := o.mkdirs(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
		return writeError(err, "creating folder "+dir)
	}
	o.made = append(o.made, dir)
	return nil
}

func (o *outputs) check(final string) error {
	dir := filepath.Dir(final)
	if err := o.mkdirs(dir); err != nil {
		return err
	}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return project.Errorf(project.ENOTFOUND, "folder %s does not exist", dir)
	case err != nil:
		return fmt.Errorf("checking folder %s: %w", dir, err)
	case !st.IsDir():
		return project.Errorf(project.EINVALID, "%s is not a folder", dir)
	}
	if _, err := os.Lstat(final); err == nil && !o.force {
		return project.Errorf(project.ECONFLICT, "%s already exists (use --force to replace it)", final)
	}
	return nil
}

// tempFile is an output file being written. Its Write and WriteAt name
// the file and the cause (a full disk, say) when they fail.
type tempFile struct {
	*os.File
	final string
}

// Write implements io.Writer.
func (t *tempFile) Write(p []byte) (int, error) {
	n, err := t.File.Write(p)
	if err != nil {
		err = writeError(err, "writing "+t.final)
	}
	return n, err
}

// WriteAt implements io.WriterAt.
func (t *tempFile) WriteAt(p []byte, off int64) (int, error) {
	n, err := t.File.WriteAt(p, off)
	if err != nil {
		err = writeError(err, "writing "+t.final)
	}
	return n, err
}

// create opens a temporary file that commit renames to final.
func (o *outputs) create(final string) (*tempFile, error) {
	if err := o.check(final); err != nil {
		return nil, err
	}
	f, err := createTemp(final)
	if err != nil {
		return nil, writeError(err, "creating "+final)
	}
	o.files = append(o.files, &outFile{final: final, temp: f.Name(), f: f})
	return &tempFile{File: f, final: final}, nil
}

// createDir makes a temporary folder that commit renames to final.
func (o *outputs) createDir(final string) (string, error) {
	if err := o.check(final); err != nil {
		return "", err
	}
	tmp, err := tempName(final, func(p string) error { return os.Mkdir(p, 0o777) })
	if err != nil {
		return "", writeError(err, "creating folder "+final)
	}
	o.files = append(o.files, &outFile{final: final, temp: tmp, dir: true})
	return tmp, nil
}

// createTemp creates a new file beside final under a temporary name
// (".NAME.kino-tmp-RANDOM"), with the mode a new file gets from the
// user's umask (os.CreateTemp would make it private to its owner).
func createTemp(final string) (*os.File, error) {
	var f *os.File
	_, err := tempName(final, func(p string) error {
		var err error
		f, err = os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		return err
	})
	return f, err
}

// tempName makes a temporary name beside final with make, trying new
// random names while one exists.
func tempName(final string, make func(path string) error) (string, error) {
	dir, base := filepath.Split(final)
	var err error
	for range 100 {
		p := filepath.Join(dir, "."+base+".kino-tmp-"+strconv.FormatUint(rand.Uint64(), 36))
		if err = make(p); err == nil {
			return p, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", err
}

// tempPath returns the temporary path of the output named final.
func (o *outputs) tempPath(final string) string {
	for _, f := range o.files {
		if f.final == final {
			return f.temp
		}
	}
	return ""
}

// credit records what the output final is, so that finishing it signs it.
func (o *outputs) credit(final string, p *Provenance) {
	for _, f := range o.files {
		if f.final == final {
			f.prov = p
		}
	}
}

// finish syncs and closes the file of final, so it can be hashed, and
// signs it with Content Credentials when it was credited with a signer.
// This is where every output is finalised before its rename.
func (o *outputs) finish(final string) error {
	for i := 0; i < len(o.files); i++ {
		f := o.files[i]
		if f.final != final {
			continue
		}
		if f.f != nil {
			err := f.f.Sync()
			if cerr := f.f.Close(); err == nil {
				err = cerr
			}
			f.f = nil
			if err != nil {
				return writeError(err, "writing "+final)
			}
		}
		if !f.sealed && f.prov != nil && f.prov.signer != nil && !f.dir {
			f.sealed = true
			if err := o.seal(f.temp, f.final, f.prov); err != nil {
				return err
			}
		}
	}
	return nil
}

// commit renames every output to its final name, in the order created.
func (o *outputs) commit() error {
	for i := 0; i < len(o.files); i++ { // finishing may add C2PA sidecars
		if err := o.finish(o.files[i].final); err != nil {
			return err
		}
	}
	for _, f := range o.files {
		if o.force {
			if err := replaceable(f.final, f.dir); err != nil {
				return err
			}
		}
		if err := os.Rename(f.temp, f.final); err != nil {
			return writeError(err, "saving "+f.final)
		}
		f.temp = ""
	}
	if len(o.files) > 0 {
		syncDir(filepath.Dir(o.files[0].final))
	}
	o.done = true
	return nil
}

// replaceable clears the way for a forced rename: a file is replaced by
// the rename itself, but a folder must be removed first, and only a folder
// Kino wrote (one holding provenance.json) is removed.
func replaceable(final string, dir bool) error {
	st, err := os.Lstat(final)
	if err != nil {
		return nil
	}
	if !dir && !st.IsDir() {
		return nil
	}
	if !dir || !st.IsDir() {
		return project.Errorf(project.ECONFLICT, "%s already exists and is a different kind of thing; remove it first", final)
	}
	if _, err := os.Stat(filepath.Join(final, provenanceFolderName)); err != nil {
		return project.Errorf(project.ECONFLICT, "folder %s exists and is not a Kino frame export; remove it or choose another name", final)
	}
	if err := os.RemoveAll(final); err != nil {
		return writeError(err, "replacing "+final)
	}
	return nil
}

// abort removes every temporary file. It is a no-op after commit.
func (o *outputs) abort() {
	if o.done {
		return
	}
	for _, f := range o.files {
		if f.f != nil {
			f.f.Close()
			f.f = nil
		}
		if f.temp != "" {
			os.RemoveAll(f.temp)
		}
	}
	for i := len(o.made) - 1; i >= 0; i-- {
		os.Remove(o.made[i]) // only an empty folder goes
	}
	o.made = nil
}

// finals lists the final paths in the order created.
func (o *outputs) finals() []string {
	out := make([]string, len(o.files))
	for i, f := range o.files {
		out[i] = f.final
	}
	return out
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// writeError names the cause of a failed write in words a person can act on.
func writeError(err error, what string) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return project.WrapError(project.EINTERNAL, err, "%s: the disk is full", what)
	case errors.Is(err, syscall.EDQUOT):
		return project.WrapError(project.EINTERNAL, err, "%s: the disk quota is used up", what)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return project.WrapError(project.EINVALID, err, "%s: the folder cannot be written to", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// withExt returns path with its extension replaced by ext.
func withExt(path, ext string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ext
}

// sidecarPath is where the provenance of the media file path goes.
func sidecarPath(path string) string { return path + ".provenance.json" }
