package ui

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"kino/engine/files"
	"kino/project"
	"kino/project/cameoimage"
	kwidget "kino/ui/widget"
)

// castInSelected casts c in the selected shot.
func (s *Studio) castInSelected(c *project.Cameo, fromPanel bool) {
	id := s.selectedID()
	if id == 0 {
		s.setStatus("Select a shot to cast " + c.Handle + " in")
		return
	}
	s.castOn(id, c)
}

// castOn casts c in shot id: its images are copied into the project's
// media first, then the cast is stored (with a snapshot of the cameo).
func (s *Studio) castOn(id int64, c *project.Cameo) {
	sh := s.m.shot(id)
	if sh == nil {
		return
	}
	if v := s.m.verdict(c.ID, c.Handle, s.deps.Now()); !v.Allowed() {
		s.showError("Cast "+c.Handle, v.Err)
		return
	}
	if sh.IsCast(c.Handle) {
		s.setStatus(c.Handle + " is already cast in shot " + itoa(sh.Number()))
		return
	}
	cameo := c.Clone()
	s.work.do(func(ctx context.Context) func() {
		var err error
		if s.deps.Library != nil {
			err = copyAssets(ctx, s.deps.Store, s.deps.Library, cameo.Images)
		}
		return func() {
			if err != nil {
				s.showError("Cast "+cameo.Handle, err)
			}
		}
	})
	s.apply(project.CastCameo{ShotID: id, Cameo: *cameo}, id)
}

// copyAssets copies blobs from src (the cameo library) into dst (the
// project), skipping blobs already there and checking their hashes.
func copyAssets(ctx context.Context, dst, src project.MediaStore, assets []project.Asset) error {
	for _, a := range assets {
		if _, err := os.Stat(dst.BlobPath(a.SHA256)); err == nil {
			continue
		}
		r, err := src.OpenBlob(a.SHA256)
		if err != nil {
			return fmt.Errorf("copying cameo image %.12s into the project: %w", a.SHA256, err)
		}
		got, err := dst.PutBlob(ctx, r, a.MediaType)
		r.Close()
		if err != nil {
			return fmt.Errorf("copying cameo image %.12s into the project: %w", a.SHA256, err)
		}
		if got.SHA256 != a.SHA256 {
			return project.Errorf(project.ECORRUPT, "library image %s is damaged (its content hashes to %s)", src.BlobPath(a.SHA256), got.SHA256)
		}
	}
	return nil
}

// confirmRevoke asks before revoking c's consent.
func (s *Studio) confirmRevoke(c *project.Cameo) {
	msg := fmt.Sprintf("Revoke %s (%s)? Every take that depicts %s, in every project, is withheld: not played, shown or exported. Shots that cast %s cannot be generated any more.", c.Handle, c.Name, c.Handle, c.Handle)
	dialog.ShowConfirm("Revoke cameo", msg, func(ok bool) {
		if ok {
			s.RevokeCameo(c.Handle)
		}
	}, s.win)
}

// RevokeCameo revokes the consent of the library cameo with handle h and
// refreshes the project's copy of it.
func (s *Studio) RevokeCameo(h string) {
	if s.deps.Library == nil {
		return
	}
	now := s.deps.Now().UTC()
	inProject := s.m.projectCameoIDs()
	s.work.do(func(ctx context.Context) func() {
		c, err := s.deps.Library.RevokeCameo(ctx, project.NormalizeHandle(h), now)
		if err == nil && inProject[c.ID] {
			// Not an edit: a revocation cannot be undone.
			var f *project.ConsentFacts
			if f, err = s.deps.Library.ConsentFacts(ctx); err == nil {
				_, err = s.deps.Store.SyncConsent(ctx, []project.ConsentRecord{project.RecordOf(c)}, f.Trusted...)
			}
		}
		return func() {
			if err != nil {
				s.showError("Revoke "+h, err)
				return
			}
			s.setStatus("Revoked " + c.Handle + ". Its takes are withheld and it can no longer be cast or generated.")
		}
	})
	s.reloadLibrary()
}

// projectCameoIDs returns the IDs of the project's cameo copies.
func (m *model) projectCameoIDs() map[string]bool {
	out := map[string]bool{}
	for _, c := range m.cameos {
		out[c.ID] = true
	}
	return out
}

// newCameo opens the new-cameo form.
func (s *Studio) newCameo() {
	if s.deps.Library == nil {
		s.setStatus("No cameo library is open")
		return
	}
	f := newCameoForm(s.win, s.m.settings.ID, s.deps.Now)
	f.onSave = s.saveCameo
	f.onTestVoice = s.testVoice
	if s.deps.VoiceModels != nil {
		f.voicePart.setModels(s.deps.VoiceModels())
	}
	f.setInbox(s.inbox)
	s.form = f
	f.show()
}

// saveCameo checks the reference image and stores the cameo.
func (s *Studio) saveCameo(d CameoDraft, done func(error)) {
	s.work.do(func(ctx context.Context) func() {
		err := createCameo(ctx, s.deps.Library, d)
		return func() {
			done(err)
			if err == nil {
				s.setStatus("Saved cameo " + d.Cameo.Handle)
			}
		}
	})
	s.reloadLibrary()
}

// createCameo reads, checks and stores a draft's image, then the cameo.
func createCameo(ctx context.Context, lib Library, d CameoDraft) error {
	data, err := files.ReadFile(d.ImagePath, files.ImageLimit)
	if err != nil {
		return project.Errorf(project.EINVALID, "the reference image %s cannot be read: %v", filepath.Base(d.ImagePath), err)
	}
	if _, err := cameoimage.Decode(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("reference image %s: %w", filepath.Base(d.ImagePath), err)
	}
	asset, err := lib.PutBlob(ctx, bytes.NewReader(data), http.DetectContentType(data))
	if err != nil {
		return err
	}
	c := d.Cameo
	c.Images = []project.Asset{asset}
	return lib.CreateCameo(ctx, &c)
}

// cameoDragged follows a cameo dragged from the library over the window,
// highlighting the shot card it would be cast in.
func (s *Studio) cameoDragged(c *project.Cameo, at fyne.Position) {
	s.dragCameo = c
	s.dragGhost.Move(at.SubtractXY(18, 18))
	s.dragGhost.Show()
	s.timeline.HighlightDrop(s.timeline.CardAt(s.toTimeline(at)))
}

// cameoDropped casts the dragged cameo in the card under the pointer.
func (s *Studio) cameoDropped(c *project.Cameo) {
	s.dragGhost.Hide()
	i := s.timeline.DropTarget()
	s.timeline.HighlightDrop(-1)
	s.dragCameo = nil
	if cards := s.timeline.Cards(); i >= 0 && i < len(cards) {
		s.castOn(cards[i].ID, c)
	}
}

// toTimeline converts an absolute position to the timeline's coordinates.
func (s *Studio) toTimeline(at fyne.Position) fyne.Position {
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.timeline)
	return at.Subtract(origin)
}

// filesDropped takes an image dropped on the window as the reference
// image of the cameo form, when it is open.
func (s *Studio) filesDropped(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		ext := strings.ToLower(filepath.Ext(u.Path()))
		if ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".gif" {
			continue
		}
		if s.form != nil {
			s.form.setImage(u.Path())
			return
		}
		s.setStatus("To use " + filepath.Base(u.Path()) + " as a cameo's reference image, open New cameo first")
		return
	}
}

// withheldOf describes why sh's active take is withheld now, with what
// the person can do; nil when it is not.
func (s *Studio) withheldOf(sh *project.Shot, now time.Time) *kwidget.WithheldView {
	active := s.m.activeTake(sh)
	reason := s.m.withheld(active, now)
	if reason == "" {
		return nil
	}
	v := &kwidget.WithheldView{Reason: reason}
	for _, c := range active.Cameos {
		if !s.m.verdict(c.CameoID, c.Handle, now).Allowed() && sh.IsCast(c.Handle) {
			v.Handles = append(v.Handles, c.Handle)
		}
	}
	for _, t := range s.m.takes[sh.ID] {
		switch {
		case s.m.withheld(t, now) != "":
			v.Count++
		case t.Status == project.TakeDone && t.ID != sh.ActiveTakeID:
			v.Usable = true
		}
	}
	return v
}

// regenerateWithout removes handles from the selected shot's cast, then
// generates it anew.
func (s *Studio) regenerateWithout(handles []string) {
	id := s.selectedID()
	if id == 0 {
		return
	}
	if len(handles) == 0 {
		s.jobs.generate(id, GenerateOptions{Force: true})
		return
	}
	var edits []project.Edit
	for _, h := range handles {
		edits = append(edits, project.UncastCameo{ShotID: id, Handle: h})
	}
	s.applyAll(edits, func() { s.jobs.generate(id, GenerateOptions{Force: true}) }, id)
}

// chooseUsableTake makes the newest take of the selected shot that may be
// shown its active take.
func (s *Studio) chooseUsableTake() {
	sh := s.selectedShot()
	if sh == nil {
		return
	}
	now := s.deps.Now()
	takes := s.m.takes[sh.ID]
	for k := len(takes) - 1; k >= 0; k-- {
		t := takes[k]
		if t.Status == project.TakeDone && t.ID != sh.ActiveTakeID && s.m.withheld(t, now) == "" {
			s.apply(project.SetActiveTake{ShotID: sh.ID, TakeID: t.ID}, sh.ID)
			return
		}
	}
	s.setStatus("Shot " + itoa(sh.Number()) + " has no other take that may be shown")
}

// deleteWithheldTakes deletes every withheld take of the selected shot,
// after asking. The edit is undoable until the project closes; then the
// takes' media are removed from disk.
func (s *Studio) deleteWithheldTakes() {
	sh := s.selectedShot()
	if sh == nil {
		return
	}
	now := s.deps.Now()
	var ids []int64
	for _, t := range s.m.takes[sh.ID] {
		if s.m.withheld(t, now) != "" {
			ids = append(ids, t.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	msg := fmt.Sprintf("Delete %d withheld take(s) of shot %d? You can undo this until the project is closed; then their pictures and sound are removed from disk.", len(ids), sh.Number())
	dialog.ShowConfirm("Delete withheld takes", msg, func(ok bool) {
		if ok {
			s.DeleteWithheldTakes(sh.ID, ids)
		}
	}, s.win)
}

// DeleteWithheldTakes deletes takes ids of shot id in one undoable edit
// whose media are purged when the project closes.
func (s *Studio) DeleteWithheldTakes(id int64, ids []int64) {
	s.apply(project.DeleteTakes{TakeIDs: ids, Purge: true}, id)
}

// applyAll applies edits one after another, then runs then.
func (s *Studio) applyAll(edits []project.Edit, then func(), shotIDs ...int64) {
	if len(edits) == 0 {
		if then != nil {
			then()
		}
		return
	}
	s.applyThen(edits[0], func(project.Applied) { s.applyAll(edits[1:], then, shotIDs...) }, shotIDs...)
}
