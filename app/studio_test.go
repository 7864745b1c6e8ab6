package app

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"kino/engine"
	"kino/engine/jobs"
	"kino/project"
	"kino/project/sqlite"
	"kino/ui"
	"kino/ui/uitest"
	kwidget "kino/ui/widget"
)

// studioHarness is a studio window on a real project and cameo library
// in a temporary folder, generating with the built-in previz engine. The
// test is the UI goroutine: it runs what the studio posts with q.
type studioHarness struct {
	t    testing.TB
	q    *uitest.CallQueue
	sess *studioSession
	s    *ui.Studio
	path string
	lib  string
	opts studioOptions
}

// newStudioHarness creates a small, fast project (320x180, 1-second shots)
// with the given prompts and opens it, silent.
func newStudioHarness(t *testing.T, prompts ...string) *studioHarness {
	t.Helper()
	return newStudioHarnessWith(t, studioOptions{NoAudio: true}, prompts...)
}

// newStudioHarnessWith is newStudioHarness with options (audio).
func newStudioHarnessWith(t testing.TB, opts studioOptions, prompts ...string) *studioHarness {
	t.Helper()
	test.NewTempApp(t)
	if os.Getenv("XDG_DATA_HOME") == "" {
		t.Setenv("XDG_DATA_HOME", t.TempDir()) // the consent key, made on first use
	}
	dir := t.TempDir()
	h := &studioHarness{t: t, q: uitest.NewCallQueue(), path: filepath.Join(dir, "film.kino"), lib: filepath.Join(dir, "library"), opts: opts}
	if opts.LibraryDir != "" {
		h.lib = opts.LibraryDir
	}
	p, err := sqlite.Create(h.path, "Beach Film")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	settings, err := p.Project(ctx)
	if err != nil {
		t.Fatal(err)
	}
	settings.Resolution = project.Resolution{Width: 320, Height: 180}
	if _, err := p.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
		t.Fatal(err)
	}
	for k, pr := range prompts {
		s := project.NewShot(pr, settings.Rate, uint64(k+1))
		s.Duration = project.Seconds(1, settings.Rate)
		if _, err := p.Apply(ctx, project.AddShot{Shot: *s, Index: k}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	h.open()
	return h
}

func (h *studioHarness) open() {
	h.t.Helper()
	opts := h.opts
	opts.LibraryDir, opts.Post, opts.Workers = h.lib, h.q.Post, 1
	sess, err := openStudio(fyne.CurrentApp(), h.path, opts)
	if err != nil {
		h.t.Fatalf("opening the studio: %v", err)
	}
	h.sess, h.s = sess, sess.Studio
	h.t.Cleanup(func() {
		h.settle("closing", func() bool { return true })
		sess.Close()
	})
	h.s.Window().Resize(fyne.NewSize(1400, 900))
	h.settle("opening", func() bool { return true })
}

// settle runs the studio's posted work until it is idle and cond holds.
func (h *studioHarness) settle(what string, cond func() bool) {
	h.t.Helper()
	if err := h.q.WaitFor(2*time.Minute, func() bool { return !h.s.Busy() && cond() }); err != nil {
		h.t.Fatalf("%s: %v (status %q)", what, err, h.s.Status())
	}
}

func (h *studioHarness) shots() []*project.Shot {
	h.t.Helper()
	shots, err := h.sess.Project.Shots(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return shots
}

func (h *studioHarness) prompts() []string {
	var out []string
	for _, s := range h.shots() {
		out = append(out, s.Prompt)
	}
	return out
}

func (h *studioHarness) takes(shotID int64) []*project.Take {
	h.t.Helper()
	takes, err := h.sess.Project.Takes(context.Background(), shotID)
	if err != nil {
		h.t.Fatal(err)
	}
	return takes
}

// menuItem finds a main menu item by the start of its label.
func (h *studioHarness) menuItem(menu, label string) *fyne.MenuItem {
	h.t.Helper()
	for _, m := range h.s.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if strings.HasPrefix(it.Label, label) {
				return it
			}
		}
	}
	h.t.Fatalf("no menu item %s ▸ %s", menu, label)
	return nil
}

// addCameo saves a cameo with a drawn reference image in the library.
func (h *studioHarness) addCameo(handle, name string) *project.Cameo {
	h.t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.NRGBA{R: uint8(4 * x), G: 90, B: uint8(4 * y), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		h.t.Fatal(err)
	}
	ctx := context.Background()
	lib := h.sess.Library
	a, err := lib.PutBlob(ctx, &buf, "image/png")
	if err != nil {
		h.t.Fatal(err)
	}
	c := &project.Cameo{
		Handle: handle, Name: name, Images: []project.Asset{a}, Voice: project.DefaultVoice,
		Consent: project.Consent{ID: "consent-" + handle[1:], Owner: name, Scope: project.ConsentAnyProject, GrantedAt: time.Now().Add(-time.Hour)},
	}
	if err := lib.CreateCameo(ctx, c); err != nil {
		h.t.Fatal(err)
	}
	h.s.Reload()
	h.settle("reloading the library", func() bool { return true })
	return c
}

// drag presses on the timeline at from and drags by dx, like a mouse.
func drag(tl *kwidget.Timeline, from fyne.Position, dx float32, mod fyne.KeyModifier) {
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: mod})
	pos := from
	for i := 0; i < 4; i++ {
		pos = pos.AddXY(dx/4, 0)
		tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: fyne.Delta{DX: dx / 4}})
	}
	tl.DragEnd()
	tl.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
}

func TestStudioTitleAndEmptyProject(t *testing.T) {
	h := newStudioHarness(t)
	if got := h.s.Window().Title(); got != "Beach Film — Kino" {
		t.Fatalf("title %q, want the project name", got)
	}
	if n := len(h.s.Timeline().Cards()); n != 0 {
		t.Fatalf("%d cards on an empty timeline", n)
	}
	if export := h.menuItem("File", "Export"); export.Disabled || export.Action == nil {
		t.Fatal("File ▸ Export should open the export dialog")
	}
}

func TestStudioTypePromptGenerateAndSeeTake(t *testing.T) {
	h := newStudioHarness(t)
	field := h.s.NewShotField()
	test.Type(field, "a lighthouse at dawn, waves on the rocks")
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle("adding the shot", func() bool { return len(h.s.Timeline().Cards()) == 1 })
	if got := h.prompts(); !slices.Equal(got, []string{"a lighthouse at dawn, waves on the rocks"}) {
		t.Fatalf("stored prompts %q", got)
	}
	if sel := h.s.Selected(); len(sel) != 1 {
		t.Fatalf("the new shot is not selected: %v", sel)
	}
	if c := h.s.Timeline().Cards()[0]; c.State != kwidget.CardEmpty || c.Thumb != nil {
		t.Fatalf("new card state %v thumb %v, want not generated", c.State, c.Thumb != nil)
	}
	// Ctrl+Enter in the prompt generates.
	h.s.Inspector().Prompt().TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	h.settle("generating", func() bool {
		c := h.s.Timeline().Cards()[0]
		return c.State == kwidget.CardReady && c.Thumb != nil
	})
	shot := h.shots()[0]
	takes := h.takes(shot.ID)
	if len(takes) != 1 || takes[0].Status != project.TakeDone || shot.ActiveTakeID != takes[0].ID {
		t.Fatalf("store has takes %+v, active %d; want one finished active take", takes, shot.ActiveTakeID)
	}
	views := h.s.Inspector().Takes().Views()
	if len(views) != 1 || views[0].Thumb == nil || !views[0].Active {
		t.Fatalf("takes strip shows %d takes (thumbnail %v)", len(views), len(views) == 1 && views[0].Thumb != nil)
	}
	if b := views[0].Thumb.Bounds(); b.Dx() != 320 || b.Dy() != 180 {
		t.Fatalf("thumbnail is %v, want the stored 320x180 key frame", b)
	}
}

func TestStudioAtCompleteCastsCameo(t *testing.T) {
	h := newStudioHarness(t, "on the beach at sunset")
	mara := h.addCameo("@mara", "Mara Lind")
	prompt := h.s.Inspector().Prompt()
	h.s.Window().Canvas().Focus(prompt)
	test.Type(prompt, " with @ma")
	if got := h.s.Inspector().MentionChoices(); !slices.Equal(got, []string{"@mara"}) {
		t.Fatalf("@ma offers %v, want [@mara]", got)
	}
	prompt.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle("casting", func() bool {
		s := h.shots()[0]
		return s.IsCast("@mara") && strings.Contains(s.Prompt, "@mara")
	})
	s := h.shots()[0]
	if s.Prompt != "on the beach at sunset with @mara " || s.Cast[0].CameoID != mara.ID {
		t.Fatalf("stored prompt %q cast %+v", s.Prompt, s.Cast)
	}
	cameos, err := h.sess.Project.Cameos(context.Background())
	if err != nil || len(cameos) != 1 || cameos[0].ID != mara.ID {
		t.Fatalf("project cameo snapshots %v (%v), want Mara's", cameos, err)
	}
	if _, err := h.sess.Project.OpenBlob(mara.Images[0].SHA256); err != nil {
		t.Fatalf("the cameo's image was not copied into the project: %v", err)
	}
	// Undo takes the cast back out, as one step with its label in the menu.
	if got := h.s.UndoLabel(); !strings.HasPrefix(got, "Undo ") {
		t.Fatalf("Undo menu label %q", got)
	}
}

func TestStudioDragReorderUndoRedo(t *testing.T) {
	h := newStudioHarness(t, "one", "two", "three")
	tl := h.s.Timeline()
	ppf := float32(tl.PixelsPerFrame())
	drag(tl, tl.CardPosition(0), 24*2.6*ppf, 0) // 1 s cards: past the middle of the third
	h.settle("moving", func() bool { return slices.Equal(h.prompts(), []string{"two", "three", "one"}) })
	if got := h.s.UndoLabel(); got != "Undo Move Shot" {
		t.Fatalf("Undo label %q, want \"Undo Move Shot\"", got)
	}
	h.menuItem("Edit", "Undo").Action()
	h.settle("undoing", func() bool { return slices.Equal(h.prompts(), []string{"one", "two", "three"}) })
	var labels []string
	for _, c := range tl.Cards() {
		labels = append(labels, c.Prompt)
	}
	if !slices.Equal(labels, []string{"one", "two", "three"}) {
		t.Fatalf("timeline after undo shows %v", labels)
	}
	if got := h.s.RedoLabel(); got != "Redo Move Shot" {
		t.Fatalf("Redo label %q", got)
	}
	h.s.Redo()
	h.settle("redoing", func() bool { return slices.Equal(h.prompts(), []string{"two", "three", "one"}) })
}

func TestStudioEdgeDragChangesDuration(t *testing.T) {
	h := newStudioHarness(t, "one", "two")
	tl := h.s.Timeline()
	ppf := float32(tl.PixelsPerFrame())
	drag(tl, tl.CardEdge(0), 7*ppf, 0)
	h.settle("resizing", func() bool { return h.shots()[0].Duration.Frames == 31 })
	drag(tl, tl.CardEdge(0), 10*ppf, fyne.KeyModifierShift) // 41 frames, snapped to 2 s
	h.settle("resizing with snap", func() bool { return h.shots()[0].Duration.Frames == 48 })
	if c := tl.Cards()[0]; c.Frames != 48 {
		t.Fatalf("card shows %d frames, want 48", c.Frames)
	}
	h.s.Undo()
	h.settle("undoing the resize", func() bool { return h.shots()[0].Duration.Frames == 31 })
}

func TestStudioRevokedCameoBlocksGeneration(t *testing.T) {
	h := newStudioHarness(t, "Mara waves")
	h.addCameo("@mara", "Mara Lind")
	var row *kwidget.CameoRow
	for _, r := range h.s.Cameos().Rows() {
		if r.Cameo.Handle == "@mara" {
			row = r
		}
	}
	if row == nil {
		t.Fatal("the library panel does not list @mara")
	}
	test.Tap(row.CastButton()) // cast in the selected shot
	h.settle("casting", func() bool { return h.shots()[0].IsCast("@mara") })

	h.s.RevokeCameo("@mara")
	h.settle("revoking", func() bool { return h.s.Timeline().Cards()[0].State == kwidget.CardBlocked })
	if p := h.s.Inspector().Problem(); !strings.Contains(p, "revoked") {
		t.Fatalf("inspector problem %q, want the revocation explained", p)
	}
	h.s.GenerateSelected()
	h.settle("refusing", func() bool { return h.s.Inspector().Message() != "" })
	if msg := h.s.Inspector().Message(); !strings.Contains(msg, "@mara's consent was revoked by Mara Lind") {
		t.Fatalf("refusal message %q", msg)
	}
	if n := len(h.takes(h.shots()[0].ID)); n != 0 {
		t.Fatalf("%d takes were made of a shot casting a revoked cameo", n)
	}
	// The renderer refuses too, whatever the window thinks.
	r := &studioRenderer{queue: h.sess.queue, store: h.sess.Project, lib: h.sess.Library, backends: backends(), now: time.Now}
	if _, err := r.Generate(h.shots()[0].ID, ui.GenerateOptions{}); project.ErrorCode(err) != project.ECONSENT {
		t.Fatalf("renderer Generate: %v, want an ECONSENT error", err)
	}
}

func TestStudioStarAndMakeActive(t *testing.T) {
	h := newStudioHarness(t, "a red kite over a green hill")
	h.s.GenerateSelected()
	h.settle("first take", func() bool {
		return len(h.s.Inspector().Takes().Views()) == 1 && h.s.Timeline().Cards()[0].State == kwidget.CardReady
	})
	h.menuItem("Shot", "Regenerate").Action() // a forced second take
	h.settle("second take", func() bool {
		v := h.s.Inspector().Takes().Views()
		return len(v) == 2 && v[1].Take.Status == project.TakeDone && v[1].Active
	})
	shotID := h.shots()[0].ID
	first := h.takes(shotID)[0]
	strip := h.s.Inspector().Takes()
	test.Tap(strip.StarButton(first.ID))
	h.settle("starring", func() bool { return h.takes(shotID)[0].Favourite })
	test.Tap(strip.UseButton(first.ID))
	h.settle("making active", func() bool { return h.shots()[0].ActiveTakeID == first.ID })
	if got := h.s.UndoLabel(); got != "Undo Choose Take" {
		t.Fatalf("Undo label %q", got)
	}
	views := strip.Views()
	if !views[0].Active || !views[0].Take.Favourite || views[1].Active {
		t.Fatalf("strip shows active %v/%v starred %v", views[0].Active, views[1].Active, views[0].Take.Favourite)
	}
	// Deleting a take is undoable.
	test.Tap(strip.DeleteButton(views[1].Take.ID))
	h.settle("deleting", func() bool { return len(h.takes(shotID)) == 1 })
	h.s.Undo()
	h.settle("restoring", func() bool { return len(h.takes(shotID)) == 2 })
}

func TestStudioJobEventsShowProgress(t *testing.T) {
	h := newStudioHarness(t, "rain on a window")
	id := h.shots()[0].ID
	// Events come from worker goroutines; the studio hops to its own.
	go h.s.OnJobEvent(jobs.Event{ID: 99, Key: ui.JobKey(id), State: jobs.Running})
	h.settle("running", func() bool { return h.s.Timeline().Cards()[0].State == kwidget.CardRunning })
	go h.s.OnJobEvent(jobs.Event{ID: 99, Key: ui.JobKey(id), State: jobs.Reported, Progress: engine.Progress{Step: 3, Total: 4}})
	h.settle("progress", func() bool { return h.s.Timeline().Cards()[0].Progress == 0.75 })
	go h.s.OnJobEvent(jobs.Event{ID: 99, Key: ui.JobKey(id), State: jobs.Finished, Outcome: project.TakeFailed, Err: project.Errorf(project.EINTERNAL, "the GPU fell over")})
	h.settle("failure", func() bool { return strings.Contains(h.s.Inspector().Message(), "the GPU fell over") })
}

func TestStudioDragCameoOntoCard(t *testing.T) {
	h := newStudioHarness(t, "one", "two")
	h.addCameo("@juno", "Juno")
	tl := h.s.Timeline()
	target := fyne.CurrentApp().Driver().AbsolutePositionForObject(tl).Add(tl.CardPosition(1))
	row := h.s.Cameos().Rows()[0]
	row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: target.SubtractXY(200, 0)}, Dragged: fyne.Delta{DX: 10}})
	row.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: target}, Dragged: fyne.Delta{DX: 10}})
	row.DragEnd()
	h.settle("casting by drag and drop", func() bool { return h.shots()[1].IsCast("@juno") })
	if h.shots()[0].IsCast("@juno") {
		t.Fatal("the cameo was cast in the wrong shot")
	}
}

func TestStudioRegenerateAllStale(t *testing.T) {
	h := newStudioHarness(t, "one", "two")
	h.s.SelectShot(1)
	h.s.GenerateSelected()
	h.s.SelectShot(2)
	h.s.GenerateSelected()
	ready := func() bool {
		for _, c := range h.s.Timeline().Cards() {
			if c.State != kwidget.CardReady {
				return false
			}
		}
		return true
	}
	h.settle("generating both", ready)
	// Editing shot 2's prompt makes its take stale.
	prompt := h.s.Inspector().Prompt()
	h.s.Window().Canvas().Focus(prompt)
	test.Type(prompt, " at night")
	h.s.Window().Canvas().Unfocus()
	h.settle("editing", func() bool { return h.s.Timeline().Cards()[1].State == kwidget.CardStale })
	if h.s.Timeline().Cards()[0].State != kwidget.CardReady {
		t.Fatal("an unchanged shot is marked stale")
	}
	h.menuItem("Shot", "Regenerate All Stale").Action()
	h.settle("regenerating", ready)
	if n := len(h.takes(h.shots()[1].ID)); n != 2 {
		t.Fatalf("shot 2 has %d takes, want 2", n)
	}
	if n := len(h.takes(h.shots()[0].ID)); n != 1 {
		t.Fatalf("shot 1 was regenerated though it was not stale (%d takes)", n)
	}
}
