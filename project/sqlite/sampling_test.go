package sqlite

import (
	"testing"

	"kino/project"
)

func TestShotStepsAndGuidanceUndoAndSurviveReopen(t *testing.T) {
	p := MustOpenDB(t)
	id := mustAddShot(t, p, "a lighthouse on a cliff at night")
	before := dump(t, p)
	s := mustShot(t, p, id)
	if s.Steps != 0 || s.Guidance != 0 {
		t.Fatalf("a new shot has steps %d, guidance %g; want 0 (the pack's)", s.Steps, s.Guidance)
	}
	s.Steps, s.Guidance = 8, 4.5
	mustApply(t, p, project.UpdateShot{Shot: *s})
	after := dump(t, p)
	mustUndo(t, p)
	sameState(t, "after undo", dump(t, p), before)
	mustRedo(t, p)
	sameState(t, "after redo", dump(t, p), after)
	p = mustReopen(t, p)
	if got := mustShot(t, p, id); got.Steps != 8 || got.Guidance != 4.5 {
		t.Fatalf("after reopening: steps %d, guidance %g", got.Steps, got.Guidance)
	}

	for _, bad := range []struct {
		steps    int
		guidance float64
		word     string
	}{{-5, 0, "steps"}, {project.MaxSteps + 1, 0, "steps"}, {0, -1, "guidance"}, {0, 1e308, "guidance"}} {
		s := mustShot(t, p, id)
		s.Steps, s.Guidance = bad.steps, bad.guidance
		_, err := p.Apply(bg, project.UpdateShot{Shot: *s})
		wantCode(t, err, project.EINVALID)
		wantMessage(t, err, bad.word)
		sameState(t, "after a refused edit", dump(t, p), after)
	}
}

func TestSchema1ProjectGetsPackSampling(t *testing.T) {
	p, err := Open(schema1Project(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	shots, err := p.Shots(bg)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range shots {
		if s.Steps != 0 || s.Guidance != 0 {
			t.Fatalf("migrated shot %d: steps %d, guidance %g; want 0 (the pack's)", s.Number(), s.Steps, s.Guidance)
		}
	}
}
