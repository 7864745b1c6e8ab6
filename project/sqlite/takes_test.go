package sqlite

import (
	"os"
	"testing"

	"kino/project"
)

func TestTakeLifecycle(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "fireworks")
	label := p.UndoLabel()
	tk := &project.Take{ShotID: shot, Backend: "onnx", Model: "wan-1.3b", ModelHash: "abc", ParamsHash: "p1",
		Seed: 1<<64 - 1, Status: project.TakeRunning, Request: `{"prompt":"fireworks"}`}
	if err := p.CreateTake(bg, tk); err != nil {
		t.Fatal(err)
	}
	if tk.ID == 0 || tk.CreatedAt.IsZero() || tk.Rate != project.DefaultRate {
		t.Fatalf("created take %+v", tk)
	}
	tk.Status = project.TakeRunning
	if err := p.UpdateTake(bg, tk); err != nil {
		t.Fatal(err)
	}
	video := mustPutBlob(t, p, "mjpeg frames", "video/x-motion-jpeg")
	thumb := mustPutBlob(t, p, "png thumb", "image/png")
	tk.Media = []project.MediaRef{{Role: project.MediaVideo, Asset: video}, {Role: project.MediaThumbnail, Asset: thumb}}
	tk.Frames = 120
	if err := p.FinishTake(bg, tk, true); err != nil {
		t.Fatal(err)
	}
	got, err := p.Take(bg, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != project.TakeDone || got.Seed != 1<<64-1 || got.Frames != 120 || got.Request != tk.Request ||
		len(got.Media) != 2 || got.Media[1].Asset != thumb || !got.CreatedAt.Equal(tk.CreatedAt) {
		t.Fatalf("stored take %+v", got)
	}
	if s := mustShot(t, p, shot); s.ActiveTakeID != tk.ID {
		t.Fatalf("FinishTake did not make the take active: %d", s.ActiveTakeID)
	}
	if p.UndoLabel() != label {
		t.Fatalf("recording takes touched the undo stack: %q", p.UndoLabel())
	}
	// A second take: the shot keeps both.
	failed := &project.Take{ShotID: shot, Backend: "onnx", ParamsHash: "p2", Status: project.TakeRunning}
	if err := p.CreateTake(bg, failed); err != nil {
		t.Fatal(err)
	}
	failed.Status = project.TakeFailed
	err = p.UpdateTake(bg, failed)
	wantCode(t, err, project.EINVALID) // a failed take must say why
	failed.Error = "out of GPU memory"
	if err := p.UpdateTake(bg, failed); err != nil {
		t.Fatal(err)
	}
	takes, _ := p.Takes(bg, shot)
	if len(takes) != 2 || takes[1].Error != "out of GPU memory" {
		t.Fatalf("takes %+v", takes)
	}
	// Only done takes can be shown.
	_, err = p.Apply(bg, project.SetActiveTake{ShotID: shot, TakeID: failed.ID})
	wantCode(t, err, project.ECONFLICT)
}

func TestTakeRecorderRefusals(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "x")
	err := p.CreateTake(bg, &project.Take{ShotID: 999, Backend: "previz", Status: project.TakeRunning})
	wantCode(t, err, project.ENOTFOUND)
	err = p.CreateTake(bg, &project.Take{ShotID: shot, Status: project.TakeRunning})
	wantCode(t, err, project.EINVALID)
	err = p.UpdateTake(bg, &project.Take{ID: 999, ShotID: shot, Backend: "previz", Status: project.TakeDone})
	wantCode(t, err, project.ENOTFOUND)
	// Media must be stored first.
	missing := project.Asset{SHA256: "ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd", MediaType: "video/x-motion-jpeg", Size: 3}
	tk := &project.Take{ShotID: shot, Backend: "previz", Status: project.TakeRunning}
	if err := p.CreateTake(bg, tk); err != nil {
		t.Fatal(err)
	}
	tk.Media = []project.MediaRef{{Role: project.MediaVideo, Asset: missing}}
	err = p.FinishTake(bg, tk, true)
	wantCode(t, err, project.ENOTFOUND)
	wantMessage(t, err, p.BlobPath(missing.SHA256))
	got, _ := p.Take(bg, tk.ID)
	if got.Status != project.TakeRunning || len(got.Media) != 0 {
		t.Fatalf("a refused FinishTake changed the take: %+v", got)
	}
	// Two media for one role are refused.
	a := mustPutBlob(t, p, "v", "video/x-motion-jpeg")
	tk.Media = []project.MediaRef{{Role: project.MediaVideo, Asset: a}, {Role: project.MediaVideo, Asset: a}}
	wantCode(t, p.UpdateTake(bg, tk), project.EINVALID)
}

func TestDeleteTakeUndoBringsItBackWhole(t *testing.T) {
	p := MustOpenDB(t)
	shot := mustAddShot(t, p, "x")
	first := mustDoneTake(t, p, shot, "first video", false)
	second := mustDoneTake(t, p, shot, "second video", true)
	mustApply(t, p, project.SetFavourite{TakeID: second.ID, Favourite: true})
	want, _ := p.Take(bg, second.ID)

	mustApply(t, p, project.DeleteTake{TakeID: second.ID})
	if takes, _ := p.Takes(bg, shot); len(takes) != 1 || takes[0].ID != first.ID {
		t.Fatalf("takes after delete: %+v", takes)
	}
	blob := p.BlobPath(second.Media[0].Asset.SHA256)
	if _, err := os.Stat(blob); err != nil {
		t.Fatalf("deleting a take removed its blob: %v", err)
	}
	if r := mustUndo(t, p); r.ID != second.ID {
		t.Fatalf("undo restored ID %d", r.ID)
	}
	got, err := p.Take(bg, second.ID)
	if err != nil || !got.Favourite || got.Media[0] != want.Media[0] || !got.CreatedAt.Equal(want.CreatedAt) {
		t.Fatalf("restored take %+v, %v; want %+v", got, err, want)
	}
	if s := mustShot(t, p, shot); s.ActiveTakeID != second.ID {
		t.Fatalf("restored take is not active again")
	}
	// The take survives closing and reopening.
	p = mustReopen(t, p)
	if takes, _ := p.Takes(bg, shot); len(takes) != 2 {
		t.Fatalf("%d takes after reopening", len(takes))
	}
}
