package ui

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	_ "image/gif"  // cameo avatars may be GIF
	_ "image/jpeg" // take thumbnails are JPEG
	_ "image/png"  // cameo avatars may be PNG
	"io"
	"sync"

	"kino/engine/files"
	"kino/engine/media"
	"kino/project/cameoimage"
)

// thumbCache decodes small images (take thumbnails, cameo avatars) off the
// UI goroutine and keeps them by content hash. get returns at once; when
// a missing image has been decoded, onLoad runs on the UI goroutine.
type thumbCache struct {
	open   func(sha string) (io.ReadCloser, error)
	post   func(func())
	onLoad func()
	maxW   int
	maxH   int

	mu      sync.Mutex
	imgs    map[string]image.Image
	failed  map[string]error
	pending map[string]bool
	slots   chan struct{}
}

func newThumbCache(open func(sha string) (io.ReadCloser, error), post func(func()), maxW, maxH int) *thumbCache {
	return &thumbCache{
		open: open, post: post, maxW: maxW, maxH: maxH,
		imgs: map[string]image.Image{}, failed: map[string]error{}, pending: map[string]bool{},
		slots: make(chan struct{}, 2),
	}
}

// get returns the decoded image with content hash sha, or nil while it is
// being decoded (or when it cannot be).
func (c *thumbCache) get(sha string) image.Image {
	if sha == "" || c.open == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if img, ok := c.imgs[sha]; ok {
		return img
	}
	if c.pending[sha] || c.failed[sha] != nil {
		return nil
	}
	c.pending[sha] = true
	go c.load(sha)
	return nil
}

// err returns why sha could not be decoded, if it could not.
func (c *thumbCache) err(sha string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failed[sha]
}

// loading reports whether any image is still being decoded.
func (c *thumbCache) loading() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending) > 0
}

func (c *thumbCache) load(sha string) {
	c.slots <- struct{}{}
	img, err := c.decode(sha)
	<-c.slots
	c.mu.Lock()
	delete(c.pending, sha)
	if err != nil {
		c.failed[sha] = err
	} else {
		c.imgs[sha] = img
	}
	c.mu.Unlock()
	c.post(func() {
		if c.onLoad != nil {
			c.onLoad()
		}
	})
}

func (c *thumbCache) decode(sha string) (image.Image, error) {
	r, err := c.open(sha)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	// A small file can claim a huge picture: check its size first.
	br := bufio.NewReader(io.LimitReader(r, files.ImageLimit))
	head, _ := br.Peek(64 << 10)
	cfg, _, err := image.DecodeConfig(bytes.NewReader(head))
	if err != nil {
		return nil, fmt.Errorf("decoding image %.12s: %w", sha, err)
	}
	if cfg.Width > cameoimage.MaxSide || cfg.Height > cameoimage.MaxSide || int64(cfg.Width)*int64(cfg.Height) > cameoimage.MaxPixels {
		return nil, fmt.Errorf("image %.12s is %dx%d pixels, too large to show", sha, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(br)
	if err != nil {
		return nil, fmt.Errorf("decoding image %.12s: %w", sha, err)
	}
	b := img.Bounds()
	if b.Dx() > c.maxW || b.Dy() > c.maxH {
		return media.Thumbnail(img, c.maxW, c.maxH), nil
	}
	return img, nil
}
