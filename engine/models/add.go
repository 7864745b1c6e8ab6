package models

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"kino/engine/files"
	"kino/project"
)

// stagingPrefix starts the hidden folder an add or download is staged in.
const stagingPrefix = ".kino-add-"

// stagingDir returns the staging folder of name in dir.
func stagingDir(dir, name string) string { return filepath.Join(dir, stagingPrefix+name) }

// checkTarget checks that name can be installed in dir.
func checkTarget(dir, name string) error {
	if err := ValidName(name); err != nil {
		return err
	}
	if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
		return project.Errorf(project.ECONFLICT, "a model named %q is installed already (kino models rm %s first, or give another --name)", name, name)
	}
	return os.MkdirAll(dir, 0o755)
}

// AddFolder copies the model folder src into dir as name ("": src's
// folder name). The copy is checked with finders before and after and
// only then renamed into place; on any error, or when ctx ends, the
// staging copy is removed and nothing is left in dir.
func AddFolder(ctx context.Context, src, dir, name string, finders []Finder, progress func(Progress)) (Entry, error) {
	abs, err := filepath.Abs(src)
	if err != nil {
		return Entry{}, err
	}
	if name == "" {
		name = filepath.Base(abs)
	}
	if err := checkTarget(dir, name); err != nil {
		return Entry{}, err
	}
	e, err := Check(ctx, abs, finders)
	if err != nil {
		return Entry{}, err
	}
	if !e.Loads {
		return Entry{}, project.Errorf(project.EINVALID, "%s cannot be used: %s", src, e.Problem)
	}
	stage := stagingDir(dir, name)
	if err := os.RemoveAll(stage); err != nil {
		return Entry{}, err
	}
	err = copyTree(ctx, abs, stage, progress)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = finish(ctx, stage, dir, name, finders)
	}
	if err != nil {
		os.RemoveAll(stage)
		return Entry{}, err
	}
	return checkInstalled(ctx, dir, name, finders)
}

// finish checks the staged model and renames it into place.
func finish(ctx context.Context, stage, dir, name string, finders []Finder) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	e, err := Check(ctx, stage, finders)
	if err != nil {
		return err
	}
	if !e.Loads {
		return project.Errorf(project.EINVALID, "the copy of %s cannot be used: %s", name, e.Problem)
	}
	if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
		return project.Errorf(project.ECONFLICT, "a model named %q was installed meanwhile", name)
	}
	if err := os.Rename(stage, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("moving %s into place: %w", name, err)
	}
	syncDir(dir)
	return nil
}

// checkInstalled describes the model just installed.
func checkInstalled(ctx context.Context, dir, name string, finders []Finder) (Entry, error) {
	e, err := Check(ctx, filepath.Join(dir, name), finders)
	if err != nil {
		return Entry{}, err
	}
	e.Name = name
	return e, nil
}

// copyTree copies the regular files under src to dst (folders made as
// needed), fsyncing each, reporting bytes to progress and stopping when
// ctx ends. Links are followed; anything else that is not a regular file
// or folder is refused.
func copyTree(ctx context.Context, src, dst string, progress func(Progress)) error {
	var total int64
	type item struct {
		rel  string
		size int64
	}
	var items []item
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return nil
		}
		fi, err := os.Stat(path)
		if err != nil {
			return err
		}
		if fi.IsDir() {
			return fmt.Errorf("%s: a link to a folder; copy the folder itself", path)
		}
		if !fi.Mode().IsRegular() {
			return project.Errorf(project.EINVALID, "%s is not a regular file (%s)", path, fi.Mode().Type())
		}
		items = append(items, item{rel, fi.Size()})
		total += fi.Size()
		return nil
	})
	if err != nil {
		return err
	}
	m := newMeter(progress, "copy", total, 0)
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := copyFile(ctx, filepath.Join(src, it.rel), filepath.Join(dst, it.rel), func(n int64) { m.add(it.rel, n, false) }); err != nil {
			return err
		}
	}
	m.add("", 0, true)
	return nil
}

func copyFile(ctx context.Context, src, dst string, counted func(int64)) error {
	in, _, err := files.Open(src, 0)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.CopyBuffer(out, &ctxReader{ctx: ctx, r: in, counted: counted}, make([]byte, 1<<20))
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return nil
}

// ctxReader stops reading when ctx ends and counts what it reads.
type ctxReader struct {
	ctx     context.Context
	r       io.Reader
	counted func(int64)
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	if n > 0 && c.counted != nil {
		c.counted(int64(n))
	}
	return n, err
}

// syncDir fsyncs a folder so a rename in it survives a crash (best effort).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

var errNoFiles = errors.New("the server lists no files to download")
