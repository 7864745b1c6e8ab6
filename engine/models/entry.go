package models

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"kino/project"
)

// Kind is the kind of an installed model.
type Kind string

// Kinds of models.
const (
	KindImage Kind = "image" // a text-to-image pack (keyframes)
	KindVideo Kind = "video" // a pack with a frame-axis (video) UNet
	KindVoice Kind = "voice" // a text-to-speech voice
)

// Entry is one installed model, as `kino models list` and the studio's
// Models window show it.
type Entry struct {
	// Name is the folder's (or file's) name in the models folder: what
	// commands name it by.
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	// Path is the model's folder or file.
	Path string `json:"path"`
	// Title is a display name when the model declares one.
	Title string `json:"title,omitempty"`
	// Precision is "fp16", "fp32" or "mixed" ("" when unknown).
	Precision string `json:"precision,omitempty"`
	// Size is the bytes it takes on disk.
	Size int64 `json:"size"`
	// Licence is the licence it declares ("" when none).
	Licence string `json:"licence,omitempty"`
	// Loads reports whether Kino can use it; Problem says why not.
	Loads   bool   `json:"loads"`
	Problem string `json:"problem,omitempty"`
	// Details summarises what Kino found (the models' inputs, frames, ...).
	Details string `json:"details,omitempty"`
	// Notes are things a person should know about it.
	Notes []string `json:"notes,omitempty"`
}

// Finder finds the models of one family in a models folder. The app keeps
// the list of finders in one place; each kind of model adds its own.
type Finder interface {
	// Find lists the models in dir that this finder recognises, broken
	// ones included (with Problem set). It skips hidden names (".x").
	Find(ctx context.Context, dir string) []Entry
	// Check tells whether the folder or file at path is a model this
	// finder recognises (ok false: not its kind), and describes it.
	Check(ctx context.Context, path string) (e Entry, ok bool)
}

// List returns every model the finders find in dir, by name. A name two
// finders claim is listed once, as the first finder sees it.
func List(ctx context.Context, dir string, finders []Finder) []Entry {
	seen := map[string]bool{}
	var out []Entry
	for _, f := range finders {
		for _, e := range f.Find(ctx, dir) {
			if !seen[e.Name] {
				seen[e.Name] = true
				out = append(out, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Check asks each finder in turn about the folder or file at path.
func Check(ctx context.Context, path string, finders []Finder) (Entry, error) {
	for _, f := range finders {
		if e, ok := f.Check(ctx, path); ok {
			return e, nil
		}
	}
	return Entry{}, project.Errorf(project.EINVALID, "%s is not a model Kino knows: not a diffusers/Optimum ONNX pack (model_index.json or text_encoder/, unet/, vae_decoder/)", path)
}

// DirSize returns the bytes the regular files under path take.
func DirSize(path string) int64 {
	var n int64
	_ = filepath.WalkDir(path, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// ValidName checks a model's name: one plain folder or file name.
func ValidName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return project.Errorf(project.EINVALID, "a model needs a name")
	case strings.HasPrefix(name, "."):
		return project.Errorf(project.EINVALID, "model name %q starts with a dot (hidden names are Kino's own)", name)
	case strings.ContainsAny(name, `/\`+"\x00"):
		return project.Errorf(project.EINVALID, "model name %q contains a path separator", name)
	case len(name) > 200:
		return project.Errorf(project.EINVALID, "model name is %d bytes long; the limit is 200", len(name))
	}
	return nil
}

// Pending is an add or download that stopped before it finished: its
// staging folder, which the next run of the same download resumes.
type Pending struct {
	Name string `json:"name"`
	Size int64  `json:"size"` // bytes staged so far
}

// ListPending returns the unfinished adds and downloads in dir.
func ListPending(dir string) []Pending {
	ents, _ := os.ReadDir(dir)
	var out []Pending
	for _, e := range ents {
		if name, ok := strings.CutPrefix(e.Name(), stagingPrefix); ok && e.IsDir() && ValidName(name) == nil {
			out = append(out, Pending{Name: name, Size: DirSize(filepath.Join(dir, e.Name()))})
		}
	}
	return out
}

// Remove deletes the model name from dir. It first renames it to a hidden
// name, so it disappears from listings at once even when deleting a large
// pack takes a while, and no half-deleted pack is ever seen. With no
// model of that name, it discards an unfinished download of it.
func Remove(dir, name string) error {
	if err := ValidName(name); err != nil {
		return err
	}
	path := filepath.Join(dir, name)
	if _, err := os.Lstat(path); err != nil {
		if os.IsNotExist(err) {
			stage := stagingDir(dir, name)
			if _, serr := os.Stat(stage); serr == nil {
				return os.RemoveAll(stage)
			}
			return project.Errorf(project.ENOTFOUND, "model %q is not installed in %s", name, dir)
		}
		return err
	}
	gone, err := os.MkdirTemp(dir, ".kino-rm-")
	if err != nil {
		return fmt.Errorf("removing model %s: %w", name, err)
	}
	tomb := filepath.Join(gone, name)
	if err := os.Rename(path, tomb); err != nil {
		os.Remove(gone)
		return fmt.Errorf("removing model %s: %w", name, err)
	}
	if err := os.RemoveAll(gone); err != nil {
		return fmt.Errorf("removing model %s (it is hidden already; delete %s by hand): %w", name, gone, err)
	}
	return nil
}
