package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"

	"kino/engine/files"
)

// studioState is what the studio remembers between runs: the recent
// projects and, per project, where it was last exported. It lives in
// Kino's own file (DataDir()/studio.json), read afresh on every use and
// replaced whole by rename, so every window of every Kino sees the latest
// and no reader ever sees it half-written. Fyne's preferences file is not
// used for it: Fyne rewrites that file in place and its own watcher can
// read it between the truncation and the write ("Preferences load error:
// EOF" on the terminal).
type studioState struct {
	// path is the file; "" keeps the state in memory (tests).
	path string
	// legacy, when set, gives the recent projects a Kino kept in Fyne's
	// preferences before, until studio.json exists.
	legacy fyne.Preferences
	mem    stateFile
}

// stateFile is studio.json.
type stateFile struct {
	Recent []string          `json:"recent,omitempty"`
	Values map[string]string `json:"values,omitempty"`
}

// stateMu serialises read-modify-write of the state within this process.
var stateMu sync.Mutex

// maxStateBytes bounds studio.json (it holds a few paths).
const maxStateBytes = 1 << 20

// newStudioState returns the studio's state, kept in DataDir()/studio.json.
func newStudioState(legacy fyne.Preferences) *studioState {
	return &studioState{path: filepath.Join(DataDir(), "studio.json"), legacy: legacy}
}

// load reads the state. A file that cannot be read starts an empty state:
// it holds nothing that cannot be remembered again.
func (s *studioState) load() stateFile {
	if s.path == "" {
		return s.mem
	}
	var st stateFile
	data, err := files.ReadFile(s.path, maxStateBytes)
	switch {
	case err == nil:
		if json.Unmarshal(data, &st) != nil {
			st = stateFile{}
		}
	case os.IsNotExist(err) && s.legacy != nil:
		st.Recent = s.legacy.StringList(recentKey)
	}
	return st
}

// String returns the value remembered under key ("" when none).
func (s *studioState) String(key string) string {
	stateMu.Lock()
	defer stateMu.Unlock()
	return s.load().Values[key]
}

// SetString remembers v under key.
func (s *studioState) SetString(key, v string) {
	stateMu.Lock()
	defer stateMu.Unlock()
	st := s.load()
	if st.Values[key] == v {
		return
	}
	if st.Values == nil {
		st.Values = map[string]string{}
	}
	st.Values[key] = v
	s.save(st)
}

// RecentList returns the recent projects, newest first.
func (s *studioState) RecentList() []string {
	stateMu.Lock()
	defer stateMu.Unlock()
	return s.load().Recent
}

// SetRecent replaces the recent projects.
func (s *studioState) SetRecent(list []string) {
	stateMu.Lock()
	defer stateMu.Unlock()
	st := s.load()
	st.Recent = append([]string(nil), list...)
	s.save(st)
}

// save writes st to a temporary file beside studio.json and renames it
// into place. Failing to remember a recent project is not worth an error
// dialog; the state is then kept in memory for this run.
func (s *studioState) save(st stateFile) {
	s.mem = st
	if s.path == "" {
		return
	}
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		s.path = ""
		return
	}
	f, err := os.CreateTemp(filepath.Dir(s.path), ".studio-*.json")
	if err != nil {
		s.path = ""
		return
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), s.path)
	}
	if err != nil {
		os.Remove(f.Name())
		s.path = ""
	}
}
