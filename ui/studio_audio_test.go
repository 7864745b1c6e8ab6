package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kino/engine"
	"kino/engine/media"
	"kino/project"
	"kino/project/sqlite"
)

// audioStudio is a studio window on a real SQLite project in a temporary
// folder with two two-second shots. The test is the UI goroutine: it runs
// what the studio posts with q.
type audioStudio struct {
	t     *testing.T
	q     *CallQueue
	store *sqlite.Project
	s     *Studio
}

func newAudioStudio(t *testing.T) *audioStudio {
	t.Helper()
	test.NewTempApp(t)
	p, err := sqlite.Create(filepath.Join(t.TempDir(), "film.kino"), "Sound Film")
	if err != nil {
		t.Fatalf("creating the project: %v", err)
	}
	ctx := context.Background()
	for k, prompt := range []string{"a lighthouse at dawn", "fireworks over the sea"} {
		sh := project.NewShot(prompt, rate24, uint64(k+1))
		sh.Duration = project.Seconds(2, rate24)
		if _, err := p.Apply(ctx, project.AddShot{Shot: *sh, Index: k}); err != nil {
			t.Fatalf("adding shot %d: %v", k+1, err)
		}
	}
	t.Cleanup(func() { p.Close() })
	return &audioStudio{t: t, q: NewCallQueue(), store: p}
}

// open opens the studio window on the project.
func (h *audioStudio) open(deps Deps) {
	h.t.Helper()
	deps.Store, deps.Post = h.store, h.q.Post
	s, err := New(fyne.CurrentApp(), deps)
	if err != nil {
		h.t.Fatalf("opening the studio: %v", err)
	}
	h.s = s
	h.t.Cleanup(func() {
		h.settle("closing", func() bool { return true })
		s.Close()
	})
	s.Window().Resize(fyne.NewSize(1400, 900))
	h.settle("opening", func() bool { return true })
}

// settle runs the studio's posted work until it is idle and cond holds.
func (h *audioStudio) settle(what string, cond func() bool) {
	h.t.Helper()
	if err := h.q.WaitFor(time.Minute, func() bool { return !h.s.Busy() && cond() }); err != nil {
		h.t.Fatalf("%s: %v (status %q)", what, err, h.s.Status())
	}
}

// putWAV stores pcm as a float WAV file in the project's media.
func (h *audioStudio) putWAV(pcm engine.PCM) project.Asset {
	h.t.Helper()
	var buf bytes.Buffer
	if err := media.WriteWAV(&buf, pcm, media.WAVOptions{Format: media.Float32}); err != nil {
		h.t.Fatal(err)
	}
	a, err := h.store.PutBlob(context.Background(), &buf, "audio/wav")
	if err != nil {
		h.t.Fatal(err)
	}
	return a
}

// addClip places a clip on the timeline through the store.
func (h *audioStudio) addClip(c project.AudioClip) int64 {
	h.t.Helper()
	res, err := h.store.Apply(context.Background(), project.AddAudioClip{Clip: c})
	if err != nil {
		h.t.Fatalf("adding audio clip %q: %v", c.Name, err)
	}
	return res.ID
}

// storedClips reads the clips back from the database.
func (h *audioStudio) storedClips() []*project.AudioClip {
	h.t.Helper()
	clips, err := h.store.AudioClips(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return clips
}

// tone returns mono sound at rate whose sample k is 0.1 + (k%50)/100,
// loudest in its middle tenth.
func tone(rate, frames int) engine.PCM {
	s := make([]float32, frames)
	for k := range s {
		s[k] = 0.1 + float32(k%50)/1000
		if k >= frames*45/100 && k < frames*55/100 {
			s[k] = 0.9
		}
	}
	return engine.PCM{Rate: rate, Channels: 1, Samples: s}
}

func TestStudioShowsAudioClipOnTheLane(t *testing.T) {
	h := newAudioStudio(t)
	// 1.5 s of mono 44.1 kHz sound: resampled for playback, 36 frames long.
	asset := h.putWAV(tone(44100, 66150))
	id := h.addClip(project.AudioClip{Lane: project.LaneMusic, Name: "theme", Asset: asset, Start: project.Frames(12, rate24), GainDB: -6})
	voice := h.putWAV(tone(48000, 24000))
	vid := h.addClip(project.AudioClip{Lane: project.LaneVoiceOver, Name: "line", Asset: voice, Start: project.Frames(60, rate24)})
	h.open(Deps{})

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
	r := test.WidgetRenderer(tl).(*timelineRenderer)
	ppf := tl.PixelsPerFrame()
	found := false
	for _, s := range r.clips {
		if s.bg.Visible() && s.name.Text == "theme" {
			found = true
			if x, w := float64(s.bg.Position().X), float64(s.bg.Size().Width); x != tl.geom.x(12) || w < 36*ppf-2 || w > 36*ppf {
				t.Fatalf("theme block at x=%v, %v wide; want x=%v, %v wide", x, w, tl.geom.x(12), 36*ppf-1)
			}
		}
	}
	if !found {
		t.Fatal("no visible block named \"theme\" on the audio lane")
	}
}

func TestStudioDragMovesAudioClipAndUndoPutsItBack(t *testing.T) {
	h := newAudioStudio(t)
	id := h.addClip(project.AudioClip{Lane: project.LaneMusic, Name: "theme", Asset: h.putWAV(tone(48000, 48000)), Start: project.Frames(12, rate24)})
	h.open(Deps{})
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
		t.Fatalf("after Undo the stored clip is %+v, want it back at frame 12", clips[0])
	}
	if b := tl.AudioClips()[0]; b.Start != 12 {
		t.Fatalf("after Undo the lane shows the clip at %d, want 12", b.Start)
	}
	if p := h.s.Player().AudioClips(); len(p) != 1 || p[0].Start.Frames != 12 {
		t.Fatalf("after Undo the player mixes %+v, want the clip at frame 12", p)
	}
}

func TestStudioDeleteRemovesSelectedAudioClipAndUndoRestores(t *testing.T) {
	h := newAudioStudio(t)
	id := h.addClip(project.AudioClip{Lane: project.LaneVoiceOver, Name: "line", Asset: h.putWAV(tone(48000, 48000)), Start: project.Frames(30, rate24), GainDB: 3})
	h.open(Deps{})
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
	shots, err := h.store.Shots(context.Background())
	if err != nil || len(shots) != 2 {
		t.Fatalf("Delete on a selected clip also touched the shots: %d left (%v)", len(shots), err)
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

	// Backspace works too, and with no clip selected Delete is for shots.
	test.TapAt(tl, tl.AudioClipPosition(0))
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	h.settle("deleting with backspace", func() bool { return len(tl.AudioClips()) == 0 })
	if len(h.storedClips()) != 0 {
		t.Fatal("Backspace did not delete the selected clip")
	}
}

func TestStudioMissingAudioAssetIsSilentWithANotice(t *testing.T) {
	h := newAudioStudio(t)
	asset := h.putWAV(tone(48000, 48000))
	h.addClip(project.AudioClip{Lane: project.LaneMusic, Name: "lost song", Asset: asset, Start: project.Frames(0, rate24)})
	if err := os.Remove(h.store.BlobPath(asset.SHA256)); err != nil {
		t.Fatal(err)
	}
	out := &fakeOutput{}
	h.open(Deps{Clips: fakeClips{}, Audio: out})

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
	src := out.source()
	got := readSamples(t, src, 100)
	for k, v := range got {
		if v != 0 {
			t.Fatalf("sample %d = %v, want silence from the missing clip over the storyboard cards", k, v)
		}
	}
	h.settle("the notice", func() bool { return strings.Contains(p.Notice(), "lost song") })
	p.Pause()
}
