package onnx

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"kino/engine/files"
)

// acquire returns the pack's pipeline, loading it on first use (or when
// its files changed since), and counts the caller as a user.
func (b *Backend) acquire(p *Pack) (*loadedPack, error) {
	stamp := packStamp(p)
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil, errClosed
	}
	lp := b.loaded[p.Dir]
	if lp != nil && lp.stamp != stamp && lp.users == 0 {
		b.unloadLocked(p.Dir, lp)
		lp = nil
	}
	creator := lp == nil
	if creator {
		lp = &loadedPack{ready: make(chan struct{}), stamp: stamp}
		b.loaded[p.Dir] = lp
	}
	lp.users++
	if lp.timer != nil {
		lp.timer.Stop()
		lp.timer = nil
	}
	b.mu.Unlock()
	if creator {
		lp.pl, lp.err = LoadPipeline(p, b.cfg.Session)
		if lp.err == nil {
			lp.hash = p.Manifest.SHA256
			if lp.hash == "" {
				lp.hash = packFingerprint(p)
			}
		}
		close(lp.ready)
	} else {
		<-lp.ready
	}
	if lp.err != nil {
		b.mu.Lock()
		lp.users--
		if b.loaded[p.Dir] == lp {
			delete(b.loaded, p.Dir)
		}
		b.mu.Unlock()
		return nil, lp.err
	}
	return lp, nil
}

// release drops a user and, for the last, starts the idle timer.
func (b *Backend) release(dir string, lp *loadedPack) {
	b.mu.Lock()
	defer b.mu.Unlock()
	lp.users--
	lp.used = time.Now()
	if lp.users > 0 {
		return
	}
	if b.closed {
		b.unloadLocked(dir, lp)
		return
	}
	if b.cfg.IdleTimeout < 0 {
		return
	}
	lp.timer = time.AfterFunc(b.cfg.IdleTimeout, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.loaded[dir] == lp && lp.users == 0 && time.Since(lp.used) >= b.cfg.IdleTimeout {
			b.unloadLocked(dir, lp)
		}
	})
}

// unloadLocked releases a pack's sessions; b.mu must be held and the pack
// must have no users.
func (b *Backend) unloadLocked(dir string, lp *loadedPack) {
	delete(b.loaded, dir)
	if lp.timer != nil {
		lp.timer.Stop()
	}
	if lp.pl != nil {
		lp.pl.Close()
	}
}

// Loaded lists the packs whose sessions are loaded now.
func (b *Backend) Loaded() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var names []string
	for _, lp := range b.loaded {
		if lp.pl != nil {
			names = append(names, lp.pl.Pack.Name)
		}
	}
	sort.Strings(names)
	return names
}

// Close releases every loaded session, each as soon as the takes using it
// finish; later Generate calls fail.
func (b *Backend) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for dir, lp := range b.loaded {
		if lp.users == 0 {
			b.unloadLocked(dir, lp)
		}
	}
}

// packStamp describes the pack's model files by size and modification
// time, to notice a pack replaced on disk.
func packStamp(p *Pack) string {
	var b strings.Builder
	for _, f := range []string{FileTextEncoder, FileUNet, FileVAEDecoder, FileVAEEncoder, "unet/model.onnx_data"} {
		if fi, err := os.Stat(p.Path(f)); err == nil {
			fmt.Fprintf(&b, "%s:%d:%d;", f, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return b.String()
}

// packFingerprint identifies a pack without a manifest hash cheaply: a
// SHA-256 over each model file's name, size, first and last 64 KiB. It is
// prefixed "quick:" to tell it from a full hash.
func packFingerprint(p *Pack) string {
	h := sha256.New()
	buf := make([]byte, 64<<10)
	for _, f := range []string{FileTextEncoder, FileUNet, "unet/model.onnx_data", FileVAEDecoder, FileVAEEncoder} {
		file, _, err := files.Open(p.Path(f), 0)
		if err != nil {
			continue
		}
		fi, err := file.Stat()
		if err == nil {
			fmt.Fprintf(h, "%s:%d;", f, fi.Size())
			n, _ := io.ReadFull(file, buf)
			h.Write(buf[:n])
			if fi.Size() > int64(len(buf)) {
				n, _ = file.ReadAt(buf, fi.Size()-int64(len(buf)))
				h.Write(buf[:n])
			}
		}
		file.Close()
	}
	return "quick:" + hex.EncodeToString(h.Sum(nil))
}

// Watch watches the backend's models folders (see the package function
// Watch), rescans them on every change so Capabilities and Generate see
// packs added or removed without a restart, and releases the sessions of
// packs removed, changed or broken on disk. fn, when not nil, then gets
// the events. It blocks until ctx ends.
func (b *Backend) Watch(ctx context.Context, debounce time.Duration, fn func([]PackEvent)) error {
	return Watch(ctx, b.cfg.Dirs, debounce, func(evs []PackEvent) {
		b.Rescan()
		b.mu.Lock()
		for _, e := range evs {
			if e.Kind == PackAdded {
				continue
			}
			if lp := b.loaded[e.Dir]; lp != nil && lp.users == 0 {
				select {
				case <-lp.ready:
					b.unloadLocked(e.Dir, lp)
				default: // still loading; acquire notices the change next time
				}
			}
		}
		b.mu.Unlock()
		if fn != nil {
			fn(evs)
		}
	})
}
