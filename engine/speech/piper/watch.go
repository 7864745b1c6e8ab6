package piper

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/fsnotify/fsnotify"
)

// EventKind says what happened to a voice.
type EventKind string

// Voice events.
const (
	VoiceAdded    EventKind = "added"    // a usable voice appeared (or a broken one was mended)
	VoiceChanged  EventKind = "changed"  // a usable voice's files changed
	VoiceRemoved  EventKind = "removed"  // a voice is gone
	VoiceRejected EventKind = "rejected" // a voice's files are unusable, for the reason in Info.Err
)

// Event is one change among the installed voices.
type Event struct {
	Kind EventKind
	Info Info
}

// String formats the event as "added voice NAME" or "rejected voice NAME: why".
func (e Event) String() string {
	if e.Kind == VoiceRejected && e.Info.Err != nil {
		return fmt.Sprintf("%s voice %s: %v", e.Kind, e.Info.Name, e.Info.Err)
	}
	return fmt.Sprintf("%s voice %s", e.Kind, e.Info.Name)
}

// DefaultDebounce is how long the folders must stay quiet before a
// rescan: long enough for a copy in progress to keep writing.
const DefaultDebounce = 2 * time.Second

// Watch watches the library's folders and, each time they have been
// quiet for debounce (0: DefaultDebounce), scans them again, releases the
// sessions of voices changed or removed, and calls fn (when not nil) with
// what changed. The first call reports the voices found at the start. A
// folder that does not exist yet is looked for every few seconds (Watch
// writes nothing). It blocks until ctx ends and returns nil then, or an
// error when watching cannot start.
func (l *Library) Watch(ctx context.Context, debounce time.Duration, fn func([]Event)) error {
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching models folders for voices: %w", err)
	}
	defer w.Close()
	var missing []string
	for _, d := range l.dirs {
		if err := w.Add(d); err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("watching models folder %s: %w", d, err)
			}
			missing = append(missing, d)
			continue
		}
		addSubfolders(w, d)
	}
	poll := time.NewTicker(missingPoll)
	defer poll.Stop()
	state := map[string]Info{}
	scan := func() {
		infos, _ := l.Rescan()
		evs := diffVoices(state, infos)
		for _, e := range evs {
			if e.Kind == VoiceChanged || e.Kind == VoiceRemoved || e.Kind == VoiceRejected {
				l.Forget(e.Info.ModelPath)
			}
		}
		if len(evs) > 0 && fn != nil {
			fn(evs)
		}
	}
	scan()
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
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() && isDirectChild(l.dirs, ev.Name) {
					_ = w.Add(ev.Name) // best effort: the rescan still sees it
				}
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				timer.Reset(debounce)
			}
		case <-timer.C:
			scan()
		case <-poll.C:
			var still []string
			for _, d := range missing {
				if err := w.Add(d); err != nil {
					still = append(still, d)
					continue
				}
				addSubfolders(w, d)
				timer.Reset(debounce)
			}
			missing = still
		}
	}
}

// missingPoll is how often Watch looks for a models folder that does not
// exist yet.
const missingPoll = 2 * time.Second

// addSubfolders watches the folders directly inside dir (a voice may sit
// in a folder of its own).
func addSubfolders(w *fsnotify.Watcher, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() {
			_ = w.Add(filepath.Join(dir, e.Name()))
		}
	}
}

func isDirectChild(dirs []string, path string) bool {
	parent := filepath.Dir(path)
	for _, d := range dirs {
		if filepath.Clean(d) == parent {
			return true
		}
	}
	return false
}

// diffVoices returns the events that turn state (by model path) into
// infos, updating state.
func diffVoices(state map[string]Info, infos []Info) []Event {
	var evs []Event
	seen := map[string]bool{}
	for _, i := range infos {
		seen[i.ModelPath] = true
		old, had := state[i.ModelPath]
		switch {
		case i.Err != nil:
			if !had || old.Err == nil || old.Err.Error() != i.Err.Error() {
				evs = append(evs, Event{Kind: VoiceRejected, Info: i})
			}
		case !had || old.Err != nil:
			evs = append(evs, Event{Kind: VoiceAdded, Info: i})
		case old.Stamp != i.Stamp:
			evs = append(evs, Event{Kind: VoiceChanged, Info: i})
		}
		state[i.ModelPath] = i
	}
	var gone []string
	for path := range state {
		if !seen[path] {
			gone = append(gone, path)
		}
	}
	sort.Strings(gone)
	for _, path := range gone {
		evs = append(evs, Event{Kind: VoiceRemoved, Info: state[path]})
		delete(state, path)
	}
	return evs
}
