package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kino/project"
)

// checkOutputPath refuses to write path (a file or folder a command is
// asked to create) when it is, or would land inside, a project bundle or
// the cameo library, following symbolic links: those folders hold the
// person's work and only the store writes there. It is checked whether
// or not --force is given.
func checkOutputPath(path string) error {
	resolved, err := resolvePath(path)
	if err != nil {
		return err
	}
	lib, _ := resolvePath(LibraryDir())
	for d := resolved; ; d = filepath.Dir(d) {
		if lib != "" && d == lib {
			return project.Errorf(project.EINVALID, "%s is inside the cameo library (%s); Kino never writes outputs there: choose another folder", path, LibraryDir())
		}
		if isKinoFolder(d) {
			what := "the project " + filepath.Base(d)
			if _, err := os.Stat(filepath.Join(d, "library.db")); err == nil {
				what = "a cameo library"
			}
			if d == resolved {
				return project.Errorf(project.EINVALID, "%s is %s; Kino never replaces a project or library with an output: choose another name", path, what)
			}
			return project.Errorf(project.EINVALID, "%s is inside %s (%s); Kino never writes outputs into a project or library folder: choose a folder outside it", path, what, d)
		}
		if parent := filepath.Dir(d); parent == d {
			return nil
		}
	}
}

// isKinoFolder reports whether dir is a project bundle (kino.lock, or
// project.db with a media folder or a .kino name) or a cameo library
// (library.db with a media folder).
func isKinoFolder(dir string) bool {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return false
	}
	has := func(name string) bool {
		_, err := os.Lstat(filepath.Join(dir, name))
		return err == nil
	}
	switch {
	case has("kino.lock"):
		return true
	case has("project.db"):
		return has("media") || strings.HasSuffix(dir, ".kino")
	case has("library.db"):
		return has("media")
	}
	return false
}

// resolvePath returns path made absolute with every symbolic link in the
// part that exists resolved (the rest is joined on as it is).
func resolvePath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for d := abs; ; d = filepath.Dir(d) {
		real, err := filepath.EvalSymlinks(d)
		if err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				real = filepath.Join(real, rest[i])
			}
			return real, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs, nil
		}
		rest = append(rest, filepath.Base(d))
	}
}

// checkNewFile refuses an existing path unless force is set.
func checkNewFile(path string, force bool) error {
	if force {
		return nil
	}
	if _, err := os.Lstat(path); err == nil {
		return project.Errorf(project.ECONFLICT, "%s already exists (use --force to replace it)", path)
	}
	return nil
}

// isOutputDebris reports whether name is a temporary file an export or
// `kino frame` writes beside its output and renames at the end: left
// behind only when that Kino was killed.
func isOutputDebris(name string) bool {
	if !strings.HasPrefix(name, ".") {
		return false
	}
	return strings.Contains(name, ".kino-tmp-") || strings.Contains(name, ".kino-audio-") || strings.HasPrefix(name, ".kino-frame-")
}
