package widget

import (
	"encoding/binary"
	"errors"
	"image"
	"io"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kino/engine"
	"kino/engine/audio"
	"kino/project"
	"kino/ui/playback"
	"kino/ui/uitest"
)

// fakeClip draws frame i as a solid colour with red = i, and has a
// soundtrack whose sample k is k/1e6.
type fakeClip struct{ frames int }

func (c fakeClip) Info() engine.ClipInfo {
	return engine.ClipInfo{Width: 8, Height: 4, Frames: c.frames, Rate: rate24}
}
func (c fakeClip) Frame(i int) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, 8, 4))
	return img, c.RenderFrame(i, img)
}
func (c fakeClip) RenderFrame(i int, dst *image.RGBA) error {
	for p := 0; p < len(dst.Pix); p += 4 {
		dst.Pix[p], dst.Pix[p+1], dst.Pix[p+2], dst.Pix[p+3] = uint8(i), 0, 0, 255
	}
	return nil
}
func (c fakeClip) Soundtrack() (*audio.Soundtrack, error) {
	n := project.Frames(int64(c.frames), rate24).Samples(audio.SampleRate)
	s := make([]float32, 2*n)
	for k := range s {
		s[k] = float32(k) / 1e6
	}
	return &audio.Soundtrack{Mix: audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: s}}, nil
}

type fakeClips struct{}

func (fakeClips) OpenTake(t *project.Take) (engine.Clip, error) {
	return fakeClip{frames: int(t.Frames)}, nil
}

// fakeOutput is an audio device whose position the test sets.
type fakeOutput struct {
	mu      sync.Mutex
	src     io.Reader
	played  atomic.Int64
	started atomic.Int32
}

func (o *fakeOutput) Start(src io.Reader) (playback.Stream, error) {
	o.mu.Lock()
	o.src = src
	o.mu.Unlock()
	o.started.Add(1)
	return fakeStream{o}, nil
}
func (o *fakeOutput) Name() string { return "test device" }
func (o *fakeOutput) Silent() bool { return false }

type fakeStream struct{ o *fakeOutput }

func (s fakeStream) Played() int64     { return s.o.played.Load() }
func (s fakeStream) SetVolume(float64) {}
func (s fakeStream) Err() error        { return nil }
func (s fakeStream) Close() error      { return nil }

func newTestPlayer(t *testing.T, out playback.Output) (*Player, *uitest.CallQueue) {
	t.Helper()
	test.NewTempApp(t)
	q := uitest.NewCallQueue()
	p := NewPlayer(q.Post, fakeClips{}, out)
	test.NewTempWindow(t, p).Resize(fyne.NewSize(640, 420))
	t.Cleanup(p.Close)
	take := &project.Take{ID: 5, Status: project.TakeDone, Frames: 24, Rate: rate24}
	p.SetProgram([]Segment{
		{ShotID: 1, Number: 1, Prompt: "a lighthouse", Frames: 24, Take: take},
		{ShotID: 2, Number: 2, Prompt: "fireworks over the sea", Frames: 24},
	}, rate24, 100)
	q.Run()
	return p, q
}

func redOf(img image.Image) uint8 {
	r, _, _, _ := img.At(0, 0).RGBA()
	return uint8(r >> 8)
}

func TestPlayerFollowsTheAudioClock(t *testing.T) {
	out := &fakeOutput{}
	p, q := newTestPlayer(t, out)
	var positions []int64
	p.OnPosition = func(f int64) { positions = append(positions, f) }
	if p.Notice() != "" {
		t.Fatalf("notice %q with a working device", p.Notice())
	}
	p.Play()
	wait := func(what string, cond func() bool) {
		t.Helper()
		if err := q.WaitFor(10*time.Second, cond); err != nil {
			t.Fatalf("%s: %v (frame %d)", what, err, p.frame)
		}
	}
	const perFrame = 2000 // samples per frame at 24 fps
	out.played.Store(10*perFrame + 5)
	wait("frame 10", func() bool { return p.frame == 10 })
	if !p.img.Visible() || redOf(p.img.Image) != 10 {
		t.Fatalf("showing image %v with red %d, want frame 10's picture", p.img.Visible(), redOf(p.img.Image))
	}
	if p.Frame() != 110 || positions[len(positions)-1] != 110 {
		t.Fatalf("timeline frame %d (reported %v), want 110 (offset 100)", p.Frame(), positions)
	}
	// The sound jumps ahead three frames: the picture follows it at once.
	out.played.Store(13 * perFrame)
	wait("frame 13", func() bool { return p.frame == 13 })
	if _, dropped := p.Stats(); dropped < 2 {
		t.Fatalf("dropped %d frames, want the 2 skipped ones counted", dropped)
	}
	// Frame 30 is in the shot without a take: its storyboard card shows.
	out.played.Store(30 * perFrame)
	wait("frame 30", func() bool { return p.frame == 30 })
	if p.img.Visible() || !p.card.Visible() || p.cardText.Text != "fireworks over the sea" {
		t.Fatalf("card visible %v text %q; want the storyboard card", p.card.Visible(), p.cardText.Text)
	}
	// Past the end playback stops on the last frame.
	out.played.Store(60 * perFrame)
	wait("stop at the end", func() bool { return !p.Playing() })
	if p.frame != 47 {
		t.Fatalf("stopped at frame %d, want 47", p.frame)
	}

	// The sound sent to the device is the take's soundtrack, then silence.
	out.mu.Lock()
	src := out.src
	out.mu.Unlock()
	buf := make([]byte, 8*4)
	if _, err := io.ReadFull(src, buf); err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 8; k++ {
		got := math.Float32frombits(binary.LittleEndian.Uint32(buf[4*k:]))
		if want := float32(k) / 1e6; got != want {
			t.Fatalf("sample %d sent to the device = %v, want %v", k, got, want)
		}
	}
}

func TestPlayerWithoutDeviceUsesWallClockAndSaysSo(t *testing.T) {
	p, q := newTestPlayer(t, nil)
	// Said once, calmly: on the volume control's icon, not in a banner.
	if p.AudioHint() == "" || p.Notice() == "" {
		t.Fatal("no notice that there is no audio device")
	}
	if p.NoticeBanner() != "" {
		t.Fatalf("a banner says %q", p.NoticeBanner())
	}
	p.Play()
	if err := q.WaitFor(10*time.Second, func() bool { return p.frame >= 2 }); err != nil {
		t.Fatalf("the wall clock did not advance the picture: %v", err)
	}
	p.Pause()
	if p.Playing() {
		t.Fatal("still playing after Pause")
	}
}

func TestPlayerStepsAndStills(t *testing.T) {
	p, q := newTestPlayer(t, &fakeOutput{})
	p.Cue(105)
	if err := q.WaitFor(10*time.Second, func() bool { return p.img.Visible() && redOf(p.img.Image) == 5 }); err != nil {
		t.Fatalf("still frame 5 not shown: %v", err)
	}
	p.Step(1)
	if err := q.WaitFor(10*time.Second, func() bool { return p.img.Image != nil && redOf(p.img.Image) == 6 }); err != nil {
		t.Fatalf("step to frame 6: %v", err)
	}
	p.End()
	q.Run()
	if p.Frame() != 147 || !p.card.Visible() {
		t.Fatalf("End: frame %d card %v, want 147 on the storyboard card", p.Frame(), p.card.Visible())
	}
	p.Home()
	if p.Frame() != 100 {
		t.Fatalf("Home: frame %d, want 100", p.Frame())
	}
	p.Shuttle(1)
	p.Shuttle(1)
	if p.speed != 2 || !p.Playing() {
		t.Fatalf("L twice: speed %d playing %v, want 2x", p.speed, p.Playing())
	}
	p.Shuttle(-1)
	if p.speed != -1 {
		t.Fatalf("J after L: speed %d, want -1", p.speed)
	}
	p.Shuttle(0)
	if p.Playing() {
		t.Fatal("K did not pause")
	}
}

// failingOutput is a device that fails after playing a few frames: its
// position stops there, as a real device's does.
type failingOutput struct{ fakeOutput }

func (o *failingOutput) Start(src io.Reader) (playback.Stream, error) {
	o.started.Add(1)
	return failingStream{}, nil
}

type failingStream struct{}

func (failingStream) Played() int64     { return 4800 } // 0.1 s
func (failingStream) SetVolume(float64) {}
func (failingStream) Err() error        { return errors.New("device unplugged") }
func (failingStream) Close() error      { return nil }

// When the sound device fails mid-play, the player says so and plays on
// to the end on the wall clock instead of waiting for a position that
// never moves again.
func TestPlayerGoesOnWhenTheDeviceFails(t *testing.T) {
	p, q := newTestPlayer(t, &failingOutput{})
	p.Cue(140)
	q.Run()
	p.Play()
	if err := q.WaitFor(10*time.Second, func() bool { return !p.Playing() }); err != nil {
		t.Fatalf("playback hung after the device failed: %v (frame %d, notice %q)", err, p.Frame(), p.Notice())
	}
	if !strings.Contains(p.Notice(), "device unplugged") {
		t.Fatalf("notice %q does not say the sound stopped", p.Notice())
	}
	if p.Frame() != 147 {
		t.Fatalf("stopped at frame %d, want the last frame 147", p.Frame())
	}
}

// TestPlayerDeviceHintShowsOnHover: pointing at the muted volume icon
// shows why there is no sound, over the picture.
func TestPlayerDeviceHintShowsOnHover(t *testing.T) {
	p, _ := newTestPlayer(t, nil)
	if p.tip.box.Visible() {
		t.Fatal("the tooltip shows before the pointer is on the icon")
	}
	p.audioIcon.MouseIn(nil)
	if !p.tip.box.Visible() || !strings.Contains(p.tip.label.Text, "No audio device") {
		t.Fatalf("hovering the icon shows %q (visible %v)", p.tip.label.Text, p.tip.box.Visible())
	}
	p.audioIcon.MouseOut()
	if p.tip.box.Visible() {
		t.Fatal("the tooltip stays after the pointer left")
	}
}
