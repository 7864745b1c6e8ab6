package render_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/media"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/project"
)

// A new take keeps its four stems losslessly (32-bit float) beside its
// 16-bit mix, the stems are real (not silence) and their plain sum is the
// mix before it was quantised.
func TestTakeStoresItsStems(t *testing.T) {
	p, shot := mustProject(t, "fireworks over a beach at night, @nobody says hello")
	ctx := context.Background()
	res, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 9}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Take.MixOnly() {
		t.Fatal("a new take is mix only")
	}
	read := func(role string) (audio.PCM, media.Info) {
		a, ok := res.Take.MediaFor(role)
		if !ok {
			t.Fatalf("the take has no %s", role)
		}
		f, err := os.Open(p.BlobPath(a.SHA256))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		pcm, info, err := media.ReadWAV(f)
		if err != nil {
			t.Fatal(err)
		}
		return pcm, info
	}
	mix, mixInfo := read(project.MediaAudio)
	if mixInfo.Format != media.PCM16 {
		t.Fatalf("mix stored as %s, want 16-bit", mixInfo.Format)
	}
	sum := make([]float64, len(mix.Samples))
	for _, name := range audio.Stems {
		pcm, info := read(project.MediaStemPrefix + string(name))
		if info.Format != media.Float32 || info.Channels != 2 || len(pcm.Samples) != len(mix.Samples) {
			t.Fatalf("%s stem stored as %s, %d channels, %d samples (mix %d)", name, info.Format, info.Channels, len(pcm.Samples), len(mix.Samples))
		}
		if (name == audio.StemAmbience || name == audio.StemMusic) && pcm.Peak() < 1e-3 {
			t.Errorf("%s stem is silent", name)
		}
		for i, v := range pcm.Samples {
			sum[i] += float64(v)
		}
	}
	worst := 0.0
	for i, v := range mix.Samples {
		worst = max(worst, math.Abs(sum[i]-float64(v)))
	}
	// The mix is the stems' sum quantised to 16 bits: within half a step
	// (plus float rounding).
	if worst > 0.5/32768+1e-6 {
		t.Fatalf("the stems sum to the stored mix within %g; want half a 16-bit step", worst)
	}
}

// committingPut stores nothing but remembers the blobs a store would have
// committed (read to their end), and can fail one.
type committingPut struct {
	mu        sync.Mutex
	committed []string // media types
	fail      func(header []byte) error
	started   func()
}

func (c *committingPut) put(ctx context.Context, r io.Reader, mediaType string) (project.Asset, error) {
	if c.started != nil && mediaType == "audio/wav" {
		c.started()
	}
	header := make([]byte, 44)
	n, err := io.ReadFull(r, header)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return project.Asset{}, err
	}
	if c.fail != nil && mediaType == "audio/wav" {
		if err := c.fail(header[:n]); err != nil {
			io.CopyN(io.Discard, r, 100<<10)
			return project.Asset{}, err
		}
	}
	rest, err := io.Copy(io.Discard, r)
	if err != nil {
		return project.Asset{}, err
	}
	if err := ctx.Err(); err != nil {
		return project.Asset{}, err
	}
	c.mu.Lock()
	c.committed = append(c.committed, mediaType)
	c.mu.Unlock()
	return project.Asset{SHA256: fmt.Sprintf("%x", sha256.Sum256(header[:n])), MediaType: mediaType, Size: int64(n) + rest}, nil
}

func (c *committingPut) count(mediaType string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, m := range c.committed {
		if m == mediaType {
			n++
		}
	}
	return n
}

func streamedRequest(seconds int64) engine.Request {
	req := engine.DefaultRequest()
	req.Prompt = "fireworks over a beach at night, festive"
	req.Width, req.Height, req.Seed = 32, 18, 5
	req.Duration = project.Seconds(seconds, project.DefaultRate)
	return req
}

// When the store fails on one of a take's sound files (a full disk, say),
// rendering fails naming it, and none of the five sound files is kept:
// they are stored together as the sound is made.
func TestStreamedSoundStoresAllOrNothing(t *testing.T) {
	c := &committingPut{fail: func(h []byte) error {
		if len(h) >= 22 && binary.LittleEndian.Uint16(h[20:22]) == 1 { // integer PCM: the 16-bit mix
			return errors.New("no space left on device")
		}
		return nil
	}}
	_, err := render.Produce(context.Background(), previz.New(), streamedRequest(20), 0, 1, c.put, nil)
	if err == nil || !strings.Contains(err.Error(), "saving the sound") || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("Produce with a store that fails on the mix returned %v", err)
	}
	if n := c.count("audio/wav"); n != 0 {
		t.Fatalf("%d sound files were kept after the mix failed to store", n)
	}
	if n := c.count("video/x-motion-jpeg"); n != 1 {
		t.Fatalf("%d videos stored", n)
	}
}

// Cancelling a render while its sound is stored stops it with the
// context's error, and keeps none of the sound.
func TestStreamedSoundCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	c := &committingPut{started: func() { once.Do(cancel) }}
	_, err := render.Produce(ctx, previz.New(), streamedRequest(20), 0, 1, c.put, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Produce cancelled during the sound returned %v, want context.Canceled", err)
	}
	if n := c.count("audio/wav"); n != 0 {
		t.Fatalf("%d sound files were kept after the render was cancelled", n)
	}
}
