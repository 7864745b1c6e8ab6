package piper

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"kino/engine/onnx"
)

// ErrNotInstalled means no voice of that name is in the models folders.
var ErrNotInstalled = errors.New("Piper voice not installed")

// Library is the Piper voices installed in a set of models folders. It
// loads a voice's ONNX Runtime session on first use and shares it with
// every later user in the process; a voice changed on disk is loaded
// again (the old session is released when its last user is done). It is
// safe for concurrent use.
type Library struct {
	dirs []string
	cfg  onnx.SessionConfig

	mu      sync.Mutex
	scanned bool
	infos   []Info
	byPath  map[string]Info
	loaded  map[string]*loadedVoice // by model path
	closed  bool
}

// loadedVoice is a voice's session, shared by its users.
type loadedVoice struct {
	ready chan struct{}
	s     *Session
	err   error
	stamp string
	users int
	stale bool // replaced: close when the last user releases it
}

// NewLibrary returns the voices in dirs (scanned on first use); cfg sets
// the sessions' threads.
func NewLibrary(dirs []string, cfg onnx.SessionConfig) *Library {
	return &Library{dirs: append([]string(nil), dirs...), cfg: cfg, byPath: map[string]Info{}, loaded: map[string]*loadedVoice{}}
}

// Dirs are the models folders the library reads.
func (l *Library) Dirs() []string { return append([]string(nil), l.dirs...) }

// Rescan reads the models folders again (voices whose files did not
// change are not read again) and returns every voice found, usable or not.
func (l *Library) Rescan() ([]Info, error) {
	l.mu.Lock()
	prev := l.byPath
	l.mu.Unlock()
	infos, err := discover(l.dirs, prev)
	byPath := make(map[string]Info, len(infos))
	for _, i := range infos {
		byPath[i.ModelPath] = i
	}
	l.mu.Lock()
	l.infos, l.byPath, l.scanned = infos, byPath, true
	l.mu.Unlock()
	return cloneInfos(infos), err
}

// Voices returns the voices found by the last scan (scanning first if
// there was none).
func (l *Library) Voices() []Info {
	l.mu.Lock()
	scanned := l.scanned
	infos := cloneInfos(l.infos)
	l.mu.Unlock()
	if !scanned {
		infos, _ = l.Rescan()
	}
	return infos
}

// Known returns the voices found by the last scan without scanning (none
// before the first), for callers that must not wait.
func (l *Library) Known() []Info {
	l.mu.Lock()
	defer l.mu.Unlock()
	return cloneInfos(l.infos)
}

func cloneInfos(in []Info) []Info { return append([]Info(nil), in...) }

// Find returns the usable voice named name. A voice whose files changed
// since the last scan is read again; a name not found makes the library
// scan again once (it may have just been installed). It fails with
// ErrNotInstalled, listing the installed voices, or with the voice's
// *VoiceError when it is installed but unusable.
func (l *Library) Find(name string) (Info, error) {
	info, ok := l.lookup(name)
	if ok && info.Err == nil {
		if stamp, _, err := stampOf(info.ModelPath, info.ModelPath+".json"); err == nil && stamp == info.Stamp {
			return info, nil
		}
	}
	l.Rescan()
	info, ok = l.lookup(name)
	if !ok {
		return Info{}, fmt.Errorf("%w: %q is not in %s (installed: %s)", ErrNotInstalled, name, strings.Join(l.dirs, ", "), l.installed())
	}
	return info, info.Err
}

func (l *Library) lookup(name string) (Info, bool) {
	if !l.isScanned() {
		l.Rescan()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, i := range l.infos {
		if i.Name == name {
			return i, true
		}
	}
	return Info{}, false
}

func (l *Library) isScanned() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.scanned
}

// installed lists the usable voices' names.
func (l *Library) installed() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var names []string
	for _, i := range l.infos {
		if i.Err == nil {
			names = append(names, i.Name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Acquire returns the session of the voice named name, loading it on
// first use, and a function that releases it; call it when done.
func (l *Library) Acquire(name string) (*Session, func(), error) {
	info, err := l.Find(name)
	if err != nil {
		return nil, nil, err
	}
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil, nil, errors.New("the voice library is closed")
	}
	lv := l.loaded[info.ModelPath]
	if lv != nil && lv.stamp != info.Stamp {
		l.dropLocked(info.ModelPath, lv)
		lv = nil
	}
	creator := lv == nil
	if creator {
		lv = &loadedVoice{ready: make(chan struct{}), stamp: info.Stamp}
		l.loaded[info.ModelPath] = lv
	}
	lv.users++
	l.mu.Unlock()
	if creator {
		var v *Voice
		v, lv.err = ReadVoice(info.ModelPath)
		if lv.err == nil {
			lv.stamp = v.Stamp
			lv.s, lv.err = Open(v, l.cfg)
		}
		close(lv.ready)
	} else {
		<-lv.ready
	}
	if lv.err != nil {
		l.mu.Lock()
		lv.users--
		if l.loaded[info.ModelPath] == lv {
			delete(l.loaded, info.ModelPath)
		}
		l.mu.Unlock()
		return nil, nil, lv.err
	}
	var once sync.Once
	return lv.s, func() { once.Do(func() { l.release(lv) }) }, nil
}

func (l *Library) release(lv *loadedVoice) {
	l.mu.Lock()
	defer l.mu.Unlock()
	lv.users--
	if lv.users == 0 && (lv.stale || l.closed) && lv.s != nil {
		lv.s.Close()
		lv.s = nil
	}
}

// dropLocked forgets a loaded voice; its session closes now or when its
// last user releases it. l.mu must be held.
func (l *Library) dropLocked(path string, lv *loadedVoice) {
	delete(l.loaded, path)
	lv.stale = true
	select {
	case <-lv.ready:
		if lv.users == 0 && lv.s != nil {
			lv.s.Close()
			lv.s = nil
		}
	default: // still loading: its creator's user count keeps it until release
	}
}

// Forget releases the session of the voice at modelPath (removed or
// changed on disk).
func (l *Library) Forget(modelPath string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if lv := l.loaded[modelPath]; lv != nil {
		l.dropLocked(modelPath, lv)
	}
}

// Loaded lists the voices whose sessions are loaded.
func (l *Library) Loaded() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var names []string
	for path, lv := range l.loaded {
		if lv.s != nil {
			names = append(names, NameOf(path))
		}
	}
	sort.Strings(names)
	return names
}

// Close releases every session, each when its users are done.
func (l *Library) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	for path, lv := range l.loaded {
		l.dropLocked(path, lv)
	}
}
