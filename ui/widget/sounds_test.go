package widget

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
)

// mediaDir is a folder of files named by the SHA-256 of their content,
// like a project's media, read through the same open function the studio
// gives its sound cache.
type mediaDir struct {
	t   *testing.T
	dir string
}

func newMediaDir(t *testing.T) *mediaDir { return &mediaDir{t: t, dir: t.TempDir()} }

// put stores data and returns it as an asset of mediaType.
func (m *mediaDir) put(data []byte, mediaType string) project.Asset {
	m.t.Helper()
	sum := sha256.Sum256(data)
	a := project.Asset{SHA256: hex.EncodeToString(sum[:]), MediaType: mediaType, Size: int64(len(data))}
	if err := os.WriteFile(filepath.Join(m.dir, a.SHA256), data, 0o644); err != nil {
		m.t.Fatal(err)
	}
	return a
}

// putWAV stores pcm as a float WAV file.
func (m *mediaDir) putWAV(pcm audio.PCM) project.Asset {
	m.t.Helper()
	var buf bytes.Buffer
	if err := media.WriteWAV(&buf, pcm, media.WAVOptions{Format: media.Float32}); err != nil {
		m.t.Fatal(err)
	}
	return m.put(buf.Bytes(), "audio/wav")
}

// open opens a stored file by its SHA-256.
func (m *mediaDir) open(sha string) (io.ReadCloser, error) {
	f, err := os.Open(filepath.Join(m.dir, sha))
	if err != nil {
		return nil, fmt.Errorf("opening media %s: %w", sha, err)
	}
	return f, nil
}

// tone returns mono sound at rate whose sample k is 0.1 + (k%50)/1000,
// loudest (0.9) in its middle tenth.
func tone(rate, frames int) audio.PCM {
	s := make([]float32, frames)
	for k := range s {
		s[k] = 0.1 + float32(k%50)/1000
		if k >= frames*45/100 && k < frames*55/100 {
			s[k] = 0.9
		}
	}
	return audio.PCM{Rate: rate, Channels: 1, Samples: s}
}

func TestSoundCacheDecodesToPreviewSound(t *testing.T) {
	h := newMediaDir(t)
	c := NewSoundCache(h.open)

	// Mono 44.1 kHz comes back as 48 kHz stereo, the same on both sides.
	mono := h.putWAV(tone(44100, 44100))
	pcm, err := c.OpenAudio(mono)
	if err != nil {
		t.Fatal(err)
	}
	if pcm.Rate != 48000 || pcm.Channels != 2 || pcm.Len() != 48000 {
		t.Fatalf("decoded %d Hz, %d channels, %d frames; want 48 kHz stereo, 48000 frames", pcm.Rate, pcm.Channels, pcm.Len())
	}
	for k := 0; k < pcm.Len(); k += 997 {
		if pcm.Samples[2*k] != pcm.Samples[2*k+1] {
			t.Fatalf("frame %d: left %v right %v; mono must play on both sides", k, pcm.Samples[2*k], pcm.Samples[2*k+1])
		}
	}
	// The middle tenth of the tone is loud; resampling keeps it so.
	if v := pcm.Samples[2*24000]; v < 0.85 || v > 0.95 {
		t.Fatalf("middle sample %v, want about 0.9", v)
	}

	// A file that is not WAV fails with a clear error and is not kept.
	bad := h.put([]byte("ID3 this is an mp3, honest"), "audio/wav")
	if _, err := c.OpenAudio(bad); err == nil || !strings.Contains(err.Error(), "only WAV") {
		t.Fatalf("decoding a non-WAV file: %v, want an error saying only WAV plays", err)
	}
	if _, kept := c.entries[bad.SHA256]; kept {
		t.Fatal("a failed decoding was cached")
	}
}

func TestSoundCacheKeepsRecentSoundWithinItsBudget(t *testing.T) {
	h := newMediaDir(t)
	c := NewSoundCache(h.open)
	c.limit = 150000 // samples: room for one second of stereo, not two
	one := h.putWAV(audio.PCM{Rate: 48000, Channels: 2, Samples: make([]float32, 96000)})
	two := h.putWAV(tone(48000, 48000))
	a, err := c.OpenAudio(one)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.OpenAudio(one)
	if err != nil || &again.Samples[0] != &a.Samples[0] {
		t.Fatalf("a second OpenAudio decoded again (err %v) instead of using the cache", err)
	}
	if _, err := c.OpenAudio(two); err != nil {
		t.Fatal(err)
	}
	if _, kept := c.entries[one.SHA256]; kept || c.held != 96000 {
		t.Fatalf("over budget the older sound stayed (held %d samples)", c.held)
	}
	if _, kept := c.entries[two.SHA256]; !kept {
		t.Fatal("the newest sound was not kept")
	}
}
