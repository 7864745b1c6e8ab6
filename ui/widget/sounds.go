package widget

import (
	"fmt"
	"io"
	"sync"

	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
)

// AudioSource opens the sound of music and voice-over clips for the
// player.
type AudioSource interface {
	// OpenAudio returns asset a's sound as 48 kHz stereo.
	OpenAudio(a project.Asset) (audio.PCM, error)
}

// audioLengths is an AudioSource that knows the lengths of sounds it has
// decoded, so playback can pass over clips that ended before it starts
// without decoding them again.
type audioLengths interface {
	KnownLength(a project.Asset) (int64, bool)
}

// SoundCache decodes the WAV assets of music and voice-over clips to
// 48 kHz stereo and keeps the most recently used ones in memory, up to a
// budget of samples. Two callers asking for the same asset at once share
// one decoding. It is safe for concurrent use and never runs on the UI
// goroutine.
type SoundCache struct {
	open  func(sha256 string) (io.ReadCloser, error)
	limit int // samples kept, all entries together

	mu      sync.Mutex
	entries map[string]*soundEntry
	order   []string // decoded entries, least recently used first
	held    int
	lengths map[string]int64 // sample frames of every sound decoded, kept or not
}

type soundEntry struct {
	ready chan struct{}
	pcm   audio.PCM
	err   error
}

var _ AudioSource = (*SoundCache)(nil)

// soundBudget is how many samples the cache keeps: 64 Mi float32s, about
// 11 minutes of 48 kHz stereo in 256 MiB.
const soundBudget = 64 << 20

// NewSoundCache returns an empty cache reading assets through open (a
// project's OpenBlob).
func NewSoundCache(open func(sha256 string) (io.ReadCloser, error)) *SoundCache {
	return &SoundCache{open: open, limit: soundBudget, entries: map[string]*soundEntry{}, lengths: map[string]int64{}}
}

// KnownLength returns the length in 48 kHz sample frames of asset a's
// sound when it has been decoded before, even if it is no longer kept.
func (c *SoundCache) KnownLength(a project.Asset) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.lengths[a.SHA256]
	return n, ok
}

// OpenAudio implements AudioSource.
func (c *SoundCache) OpenAudio(a project.Asset) (audio.PCM, error) {
	c.mu.Lock()
	if e, ok := c.entries[a.SHA256]; ok {
		c.touch(a.SHA256)
		c.mu.Unlock()
		<-e.ready
		return e.pcm, e.err
	}
	e := &soundEntry{ready: make(chan struct{})}
	c.entries[a.SHA256] = e
	c.mu.Unlock()

	e.pcm, e.err = c.decode(a)
	close(e.ready)

	c.mu.Lock()
	defer c.mu.Unlock()
	if e.err != nil {
		// Not kept: the file may be put back.
		if c.entries[a.SHA256] == e {
			delete(c.entries, a.SHA256)
		}
		return e.pcm, e.err
	}
	c.lengths[a.SHA256] = int64(e.pcm.Len())
	c.order = append(c.order, a.SHA256)
	c.held += len(e.pcm.Samples)
	for c.held > c.limit && len(c.order) > 1 {
		old := c.order[0]
		c.order = c.order[1:]
		c.held -= len(c.entries[old].pcm.Samples)
		delete(c.entries, old)
	}
	return e.pcm, nil
}

func (c *SoundCache) touch(sha string) {
	for k, x := range c.order {
		if x == sha {
			copy(c.order[k:], c.order[k+1:])
			c.order[len(c.order)-1] = sha
			return
		}
	}
}

func (c *SoundCache) decode(a project.Asset) (audio.PCM, error) {
	if c.open == nil {
		return audio.PCM{}, fmt.Errorf("the project's media cannot be read here")
	}
	rc, err := c.open(a.SHA256)
	if err != nil {
		return audio.PCM{}, fmt.Errorf("opening its sound file: %w", err)
	}
	defer rc.Close()
	pcm, _, err := media.ReadWAV(rc)
	if err != nil {
		return audio.PCM{}, fmt.Errorf("reading its sound (only WAV can be played): %w", err)
	}
	if pcm.Len() == 0 {
		return audio.PCM{}, fmt.Errorf("its sound file holds no sound")
	}
	return toPreviewSound(pcm)
}

// toPreviewSound returns pcm as 48 kHz stereo: mono is spread to both
// sides, channels past two are dropped and other rates are resampled.
func toPreviewSound(pcm audio.PCM) (audio.PCM, error) {
	out, err := audio.ToStereo(pcm.Samples, pcm.Channels, pcm.Rate, audio.SampleRate)
	if err != nil {
		return audio.PCM{}, err
	}
	return audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: out}, nil
}

// SoundFrames returns how many timeline frames at rate samples frames of
// 48 kHz sound last (the last one partly).
func SoundFrames(samples int, rate project.Rate) int64 {
	if rate.Num <= 0 || rate.Den <= 0 {
		return 0
	}
	den := rate.Den * audio.SampleRate
	return (int64(samples)*rate.Num + den - 1) / den
}
