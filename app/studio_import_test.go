package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/project"
)

// TestStudioImportScript drives File ▸ Import Script: the casting dialog
// finds Ana by name, the person casts TOM and leaves the rest uncast; the
// shots go after the selected shot in one edit that one Undo takes back;
// the inspector marks narrator lines.
func TestStudioImportScript(t *testing.T) {
	h := newStudioHarness(t, "opening", "closing")
	h.addCameo("@ana", "Ana")
	h.addCameo("@tommy", "Thomas")
	if item := h.menuItem("File", "Import Script…"); item.Disabled || item.Action == nil {
		t.Fatal("File ▸ Import Script… is missing or disabled")
	}
	h.s.SelectShot(1)
	h.s.ImportScript(englishScript)
	h.settle("reading the script", func() bool { return h.s.Casting() != nil })
	c := h.s.Casting()
	if got := c.Choice("ANA"); got != "@ana" {
		t.Fatalf("ANA is cast as %q, want @ana found by name", got)
	}
	if got := c.Choice("TOM"); got != "" {
		t.Fatalf("TOM is cast as %q before anyone chose", got)
	}
	if s := c.Summary(); !strings.Contains(s, "makes 8 shots, added after shot 1") || !strings.Contains(s, "3 of 4 characters are uncast") {
		t.Fatalf("summary %q", s)
	}
	if !c.Choose("tom", "@tommy") {
		t.Fatal("could not cast TOM")
	}
	if c.Choose("NOBODY", "@tommy") || c.Choose("TOM", "@nobody") {
		t.Fatal("cast someone who is not there")
	}
	if s := c.Summary(); !strings.Contains(s, "2 of 4 characters are uncast") {
		t.Fatalf("summary after casting TOM %q", s)
	}
	// Two exchanges per shot make fewer shots; back to one.
	c.SetExchanges(2)
	if s := c.Summary(); !strings.Contains(s, "makes 6 shots") {
		t.Fatalf("summary with two exchanges per shot %q", s)
	}
	c.SetExchanges(1)
	before := h.prompts()
	c.Import()
	h.settle("importing", func() bool { return len(h.shots()) == 10 })
	if h.s.Casting() != nil {
		t.Fatal("the casting dialog is still open")
	}
	shots := h.shots()
	if shots[0].Prompt != "opening" || shots[9].Prompt != "closing" || !strings.HasPrefix(shots[1].Prompt, "beach, outdoors, golden hour.") {
		t.Fatalf("timeline after import: %q", h.prompts())
	}
	if d := shots[1].Dialogue; d[0].Speaker != "@tommy" || d[1].Speaker != "@ana" || d[1].Delivery != project.DeliveryWhisper {
		t.Fatalf("lines of shot 2: %+v", d)
	}
	// The first imported shot is selected; the inspector shows who speaks.
	if sel := h.s.Selected(); len(sel) != 1 || sel[0] != shots[1].ID {
		t.Fatalf("selection %v, want the first imported shot %d", sel, shots[1].ID)
	}
	if got := strings.Join(h.s.Inspector().DialogueSpeakers(), ","); got != "@tommy,@ana,@ana" {
		t.Fatalf("inspector speakers %q", got)
	}
	h.s.SelectShot(7)
	h.settle("selecting shot 7", func() bool { return true })
	if got := strings.Join(h.s.Inspector().DialogueSpeakers(), ","); got != "McCLANE · narrator voice,美咲 · narrator voice,美咲 · narrator voice" {
		t.Fatalf("inspector speakers of shot 7 %q", got)
	}
	if got := h.s.UndoLabel(); got != "Undo Import Script" {
		t.Fatalf("undo label %q", got)
	}
	h.s.Undo()
	h.settle("undoing the import", func() bool { return len(h.shots()) == 2 })
	if strings.Join(h.prompts(), "|") != strings.Join(before, "|") {
		t.Fatalf("after undo: %q, want %q", h.prompts(), before)
	}
}

func TestStudioImportScriptRefusesBadFiles(t *testing.T) {
	h := newStudioHarness(t, "opening")
	bad := filepath.Join(t.TempDir(), "bone.fountain")
	os.WriteFile(bad, []byte("INT. ROOM - DAY\n\nAna waits.\n\n/* cut\n"), 0o644)
	h.s.ImportScript(bad)
	h.settle("reading a bad script", func() bool { return strings.Contains(h.s.Status(), "line 5") })
	if h.s.Casting() != nil {
		t.Fatal("a casting dialog opened for a bad script")
	}
	if !strings.Contains(h.s.Status(), "bone.fountain: line 5: the boneyard opened here") {
		t.Fatalf("status %q", h.s.Status())
	}
	if len(h.shots()) != 1 {
		t.Fatal("a bad script changed the timeline")
	}
	// Cancelling the casting imports nothing.
	h.s.ImportScript(englishScript)
	h.settle("reading the script", func() bool { return h.s.Casting() != nil })
	h.s.Casting().Cancel()
	h.settle("cancelling", func() bool { return h.s.Casting() == nil })
	if len(h.shots()) != 1 {
		t.Fatal("a cancelled import changed the timeline")
	}
}
