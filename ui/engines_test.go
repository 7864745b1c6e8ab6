package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"kino/project"
	kwidget "kino/ui/widget"
)

// fakeEngines offers a fixed list of engines.
type fakeEngines []kwidget.EngineChoice

func (f fakeEngines) Choices() []kwidget.EngineChoice       { return f }
func (fakeEngines) CountTokens(string, string) (int, error) { return 0, nil }

var _ Engines = fakeEngines(nil)

// engineRig is an engine controller over a project's settings, recording
// the edits it stores and what it tells the inspector.
type engineRig struct {
	c     *engineCtl
	p     *project.Project
	edits []project.Edit
	shown []kwidget.EngineChoice
}

func newEngineRig(t *testing.T, engines Engines, engine project.Engine) *engineRig {
	t.Helper()
	test.NewTempApp(t)
	r := &engineRig{p: &project.Project{Engine: engine}}
	r.c = newEngineCtl(engines, func() *project.Project { return r.p },
		func(e project.Edit) { r.edits = append(r.edits, e) },
		func(c kwidget.EngineChoice) { r.shown = append(r.shown, c) })
	return r
}

func TestEnginePickerChoosesAsOneEdit(t *testing.T) {
	pack := project.Engine{Backend: project.BackendONNX, Model: "tiny-sd"}
	r := newEngineRig(t, fakeEngines{
		{Engine: project.DefaultEngine, Label: "Built-in previz"},
		{Engine: pack, Label: "tiny-sd", TokenLimit: 77},
	}, project.DefaultEngine)

	r.c.refresh()
	if r.c.picker.Selected != "Built-in previz" || len(r.c.picker.Options) != 2 {
		t.Fatalf("picker shows %q of %q, want the built-in engine of two", r.c.picker.Selected, r.c.picker.Options)
	}
	if len(r.edits) != 0 {
		t.Fatalf("showing the project's engine stored %d edits", len(r.edits))
	}
	if len(r.shown) != 1 || r.shown[0].Engine != project.DefaultEngine {
		t.Fatalf("the inspector was told %+v, want the built-in engine", r.shown)
	}

	r.c.picker.SetSelected("tiny-sd")
	if len(r.edits) != 1 {
		t.Fatalf("choosing a pack stored %d edits, want 1", len(r.edits))
	}
	up, ok := r.edits[0].(project.UpdateProject)
	if !ok || up.Project.Engine != pack {
		t.Fatalf("choosing a pack stored %#v, want the project with engine %v", r.edits[0], pack)
	}
	if r.p.Engine != project.DefaultEngine {
		t.Fatal("the controller changed the settings it was given instead of storing an edit")
	}

	// Choosing the engine the project already has is no edit.
	r.c.choose("Built-in previz")
	if len(r.edits) != 1 {
		t.Fatalf("choosing the project's own engine stored an edit (%d in all)", len(r.edits))
	}
}

func TestEnginePickerKeepsAnEngineNotInstalled(t *testing.T) {
	gone := project.Engine{Backend: project.BackendONNX, Model: "removed-pack"}
	r := newEngineRig(t, nil, gone)
	r.c.refresh()
	want := []string{"Built-in previz", gone.String() + engineNotInstalled}
	if got := r.c.picker.Options; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("options %q, want %q", got, want)
	}
	if r.c.picker.Selected != want[1] {
		t.Fatalf("picker shows %q, want the project's engine marked as not installed", r.c.picker.Selected)
	}
	if len(r.edits) != 0 {
		t.Fatalf("showing a missing engine stored %d edits", len(r.edits))
	}
}

func TestEnginePickerNamesABackendsDefaultModel(t *testing.T) {
	pack := project.Engine{Backend: project.BackendONNX, Model: "tiny-sd"}
	r := newEngineRig(t, fakeEngines{
		{Engine: project.DefaultEngine, Label: "Built-in previz"},
		{Engine: pack, Label: "tiny-sd"},
	}, project.Engine{Backend: project.BackendONNX})
	if cur := r.c.current(); cur.Label != "tiny-sd (default)" || cur.Engine.Model != "" {
		t.Fatalf("current engine %+v, want the backend's default shown as its first pack", cur)
	}
}
