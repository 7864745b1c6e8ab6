package sqlite

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"kino/project"
)

// fixture is a small project with something of every kind: four shots,
// two finished takes on shot B (one active, one starred), a cameo cast in
// shot B with a line of dialogue, and an audio clip.
type fixture struct {
	p                *Project
	a, b, c, d       int64 // shot IDs in timeline order
	take1, take2     int64 // takes of shot B; take2 is active, take1 starred
	ana              *project.Cameo
	clip             int64
	clipAsset, image project.Asset
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{p: MustOpenDB(t)}
	p := f.p
	f.a = mustAddShot(t, p, "A: a beach at dawn")
	f.b = mustAddShot(t, p, "B: me with a glass of champagne")
	f.c = mustAddShot(t, p, "C: fireworks cut the sky")
	f.d = mustAddShot(t, p, "D: the crowd cheers")
	f.take1 = mustDoneTake(t, p, f.b, "video of take one", false).ID
	f.take2 = mustDoneTake(t, p, f.b, "video of take two", true).ID
	mustApply(t, p, project.SetFavourite{TakeID: f.take1, Favourite: true})
	f.ana = testCameo(t, p, "@ana")
	mustApply(t, p, project.CastCameo{ShotID: f.b, Cameo: *f.ana, Role: "host"})
	sb := mustShot(t, p, f.b)
	sb.Dialogue = []project.DialogueLine{{Speaker: "@ana", Text: "Happy new year!", Start: project.Frames(12, project.DefaultRate)}}
	mustApply(t, p, project.UpdateShot{Shot: *sb})
	f.clipAsset = mustPutBlob(t, p, "RIFF music", "audio/wav")
	f.clip = mustApply(t, p, project.AddAudioClip{Clip: project.AudioClip{
		Lane: project.LaneMusic, Name: "Theme", Asset: f.clipAsset, Start: project.Frames(24, project.DefaultRate), GainDB: -6,
	}}).ID
	return f
}

func TestUndoRedoEveryEditKind(t *testing.T) {
	type tc struct {
		name string
		// setup may apply edits first; edit returns the edit under test.
		edit func(t *testing.T, f *fixture) project.Edit
		// check looks at the state after the edit.
		check func(t *testing.T, f *fixture)
	}
	cases := []tc{
		{"UpdateProject title", func(t *testing.T, f *fixture) project.Edit {
			pr, _ := f.p.Project(bg)
			pr.Title = "Fireworks"
			pr.Resolution = project.Resolution{Width: 1920, Height: 1080}
			return project.UpdateProject{Project: *pr}
		}, func(t *testing.T, f *fixture) {
			pr, _ := f.p.Project(bg)
			if pr.Title != "Fireworks" || pr.Resolution.Width != 1920 {
				t.Fatalf("settings %+v", pr)
			}
		}},
		{"UpdateProject rate", func(t *testing.T, f *fixture) project.Edit {
			pr, _ := f.p.Project(bg)
			pr.Rate = project.Rate2997
			return project.UpdateProject{Project: *pr}
		}, func(t *testing.T, f *fixture) {
			s := mustShot(t, f.p, f.b)
			if s.Duration != project.Frames(60, project.Rate2997) || s.Dialogue[0].Start != project.Frames(15, project.Rate2997) {
				t.Fatalf("shot not retimed: %v %v", s.Duration, s.Dialogue[0].Start)
			}
			clips, _ := f.p.AudioClips(bg)
			if clips[0].Start != project.Frames(30, project.Rate2997) {
				t.Fatalf("clip not retimed: %v", clips[0].Start)
			}
		}},
		{"AddShot in the middle", func(t *testing.T, f *fixture) project.Edit {
			return project.AddShot{Shot: shotAt24("new"), Index: 1}
		}, func(t *testing.T, f *fixture) {
			s, _ := f.p.ShotAt(bg, 2)
			if s.Prompt != "new" {
				t.Fatalf("shot 2 is %q", s.Prompt)
			}
		}},
		{"AddShot past the end", func(t *testing.T, f *fixture) project.Edit {
			return project.AddShot{Shot: shotAt24("last"), Index: 99}
		}, func(t *testing.T, f *fixture) {
			s, _ := f.p.ShotAt(bg, 5)
			if s.Prompt != "last" {
				t.Fatalf("shot 5 is %q", s.Prompt)
			}
		}},
		{"UpdateShot", func(t *testing.T, f *fixture) project.Edit {
			s := mustShot(t, f.p, f.c)
			s.Prompt, s.NegativePrompt = "fireworks over the harbour", "blur"
			s.Camera = project.Camera{Size: project.SizeWide, Move: project.MoveAerial}
			s.Style, s.Seed = project.StyleNeon, project.Seed{Mode: project.SeedNewEach, Value: 1<<63 + 5}
			s.Duration = project.Frames(100, project.DefaultRate)
			return project.UpdateShot{Shot: *s}
		}, func(t *testing.T, f *fixture) {
			s := mustShot(t, f.p, f.c)
			if s.Prompt != "fireworks over the harbour" || s.Seed.Value != 1<<63+5 || s.Style != project.StyleNeon || s.Duration.Frames != 100 {
				t.Fatalf("shot after update: %+v", s)
			}
		}},
		{"MoveShot first to last", func(t *testing.T, f *fixture) project.Edit {
			return project.MoveShot{ShotID: f.a, Index: 3}
		}, func(t *testing.T, f *fixture) { wantOrder(t, f.p, f.b, f.c, f.d, f.a) }},
		{"MoveShot last to first", func(t *testing.T, f *fixture) project.Edit {
			return project.MoveShot{ShotID: f.d, Index: 0}
		}, func(t *testing.T, f *fixture) { wantOrder(t, f.p, f.d, f.a, f.b, f.c) }},
		{"MoveShot past the end", func(t *testing.T, f *fixture) project.Edit {
			return project.MoveShot{ShotID: f.b, Index: 50}
		}, func(t *testing.T, f *fixture) { wantOrder(t, f.p, f.a, f.c, f.d, f.b) }},
		{"DeleteShot with takes and cast", func(t *testing.T, f *fixture) project.Edit {
			return project.DeleteShot{ShotID: f.b}
		}, func(t *testing.T, f *fixture) {
			wantOrder(t, f.p, f.a, f.c, f.d)
			if _, err := f.p.Take(bg, f.take1); !isCode(err, project.ENOTFOUND) {
				t.Fatalf("take of a deleted shot: %v", err)
			}
		}},
		{"RestoreShot", func(t *testing.T, f *fixture) project.Edit {
			s := mustShot(t, f.p, f.c)
			mustApply(t, f.p, project.DeleteShot{ShotID: f.c})
			return project.RestoreShot{Shot: *s}
		}, func(t *testing.T, f *fixture) { wantOrder(t, f.p, f.a, f.b, f.c, f.d) }},
		{"CastCameo new cameo", func(t *testing.T, f *fixture) project.Edit {
			return project.CastCameo{ShotID: f.a, Cameo: *testCameo(t, f.p, "@ben"), Role: "walker"}
		}, func(t *testing.T, f *fixture) {
			s := mustShot(t, f.p, f.a)
			if len(s.Cast) != 1 || s.Cast[0].Handle != "@ben" || s.Cast[0].CameoID != "cameo-ben" || s.Cast[0].Role != "walker" {
				t.Fatalf("cast %+v", s.Cast)
			}
		}},
		{"CastCameo new role", func(t *testing.T, f *fixture) project.Edit {
			return project.CastCameo{ShotID: f.b, Cameo: *f.ana, Role: "guest"}
		}, func(t *testing.T, f *fixture) {
			if s := mustShot(t, f.p, f.b); len(s.Cast) != 1 || s.Cast[0].Role != "guest" {
				t.Fatalf("cast %+v", s.Cast)
			}
		}},
		{"UncastCameo", func(t *testing.T, f *fixture) project.Edit {
			return project.UncastCameo{ShotID: f.b, Handle: "ANA"}
		}, func(t *testing.T, f *fixture) {
			if s := mustShot(t, f.p, f.b); len(s.Cast) != 0 || len(s.Dialogue) != 0 {
				t.Fatalf("uncast left %+v %+v", s.Cast, s.Dialogue)
			}
		}},
		{"SetActiveTake", func(t *testing.T, f *fixture) project.Edit {
			return project.SetActiveTake{ShotID: f.b, TakeID: f.take1}
		}, func(t *testing.T, f *fixture) {
			if s := mustShot(t, f.p, f.b); s.ActiveTakeID != f.take1 {
				t.Fatalf("active take %d", s.ActiveTakeID)
			}
		}},
		{"SetActiveTake none", func(t *testing.T, f *fixture) project.Edit {
			return project.SetActiveTake{ShotID: f.b}
		}, func(t *testing.T, f *fixture) {
			if s := mustShot(t, f.p, f.b); s.ActiveTakeID != 0 {
				t.Fatalf("active take %d", s.ActiveTakeID)
			}
		}},
		{"SetFavourite", func(t *testing.T, f *fixture) project.Edit {
			return project.SetFavourite{TakeID: f.take2, Favourite: true}
		}, func(t *testing.T, f *fixture) {
			if tk, _ := f.p.Take(bg, f.take2); !tk.Favourite {
				t.Fatal("take not starred")
			}
		}},
		{"DeleteTake active", func(t *testing.T, f *fixture) project.Edit {
			return project.DeleteTake{TakeID: f.take2}
		}, func(t *testing.T, f *fixture) {
			if s := mustShot(t, f.p, f.b); s.ActiveTakeID != 0 {
				t.Fatalf("deleted take still active")
			}
			if takes, _ := f.p.Takes(bg, f.b); len(takes) != 1 {
				t.Fatalf("%d takes left", len(takes))
			}
		}},
		{"RestoreTake", func(t *testing.T, f *fixture) project.Edit {
			tk, _ := f.p.Take(bg, f.take1)
			mustApply(t, f.p, project.DeleteTake{TakeID: f.take1})
			return project.RestoreTake{Take: *tk}
		}, func(t *testing.T, f *fixture) {
			if tk, err := f.p.Take(bg, f.take1); err != nil || !tk.Favourite {
				t.Fatalf("restored take %+v, %v", tk, err)
			}
		}},
		{"AddAudioClip", func(t *testing.T, f *fixture) project.Edit {
			a := mustPutBlob(t, f.p, "RIFF voice", "audio/wav")
			return project.AddAudioClip{Clip: project.AudioClip{Lane: project.LaneVoiceOver, Name: "Intro", Asset: a, Start: project.Frames(0, project.DefaultRate)}}
		}, func(t *testing.T, f *fixture) {
			if clips, _ := f.p.AudioClips(bg); len(clips) != 2 || clips[0].Name != "Intro" {
				t.Fatalf("clips %+v", clips)
			}
		}},
		{"UpdateAudioClip", func(t *testing.T, f *fixture) project.Edit {
			return project.UpdateAudioClip{Clip: project.AudioClip{ID: f.clip, Lane: project.LaneVoiceOver, Name: "Theme (quiet)", Start: project.Frames(48, project.DefaultRate), GainDB: -18}}
		}, func(t *testing.T, f *fixture) {
			clips, _ := f.p.AudioClips(bg)
			if c := clips[0]; c.Name != "Theme (quiet)" || c.GainDB != -18 || c.Asset != f.clipAsset || c.Start.Frames != 48 {
				t.Fatalf("clip %+v", c)
			}
		}},
		{"DeleteAudioClip", func(t *testing.T, f *fixture) project.Edit {
			return project.DeleteAudioClip{ClipID: f.clip}
		}, func(t *testing.T, f *fixture) {
			if clips, _ := f.p.AudioClips(bg); len(clips) != 0 {
				t.Fatalf("clips %+v", clips)
			}
		}},
		{"RestoreAudioClip", func(t *testing.T, f *fixture) project.Edit {
			clips, _ := f.p.AudioClips(bg)
			mustApply(t, f.p, project.DeleteAudioClip{ClipID: f.clip})
			return project.RestoreAudioClip{Clip: *clips[0]}
		}, func(t *testing.T, f *fixture) {
			if clips, _ := f.p.AudioClips(bg); len(clips) != 1 || clips[0].ID != f.clip {
				t.Fatalf("clips %+v", clips)
			}
		}},
		{"UpdateCameoSnapshot revoked", func(t *testing.T, f *fixture) project.Edit {
			c := f.ana.Clone()
			c.Consent.Revoked = true
			c.Consent.RevokedAt = c.Consent.GrantedAt.AddDate(0, 1, 0)
			return project.UpdateCameoSnapshot{Cameo: *c}
		}, func(t *testing.T, f *fixture) {
			if cs, _ := f.p.Cameos(bg); len(cs) != 1 || !cs[0].Consent.Revoked {
				t.Fatalf("snapshot %+v", cs)
			}
		}},
		{"UpdateCameoSnapshot new handle", func(t *testing.T, f *fixture) project.Edit {
			c := f.ana.Clone()
			c.Handle = "@ana.b"
			return project.UpdateCameoSnapshot{Cameo: *c}
		}, func(t *testing.T, f *fixture) {
			s := mustShot(t, f.p, f.b)
			if s.Cast[0].Handle != "@ana.b" || s.Dialogue[0].Speaker != "@ana.b" {
				t.Fatalf("rename not carried into the shot: %+v %+v", s.Cast, s.Dialogue)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			e := c.edit(t, f)
			before := dump(t, f.p)
			a := mustApply(t, f.p, e)
			if a.Label != e.Label() || f.p.UndoLabel() != e.Label() || f.p.RedoLabel() != "" {
				t.Fatalf("labels: applied %q, undo %q, redo %q", a.Label, f.p.UndoLabel(), f.p.RedoLabel())
			}
			after := dump(t, f.p)
			if after == before {
				t.Fatal("the edit changed nothing")
			}
			c.check(t, f)
			for round := range 2 {
				if u := mustUndo(t, f.p); u.Label != e.Label() {
					t.Fatalf("undo label %q", u.Label)
				}
				sameState(t, "after undo", dump(t, f.p), before)
				if f.p.RedoLabel() != e.Label() {
					t.Fatalf("redo label %q", f.p.RedoLabel())
				}
				mustRedo(t, f.p)
				sameState(t, "after redo", dump(t, f.p), after)
				if round == 0 {
					c.check(t, f)
				}
			}
			if d, err := f.p.Check(bg); err != nil || len(d) != 0 {
				t.Fatalf("check after undo and redo: %v %v", d, err)
			}
			f.p = mustReopen(t, f.p)
			sameState(t, "after reopening", dump(t, f.p), after)
		})
	}
}

func wantOrder(t *testing.T, p *Project, ids ...int64) {
	t.Helper()
	shots, err := p.Shots(bg)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for i, s := range shots {
		if s.Index != i {
			t.Fatalf("shot %d at position %d has Index %d", s.ID, i, s.Index)
		}
		got = append(got, s.ID)
	}
	if !slices.Equal(got, ids) {
		t.Fatalf("shot order %v, want %v", got, ids)
	}
}

func TestAddShotReturnsNewIDsAndUndoKeepsThem(t *testing.T) {
	p := MustOpenDB(t)
	a := mustAddShot(t, p, "a")
	b := mustAddShot(t, p, "b")
	if a == 0 || b == 0 || a == b {
		t.Fatalf("IDs %d %d", a, b)
	}
	mustUndo(t, p) // removes b
	wantOrder(t, p, a)
	if r := mustRedo(t, p); r.ID != b {
		t.Fatalf("redo restored ID %d, want %d", r.ID, b)
	}
	wantOrder(t, p, a, b)
	// A deleted ID is never handed out again, even after undo removed it.
	mustUndo(t, p)
	c := mustAddShot(t, p, "c")
	if c == a || c == b {
		t.Fatalf("new shot reused ID %d", c)
	}
}

func TestApplyClearsRedo(t *testing.T) {
	p := MustOpenDB(t)
	mustAddShot(t, p, "a")
	mustAddShot(t, p, "b")
	mustUndo(t, p)
	if p.RedoLabel() != "Add Shot" {
		t.Fatalf("redo label %q", p.RedoLabel())
	}
	mustAddShot(t, p, "c")
	if p.RedoLabel() != "" {
		t.Fatalf("redo label %q after a new edit", p.RedoLabel())
	}
	_, err := p.Redo(bg)
	wantCode(t, err, project.ENOTFOUND)
}

func TestUndoRedoWithNothingToDo(t *testing.T) {
	p := MustOpenDB(t)
	if p.UndoLabel() != "" || p.RedoLabel() != "" {
		t.Fatal("labels of a fresh project are not empty")
	}
	_, err := p.Undo(bg)
	wantCode(t, err, project.ENOTFOUND)
	_, err = p.Redo(bg)
	wantCode(t, err, project.ENOTFOUND)
}

func TestUndoAcrossManyKinds(t *testing.T) {
	f := newFixture(t)
	p := f.p
	start := dump(t, p)
	var states []string
	edits := []project.Edit{
		project.MoveShot{ShotID: f.a, Index: 2},
		project.DeleteTake{TakeID: f.take2},
		project.UncastCameo{ShotID: f.b, Handle: "@ana"},
		project.DeleteShot{ShotID: f.b},
		project.AddShot{Shot: shotAt24("late"), Index: 0},
		project.DeleteAudioClip{ClipID: f.clip},
	}
	for _, e := range edits {
		mustApply(t, p, e)
		states = append(states, dump(t, p))
	}
	for i := len(edits) - 1; i >= 0; i-- {
		want := start
		if i > 0 {
			want = states[i-1]
		}
		mustUndo(t, p)
		sameState(t, "undo of "+edits[i].Label(), dump(t, p), want)
	}
	for i := range edits {
		mustRedo(t, p)
		sameState(t, "redo of "+edits[i].Label(), dump(t, p), states[i])
	}
}

func TestShotPositionsStayDense(t *testing.T) {
	p := MustOpenDB(t)
	rng := rand.New(rand.NewPCG(1, 2))
	var model []int64 // shot IDs in timeline order
	var history [][]int64
	for step := range 300 {
		history = append(history, slices.Clone(model))
		switch op := rng.IntN(10); {
		case op < 4 || len(model) < 2:
			at := rng.IntN(len(model) + 1)
			id := mustApply(t, p, project.AddShot{Shot: shotAt24("s"), Index: at}).ID
			model = slices.Insert(model, at, id)
		case op < 7:
			from, to := rng.IntN(len(model)), rng.IntN(len(model))
			id := model[from]
			mustApply(t, p, project.MoveShot{ShotID: id, Index: to})
			model = slices.Insert(slices.Delete(model, from, from+1), to, id)
		case op < 9:
			at := rng.IntN(len(model))
			mustApply(t, p, project.DeleteShot{ShotID: model[at]})
			model = slices.Delete(model, at, at+1)
		default:
			mustUndo(t, p)
			history = history[:len(history)-1] // the undo itself
			model = history[len(history)-1]
			history = history[:len(history)-1] // the undone edit
		}
		wantOrder(t, p, model...)
		_ = step
	}
	if d, err := p.Check(bg); err != nil || len(d) != 0 {
		t.Fatalf("check: %v %v", d, err)
	}
}

func TestInvalidEditsChangeNothing(t *testing.T) {
	f := newFixture(t)
	p := f.p
	before := dump(t, p)
	label := p.UndoLabel()
	long := shotAt24(strings.Repeat("x", project.MaxPromptLength+1))
	zero := shotAt24("no length")
	zero.Duration.Frames = 0
	wrongRate := shotAt24("wrong rate")
	wrongRate.Duration = project.Seconds(2, project.Rate25)
	badCast := shotAt24("unknown cameo")
	badCast.Cast = []project.CastMember{{Handle: "@nobody"}}
	moved := mustShot(t, p, f.a)
	moved.Dialogue = []project.DialogueLine{{Speaker: "@ana", Text: "hi"}} // @ana is not cast in A
	tooLate := mustShot(t, p, f.b)
	tooLate.Dialogue[0].Start = tooLate.Duration
	pr, _ := p.Project(bg)
	pr.Title = " "
	cases := []struct {
		e    project.Edit
		code string
	}{
		{project.AddShot{Shot: long}, project.EINVALID},
		{project.AddShot{Shot: zero}, project.EINVALID},
		{project.AddShot{Shot: wrongRate}, project.EINVALID},
		{project.AddShot{Shot: badCast}, project.ENOTFOUND},
		{project.UpdateShot{Shot: *moved}, project.EINVALID},
		{project.UpdateShot{Shot: *tooLate}, project.EINVALID},
		{project.UpdateShot{Shot: shotAt24("no such shot")}, project.ENOTFOUND},
		{project.MoveShot{ShotID: f.a, Index: -1}, project.EINVALID},
		{project.MoveShot{ShotID: 999, Index: 0}, project.ENOTFOUND},
		{project.DeleteShot{ShotID: 999}, project.ENOTFOUND},
		{project.RestoreShot{Shot: *mustShot(t, p, f.a)}, project.ECONFLICT},
		{project.RestoreShot{Shot: shotAt24("no id")}, project.EINVALID},
		{project.SetActiveTake{ShotID: f.a, TakeID: f.take1}, project.EINVALID},
		{project.SetActiveTake{ShotID: f.b, TakeID: 999}, project.ENOTFOUND},
		{project.SetFavourite{TakeID: 999}, project.ENOTFOUND},
		{project.DeleteTake{TakeID: 999}, project.ENOTFOUND},
		{project.UncastCameo{ShotID: f.a, Handle: "@ana"}, project.ENOTFOUND},
		{project.UpdateProject{Project: *pr}, project.EINVALID},
		{project.AddAudioClip{Clip: project.AudioClip{Lane: "drums", Name: "x", Asset: f.clipAsset, Start: project.Frames(0, project.DefaultRate)}}, project.EINVALID},
		{project.UpdateAudioClip{Clip: project.AudioClip{ID: f.clip, Lane: project.LaneMusic, Name: "loud", Start: project.Frames(0, project.DefaultRate), GainDB: 40}}, project.EINVALID},
		{project.DeleteAudioClip{ClipID: 999}, project.ENOTFOUND},
		{unknownEdit{}, project.EINVALID},
	}
	for _, c := range cases {
		_, err := p.Apply(bg, c.e)
		if project.ErrorCode(err) != c.code {
			t.Errorf("%s %+v: got %v (code %s), want %s", c.e.Label(), c.e, err, project.ErrorCode(err), c.code)
		}
	}
	_, err := p.Apply(bg, nil)
	wantCode(t, err, project.EINVALID)
	sameState(t, "after refused edits", dump(t, p), before)
	if p.UndoLabel() != label {
		t.Fatalf("refused edits changed the undo stack: %q", p.UndoLabel())
	}
}

type unknownEdit struct{}

func (unknownEdit) Label() string { return "Mystery" }

func TestPointerEditsWork(t *testing.T) {
	p := MustOpenDB(t)
	a := mustApply(t, p, &project.AddShot{Shot: shotAt24("by pointer")})
	s := mustShot(t, p, a.ID)
	s.Prompt = "changed by pointer"
	mustApply(t, p, &project.UpdateShot{Shot: *s})
	if got := mustShot(t, p, a.ID).Prompt; got != "changed by pointer" {
		t.Fatalf("prompt %q", got)
	}
	mustUndo(t, p)
	if got := mustShot(t, p, a.ID).Prompt; got != "by pointer" {
		t.Fatalf("prompt after undo %q", got)
	}
}

func TestRateChangeUndoIsExact(t *testing.T) {
	p := MustOpenDB(t)
	// 7 frames at 24 fps is 8.75 frames at 30000/1001: rounding both ways
	// would not get back to 7, but undo must.
	s := shotAt24("odd length")
	s.Duration = project.Frames(7, project.DefaultRate)
	id := mustApply(t, p, project.AddShot{Shot: s}).ID
	one := shotAt24("one frame")
	one.Duration = project.Frames(1, project.Rate60)
	pr, _ := p.Project(bg)
	pr.Rate = project.Rate60
	mustApply(t, p, project.UpdateProject{Project: *pr})
	oneID := mustApply(t, p, project.AddShot{Shot: one}).ID
	pr.Rate = project.DefaultRate
	mustApply(t, p, project.UpdateProject{Project: *pr})
	if d := mustShot(t, p, oneID).Duration; d.Frames != 1 || d.Rate != project.DefaultRate {
		t.Fatalf("a 1-frame shot became %v at 24 fps; shots keep at least one frame", d)
	}
	before := dump(t, p)
	pr.Rate = project.Rate2997
	mustApply(t, p, project.UpdateProject{Project: *pr})
	if d := mustShot(t, p, id).Duration; d.Rate != project.Rate2997 || d.Frames != 9 {
		t.Fatalf("retimed duration %v", d)
	}
	mustUndo(t, p)
	sameState(t, "after undoing a rate change", dump(t, p), before)
}
