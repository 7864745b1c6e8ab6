package widget

import (
	"testing"

	"kino/project"
)

// TestInspectorKeepsNarratorLinesAndDeliveries: a line of an uncast
// character shows its name marked as the narrator's; editing its text, or
// another line's, keeps it a narrator line, and keeps each delivery.
func TestInspectorKeepsNarratorLinesAndDeliveries(t *testing.T) {
	h := newInspectorHarness(t)
	s := testShot()
	s.Dialogue = append(s.Dialogue,
		project.DialogueLine{Speaker: "TOM", Narrator: true, Text: "You're late.", Start: project.Frames(24, rate24), Delivery: project.DeliveryShout},
	)
	s.Dialogue[0].Delivery = project.DeliveryWhisper
	h.in.SetShot(s, ShotDetails{Rate: rate24})
	got := h.in.DialogueSpeakers()
	if len(got) != 2 || got[0] != s.Dialogue[0].Speaker || got[1] != "TOM · narrator voice" {
		t.Fatalf("speakers shown %q", got)
	}
	h.in.dialogue.rows[1].text.SetText("You're very late.")
	h.in.dialogue.rows[0].text.SetText("Shh.")
	h.in.Flush()
	lines := h.last(t).Dialogue
	want := []project.DialogueLine{
		{Speaker: s.Dialogue[0].Speaker, Text: "Shh.", Start: s.Dialogue[0].Start, Delivery: project.DeliveryWhisper},
		{Speaker: "TOM", Narrator: true, Text: "You're very late.", Start: project.Frames(24, rate24), Delivery: project.DeliveryShout},
	}
	if len(lines) != 2 || lines[0] != want[0] || lines[1] != want[1] {
		t.Fatalf("committed %+v\nwant %+v", lines, want)
	}
}
