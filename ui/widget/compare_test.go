package widget

import (
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"io"
	"math"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kino/engine"
	"kino/engine/audio"
	"kino/project"
	"kino/ui/playback"
	"kino/ui/uitest"
)

// compareClip draws frame i of take id as a solid colour with red = i and
// green = id. Its soundtrack's interleaved sample k is id×1e6 + k.
type compareClip struct {
	id            int64
	frames        int
	width, height int
	src           *compareClips
}

func (c *compareClip) Info() engine.ClipInfo {
	return engine.ClipInfo{Width: c.width, Height: c.height, Frames: c.frames, Rate: rate24}
}
func (c *compareClip) Frame(i int) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, c.width, c.height))
	return img, c.RenderFrame(i, img)
}
func (c *compareClip) RenderFrame(i int, dst *image.RGBA) error {
	for p := 0; p < len(dst.Pix); p += 4 {
		dst.Pix[p], dst.Pix[p+1], dst.Pix[p+2], dst.Pix[p+3] = uint8(i), uint8(c.id), 0, 255
	}
	return nil
}
func (c *compareClip) Soundtrack() (*audio.Soundtrack, error) {
	n := project.Frames(int64(c.frames), rate24).Samples(audio.SampleRate)
	s := make([]float32, 2*n)
	for k := range s {
		s[k] = float32(c.id*1e6 + int64(k))
	}
	return &audio.Soundtrack{Mix: audio.PCM{Rate: audio.SampleRate, Channels: 2, Samples: s}}, nil
}
func (c *compareClip) Close() error {
	c.src.closed.Add(1)
	return nil
}

// compareClips opens compareClips and counts them opened and closed.
type compareClips struct {
	width, height  int
	opened, closed atomic.Int64
}

func (s *compareClips) OpenTake(t *project.Take) (engine.Clip, error) {
	s.opened.Add(1)
	w, h := s.width, s.height
	if w == 0 {
		w, h = 8, 4
	}
	return &compareClip{id: t.ID, frames: int(t.Frames), width: w, height: h, src: s}, nil
}

// compareTakeViews are three finished two-second takes of shot 7; take 1
// is the active one.
func compareTakeViews() []TakeView {
	views := make([]TakeView, 3)
	for k := range views {
		id := int64(k + 1)
		views[k] = TakeView{
			Take:   &project.Take{ID: id, ShotID: 7, Backend: "previz", Seed: uint64(100 + id), Status: project.TakeDone, Frames: 48, Rate: rate24},
			Number: k + 1,
			Thumb:  solidImage(32, 18, color.NRGBA{B: 200, A: 255}),
			Active: k == 0,
		}
	}
	return views
}

// compareHarness is the comparison dialog open on a stand-in studio
// window. The test is the UI goroutine: it runs what the view posts.
type compareHarness struct {
	t          *testing.T
	q          *uitest.CallQueue
	win        fyne.Window
	c          *CompareView
	dlg        dialog.Dialog
	src        *compareClips
	studioKeys []fyne.KeyName
	activated  []int64
	paused     int
}

func newCompareHarness(t *testing.T, out playback.Output) *compareHarness {
	t.Helper()
	test.NewTempApp(t)
	h := &compareHarness{t: t, q: uitest.NewCallQueue(), src: &compareClips{}}
	h.win = test.NewTempWindow(t, widget.NewLabel("studio"))
	h.win.Resize(fyne.NewSize(1280, 800))
	h.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) { h.studioKeys = append(h.studioKeys, e.Name) })
	h.c, h.dlg = ShowCompare(h.win, compareTakeViews(), CompareDeps{
		Post:  h.q.Post,
		Clips: h.src,
		Audio: out,
		Activate: func(tk *project.Take, done func()) {
			h.activated = append(h.activated, tk.ID)
			h.q.Post(done) // stored later, as the studio's worker does
		},
		BeforePlay: func() { h.paused++ },
	})
	t.Cleanup(func() {
		h.dlg.Hide()
		h.wait("clips released at the end of the test", func() bool { return h.c.released })
	})
	return h
}

func (h *compareHarness) wait(what string, cond func() bool) {
	h.t.Helper()
	if err := h.q.WaitFor(10*time.Second, cond); err != nil {
		h.t.Fatalf("%s: %v (frame %d, playing %v)", what, err, h.c.transport.frame, h.c.transport.playing)
	}
}

func (h *compareHarness) key(name fyne.KeyName) {
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// shows reports whether img shows frame f of take id.
func shows(img image.Image, f int, id int64) bool {
	if img == nil {
		return false
	}
	px := color.RGBAModel.Convert(img.At(0, 0)).(color.RGBA)
	return px.R == uint8(f) && px.G == uint8(id)
}

func pixelOf(img image.Image) color.RGBA {
	return color.RGBAModel.Convert(img.At(0, 0)).(color.RGBA)
}

// waitBoth waits until side A shows frame f of take a and side B frame f
// of take b.
func (h *compareHarness) waitBoth(f int, a, b int64) {
	h.t.Helper()
	h.wait("frame "+itoa(f)+" of both takes", func() bool {
		return shows(h.c.imgA.Image, f, a) && shows(h.c.imgB.Image, f, b) && h.c.transport.frame == int64(f)
	})
}

func TestCompareShowsBothTakes(t *testing.T) {
	h := newCompareHarness(t, &fakeOutput{})
	c := h.c
	if c.pickA.Selected != "Take 2" || c.pickB.Selected != "Take 3" {
		t.Fatalf("compare shows %q and %q, want the two newest takes", c.pickA.Selected, c.pickB.Selected)
	}
	if c.infoA.Text != "Seed 102 · previz · 2s" || c.infoB.Text != "Seed 103 · previz · 2s" {
		t.Fatalf("info %q and %q", c.infoA.Text, c.infoB.Text)
	}
	h.waitBoth(0, 2, 3)
	if c.imgA.Image == c.imgB.Image {
		t.Fatal("both sides show the same picture")
	}
	if got := c.transport.timecode.Text; got != "00:00:00:00 / 00:00:02:00" {
		t.Fatalf("timecode %q", got)
	}
	if c.side[0].use.Disabled() || c.side[1].use.Disabled() {
		t.Fatal("Make active is disabled on a take that is not the active one")
	}
	if c.noticeL.Visible() || c.soundIcon.Hint() != "" {
		t.Fatalf("notice %q %q with a working device", c.noticeL.Text, c.soundIcon.Hint())
	}

	// Picking take 1 on side A shows its first frame there.
	c.pickA.SetSelected("Take 1 (active)")
	h.waitBoth(0, 1, 3)
	if !c.side[0].use.Disabled() {
		t.Fatal("Make active is enabled on the active take")
	}
}

func TestCompareStepsBothTakes(t *testing.T) {
	h := newCompareHarness(t, &fakeOutput{})
	c := h.c
	h.waitBoth(0, 2, 3)
	a0, b0 := pixelOf(c.imgA.Image), pixelOf(c.imgB.Image)

	h.key(fyne.KeyRight)
	h.waitBoth(1, 2, 3)
	if a1, b1 := pixelOf(c.imgA.Image), pixelOf(c.imgB.Image); a1 == a0 || b1 == b0 {
		t.Fatalf("frame 1 pixels %v %v are frame 0's %v %v", a1, b1, a0, b0)
	}
	if c.transport.scrub.Value != 1 || c.transport.timecode.Text != "00:00:00:01 / 00:00:02:00" {
		t.Fatalf("slider %v timecode %q, want frame 1", c.transport.scrub.Value, c.transport.timecode.Text)
	}
	h.key(fyne.KeyRight)
	h.key(fyne.KeyRight)
	h.waitBoth(3, 2, 3)
	h.key(fyne.KeyLeft)
	h.waitBoth(2, 2, 3)
	h.key(fyne.KeyHome)
	h.waitBoth(0, 2, 3)
	h.key(fyne.KeyLeft) // stays on the first frame
	h.waitBoth(0, 2, 3)

	// Dragging the slider cues both.
	c.transport.scrub.SetValue(30)
	h.waitBoth(30, 2, 3)
	// Keys typed while the slider has the focus still drive the transport.
	c.transport.scrub.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	h.waitBoth(31, 2, 3)
	if len(h.studioKeys) != 0 {
		t.Fatalf("the studio got keys %v while the comparison was open", h.studioKeys)
	}
}

// samplesOf reads n interleaved samples that src sends to the device.
func samplesOf(t *testing.T, src io.Reader, n int) []float32 {
	t.Helper()
	buf := make([]byte, 4*n)
	if _, err := io.ReadFull(src, buf); err != nil {
		t.Fatalf("reading the sound sent to the device: %v", err)
	}
	out := make([]float32, n)
	for k := range out {
		out[k] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*k:]))
	}
	return out
}

func TestComparePlaysBothOnTheAudioClock(t *testing.T) {
	out := &fakeOutput{}
	h := newCompareHarness(t, out)
	c := h.c
	h.waitBoth(0, 2, 3)
	const perFrame = 2000 // samples per frame at 24 fps

	h.key(fyne.KeySpace)
	if !c.transport.playing || h.paused != 1 {
		t.Fatalf("Space: playing %v, studio player paused %d times", c.transport.playing, h.paused)
	}
	out.played.Store(10*perFrame + 5)
	h.waitBoth(10, 2, 3)
	out.mu.Lock()
	src := out.src
	out.mu.Unlock()
	if s := samplesOf(t, src, 4); s[0] != 2e6 || s[3] != 2e6+3 {
		t.Fatalf("sound sent while listening to A starts %v, want take 2's from sample 0", s)
	}

	// Listening to B plays B's sound from the frame shown, on the same
	// picture clock.
	out.played.Store(0) // the new stream starts from nothing heard
	test.Tap(c.transport.listenTo[1])
	if c.transport.listenTo[1].Importance != widget.HighImportance {
		t.Fatal("Listen to B is not shown as chosen")
	}
	if err := h.q.WaitFor(10*time.Second, func() bool { return out.started.Load() == 2 }); err != nil {
		t.Fatalf("Listen to B did not restart the sound: %v", err)
	}
	out.mu.Lock()
	src = out.src
	out.mu.Unlock()
	if s := samplesOf(t, src, 2); s[0] != 3e6+2*10*perFrame {
		t.Fatalf("sound sent while listening to B starts %v, want take 3's from frame 10", s)
	}
	out.played.Store(5 * perFrame)
	h.waitBoth(15, 2, 3)

	// Past the end playback stops on the last frame of both.
	out.played.Store(60 * perFrame)
	h.wait("stop at the end", func() bool { return !c.transport.playing })
	h.waitBoth(47, 2, 3)
}

func TestCompareWithoutDevicePlaysSilentAndSaysSo(t *testing.T) {
	h := newCompareHarness(t, nil)
	c := h.c
	if c.soundIcon.Hint() == "" {
		t.Fatal("no notice that the comparison is silent")
	}
	h.waitBoth(0, 2, 3)
	c.togglePlay()
	h.wait("the wall clock advances both takes", func() bool {
		f := int(c.transport.frame)
		return f >= 2 && shows(c.imgA.Image, f, 2) && shows(c.imgB.Image, f, 3)
	})
	c.togglePlay()
	if c.transport.playing {
		t.Fatal("still playing after pausing")
	}
}

func TestCompareMakeActiveOnB(t *testing.T) {
	h := newCompareHarness(t, &fakeOutput{})
	c := h.c
	test.Tap(c.side[1].use)
	if len(h.activated) != 1 || h.activated[0] != 3 {
		t.Fatalf("made active %v, want take 3 (side B)", h.activated)
	}
	h.q.Run()
	if c.pickB.Selected != "Take 3 (active)" || c.pickA.Selected != "Take 2" {
		t.Fatalf("pickers show %q and %q, want B marked active", c.pickA.Selected, c.pickB.Selected)
	}
	if got := c.pickA.Options; len(got) != 3 || got[0] != "Take 1" || got[2] != "Take 3 (active)" {
		t.Fatalf("picker options %v, want only take 3 marked active", got)
	}
	if !c.side[1].use.Disabled() || c.side[0].use.Disabled() {
		t.Fatalf("Make active disabled: A %v B %v, want only B's", c.side[0].use.Disabled(), c.side[1].use.Disabled())
	}
}

func TestCompareCloseStopsPlaybackAndReleasesClips(t *testing.T) {
	out := &fakeOutput{}
	h := newCompareHarness(t, out)
	c := h.c
	h.waitBoth(0, 2, 3)
	h.key(fyne.KeySpace)
	out.played.Store(4 * 2000)
	h.waitBoth(4, 2, 3)
	sess := c.sess

	h.key(fyne.KeyEscape)
	if !c.closed || c.transport.playing || !sess.stopped.Load() {
		t.Fatalf("after closing: closed %v playing %v session stopped %v", c.closed, c.transport.playing, sess.stopped.Load())
	}
	h.wait("clips released", func() bool { return c.released })
	if opened, closed := h.src.opened.Load(), h.src.closed.Load(); opened == 0 || closed != opened {
		t.Fatalf("opened %d clips, closed %d", opened, closed)
	}
	if c.still.bufs != ([2][2]*image.RGBA{}) {
		t.Fatal("still buffers kept after closing")
	}
	h.key(fyne.KeySpace)
	if len(h.studioKeys) != 1 || h.studioKeys[0] != fyne.KeySpace || c.transport.playing {
		t.Fatalf("after closing, Space went to the studio %v, comparison playing %v", h.studioKeys, c.transport.playing)
	}
}

// BenchmarkCompareFramePair renders one frame of two 1280×720 takes into
// reused buffers, as a playing comparison does for every frame.
func BenchmarkCompareFramePair(b *testing.B) {
	clips := newClipCache(&compareClips{width: 1280, height: 720})
	defer clips.close()
	takes := compareTakeViews()
	var bufs [2]*image.RGBA
	for s := range bufs { // the buffers are made once, when playback starts
		if _, err := renderTake(clips, takes[s+1].Take, 0, &bufs[s]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for s := range bufs {
			if _, err := renderTake(clips, takes[s+1].Take, int64(i%48), &bufs[s]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// noDevice is an audio output whose device cannot be opened.
type noDevice struct{}

func (noDevice) Start(io.Reader) (playback.Stream, error) {
	return nil, errors.New("no audio device (opening the audio device: ALSA error)")
}
func (noDevice) Name() string { return "audio device" }
func (noDevice) Silent() bool { return false }

// TestCompareKeepsItsLayoutOnPlay: when the device fails as playback
// starts, the comparison says so on its sound icon; nothing appears above
// the pictures, so the dialog keeps its size and its Close button stays.
func TestCompareKeepsItsLayoutOnPlay(t *testing.T) {
	h := newCompareHarness(t, noDevice{})
	c := h.c
	h.waitBoth(0, 2, 3)
	before := c.root.MinSize()
	c.togglePlay()
	h.wait("the sound icon says there is no sound", func() bool { return c.soundIcon.Hint() != "" })
	if after := c.root.MinSize(); after != before {
		t.Fatalf("the comparison's size changed from %v to %v on Play", before, after)
	}
	if c.noticeL.Visible() {
		t.Fatalf("a banner appeared: %q", c.noticeL.Text)
	}
	c.togglePlay()
}
