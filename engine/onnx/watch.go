package onnx

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// PackEventKind says what happened to a pack.
type PackEventKind string

// Pack events.
const (
	// PackAdded: a usable pack appeared (or a broken one became usable).
	PackAdded PackEventKind = "added"
	// PackChanged: a usable pack's model files changed.
	PackChanged PackEventKind = "changed"
	// PackRemoved: a pack (usable or not) is gone.
	PackRemoved PackEventKind = "removed"
	// PackIncomplete: a folder is missing files or has files cut short;
	// usually it is still being copied.
	PackIncomplete PackEventKind = "incomplete"
	// PackRejected: a folder is not a usable pack, for the reason in Err.
	PackRejected PackEventKind = "rejected"
)

// PackEvent is one change in the models folders.
type PackEvent struct {
	Kind PackEventKind
	Name string
	Dir  string
	// Pack is the pack for PackAdded and PackChanged.
	Pack *Pack
	// Err is why, for PackIncomplete and PackRejected.
	Err error
}

// String formats the event as "added name" or "incomplete name: why".
func (e PackEvent) String() string {
	if e.Err != nil {
		return fmt.Sprintf("%s %s: %v", e.Kind, e.Name, e.Err)
	}
	return fmt.Sprintf("%s %s", e.Kind, e.Name)
}

// DefaultDebounce is how long the models folders must stay quiet before
// Watch rescans them: long enough for a copy in progress to keep writing.
const DefaultDebounce = 2 * time.Second

// Watch watches the models folders (creating any that are missing) and
// calls fn with what changed, each time the folders have been quiet for
// debounce (0: DefaultDebounce). The first call reports every folder found
// at the start. It blocks until ctx ends and returns nil then, or an error
// when watching cannot start. fn runs on Watch's goroutine.
func Watch(ctx context.Context, dirs []string, debounce time.Duration, fn func([]PackEvent)) error {
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching models folders: %w", err)
	}
	defer w.Close()
	if ctx.Err() != nil {
		return nil // ended before it began: create nothing
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("creating models folder %s: %w", d, err)
		}
		if err := watchTree(w, d, 2); err != nil {
			return fmt.Errorf("watching models folder %s: %w", d, err)
		}
	}
	state := map[string]packState{}
	if evs := diffScan(state, dirs); len(evs) > 0 {
		fn(evs)
	}
	timer := time.NewTimer(debounce)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if inHidden(dirs, ev.Name) {
				continue // a download or copy being staged (models.AddFolder, Download): no pack yet
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					// A new pack folder, or a part folder inside one.
					_ = watchTree(w, ev.Name, packDepth(dirs, ev.Name)) // best effort: a rescan still sees it
				}
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// An overflowed queue loses events: rescan to be sure.
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				timer.Reset(debounce)
			}
		case <-timer.C:
			if evs := diffScan(state, dirs); len(evs) > 0 {
				fn(evs)
			}
		}
	}
}

// watchTree watches dir and its folders down to depth levels below it.
func watchTree(w *fsnotify.Watcher, dir string, depth int) error {
	if depth < 0 {
		return nil
	}
	if err := w.Add(dir); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			_ = watchTree(w, filepath.Join(dir, e.Name()), depth-1) // a folder removed meanwhile is fine
		}
	}
	return nil
}

// inHidden reports whether path lies inside a hidden folder of a models
// folder (not the hidden folder itself, whose rename into place matters).
func inHidden(dirs []string, path string) bool {
	for _, d := range dirs {
		rel, err := filepath.Rel(d, path)
		if err != nil || rel == "." || filepath.IsAbs(rel) || len(rel) >= 2 && rel[:2] == ".." {
			continue
		}
		first, rest, ok := strings.Cut(filepath.ToSlash(rel), "/")
		return ok && rest != "" && strings.HasPrefix(first, ".")
	}
	return false
}

// packDepth returns how many levels below path still belong to a pack
// (a pack folder holds part folders, which hold files).
func packDepth(dirs []string, path string) int {
	for _, d := range dirs {
		rel, err := filepath.Rel(d, path)
		if err != nil || rel == "." || filepath.IsAbs(rel) || len(rel) >= 2 && rel[:2] == ".." {
			continue
		}
		return 1 - countSeparators(rel)
	}
	return 0
}

func countSeparators(rel string) int {
	n := 0
	for _, c := range filepath.ToSlash(rel) {
		if c == '/' {
			n++
		}
	}
	return n
}

// packState is what the last scan saw of a folder.
type packState struct {
	kind  PackEventKind // PackAdded, PackIncomplete or PackRejected
	stamp string
	msg   string
}

// diffScan scans dirs and returns the events that turn state into the new
// scan, updating state.
func diffScan(state map[string]packState, dirs []string) []PackEvent {
	packs, rejected := ScanDirs(dirs...)
	seen := map[string]bool{}
	var evs []PackEvent
	for _, p := range packs {
		seen[p.Dir] = true
		now := packState{kind: PackAdded, stamp: packStamp(p)}
		old, ok := state[p.Dir]
		switch {
		case !ok || old.kind != PackAdded:
			evs = append(evs, PackEvent{Kind: PackAdded, Name: p.Name, Dir: p.Dir, Pack: p})
		case old.stamp != now.stamp:
			evs = append(evs, PackEvent{Kind: PackChanged, Name: p.Name, Dir: p.Dir, Pack: p})
		}
		state[p.Dir] = now
	}
	for _, r := range rejected {
		dir, err := filepath.Abs(r.Dir)
		if err != nil {
			dir = r.Dir
		}
		seen[dir] = true
		kind := PackRejected
		var pe *PackError
		if errors.As(r.Err, &pe) && pe.Incomplete() {
			kind = PackIncomplete
		}
		now := packState{kind: kind, msg: r.Err.Error()}
		if old, ok := state[dir]; !ok || old.kind != now.kind || old.msg != now.msg {
			evs = append(evs, PackEvent{Kind: kind, Name: r.Name, Dir: dir, Err: r.Err})
		}
		state[dir] = now
	}
	var gone []string
	for dir := range state {
		if !seen[dir] {
			gone = append(gone, dir)
		}
	}
	sort.Strings(gone)
	for _, dir := range gone {
		evs = append(evs, PackEvent{Kind: PackRemoved, Name: filepath.Base(dir), Dir: dir})
		delete(state, dir)
	}
	return evs
}
