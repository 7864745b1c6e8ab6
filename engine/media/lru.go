package media

import (
	"image"
	"sync"
)

// frameCache keeps the most recently used decoded frames. It is safe for
// concurrent use.
type frameCache struct {
	mu      sync.Mutex
	size    int
	entries []cachedFrame // most recent first
}

type cachedFrame struct {
	i   int
	img image.Image
}

func newFrameCache(size int) *frameCache { return &frameCache{size: size} }

// get returns frame i and moves it to the front.
func (c *frameCache) get(i int) (image.Image, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.entries {
		if e.i == i {
			copy(c.entries[1:k+1], c.entries[:k])
			c.entries[0] = e
			return e.img, true
		}
	}
	return nil, false
}

// put stores frame i at the front, dropping the least recently used frame
// when full.
func (c *frameCache) put(i int, img image.Image) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.entries {
		if e.i == i {
			c.entries = append(c.entries[:k], c.entries[k+1:]...)
			break
		}
	}
	if len(c.entries) >= c.size {
		c.entries = c.entries[:c.size-1]
	}
	c.entries = append(c.entries, cachedFrame{})
	copy(c.entries[1:], c.entries)
	c.entries[0] = cachedFrame{i, img}
}

// clear drops every frame.
func (c *frameCache) clear() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}
