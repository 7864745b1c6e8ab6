package widget

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kino/project"
)

var panelRate = project.Rate{Num: 24, Den: 1}

// newTestClipPanel returns a panel laid out in a window, showing clip 7,
// and the clips it committed.
func newTestClipPanel(t *testing.T) (*AudioClipPanel, *[]project.AudioClip) {
	t.Helper()
	test.NewTempApp(t)
	p := NewAudioClipPanel()
	w := test.NewTempWindow(t, p)
	w.Resize(fyne.NewSize(420, 500))
	var got []project.AudioClip
	p.OnCommit = func(id int64, change func(*project.AudioClip)) {
		c := *p.Clip()
		if c.ID != id {
			t.Fatalf("change for clip %d while clip %d is shown", id, c.ID)
		}
		got = append(got, c)
	}
	p.SetClip(&project.AudioClip{ID: 7, Lane: project.LaneMusic, Name: "theme", Asset: project.Asset{SHA256: "a"},
		Start: project.Frames(36, panelRate), GainDB: -6}, panelRate, 48)
	return p, &got
}

func TestAudioClipPanelShowsTheClip(t *testing.T) {
	p, got := newTestClipPanel(t)
	if v := p.NameField().Value(); v != "theme" {
		t.Errorf("name %q, want theme", v)
	}
	if v := p.StartField().Value(); v != "00:00:01:12" {
		t.Errorf("start %q, want 00:00:01:12", v)
	}
	if v := p.LaneSelect().Selected; v != "Music" {
		t.Errorf("lane %q, want Music", v)
	}
	if v := p.GainSlider().Value; v != -6 {
		t.Errorf("gain slider at %v, want -6", v)
	}
	if v := p.gainLabel.Text; v != "-6.0 dB" {
		t.Errorf("gain label %q, want -6.0 dB", v)
	}
	if v := p.Length(); v != "2s" {
		t.Errorf("length %q, want 2s", v)
	}
	if len(*got) != 0 {
		t.Fatalf("showing a clip committed %+v", *got)
	}
	// A gain stored outside the slider's range widens it without an edit.
	p.SetClip(&project.AudioClip{ID: 7, Lane: project.LaneVoiceOver, Name: "theme", Start: project.Frames(36, panelRate), GainDB: -40.3}, panelRate, -1)
	if s := p.GainSlider(); s.Min > -40.3 || s.Value != -40.5 {
		t.Errorf("slider %v..%v at %v, want it to reach the stored -40.3 dB", s.Min, s.Max, s.Value)
	}
	if v := p.LaneSelect().Selected; v != "Voice-over" {
		t.Errorf("lane %q after the store changed it, want Voice-over", v)
	}
	if !strings.Contains(p.Length(), "unreadable") {
		t.Errorf("length %q for a clip whose sound cannot be read", p.Length())
	}
	if len(*got) != 0 {
		t.Fatalf("showing the clip again committed %+v", *got)
	}
}

func TestAudioClipPanelGainDragCommitsOnceRounded(t *testing.T) {
	p, got := newTestClipPanel(t)
	s := p.GainSlider()
	w := s.Size().Width
	if w <= 0 {
		t.Fatal("the slider was not laid out")
	}
	// Drag towards the right end: several moves, one edit when it ends.
	for _, x := range []float32{w * 0.6, w * 0.7, w * 0.8} {
		s.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, s.Size().Height/2)}})
	}
	if len(*got) != 0 {
		t.Fatalf("the gain was stored during the drag: %+v", *got)
	}
	s.DragEnd()
	if len(*got) != 1 {
		t.Fatalf("the drag made %d edits, want 1", len(*got))
	}
	g := (*got)[0].GainDB
	if g <= -6 || g != roundGain(g) || g != s.Value {
		t.Fatalf("stored gain %v (slider %v): want a louder gain on a 0.5 dB step", g, s.Value)
	}
	if c := (*got)[0]; c.ID != 7 || c.Name != "theme" || c.Start.Frames != 36 {
		t.Fatalf("the gain edit changed other fields: %+v", c)
	}
	// Setting the value it already has is no edit.
	s.SetValue(g)
	if len(*got) != 1 {
		t.Fatalf("a no-op value made an edit: %+v", *got)
	}
	// The store's answer shown back is no edit either.
	c := (*got)[0]
	p.SetClip(&c, panelRate, 48)
	if len(*got) != 1 {
		t.Fatalf("showing the stored gain made an edit: %+v", *got)
	}
}

func TestAudioClipPanelNameLaneAndStart(t *testing.T) {
	p, got := newTestClipPanel(t)
	name := p.NameField()
	test.Type(name, " (loud)")
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(*got) != 1 || (*got)[0].Name != "theme (loud)" {
		t.Fatalf("renaming committed %+v", *got)
	}

	p.LaneSelect().SetSelected("Voice-over")
	if len(*got) != 2 || (*got)[1].Lane != project.LaneVoiceOver || (*got)[1].Name != "theme (loud)" {
		t.Fatalf("changing the lane committed %+v", (*got)[1:])
	}

	start := p.start
	start.SetText("00:00:02:05")
	start.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(*got) != 3 || (*got)[2].Start != project.Frames(53, panelRate) {
		t.Fatalf("moving the start committed %+v", (*got)[2:])
	}

	for _, bad := range []string{"soon", "00:00:01:30", "-5f"} {
		start.SetText(bad)
		start.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if len(*got) != 3 {
			t.Fatalf("start %q was committed: %+v", bad, (*got)[3:])
		}
		if msg := p.Message(); !strings.Contains(msg, "00:00:02:05") {
			t.Fatalf("start %q: message %q does not say the start stays 00:00:02:05", bad, msg)
		}
		if v := p.StartField().Value(); v != "00:00:02:05" {
			t.Fatalf("start %q: the field shows %q, want the kept 00:00:02:05", bad, v)
		}
	}
	// The next good change clears the message.
	p.LaneSelect().SetSelected("Music")
	if p.Message() != "" || len(*got) != 4 {
		t.Fatalf("message %q after a good change (%d edits)", p.Message(), len(*got))
	}
}

func TestAudioClipPanelFlushesTypingWhenAnotherClipIsShown(t *testing.T) {
	p, got := newTestClipPanel(t)
	test.Type(p.NameField(), "!")
	p.SetClip(&project.AudioClip{ID: 8, Lane: project.LaneVoiceOver, Name: "line", Start: project.Frames(0, panelRate)}, panelRate, 0)
	if len(*got) != 1 || (*got)[0].ID != 7 || (*got)[0].Name != "theme!" {
		t.Fatalf("switching clips committed %+v, want clip 7 renamed", *got)
	}
	if v := p.NameField().Value(); v != "line" {
		t.Fatalf("name %q, want the new clip's", v)
	}
	if v := p.Length(); v != "reading…" {
		t.Fatalf("length %q while unknown", v)
	}
	var deleted int64
	p.OnDelete = func(id int64) { deleted = id }
	test.Tap(p.DeleteButton())
	if deleted != 8 {
		t.Fatalf("Delete asked to delete %d, want 8", deleted)
	}
}
