package widget

import (
	"fmt"
	"io"
	"sync"

	"kino/engine"
	"kino/project"
)

// clipCache keeps the most recently used take clips open for playback.
// It is safe for concurrent use; opening happens on the caller's
// goroutine, which is never the UI goroutine.
type clipCache struct {
	src ClipSource

	mu    sync.Mutex
	clips map[int64]engine.Clip
	order []int64 // least recently used first
}

// maxOpenClips bounds how many takes stay open at once.
const maxOpenClips = 12

func newClipCache(src ClipSource) *clipCache {
	return &clipCache{src: src, clips: map[int64]engine.Clip{}}
}

// get returns take t's clip, opening it if needed.
func (c *clipCache) get(t *project.Take) (engine.Clip, error) {
	if c.src == nil {
		return nil, fmt.Errorf("take %d cannot be played: no clip source", t.ID)
	}
	c.mu.Lock()
	if clip, ok := c.clips[t.ID]; ok {
		c.touch(t.ID)
		c.mu.Unlock()
		return clip, nil
	}
	c.mu.Unlock()
	clip, err := c.src.OpenTake(t)
	if err != nil {
		return nil, fmt.Errorf("opening take %d: %w", t.ID, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.clips[t.ID]; ok { // opened concurrently
		closeClip(clip)
		return old, nil
	}
	c.clips[t.ID] = clip
	c.order = append(c.order, t.ID)
	for len(c.order) > maxOpenClips {
		closeClip(c.clips[c.order[0]])
		delete(c.clips, c.order[0])
		c.order = c.order[1:]
	}
	return clip, nil
}

func (c *clipCache) touch(id int64) {
	for k, x := range c.order {
		if x == id {
			copy(c.order[k:], c.order[k+1:])
			c.order[len(c.order)-1] = id
			return
		}
	}
}

// forget closes take id's clip (after the take was deleted).
func (c *clipCache) forget(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if clip, ok := c.clips[id]; ok {
		closeClip(clip)
		delete(c.clips, id)
		for k, x := range c.order {
			if x == id {
				c.order = append(c.order[:k], c.order[k+1:]...)
				break
			}
		}
	}
}

func (c *clipCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, clip := range c.clips {
		closeClip(clip)
	}
	c.clips, c.order = map[int64]engine.Clip{}, nil
}

func closeClip(c engine.Clip) {
	if cl, ok := c.(io.Closer); ok {
		cl.Close()
	}
}

// ClipSource opens the media of finished takes for playback.
type ClipSource interface {
	OpenTake(t *project.Take) (engine.Clip, error)
}
