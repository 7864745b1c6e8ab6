package sqlite

import (
	"fmt"
	"testing"
	"time"

	"kino/project"
)

// importedShots returns n shots as an import makes them: the first casts
// c and gives it a line, the second has a line for an uncast character.
func importedShots(c *project.Cameo, n int) []project.Shot {
	r := project.DefaultRate
	var out []project.Shot
	for i := range n {
		s := project.NewShot(fmt.Sprintf("beach, outdoors, golden hour. Beat %d.", i+1), r, uint64(i+1))
		switch i {
		case 0:
			s.Cast = []project.CastMember{{Handle: c.Handle, Role: "ANA"}}
			s.Dialogue = []project.DialogueLine{{Speaker: c.Handle, Text: "You're late.", Start: project.Seconds(1, r), Delivery: project.DeliveryWhisper}}
		case 1:
			s.Dialogue = []project.DialogueLine{{Speaker: "TOM", Narrator: true, Text: "Only if you say please.", Start: project.Seconds(1, r)}}
		}
		out = append(out, *s)
	}
	return out
}

func TestImportShotsIsOneUndoableEdit(t *testing.T) {
	p := MustOpenDB(t)
	first := mustAddShot(t, p, "before")
	mustAddShot(t, p, "after")
	before := dump(t, p)
	c := testCameo(t, p, "@ana")

	a := mustApply(t, p, project.ImportShots{Shots: importedShots(c, 3), Index: 1, Cameos: []project.Cameo{*c}})
	shots, err := p.Shots(bg)
	if err != nil {
		t.Fatal(err)
	}
	var prompts []string
	for _, s := range shots {
		prompts = append(prompts, s.Prompt)
	}
	want := fmt.Sprint([]string{"before", "beach, outdoors, golden hour. Beat 1.", "beach, outdoors, golden hour. Beat 2.", "beach, outdoors, golden hour. Beat 3.", "after"})
	if fmt.Sprint(prompts) != want {
		t.Fatalf("timeline after import:\n got %v\nwant %s", prompts, want)
	}
	if a.ID != shots[1].ID || a.Label != "Import Script" {
		t.Fatalf("applied %+v, want the first imported shot %d and the label Import Script", a, shots[1].ID)
	}
	if got := shots[1].Cast; len(got) != 1 || got[0].CameoID != c.ID || got[0].Role != "ANA" {
		t.Fatalf("cast of the first imported shot: %+v", got)
	}
	if d := shots[1].Dialogue[0]; d.Delivery != project.DeliveryWhisper || d.Speaker != "@ana" {
		t.Fatalf("line kept as %+v", d)
	}
	if d := shots[2].Dialogue[0]; !d.Narrator || d.Speaker != "TOM" {
		t.Fatalf("narrator line stored as %+v", d)
	}
	if got := p.UndoLabel(); got != "Import Script" {
		t.Fatalf("undo label %q", got)
	}
	after := dump(t, p)
	mustUndo(t, p)
	sameState(t, "undo of the import", dump(t, p), before)
	if p.UndoLabel() != "Add Shot" {
		t.Fatalf("one undo took more than the import: next undo is %q", p.UndoLabel())
	}
	mustRedo(t, p)
	sameState(t, "redo of the import", dump(t, p), after)
	// Reopened, it is still there.
	q := mustReopen(t, p)
	sameState(t, "after reopening", dump(t, q), after)
	_ = first
}

func TestImportShotsIsAllOrNothing(t *testing.T) {
	p := MustOpenDB(t)
	mustAddShot(t, p, "kept")
	before := dump(t, p)
	c := testCameo(t, p, "@ana")
	shots := importedShots(c, 4)
	shots[3].Dialogue = []project.DialogueLine{{Speaker: "@nobody", Text: "Hi", Start: project.Frames(0, project.DefaultRate)}}
	_, err := p.Apply(bg, project.ImportShots{Shots: shots, Index: -1, Cameos: []project.Cameo{*c}})
	wantCode(t, err, project.EINVALID)
	wantMessage(t, err, "shot 5, line 1", "@nobody")
	sameState(t, "after a failed import", dump(t, p), before)

	revoked := *c
	revoked.Consent.Revoked, revoked.Consent.RevokedAt = true, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	_, err = p.Apply(bg, project.ImportShots{Shots: importedShots(c, 2), Index: -1, Cameos: []project.Cameo{revoked}})
	wantCode(t, err, project.ECONSENT)
	sameState(t, "after an import refused for consent", dump(t, p), before)

	_, err = p.Apply(bg, project.ImportShots{Index: -1})
	wantCode(t, err, project.EINVALID)
}

func TestNarratorLinesAreNotAddedByHand(t *testing.T) {
	p := MustOpenDB(t)
	c := testCameo(t, p, "@ana")
	a := mustApply(t, p, project.ImportShots{Shots: importedShots(c, 2), Index: -1, Cameos: []project.Cameo{*c}})
	s := mustShot(t, p, a.ID+1)
	// The imported narrator line can be edited and retimed.
	s.Dialogue[0].Text = "Only if you say please, Ana."
	s.Dialogue[0].Start = project.Frames(30, project.DefaultRate)
	mustApply(t, p, project.UpdateShot{Shot: *s})
	// A new narrator line for another character cannot be added.
	s = mustShot(t, p, s.ID)
	s.Dialogue = append(s.Dialogue, project.DialogueLine{Speaker: "MARIA", Narrator: true, Text: "Hello", Start: project.Frames(0, project.DefaultRate)})
	_, err := p.Apply(bg, project.UpdateShot{Shot: *s})
	wantCode(t, err, project.EINVALID)
	wantMessage(t, err, "MARIA is not cast")
	// A narrator name must not pose as a handle.
	s.Dialogue[1].Speaker = "@ana"
	if err := s.Validate(project.DefaultRate); err == nil {
		t.Fatal("a narrator line named like a handle was accepted")
	}
}
