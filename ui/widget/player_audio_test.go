package widget

import (
	"encoding/binary"
	"io"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kino/engine/audio"
	"kino/project"
	"kino/ui/uitest"
)

// source returns the sound the player last started.
func (o *fakeOutput) source() io.Reader {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.src
}

// readSamples reads frames stereo sample frames from r.
func readSamples(t *testing.T, r io.Reader, frames int) []float32 {
	t.Helper()
	if r == nil {
		t.Fatal("the player started no sound")
	}
	buf := make([]byte, frames*8)
	if _, err := io.ReadFull(r, buf); err != nil {
		t.Fatalf("reading %d sample frames of the preview's sound: %v", frames, err)
	}
	out := make([]float32, 2*frames)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*i:]))
	}
	return out
}

// clipSample is interleaved sample j of the clip sound the mixing tests
// store: a saw tooth that tells every one of 500 sample frames apart.
func clipSample(j int) float32 { return 0.01 + float32(j%1000)*1e-4 }

// clipSound is one second of 48 kHz stereo clipSample.
func clipSound() audio.PCM {
	s := make([]float32, 2*48000)
	for j := range s {
		s[j] = clipSample(j)
	}
	return audio.PCM{Rate: 48000, Channels: 2, Samples: s}
}

// mixedClip is a clip as the mixing test expects to hear it: from sample
// frame start of the program, at linear gain.
type mixedClip struct {
	start int
	gain  float32
}

// checkMix compares got with the takes' sound (take(i) for interleaved
// sample i) plus the clips.
func checkMix(t *testing.T, what string, got []float32, take func(i int) float32, clips []mixedClip) {
	t.Helper()
	heard := 0
	for i, v := range got {
		want := take(i)
		k := i / 2
		for _, c := range clips {
			if j := k - c.start; j >= 0 && j < 48000 {
				want += clipSample(2*j+i%2) * c.gain
				heard++
			}
		}
		if math.Abs(float64(v-want)) > 1e-6 {
			t.Fatalf("%s: sample %d (frame %d, channel %d) = %.7f, want %.7f", what, i, k, i%2, v, want)
		}
	}
	if heard == 0 {
		t.Fatalf("%s: no clip sound expected in the samples checked; the test is wrong", what)
	}
}

func TestPlayerMixesAudioClipsOverTheTakesAtTheirPlaces(t *testing.T) {
	h := newMediaDir(t)
	asset := h.putWAV(clipSound())
	// The bed starts in shot 1 and runs into shot 2; the line starts in
	// shot 2. Shots are 48 frames (96000 sample frames) each.
	clips := []*project.AudioClip{
		{ID: 1, Lane: project.LaneMusic, Name: "bed", Asset: asset, Start: project.Frames(40, rate24)},
		{ID: 2, Lane: project.LaneVoiceOver, Name: "line", Asset: asset, Start: project.Frames(60, rate24), GainDB: -6},
	}

	q := uitest.NewCallQueue()
	out := &fakeOutput{}
	p := NewPlayer(q.Post, fakeClips{}, out)
	test.NewTempWindow(t, p).Resize(fyne.NewSize(640, 420))
	t.Cleanup(p.Close)
	p.SetAudioSource(NewSoundCache(h.open))
	p.SetAudioClips(clips)
	half := float32(math.Pow(10, -6.0/20))
	shot1 := Segment{ShotID: 1, Number: 1, Frames: 48, Take: &project.Take{ID: 5, Status: project.TakeDone, Frames: 48, Rate: rate24}}
	shot2 := Segment{ShotID: 2, Number: 2, Frames: 48, Take: &project.Take{ID: 6, Status: project.TakeDone, Frames: 48, Rate: rate24}}
	play := func() io.Reader {
		t.Helper()
		before := out.started.Load()
		p.Play()
		if err := q.WaitFor(10*time.Second, func() bool { return out.started.Load() > before }); err != nil {
			t.Fatalf("playback did not start: %v", err)
		}
		return out.source()
	}
	// fakeClip's soundtrack: interleaved sample k is k/1e6.
	takeSound := func(i int) float32 { return float32(i) / 1e6 }

	// Shot mode, shot 2 (timeline frames 48..95): the bed began 16000
	// sample frames before the shot, the line starts 24000 into it.
	p.SetProgram([]Segment{shot2}, rate24, 48)
	got := readSamples(t, play(), 96000)
	checkMix(t, "shot 2", got, takeSound, []mixedClip{{-16000, 1}, {24000, half}})
	p.Pause()

	// Film mode: both shots from the start.
	p.SetProgram([]Segment{shot1, shot2}, rate24, 0)
	p.Home()
	got = readSamples(t, play(), 192000)
	film := func(i int) float32 { return takeSound(i % 192000) }
	checkMix(t, "the film", got, film, []mixedClip{{80000, 1}, {120000, half}})
	p.Pause()
	q.Run()
	if p.Notice() != "" {
		t.Fatalf("notice %q while every clip could be read", p.Notice())
	}

	// A changed clip list restarts the sound with the new mix.
	moved := *clips[1]
	moved.Start = project.Frames(0, rate24)
	p.SetAudioClips([]*project.AudioClip{&moved})
	p.Home()
	got = readSamples(t, play(), 1000)
	checkMix(t, "the moved line", got, takeSound, []mixedClip{{0, half}})
	p.Pause()
}
