package app

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"testing"

	"kino/engine/media"
	"kino/project"
	"kino/ui/playback/alsatest"
	kwidget "kino/ui/widget"
)

// TestStudioPlaysSoundThroughALSA generates a shot, plays it in the
// studio's player through the real audio path (oto and ALSA, with ALSA's
// default device pointed at its file plugin) and finds the take's
// soundtrack in the bytes ALSA received.
func TestStudioPlaysSoundThroughALSA(t *testing.T) {
	capture := alsatest.Capture(t, 256<<20)
	h := newStudioHarnessWith(t, studioOptions{Audio: &deviceOutput{}}, "waves on a pebble beach, gulls calling")
	h.s.GenerateSelected()
	h.settle("generating", func() bool { return h.s.Timeline().Cards()[0].State == kwidget.CardReady })

	shot := h.shots()[0]
	take := h.takes(shot.ID)[0]
	a, ok := take.MediaFor(project.MediaAudio)
	if !ok {
		t.Fatal("the take has no sound")
	}
	r, err := h.sess.Project.OpenBlob(a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	pcm, _, err := media.ReadWAV(r)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	if pcm.Channels != 2 || pcm.Peak() < 0.01 {
		t.Fatalf("the soundtrack (%d channels, peak %.4f) cannot be recognised in the output", pcm.Channels, pcm.Peak())
	}
	// The loudest stretch of 2048 sample frames is what to look for.
	want := loudestStretch(pcm.Samples, 2048*2)

	p := h.s.Player()
	p.TogglePlay()
	h.settle("playing to the end", func() bool { return !p.Playing() })
	if n := p.Notice(); n != "" {
		t.Fatalf("the player fell back to silence: %s", n)
	}
	got, err := os.ReadFile(capture)
	if err != nil {
		t.Fatalf("ALSA wrote nothing: %v", err)
	}
	if !bytes.Contains(got, want) {
		t.Fatalf("the take's soundtrack is not among the %d bytes played", len(got))
	}
}

// loudestStretch returns, as float32 little-endian bytes, the n samples
// with the most energy.
func loudestStretch(s []float32, n int) []byte {
	best, at := -1.0, 0
	for i := 0; i+n <= len(s); i += n / 2 {
		var e float64
		for _, v := range s[i : i+n] {
			e += float64(v) * float64(v)
		}
		if e > best {
			best, at = e, i
		}
	}
	out := make([]byte, 4*n)
	for k, v := range s[at : at+n] {
		binary.LittleEndian.PutUint32(out[4*k:], math.Float32bits(v))
	}
	return out
}
