package playback

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"testing"
	"time"

	"kino/ui/playback/alsatest"
)

// TestOtoPlaysThroughALSA plays a known signal through the real audio
// path (oto → ALSA) with ALSA's default device pointed at its file
// plugin, and finds the signal's exact bytes in the captured output.
func TestOtoPlaysThroughALSA(t *testing.T) {
	capture := alsatest.Capture(t, 64<<20)
	out, err := OpenOto()
	if err != nil {
		t.Fatalf("opening the audio device through ALSA's file plugin failed (is libasound2 installed?): %v", err)
	}
	if out.Silent() {
		t.Fatal("oto output claims to be silent")
	}
	const frames = SampleRate / 4
	sig := make([]byte, frames*BytesPerFrame)
	for k := 0; k < frames*Channels; k++ {
		v := float32(0.5 * math.Sin(float64(k)*0.0123))
		binary.LittleEndian.PutUint32(sig[4*k:], math.Float32bits(v))
	}
	st, err := out.Start(bytes.NewReader(sig))
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for st.Played() < frames {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d sample frames were played", st.Played(), frames)
		}
		if err := st.Err(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	st.Close()
	var got []byte
	for time.Now().Before(deadline) {
		got, _ = os.ReadFile(capture)
		if bytes.Contains(got, sig) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the %d bytes played were not found in the %d bytes ALSA captured", len(sig), len(got))
}
