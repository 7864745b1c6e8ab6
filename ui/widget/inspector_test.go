package widget

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"kino/engine"
	"kino/engine/jobs"
	"kino/project"
	"kino/ui/uitest"
)

var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func testCameos() []*project.Cameo {
	ok := project.Consent{ID: "c1", Owner: "Mara Lind", Scope: project.ConsentAnyProject}
	return []*project.Cameo{
		{ID: "id-mara", Handle: "@mara", Name: "Mara Lind", Voice: project.DefaultVoice, Consent: ok},
		{ID: "id-max", Handle: "@max", Name: "Max", Voice: project.DefaultVoice,
			Consent: project.Consent{ID: "c2", Owner: "Max", Scope: project.ConsentAnyProject, Revoked: true}},
		{ID: "id-juno", Handle: "@juno", Name: "Juno", Voice: project.DefaultVoice, Consent: ok},
	}
}

func testShot() *project.Shot {
	s := project.NewShot("a lighthouse at dawn", rate24, 42)
	s.ID, s.Index = 7, 2
	s.Cast = []project.CastMember{{CameoID: "id-juno", Handle: "@juno"}}
	s.Dialogue = []project.DialogueLine{{Speaker: "@juno", Text: "Look at the light.", Start: project.Frames(12, rate24)}}
	return s
}

type inspectorHarness struct {
	in       *Inspector
	win      fyne.Window
	commits  []*project.Shot
	cast     []*project.Cameo
	generate []bool
}

func newInspectorHarness(t *testing.T) *inspectorHarness {
	t.Helper()
	test.NewTempApp(t)
	q := uitest.NewCallQueue()
	h := &inspectorHarness{in: NewInspector(q.Post, func() time.Time { return testNow })}
	h.in.OnCommit = func(s *project.Shot) { h.commits = append(h.commits, s) }
	h.in.OnCast = func(c *project.Cameo) { h.cast = append(h.cast, c) }
	h.in.OnGenerate = func(force bool) { h.generate = append(h.generate, force) }
	h.in.SetProject("p1")
	h.in.SetCameos(testCameos())
	h.win = test.NewTempWindow(t, h.in)
	h.win.Resize(fyne.NewSize(420, 1100))
	h.in.SetShot(testShot(), ShotDetails{Rate: rate24})
	return h
}

func (h *inspectorHarness) last(t *testing.T) *project.Shot {
	t.Helper()
	if len(h.commits) == 0 {
		t.Fatal("nothing was committed")
	}
	return h.commits[len(h.commits)-1]
}

func TestInspectorGolden(t *testing.T) {
	h := newInspectorHarness(t)
	h.in.SetInterpretation(engine.Interpretation{
		Used:    []engine.Term{{Text: "dawn", Meaning: "time: sunrise"}, {Text: "lighthouse", Meaning: "subject"}},
		Ignored: []string{"a"},
	})
	h.in.SetDetails(ShotDetails{Rate: rate24, Job: &JobView{State: jobs.Reported, Progress: engine.Progress{Stage: "frames", Step: 48, Total: 120}}})
	shot := testShot()
	done := &project.Take{ID: 1, ShotID: 7, Backend: "previz", Seed: 42, Status: project.TakeDone, Frames: 120, Rate: rate24}
	h.in.Takes().SetTakes([]TakeView{{Take: done, Number: 1, Active: true, Thumb: solidImage(32, 18, color.NRGBA{B: 200, A: 255})}})
	_ = shot
	test.AssertRendersToMarkup(t, "inspector.xml", h.win.Canvas())
}

func TestInspectorCommitsBuildOnEachOther(t *testing.T) {
	h := newInspectorHarness(t)
	h.win.Canvas().Focus(h.in.prompt)
	test.Type(h.in.prompt, ", gulls")
	h.win.Canvas().Unfocus() // focus loss commits
	if got := h.last(t).Prompt; got != "a lighthouse at dawn, gulls" {
		t.Fatalf("committed prompt %q", got)
	}
	h.in.size.SetSelected(string(project.SizeCloseUp))
	h.in.style.SetSelected(string(project.StyleNoir))
	s := h.last(t)
	if s.Camera.Size != project.SizeCloseUp || s.Style != project.StyleNoir || s.Prompt != "a lighthouse at dawn, gulls" {
		t.Fatalf("later commits lost earlier ones: %+v", s)
	}
	if len(h.commits) != 3 {
		t.Fatalf("%d commits, want 3 (prompt, size, style)", len(h.commits))
	}
	// The shot coming back from the store does not re-commit anything.
	h.in.SetShot(s, ShotDetails{Rate: rate24})
	if len(h.commits) != 3 {
		t.Fatalf("showing the stored shot committed again (%d commits)", len(h.commits))
	}
}

func TestInspectorDurationAndSeed(t *testing.T) {
	h := newInspectorHarness(t)
	h.in.duration.SetText("2.5s")
	h.in.duration.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if d := h.last(t).Duration; d != project.Frames(60, rate24) {
		t.Fatalf("duration %v, want 60 frames", d)
	}
	n := len(h.commits)
	h.in.duration.SetText("soon")
	h.in.duration.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(h.commits) != n {
		t.Fatal("an unreadable duration was committed")
	}
	if !h.in.message.Visible() || h.in.duration.Text != "2s 12f" {
		t.Fatalf("bad duration: message visible %v, field %q (want the old value back)", h.in.message.Visible(), h.in.duration.Text)
	}
	h.in.seedLock.SetChecked(false)
	if m := h.last(t).Seed.Mode; m != project.SeedNewEach {
		t.Fatalf("unlocking the seed stored mode %q", m)
	}
	h.in.seedValue.SetText("1234")
	h.in.Flush()
	if v := h.last(t).Seed.Value; v != 1234 {
		t.Fatalf("seed %d, want 1234", v)
	}
}

func TestInspectorAtCompletionCasts(t *testing.T) {
	h := newInspectorHarness(t)
	h.in.prompt.ForceText("")
	h.win.Canvas().Focus(h.in.prompt)
	test.Type(h.in.prompt, "me and @m")
	if !h.in.mention.visible() {
		t.Fatal("typing @m did not open the cameo list")
	}
	got := h.in.mention.handles()
	if len(got) != 1 || got[0] != "@mara" {
		t.Fatalf("offered %v, want only @mara (@max's consent is revoked)", got)
	}
	h.in.prompt.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if h.in.mention.visible() {
		t.Fatal("the list stayed open after choosing")
	}
	if h.in.prompt.Text != "me and @mara " {
		t.Fatalf("prompt %q, want the handle inserted", h.in.prompt.Text)
	}
	if len(h.cast) != 1 || h.cast[0].Handle != "@mara" {
		t.Fatalf("OnCast got %v, want @mara", h.cast)
	}
	s := h.last(t)
	if s.Prompt != "me and @mara " || !s.IsCast("@mara") || !s.IsCast("@juno") {
		t.Fatalf("committed %q cast %v, want the prompt with @mara and both cast", s.Prompt, s.CastHandles())
	}
	// Typing on continues the prompt; a handle already cast is not cast again.
	test.Type(h.in.prompt, "and @j")
	if got := h.in.mention.handles(); len(got) != 1 || got[0] != "@juno" {
		t.Fatalf("offered %v for @j, want @juno", got)
	}
	h.in.mention.choose(0)
	if len(h.cast) != 1 {
		t.Fatalf("@juno is already cast but OnCast ran again: %v", h.cast)
	}
	if h.in.prompt.Text != "me and @mara and @juno " {
		t.Fatalf("prompt %q", h.in.prompt.Text)
	}
	// Escape closes the list without inserting anything.
	test.Type(h.in.prompt, "@")
	h.in.prompt.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.in.mention.visible() || h.in.prompt.Text != "me and @mara and @juno @" {
		t.Fatalf("after Escape: list %v, prompt %q", h.in.mention.visible(), h.in.prompt.Text)
	}
}

func TestInspectorCtrlEnterGeneratesAfterSaving(t *testing.T) {
	h := newInspectorHarness(t)
	test.Type(h.in.prompt, " and fog")
	h.in.prompt.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	if len(h.generate) != 1 || h.generate[0] {
		t.Fatalf("Ctrl+Enter generated %v, want one plain Generate", h.generate)
	}
	if h.last(t).Prompt != "a lighthouse at dawn and fog" {
		t.Fatalf("the prompt was not saved before generating: %q", h.last(t).Prompt)
	}
}

func TestInspectorDialogueLine(t *testing.T) {
	h := newInspectorHarness(t)
	test.Tap(h.in.dialogue.add)
	if len(h.in.dialogue.rows) != 2 {
		t.Fatalf("%d dialogue rows after Add line, want 2", len(h.in.dialogue.rows))
	}
	row := h.in.dialogue.rows[1]
	row.text.SetText("Did you hear that?")
	row.start.SetText("2s")
	h.in.Flush()
	lines := h.last(t).Dialogue
	if len(lines) != 2 || lines[1] != (project.DialogueLine{Speaker: "@juno", Text: "Did you hear that?", Start: project.Frames(48, rate24)}) {
		t.Fatalf("dialogue %+v", lines)
	}
}

func TestInspectorShowsProblemAndRetry(t *testing.T) {
	h := newInspectorHarness(t)
	h.in.SetDetails(ShotDetails{Rate: rate24, Problem: "Cannot generate: @juno's consent was revoked", Message: "Take 2 failed: out of memory", Retry: false})
	if !h.in.problem.Visible() || h.in.problem.Text != "Cannot generate: @juno's consent was revoked" {
		t.Fatal("the consent problem is not shown")
	}
	if !h.in.message.Visible() || h.in.retry.Visible() {
		t.Fatal("message should show without Retry while generation is refused")
	}
	h.in.SetDetails(ShotDetails{Rate: rate24, Message: "Take 2 failed: out of memory", Retry: true})
	if h.in.problem.Visible() || !h.in.retry.Visible() {
		t.Fatal("Retry not offered for a failed take")
	}
	test.Tap(h.in.retry)
	if len(h.generate) != 1 {
		t.Fatal("Retry did not generate")
	}
}

// TestMentionChosenWithTheMouseKeepsTheCaret: clicking a cameo in the @
// list puts the caret right after the inserted handle, even in a prompt
// that wraps over several lines, so the next words land there.
func TestMentionChosenWithTheMouseKeepsTheCaret(t *testing.T) {
	h := newInspectorHarness(t)
	h.win.Resize(fyne.NewSize(300, 1100)) // the prompt wraps
	c := h.win.Canvas()
	long := "a slow dolly in along the pier at dusk, gulls wheeling over the water and lanterns swinging"
	h.in.prompt.ForceText(long)
	c.Focus(h.in.prompt)
	if h.in.prompt.CursorTextOffset() != len([]rune(long)) {
		t.Fatalf("the caret starts at %d of %d", h.in.prompt.CursorTextOffset(), len([]rune(long)))
	}
	uitest.TypeText(c, " with @ma")
	if len(h.in.mention.list.Objects) == 0 {
		t.Fatal("the @ list did not open")
	}
	uitest.Click(h.in.mention.list.Objects[0], fyne.NewPos(5, 5))
	if c.Focused() != h.in.prompt {
		t.Fatalf("choosing with the mouse moved the focus to %T", c.Focused())
	}
	uitest.TypeText(c, "waves")
	if want := long + " with @mara waves"; h.in.prompt.Text != want {
		t.Fatalf("the prompt is\n%q\nwant\n%q", h.in.prompt.Text, want)
	}
	if got := h.last(t).Prompt; got != long+" with @mara " {
		t.Fatalf("stored %q", got)
	}
}
