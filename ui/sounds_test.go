package ui

import (
	"context"
	"strings"
	"testing"

	"kino/engine"
)

func TestSoundCacheDecodesToPreviewSound(t *testing.T) {
	h := newAudioStudio(t)
	c := newSoundCache(h.store.OpenBlob)

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
	bad, err := h.store.PutBlob(context.Background(), strings.NewReader("ID3 this is an mp3, honest"), "audio/wav")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.OpenAudio(bad); err == nil || !strings.Contains(err.Error(), "only WAV") {
		t.Fatalf("decoding a non-WAV file: %v, want an error saying only WAV plays", err)
	}
	if _, kept := c.entries[bad.SHA256]; kept {
		t.Fatal("a failed decoding was cached")
	}
}

func TestSoundCacheKeepsRecentSoundWithinItsBudget(t *testing.T) {
	h := newAudioStudio(t)
	c := newSoundCache(h.store.OpenBlob)
	c.limit = 150000 // samples: room for one second of stereo, not two
	one := h.putWAV(engine.PCM{Rate: 48000, Channels: 2, Samples: make([]float32, 96000)})
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
