package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // inbox images may be GIF
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"kino/engine/files"
	"kino/engine/media"
	"kino/project"
	"kino/project/cameoimage"
	"kino/ui"
)

// Names the watcher cares about.
const (
	inboxDir    = "inbox"
	importedDir = "imported"
)

// watchSettle is how long a dropped file's size must stay the same before
// it is imported, and how long bursts of database events are gathered.
const watchSettle = 150 * time.Millisecond

// studioWatcher watches, for one studio window: the project's inbox/
// folder (dropped images and WAVs become assets), the cameo library folder
// (the cameo panel refreshes when another window or `kino cameo` changes
// it), and the project database (the window reloads when another process
// commits to it).
type studioWatcher struct {
	fw      *fsnotify.Watcher
	sess    *studioSession
	post    func(func())
	dir     string // the project folder
	inbox   string
	libDir  string
	onError func(error)

	mu       sync.Mutex
	closed   bool
	pending  map[string]*pendingFile
	refused  map[string]fileStamp // files left in the inbox, as they were
	libTimer *time.Timer
	dbTimer  *time.Timer
	version  int64
	wg       sync.WaitGroup
	done     chan struct{}
}

// fileStamp tells one version of a file from another.
type fileStamp struct {
	size int64
	mod  time.Time
}

// pendingFile is a dropped file waiting for its size to settle.
type pendingFile struct {
	timer *time.Timer
	size  int64
}

// startWatching creates the project's inbox folder, imports what is in it
// already, and watches it, the library folder and the project database.
func startWatching(sess *studioSession, libDir string, post func(func())) (*studioWatcher, error) {
	dir := sess.Project.Path()
	w := &studioWatcher{
		sess: sess, post: post, dir: dir, inbox: filepath.Join(dir, inboxDir), libDir: libDir,
		pending: map[string]*pendingFile{}, refused: map[string]fileStamp{}, done: make(chan struct{}),
	}
	w.onError = func(err error) { post(func() { sess.Studio.ShowNotice(err.Error()) }) }
	if err := os.MkdirAll(filepath.Join(w.inbox, importedDir), 0o755); err != nil {
		return nil, fmt.Errorf("creating the inbox folder of %s: %w", dir, err)
	}
	v, err := sess.Project.DataVersion(context.Background())
	if err != nil {
		return nil, err
	}
	w.version = v
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", dir, err)
	}
	w.fw = fw
	for _, d := range []string{w.inbox, dir, libDir} {
		if err := fw.Add(d); err != nil {
			fw.Close()
			return nil, fmt.Errorf("watching %s: %w", d, err)
		}
	}
	w.wg.Add(1)
	go w.loop()
	entries, err := os.ReadDir(w.inbox)
	if err == nil {
		for _, e := range entries {
			if e.Type().IsRegular() {
				w.fileChanged(filepath.Join(w.inbox, e.Name()))
			}
		}
	}
	return w, nil
}

// Close stops watching and waits for imports under way.
func (w *studioWatcher) Close() {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return
	}
	w.closed = true
	for _, p := range w.pending {
		p.timer.Stop()
	}
	for _, t := range []*time.Timer{w.libTimer, w.dbTimer} {
		if t != nil {
			t.Stop()
		}
	}
	w.mu.Unlock()
	w.fw.Close()
	w.wg.Wait()
}

func (w *studioWatcher) loop() {
	defer w.wg.Done()
	for {
		select {
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			w.event(ev)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			w.onError(fmt.Errorf("watching %s: %w", w.dir, err))
		}
	}
}

func (w *studioWatcher) event(ev fsnotify.Event) {
	dir, base := filepath.Split(ev.Name)
	dir = filepath.Clean(dir)
	switch {
	case dir == w.inbox && ev.Has(fsnotify.Create) || dir == w.inbox && ev.Has(fsnotify.Write):
		w.fileChanged(ev.Name)
	case dir == filepath.Clean(w.libDir) && strings.HasPrefix(base, "library.db"):
		w.debounce(&w.libTimer, func() { w.post(w.sess.Studio.ReloadLibrary) })
	case dir == w.dir && strings.HasPrefix(base, "project.db"):
		w.debounce(&w.dbTimer, w.checkProject)
	}
}

// debounce runs f once events have paused for watchSettle.
func (w *studioWatcher) debounce(t **time.Timer, f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	if *t != nil {
		(*t).Stop()
	}
	*t = w.after(f)
}

// after runs f after watchSettle, unless the watcher is closed by then.
func (w *studioWatcher) after(f func()) *time.Timer {
	return time.AfterFunc(watchSettle, func() {
		w.mu.Lock()
		if w.closed {
			w.mu.Unlock()
			return
		}
		w.wg.Add(1) // Close waits for f
		w.mu.Unlock()
		defer w.wg.Done()
		f()
	})
}

// checkProject reloads the window when another connection committed to
// the project since the last look. This window's own edits leave
// data_version alone, so they never cause a reload.
func (w *studioWatcher) checkProject() {
	v, err := w.sess.Project.DataVersion(context.Background())
	if err != nil {
		if !w.sess.closed.Load() {
			w.onError(err)
		}
		return
	}
	w.mu.Lock()
	changed := v != w.version
	w.version = v
	w.mu.Unlock()
	if changed {
		w.post(func() {
			w.sess.Studio.ShowNotice("The project was changed by another program; showing its changes")
			w.sess.Studio.Reload()
		})
	}
}

// fileChanged (re)starts the wait for a dropped file's size to settle.
func (w *studioWatcher) fileChanged(path string) {
	base := filepath.Base(path)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, ".part") || strings.HasSuffix(base, ".tmp") || strings.HasSuffix(base, ".crdownload") {
		return // a file still being written under a temporary name
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	p := w.pending[path]
	if p == nil {
		p = &pendingFile{size: -1}
		w.pending[path] = p
	} else {
		p.timer.Stop()
	}
	p.timer = w.after(func() { w.checkFile(path) })
}

// checkFile imports path when its size has not changed since the last
// look, and looks again later otherwise.
func (w *studioWatcher) checkFile(path string) {
	st, err := os.Stat(path)
	w.mu.Lock()
	p := w.pending[path]
	if p == nil || w.closed {
		w.mu.Unlock()
		return
	}
	if err != nil || !st.Mode().IsRegular() {
		delete(w.pending, path)
		w.mu.Unlock()
		return
	}
	if st.Size() == 0 || st.Size() != p.size {
		p.size = st.Size()
		p.timer = w.after(func() { w.checkFile(path) })
		w.mu.Unlock()
		return
	}
	delete(w.pending, path)
	stamp := fileStamp{st.Size(), st.ModTime()}
	if w.refused[path] == stamp {
		w.mu.Unlock()
		return // said once already; it has not changed since
	}
	w.mu.Unlock()
	if err := w.importFile(path); err != nil {
		w.mu.Lock()
		w.refused[path] = stamp
		w.mu.Unlock()
		w.onError(err)
	}
}

// importFile stores a dropped image or WAV in the project, moves the file
// into inbox/imported/ and tells the window. Only regular files within the
// limits for their kind are read (see engine/files): images up to
// files.ImageLimit and the reference-image pixel limits, sound up to
// files.AudioLimit.
func (w *studioWatcher) importFile(path string) error {
	name := filepath.Base(path)
	f, size, mediaType, err := openImport(path)
	if err != nil {
		return err
	}
	defer f.Close()
	asset, err := w.sess.Project.PutBlob(context.Background(), io.NewSectionReader(f, 0, size), mediaType)
	if err != nil {
		return fmt.Errorf("inbox: importing %s: %w", name, err)
	}
	moved, err := moveImported(path, filepath.Join(w.inbox, importedDir))
	if err != nil {
		return fmt.Errorf("inbox: %s was imported but could not be moved to %s: %w", name, importedDir, err)
	}
	s := w.sess.Studio
	if strings.HasPrefix(mediaType, "image/") {
		w.post(func() { s.AddInboxImage(ui.InboxImage{Name: name, Path: moved, Asset: asset}) })
	} else {
		w.post(func() { s.AddInboxAudio(strings.TrimSuffix(name, filepath.Ext(name)), asset) })
	}
	return nil
}

// openImport opens a file dropped into the inbox and checks it against
// the limits for its kind. Errors say the file was left in the inbox, and
// why.
func openImport(path string) (*os.File, int64, string, error) {
	name := filepath.Base(path)
	f, size, err := files.Open(path, max(files.ImageLimit, files.AudioLimit))
	if err != nil {
		return nil, 0, "", fmt.Errorf("inbox: %s was left there: %w", name, err)
	}
	mediaType, err := sniffMedia(f, size)
	if err == nil && mediaType == "" {
		err = fmt.Errorf("inbox: %s is not a PNG, JPEG or GIF image or a WAV file, so it was left there", name)
	} else if err != nil {
		err = fmt.Errorf("inbox: %s was left there: %w", name, err)
	}
	if err != nil {
		f.Close()
		return nil, 0, "", err
	}
	return f, size, mediaType, nil
}

// maxImportSeconds bounds the length of a sound file imported from the
// inbox, so a small file whose header claims hours of low-rate samples
// is not decoded into gigabytes.
const maxImportSeconds = 60 * 60

// sniffMedia returns the media type of an importable file of size bytes
// from its first bytes, or "" when it is not one. An image larger than
// its limits (file size, or pixels: a small file can claim a huge
// picture) and a WAV over its size or length limit are refused with an
// error saying why.
func sniffMedia(f io.ReaderAt, size int64) (string, error) {
	head := make([]byte, 512)
	n, err := f.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading it: %w", err)
	}
	mediaType := ""
	switch http.DetectContentType(head[:n]) {
	case "image/png":
		mediaType = "image/png"
	case "image/jpeg":
		mediaType = "image/jpeg"
	case "image/gif":
		mediaType = "image/gif"
	case "audio/wave":
		mediaType = "audio/wav"
	}
	switch {
	case strings.HasPrefix(mediaType, "image/"):
		if size > files.ImageLimit {
			return "", project.Errorf(project.EINVALID, "the image is larger than %s, the limit for images", files.Size(files.ImageLimit))
		}
		cfg, _, err := image.DecodeConfig(io.NewSectionReader(f, 0, min(size, 1<<20)))
		if err != nil {
			return "", project.WrapError(project.EINVALID, err, "the image cannot be read")
		}
		if err := cameoimage.CheckSize(cfg.Width, cfg.Height); err != nil {
			return "", err
		}
	case mediaType == "audio/wav":
		if size > files.AudioLimit {
			return "", project.Errorf(project.EINVALID, "the sound file is larger than %s, the limit for sound", files.Size(files.AudioLimit))
		}
		info, err := media.ReadWAVInfo(io.NewSectionReader(f, 0, size))
		if err != nil {
			return "", project.WrapError(project.EINVALID, err, "the sound file cannot be read")
		}
		if info.Frames > maxImportSeconds*info.Rate {
			return "", project.Errorf(project.EINVALID, "the sound file is longer than %d minutes, the limit for music and voice-over", maxImportSeconds/60)
		}
	}
	return mediaType, nil
}

// moveImported moves path into dir, adding a number to the name when a
// file of that name was imported before, and returns the new path.
func moveImported(path, dir string) (string, error) {
	base := filepath.Base(path)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	for n := 1; n < 10000; n++ {
		dst := filepath.Join(dir, base)
		if n > 1 {
			dst = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, n, ext))
		}
		if _, err := os.Lstat(dst); errors.Is(err, os.ErrNotExist) {
			return dst, os.Rename(path, dst)
		}
	}
	return "", project.Errorf(project.ECONFLICT, "too many files named %s in %s", base, dir)
}
