package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kino/project"
	kwidget "kino/ui/widget"
)

// openClipPanel opens a studio on a project with one music clip (2 s of
// sound at frame 12, -6 dB) and selects the clip by clicking it.
func openClipPanel(t *testing.T) (*studioHarness, *kwidget.AudioClipPanel, int64) {
	t.Helper()
	var id int64
	h := newAudioHarness(t, studioOptions{NoAudio: true}, func(h *studioHarness) {
		id = h.addClip(project.AudioClip{Lane: project.LaneMusic, Name: "theme", Asset: h.putWAV(tone(48000, 96000)), Start: project.Frames(12, rate24), GainDB: -6})
	})
	p := h.s.AudioClipPanel()
	if p.Visible() || !h.s.Inspector().Visible() {
		t.Fatal("the clip panel shows before a clip is selected")
	}
	tl := h.s.Timeline()
	test.TapAt(tl, tl.AudioClipPosition(0))
	if h.s.SelectedAudioClip() != id {
		t.Fatalf("clicking the clip selected %d, want %d", h.s.SelectedAudioClip(), id)
	}
	return h, p, id
}

// storedClip reads clip id back from the database, or fails.
func (h *studioHarness) storedClip(id int64) *project.AudioClip {
	h.t.Helper()
	for _, c := range h.storedClips() {
		if c.ID == id {
			return c
		}
	}
	h.t.Fatalf("clip %d is not stored", id)
	return nil
}

func TestStudioAudioClipPanelShowsSelectedClip(t *testing.T) {
	h, p, id := openClipPanel(t)
	if !p.Visible() || h.s.Inspector().Visible() {
		t.Fatalf("with a clip selected the panel shows: %v, the shot inspector: %v; want the panel in its place", p.Visible(), h.s.Inspector().Visible())
	}
	if c := p.Clip(); c == nil || c.ID != id {
		t.Fatalf("the panel shows %+v, want clip %d", c, id)
	}
	if v := p.NameField().Value(); v != "theme" {
		t.Errorf("name %q, want theme", v)
	}
	if v := p.LaneSelect().Selected; v != "Music" {
		t.Errorf("lane %q, want Music", v)
	}
	if v := p.StartField().Value(); v != "00:00:00:12" {
		t.Errorf("start %q, want 00:00:00:12", v)
	}
	if v := p.GainSlider().Value; v != -6 {
		t.Errorf("gain %v dB, want -6", v)
	}
	h.settle("reading the clip's length", func() bool { return p.Length() != "reading…" })
	if v := p.Length(); v != "2s" {
		t.Errorf("length %q, want 2s (2 seconds of sound)", v)
	}

	// Clicking a shot card brings the shot inspector back.
	tl := h.s.Timeline()
	test.TapAt(tl, tl.CardPosition(1))
	if h.s.SelectedAudioClip() != 0 || p.Visible() || !h.s.Inspector().Visible() {
		t.Fatalf("after clicking a shot: clip %d selected, panel %v, inspector %v; want the inspector back",
			h.s.SelectedAudioClip(), p.Visible(), h.s.Inspector().Visible())
	}
	// Clicking the clip again shows the panel; clicking empty lane hides it.
	test.TapAt(tl, tl.AudioClipPosition(0))
	if !p.Visible() {
		t.Fatal("the panel did not come back for the clip")
	}
	test.TapAt(tl, fyne.NewPos(float32(tl.FrameX(80))+2, tl.AudioClipPosition(0).Y))
	if h.s.SelectedAudioClip() != 0 || p.Visible() || !h.s.Inspector().Visible() {
		t.Fatal("clicking the empty lane did not deselect the clip and bring the inspector back")
	}
}

func TestStudioAudioClipPanelGainIsOneUndoableEdit(t *testing.T) {
	h, p, id := openClipPanel(t)

	p.GainSlider().SetValue(3.5)
	h.settle("storing the gain", func() bool { return true })
	if g := h.storedClip(id).GainDB; g != 3.5 {
		t.Fatalf("stored gain %v dB, want 3.5", g)
	}
	if c := h.storedClip(id); c.Name != "theme" || c.Start.Frames != 12 || c.Lane != project.LaneMusic {
		t.Fatalf("the gain edit changed more: %+v", c)
	}
	if got := h.s.UndoLabel(); got != "Undo Edit Audio" {
		t.Fatalf("Undo reads %q, want one undoable edit \"Undo Edit Audio\"", got)
	}
	// The preview mixes the clip at its new gain.
	if pc := h.s.Player().AudioClips(); len(pc) != 1 || pc[0].GainDB != 3.5 {
		t.Fatalf("the player mixes %+v, want the clip at +3.5 dB", pc)
	}

	h.s.Undo()
	h.settle("undoing the gain", func() bool { return true })
	if g := h.storedClip(id).GainDB; g != -6 {
		t.Fatalf("after Undo the stored gain is %v dB, want -6", g)
	}
	if v := p.GainSlider().Value; v != -6 || !p.Visible() {
		t.Fatalf("after Undo the panel shows %v dB (visible %v), want -6", v, p.Visible())
	}
	if pc := h.s.Player().AudioClips(); len(pc) != 1 || pc[0].GainDB != -6 {
		t.Fatalf("after Undo the player mixes %+v, want -6 dB", pc)
	}
	h.s.Redo()
	h.settle("redoing the gain", func() bool { return true })
	if g := h.storedClip(id).GainDB; g != 3.5 || p.GainSlider().Value != 3.5 {
		t.Fatalf("after Redo: stored %v dB, panel %v dB; want 3.5", g, p.GainSlider().Value)
	}
}

func TestStudioAudioClipPanelRenameLaneAndStart(t *testing.T) {
	h, p, id := openClipPanel(t)

	name := p.NameField()
	test.Type(name, " (full)")
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle("renaming", func() bool { return true })
	if n := h.storedClip(id).Name; n != "theme (full)" {
		t.Fatalf("stored name %q, want \"theme (full)\"", n)
	}
	if b := h.s.Timeline().AudioClips(); len(b) != 1 || b[0].Name != "theme (full)" {
		t.Fatalf("the lane shows %+v, want the new name", b)
	}

	p.LaneSelect().SetSelected("Voice-over")
	h.settle("changing the lane", func() bool { return true })
	if c := h.storedClip(id); c.Lane != project.LaneVoiceOver || c.Name != "theme (full)" {
		t.Fatalf("stored clip %+v, want it on the voice-over lane with its new name", c)
	}

	start := p.StartField()
	test.Type(start, "x")
	start.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle("refusing a bad start", func() bool { return true })
	if msg := p.Message(); !strings.Contains(msg, "not a time") || !strings.Contains(msg, "00:00:00:12") {
		t.Fatalf("message %q: want a clear refusal that keeps 00:00:00:12", msg)
	}
	if c := h.storedClip(id); c.Start.Frames != 12 {
		t.Fatalf("a bad start moved the stored clip to %v", c.Start)
	}
	if got := h.s.UndoLabel(); got != "Undo Edit Audio" {
		t.Fatalf("Undo reads %q", got)
	}
	h.s.Undo() // the lane change: the bad start stored nothing
	h.settle("undoing", func() bool { return true })
	if c := h.storedClip(id); c.Lane != project.LaneMusic || c.Name != "theme (full)" {
		t.Fatalf("Undo after the refused start restored %+v, want the lane change undone", c)
	}
	if v := p.LaneSelect().Selected; v != "Music" {
		t.Fatalf("after Undo the panel shows lane %q, want Music", v)
	}

	// A good timecode moves the clip.
	for range len(start.Value()) {
		start.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	test.Type(start, "00:00:01:06")
	start.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle("moving the clip", func() bool { return true })
	if c := h.storedClip(id); c.Start != project.Frames(30, rate24) {
		t.Fatalf("stored start %v, want frame 30", c.Start)
	}
	if p.Message() != "" {
		t.Fatalf("the message %q stayed after a good start", p.Message())
	}
	if b := h.s.Timeline().AudioClips(); b[0].Start != 30 {
		t.Fatalf("the lane shows the clip at %d, want 30", b[0].Start)
	}
}

func TestStudioAudioClipPanelDeleteAndUndo(t *testing.T) {
	h, p, id := openClipPanel(t)
	tl := h.s.Timeline()

	test.Tap(p.DeleteButton())
	h.settle("deleting the clip", func() bool { return len(tl.AudioClips()) == 0 })
	if clips := h.storedClips(); len(clips) != 0 {
		t.Fatalf("the clip is still stored after Delete: %+v", clips)
	}
	if p.Visible() || !h.s.Inspector().Visible() {
		t.Fatal("after Delete the panel still shows in the inspector's place")
	}
	if len(h.shots()) != 2 {
		t.Fatal("Delete in the clip panel touched the shots")
	}

	h.s.Undo()
	h.settle("undoing the delete", func() bool { return len(tl.AudioClips()) == 1 })
	c := h.storedClip(id)
	if c.Name != "theme" || c.Start.Frames != 12 || c.GainDB != -6 || c.Lane != project.LaneMusic {
		t.Fatalf("after Undo the clip is %+v, want it back as it was", c)
	}
	if pc := h.s.Player().AudioClips(); len(pc) != 1 || pc[0].ID != id {
		t.Fatalf("after Undo the player mixes %+v, want the clip back", pc)
	}
}

// A rename and a drag made in quick succession, before the store has
// answered either, are both kept: neither edit puts back what the other
// changed. Undo then takes them back one at a time.
func TestStudioAudioClipQuickEditsBuildOnEachOther(t *testing.T) {
	h, p, id := openClipPanel(t)
	tl := h.s.Timeline()
	ppf := float32(tl.PixelsPerFrame())

	name := p.NameField()
	test.Type(name, " (full)")
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	drag(tl, tl.AudioClipPosition(0), 30.3*ppf, 0) // no settling in between
	h.settle("storing both", func() bool { return true })
	if c := h.storedClip(id); c.Name != "theme (full)" || c.Start != project.Frames(42, rate24) {
		t.Fatalf("stored clip %q at %v, want \"theme (full)\" at frame 42", c.Name, c.Start)
	}
	h.s.Undo()
	h.settle("undoing the drag", func() bool { return true })
	if c := h.storedClip(id); c.Name != "theme (full)" || c.Start != project.Frames(12, rate24) {
		t.Fatalf("after one undo: %q at %v, want the new name back at frame 12", c.Name, c.Start)
	}
}
