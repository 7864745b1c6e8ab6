package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"

	"fyne.io/fyne/v2"

	"kino/project"
	"kino/project/sqlite"
	"kino/ui"
)

// openSessions are the projects open in this process, by folder path, so
// opening one again brings its window forward instead of failing on its
// lock.
var openSessions sessionRegistry

// sessionRegistry is a set of open studio sessions by project path.
type sessionRegistry struct {
	mu     sync.Mutex
	byPath map[string]*studioSession
}

// registryKey is the absolute form of a project path.
func registryKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

func (r *sessionRegistry) add(path string, s *studioSession) {
	path = registryKey(path)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byPath == nil {
		r.byPath = map[string]*studioSession{}
	}
	r.byPath[path] = s
}

func (r *sessionRegistry) remove(path string, s *studioSession) {
	path = registryKey(path)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byPath[path] == s {
		delete(r.byPath, path)
	}
}

func (r *sessionRegistry) find(path string) *studioSession {
	path = registryKey(path)
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byPath[path]
}

// recentKey is the preference holding recently opened projects.
const recentKey = "recent-projects"

// maxRecent is how many recent projects File ▸ Open Recent lists.
const maxRecent = 10

// studioFiles implements File ▸ New, Open and Save a Copy by opening
// further studio windows in the same app.
type studioFiles struct {
	app     fyne.App
	opts    studioOptions
	current func() *studioSession
	// state is what the studio remembers (recent projects); nil keeps it
	// in memory.
	state *studioState
}

var _ ui.Files = (*studioFiles)(nil)

// New creates a project at path and opens it in a new window.
func (f *studioFiles) New(path string) error {
	if err := checkOutputPath(path); err != nil {
		return err
	}
	p, err := sqlite.Create(path, "")
	if err != nil {
		return err
	}
	dir := p.Path()
	if err := p.Close(); err != nil {
		return fmt.Errorf("creating project %s: %w", dir, err)
	}
	return f.Open(dir)
}

// Open opens the project at path in a new window, or brings its window
// forward when it is open already.
func (f *studioFiles) Open(path string) error {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if open := openSessions.find(path); open != nil {
		open.Studio.Window().RequestFocus()
		return nil
	}
	sess, err := openStudio(f.app, path, f.opts)
	if err != nil {
		return err
	}
	sess.Studio.Show()
	return nil
}

// SaveCopy writes a consistent copy of the open project to a new bundle
// at path (see sqlite.Project.SaveCopy).
func (f *studioFiles) SaveCopy(path string) error {
	sess := f.current()
	if sess == nil {
		return project.Errorf(project.ENOTFOUND, "no project is open")
	}
	if err := checkOutputPath(path); err != nil {
		return err
	}
	_, err := sess.Project.SaveCopy(context.Background(), path)
	return err
}

// Recent lists recently opened projects, newest first.
func (f *studioFiles) Recent() []string {
	return f.memory().RecentList()
}

// memory returns the studio's remembered state.
func (f *studioFiles) memory() *studioState {
	if f.state == nil {
		f.state = &studioState{}
	}
	return f.state
}

func (f *studioFiles) remember(path string) {
	if recent := f.Recent(); len(recent) > 0 && recent[0] == path {
		return // unchanged: no rewrite of the preferences file
	}
	list := slices.DeleteFunc(f.Recent(), func(p string) bool { return p == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	f.memory().SetRecent(list)
}
