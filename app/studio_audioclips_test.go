package app

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"kino/engine/audio"
	"kino/engine/media"
	"kino/project"
	"kino/ui/playback"
	kwidget "kino/ui/widget"
)

// rate24 is the frame rate the audio clip tests count frames in: the
// default rate of a new project.
var rate24 = project.Rate{Num: 24, Den: 1}

// newAudioHarness opens a studio window on a real project with two
// two-second shots. setup adds what the project holds (clips, media)
// before the window that the tests use opens on it.
func newAudioHarness(t *testing.T, opts studioOptions, setup func(h *studioHarness)) *studioHarness {
	t.Helper()
	h := newStudioHarnessWith(t, opts, "a lighthouse at dawn", "fireworks over the sea")
	ctx := context.Background()
	settings, err := h.sess.Project.Project(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if settings.Rate != rate24 {
		t.Fatalf("the test project runs at %v, but these tests count frames at 24 fps", settings.Rate)
	}
	for _, s := range h.shots() {
		s.Duration = project.Seconds(2, rate24)
		if _, err := h.sess.Project.Apply(ctx, project.UpdateShot{Shot: *s}); err != nil {
			t.Fatalf("making shot %d two seconds long: %v", s.ID, err)
		}
	}
	setup(h)
	// Open the project again, as someone would: the window reads the clips.
	h.settle("before reopening", func() bool { return true })
	h.sess.Close()
	h.open()
	return h
}

// putWAV stores pcm as a float WAV file in the project's media.
func (h *studioHarness) putWAV(pcm audio.PCM) project.Asset {
	h.t.Helper()
	var buf bytes.Buffer
	if err := media.WriteWAV(&buf, pcm, media.WAVOptions{Format: media.Float32}); err != nil {
		h.t.Fatal(err)
	}
	a, err := h.sess.Project.PutBlob(context.Background(), &buf, "audio/wav")
	if err != nil {
		h.t.Fatal(err)
	}
	return a
}

// addClip places a clip on the timeline through the store.
func (h *studioHarness) addClip(c project.AudioClip) int64 {
	h.t.Helper()
	res, err := h.sess.Project.Apply(context.Background(), project.AddAudioClip{Clip: c})
	if err != nil {
		h.t.Fatalf("adding audio clip %q: %v", c.Name, err)
	}
	return res.ID
}

// storedClips reads the clips back from the database.
func (h *studioHarness) storedClips() []*project.AudioClip {
	h.t.Helper()
	clips, err := h.sess.Project.AudioClips(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return clips
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

// drawnBlock returns the filled rectangle the timeline draws behind the
// audio-lane block labelled name: the smallest visible filled rectangle
// under the label.
func drawnBlock(t *testing.T, tl *kwidget.Timeline, name string) *canvas.Rectangle {
	t.Helper()
	objs := test.WidgetRenderer(tl).Objects()
	var label *canvas.Text
	for _, o := range objs {
		if txt, ok := o.(*canvas.Text); ok && txt.Visible() && txt.Text == name {
			label = txt
		}
	}
	if label == nil {
		t.Fatalf("no visible block named %q on the audio lane", name)
	}
	p := label.Position()
	var best *canvas.Rectangle
	for _, o := range objs {
		r, ok := o.(*canvas.Rectangle)
		if !ok || !r.Visible() || r.FillColor == nil {
			continue
		}
		if _, _, _, a := r.FillColor.RGBA(); a == 0 {
			continue
		}
		q, sz := r.Position(), r.Size()
		if p.X < q.X || p.Y < q.Y || p.X >= q.X+sz.Width || p.Y >= q.Y+sz.Height {
			continue
		}
		if best == nil || sz.Width*sz.Height < best.Size().Width*best.Size().Height {
			best = r
		}
	}
	if best == nil {
		t.Fatalf("the label %q is drawn on no block", name)
	}
	return best
}

// recordingOutput is an audio device that plays nothing: it keeps the
// sound the player last started so the test can read it.
type recordingOutput struct {
	mu      sync.Mutex
	src     io.Reader
	started atomic.Int32
}

func (o *recordingOutput) Start(src io.Reader) (playback.Stream, error) {
	o.mu.Lock()
	o.src = src
	o.mu.Unlock()
	o.started.Add(1)
	return recordingStream{}, nil
}
func (o *recordingOutput) Name() string { return "test device" }
func (o *recordingOutput) Silent() bool { return false }

// source returns the sound the player last started.
func (o *recordingOutput) source() io.Reader {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.src
}

// recordingStream is a stream whose clock stands still.
type recordingStream struct{}

func (recordingStream) Played() int64     { return 0 }
func (recordingStream) SetVolume(float64) {}
func (recordingStream) Err() error        { return nil }
func (recordingStream) Close() error      { return nil }

// readSamples reads frames stereo float sample frames from r.
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

func TestStudioShowsAudioClipOnTheLane(t *testing.T) {
	var id, vid int64
	h := newAudioHarness(t, studioOptions{NoAudio: true}, func(h *studioHarness) {
		// 1.5 s of mono 44.1 kHz sound: resampled for playback, 36 frames long.
		asset := h.putWAV(tone(44100, 66150))
		id = h.addClip(project.AudioClip{Lane: project.LaneMusic, Name: "theme", Asset: asset, Start: project.Frames(12, rate24), GainDB: -6})
		voice := h.putWAV(tone(48000, 24000))
		vid = h.addClip(project.AudioClip{Lane: project.LaneVoiceOver, Name: "line", Asset: voice, Start: project.Frames(60, rate24)})
	})

	tl := h.s.Timeline()
	blocks := tl.AudioClips()
	if len(blocks) != 2 {
		t.Fatalf("the lane shows %d clips, want 2", len(blocks))
	}
	m := blocks[0]
	if m.ID != id || m.Name != "theme" || m.Lane != project.LaneMusic || m.Start != 12 || m.Failed {
		t.Fatalf("music block %+v, want clip %d \"theme\" at frame 12", m, id)
	}
	if m.Frames != 36 || len(m.Peaks) != 36 {
		t.Fatalf("music block is %d frames with %d peaks, want 36 (1.5 s of sound)", m.Frames, len(m.Peaks))
	}
	if m.Peaks[18] < 0.89 || m.Peaks[2] > 0.2 {
		t.Fatalf("waveform peaks %v: want the loud middle (0.9) above the quiet start (≤0.15)", m.Peaks)
	}
	if v := blocks[1]; v.ID != vid || v.Lane != project.LaneVoiceOver || v.Frames != 12 {
		t.Fatalf("voice-over block %+v, want clip %d, 12 frames", v, vid)
	}
	// The player mixes both.
	if got := h.s.Player().AudioClips(); len(got) != 2 || got[0].ID != id || got[0].GainDB != -6 {
		t.Fatalf("the player mixes %+v, want both clips", got)
	}
	// The lane shows them: a block at frame 12, 36 frames wide.
	ppf := tl.PixelsPerFrame()
	bg := drawnBlock(t, tl, "theme")
	if x, w := float64(bg.Position().X), float64(bg.Size().Width); x != tl.FrameX(12) || w < 36*ppf-2 || w > 36*ppf {
		t.Fatalf("theme block at x=%v, %v wide; want x=%v, %v wide", x, w, tl.FrameX(12), 36*ppf-1)
	}
}

func TestStudioDragMovesAudioClipAndUndoPutsItBack(t *testing.T) {
	var id int64
	h := newAudioHarness(t, studioOptions{NoAudio: true}, func(h *studioHarness) {
		id = h.addClip(project.AudioClip{Lane: project.LaneMusic, Name: "theme", Asset: h.putWAV(tone(48000, 48000)), Start: project.Frames(12, rate24)})
	})
	tl := h.s.Timeline()
	ppf := float32(tl.PixelsPerFrame())

	drag(tl, tl.AudioClipPosition(0), 30.3*ppf, 0)
	h.settle("moving the clip", func() bool { return len(tl.AudioClips()) == 1 })
	clips := h.storedClips()
	if len(clips) != 1 || clips[0].ID != id || clips[0].Start != project.Frames(42, rate24) {
		t.Fatalf("stored clips after the drag: %+v, want clip %d at frame 42", clips, id)
	}
	if b := tl.AudioClips()[0]; b.Start != 42 {
		t.Fatalf("the lane shows the clip at %d, want 42", b.Start)
	}
	if h.s.SelectedAudioClip() != id {
		t.Fatalf("the dragged clip is not selected (%d)", h.s.SelectedAudioClip())
	}
	if got := h.s.UndoLabel(); got != "Undo Edit Audio" {
		t.Fatalf("Undo reads %q, want one undoable edit \"Undo Edit Audio\"", got)
	}

	h.s.Undo()
	h.settle("undoing the move", func() bool { return true })
	if clips := h.storedClips(); len(clips) != 1 || clips[0].Start != project.Frames(12, rate24) {
		t.Fatalf("after Undo the stored clips are %+v, want the clip back at frame 12", clips)
	}
	if b := tl.AudioClips()[0]; b.Start != 12 {
		t.Fatalf("after Undo the lane shows the clip at %d, want 12", b.Start)
	}
	if p := h.s.Player().AudioClips(); len(p) != 1 || p[0].Start.Frames != 12 {
		t.Fatalf("after Undo the player mixes %+v, want the clip at frame 12", p)
	}
}

func TestStudioDeleteRemovesSelectedAudioClipAndUndoRestores(t *testing.T) {
	var id int64
	h := newAudioHarness(t, studioOptions{NoAudio: true}, func(h *studioHarness) {
		id = h.addClip(project.AudioClip{Lane: project.LaneVoiceOver, Name: "line", Asset: h.putWAV(tone(48000, 48000)), Start: project.Frames(30, rate24), GainDB: 3})
	})
	tl := h.s.Timeline()

	test.TapAt(tl, tl.AudioClipPosition(0))
	if h.s.SelectedAudioClip() != id {
		t.Fatalf("clicking the clip selected %d, want %d", h.s.SelectedAudioClip(), id)
	}
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	h.settle("deleting the clip", func() bool { return len(tl.AudioClips()) == 0 })
	if clips := h.storedClips(); len(clips) != 0 {
		t.Fatalf("the clip is still stored after Delete: %+v", clips)
	}
	if shots := h.shots(); len(shots) != 2 {
		t.Fatalf("Delete on a selected clip also touched the shots: %d left", len(shots))
	}
	if len(h.s.Player().AudioClips()) != 0 {
		t.Fatal("the player still mixes the deleted clip")
	}

	h.s.Undo()
	h.settle("undoing the delete", func() bool { return len(tl.AudioClips()) == 1 })
	clips := h.storedClips()
	if len(clips) != 1 || clips[0].ID != id || clips[0].Start.Frames != 30 || clips[0].GainDB != 3 || clips[0].Name != "line" {
		t.Fatalf("after Undo the stored clips are %+v, want clip %d back as it was", clips, id)
	}

	// Backspace works too.
	test.TapAt(tl, tl.AudioClipPosition(0))
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	h.settle("deleting with backspace", func() bool { return len(tl.AudioClips()) == 0 })
	if len(h.storedClips()) != 0 {
		t.Fatal("Backspace did not delete the selected clip")
	}
}

func TestStudioMissingAudioAssetIsSilentWithANotice(t *testing.T) {
	out := &recordingOutput{}
	h := newAudioHarness(t, studioOptions{Audio: out}, func(h *studioHarness) {
		asset := h.putWAV(tone(48000, 48000))
		h.addClip(project.AudioClip{Lane: project.LaneMusic, Name: "lost song", Asset: asset, Start: project.Frames(0, rate24)})
		if err := os.Remove(h.sess.Project.BlobPath(asset.SHA256)); err != nil {
			t.Fatal(err)
		}
	})

	blocks := h.s.Timeline().AudioClips()
	if len(blocks) != 1 || !blocks[0].Failed || blocks[0].Peaks != nil {
		t.Fatalf("blocks %+v, want the clip marked as unreadable", blocks)
	}
	if st := h.s.Status(); !strings.Contains(st, "lost song") || !strings.Contains(st, "silence") {
		t.Fatalf("status %q does not say the clip plays as silence", st)
	}

	// Playing reads the sound: silence where the clip would be, and a notice.
	p := h.s.Player()
	p.Play()
	h.settle("playing", func() bool { return out.started.Load() > 0 })
	got := readSamples(t, out.source(), 100)
	for k, v := range got {
		if v != 0 {
			t.Fatalf("sample %d = %v, want silence from the missing clip over the storyboard cards", k, v)
		}
	}
	h.settle("the notice", func() bool { return strings.Contains(p.Notice(), "lost song") })
	p.Pause()
}
