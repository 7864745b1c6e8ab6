package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"

	"kino/engine/files"
	"kino/project"
	"kino/project/cameoimage"
	kwidget "kino/ui/widget"
)

// cameosCtl looks after the cameo library and casting: the library panel
// and the new-cameo form, dragging a cameo onto a shot, the inbox's
// images, and what to do with takes withheld for consent.
type cameosCtl struct {
	s         *Studio
	panel     *kwidget.CameoPanel
	form      *cameoForm // the new-cameo form last opened, if any
	avatars   *thumbCache
	dragGhost *canvas.Rectangle
	dragCameo *project.Cameo
	inbox     []InboxImage // images imported from the inbox, oldest first
}

// newCameosCtl returns the cameo controller of s, whose library's
// avatars it decodes as the panel asks for them.
func newCameosCtl(s *Studio) *cameosCtl {
	cs := &cameosCtl{s: s}
	if s.deps.Library != nil {
		cs.avatars = newThumbCache(s.deps.Library.OpenBlob, s.deps.Post, 96, 96)
		cs.avatars.onLoad = func() { cs.panel.Redraw() }
	} else {
		cs.avatars = newThumbCache(nil, s.deps.Post, 96, 96)
	}
	return cs
}

// build creates the library panel and the ghost a dragged cameo shows.
func (cs *cameosCtl) build() {
	s := cs.s
	cs.panel = kwidget.NewCameoPanel(s.deps.Now, cs.avatarOf)
	cs.panel.OnNew = cs.newCameo
	cs.panel.OnCast = func(c *project.Cameo) { cs.castInSelected(c, true) }
	cs.panel.OnRevoke = cs.confirmRevoke
	cs.panel.OnImport = cs.importCameo
	cs.panel.OnExport = cs.exportCameo
	cs.panel.Verdict = func(c *project.Cameo) project.ConsentVerdict {
		return s.m.verdict(c.ID, c.Handle, s.deps.Now())
	}
	cs.panel.OnDrag = cs.dragged
	cs.panel.OnDrop = cs.dropped

	cs.dragGhost = canvas.NewRectangle(theme.Color(theme.ColorNameFocus))
	cs.dragGhost.CornerRadius = 6
	cs.dragGhost.Resize(fyne.NewSize(36, 36))
	cs.dragGhost.Hide()
}

// castInSelected casts c in the selected shot.
func (cs *cameosCtl) castInSelected(c *project.Cameo, fromPanel bool) {
	id := cs.s.selectedID()
	if id == 0 {
		cs.s.setStatus("Select a shot to cast " + c.Handle + " in")
		return
	}
	cs.castOn(id, c)
}

// castOn casts c in shot id: its images are copied into the project's
// media first, then the cast is stored (with a snapshot of the cameo).
func (cs *cameosCtl) castOn(id int64, c *project.Cameo) {
	sh := cs.s.m.shot(id)
	if sh == nil {
		return
	}
	if v := cs.s.m.verdict(c.ID, c.Handle, cs.s.deps.Now()); !v.Allowed() {
		cs.s.showError("Cast "+c.Handle, v.Err)
		return
	}
	if sh.IsCast(c.Handle) {
		cs.s.setStatus(c.Handle + " is already cast in shot " + itoa(sh.Number()))
		return
	}
	cameo := c.Clone()
	cs.s.work.do(func(ctx context.Context) func() {
		var err error
		if cs.s.deps.Library != nil {
			err = copyAssets(ctx, cs.s.deps.Store, cs.s.deps.Library, cameo.Images)
		}
		return func() {
			if err != nil {
				cs.s.showError("Cast "+cameo.Handle, err)
			}
		}
	})
	cs.s.edits.apply(project.CastCameo{ShotID: id, Cameo: *cameo}, id)
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
func (cs *cameosCtl) confirmRevoke(c *project.Cameo) {
	msg := fmt.Sprintf("Revoke %s (%s)? Every take that depicts %s, in every project, is withheld: not played, shown or exported. Shots that cast %s cannot be generated any more.", c.Handle, c.Name, c.Handle, c.Handle)
	dialog.ShowConfirm("Revoke cameo", msg, func(ok bool) {
		if ok {
			cs.revoke(c.Handle)
		}
	}, cs.s.win)
}

// RevokeCameo revokes the consent of the library cameo with handle h and
// refreshes the project's copy of it.
func (s *Studio) RevokeCameo(h string) { s.cast.revoke(h) }

// revoke revokes the library cameo with handle h (see RevokeCameo).
func (cs *cameosCtl) revoke(h string) {
	if cs.s.deps.Library == nil {
		return
	}
	now := cs.s.deps.Now().UTC()
	inProject := cs.s.m.projectCameoIDs()
	cs.s.work.do(func(ctx context.Context) func() {
		c, err := cs.s.deps.Library.RevokeCameo(ctx, project.NormalizeHandle(h), now)
		if err == nil && inProject[c.ID] {
			// Not an edit: a revocation cannot be undone.
			var f *project.ConsentFacts
			if f, err = cs.s.deps.Library.ConsentFacts(ctx); err == nil {
				_, err = cs.s.deps.Store.SyncConsent(ctx, []project.ConsentRecord{project.RecordOf(c)}, f.Trusted...)
			}
		}
		return func() {
			if err != nil {
				cs.s.showError("Revoke "+h, err)
				return
			}
			cs.s.setStatus("Revoked " + c.Handle + ". Its takes are withheld and it can no longer be cast or generated.")
		}
	})
	cs.s.edits.reloadLibrary()
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
func (cs *cameosCtl) newCameo() {
	if cs.s.deps.Library == nil {
		cs.s.setStatus("No cameo library is open")
		return
	}
	f := newCameoForm(cs.s.win, cs.s.m.settings.ID, cs.s.deps.Now)
	f.onSave = cs.save
	f.onTestVoice = cs.testVoice
	if cs.s.deps.VoiceModels != nil {
		f.voicePart.setModels(cs.s.deps.VoiceModels())
	}
	f.setInbox(cs.inbox)
	cs.form = f
	f.show()
}

// save checks the reference image and stores the cameo.
func (cs *cameosCtl) save(d CameoDraft, done func(error)) {
	cs.s.work.do(func(ctx context.Context) func() {
		err := createCameo(ctx, cs.s.deps.Library, d)
		return func() {
			done(err)
			if err == nil {
				cs.s.setStatus("Saved cameo " + d.Cameo.Handle)
			}
		}
	})
	cs.s.edits.reloadLibrary()
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

// dragged follows a cameo dragged from the library over the window,
// highlighting the shot card it would be cast in.
func (cs *cameosCtl) dragged(c *project.Cameo, at fyne.Position) {
	cs.dragCameo = c
	cs.dragGhost.Move(at.SubtractXY(18, 18))
	cs.dragGhost.Show()
	cs.s.timeline.HighlightDrop(cs.s.timeline.CardAt(cs.toTimeline(at)))
}

// dropped casts the dragged cameo in the card under the pointer.
func (cs *cameosCtl) dropped(c *project.Cameo) {
	cs.dragGhost.Hide()
	i := cs.s.timeline.DropTarget()
	cs.s.timeline.HighlightDrop(-1)
	cs.dragCameo = nil
	if cards := cs.s.timeline.Cards(); i >= 0 && i < len(cards) {
		cs.castOn(cards[i].ID, c)
	}
}

// toTimeline converts an absolute position to the timeline's coordinates.
func (cs *cameosCtl) toTimeline(at fyne.Position) fyne.Position {
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(cs.s.timeline)
	return at.Subtract(origin)
}

// filesDropped takes an image dropped on the window as the reference
// image of the cameo form, when it is open.
func (cs *cameosCtl) filesDropped(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		ext := strings.ToLower(filepath.Ext(u.Path()))
		if ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".gif" {
			continue
		}
		if cs.form != nil {
			cs.form.setImage(u.Path())
			return
		}
		cs.s.setStatus("To use " + filepath.Base(u.Path()) + " as a cameo's reference image, open New cameo first")
		return
	}
}

// withheldOf describes why sh's active take is withheld now, with what
// the person can do; nil when it is not.
func (cs *cameosCtl) withheldOf(sh *project.Shot, now time.Time) *kwidget.WithheldView {
	active := cs.s.m.activeTake(sh)
	reason := cs.s.m.withheld(active, now)
	if reason == "" {
		return nil
	}
	v := &kwidget.WithheldView{Reason: reason}
	for _, c := range active.Cameos {
		if !cs.s.m.verdict(c.CameoID, c.Handle, now).Allowed() && sh.IsCast(c.Handle) {
			v.Handles = append(v.Handles, c.Handle)
		}
	}
	for _, t := range cs.s.m.takes[sh.ID] {
		switch {
		case cs.s.m.withheld(t, now) != "":
			v.Count++
		case t.Status == project.TakeDone && t.ID != sh.ActiveTakeID:
			v.Usable = true
		}
	}
	return v
}

// regenerateWithout removes handles from the selected shot's cast, then
// generates it anew.
func (cs *cameosCtl) regenerateWithout(handles []string) {
	id := cs.s.selectedID()
	if id == 0 {
		return
	}
	if len(handles) == 0 {
		cs.s.jobs.generate(id, GenerateOptions{Force: true})
		return
	}
	var edits []project.Edit
	for _, h := range handles {
		edits = append(edits, project.UncastCameo{ShotID: id, Handle: h})
	}
	cs.s.edits.applyAll(edits, func() { cs.s.jobs.generate(id, GenerateOptions{Force: true}) }, id)
}

// chooseUsableTake makes the newest take of the selected shot that may be
// shown its active take.
func (cs *cameosCtl) chooseUsableTake() {
	sh := cs.s.selectedShot()
	if sh == nil {
		return
	}
	now := cs.s.deps.Now()
	takes := cs.s.m.takes[sh.ID]
	for k := len(takes) - 1; k >= 0; k-- {
		t := takes[k]
		if t.Status == project.TakeDone && t.ID != sh.ActiveTakeID && cs.s.m.withheld(t, now) == "" {
			cs.s.edits.apply(project.SetActiveTake{ShotID: sh.ID, TakeID: t.ID}, sh.ID)
			return
		}
	}
	cs.s.setStatus("Shot " + itoa(sh.Number()) + " has no other take that may be shown")
}

// deleteWithheldTakes deletes every withheld take of the selected shot,
// after asking. The edit is undoable until the project closes; then the
// takes' media are removed from disk.
func (cs *cameosCtl) deleteWithheldTakes() {
	sh := cs.s.selectedShot()
	if sh == nil {
		return
	}
	now := cs.s.deps.Now()
	var ids []int64
	for _, t := range cs.s.m.takes[sh.ID] {
		if cs.s.m.withheld(t, now) != "" {
			ids = append(ids, t.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	msg := fmt.Sprintf("Delete %d withheld take(s) of shot %d? You can undo this until the project is closed; then their pictures and sound are removed from disk.", len(ids), sh.Number())
	dialog.ShowConfirm("Delete withheld takes", msg, func(ok bool) {
		if ok {
			cs.s.DeleteWithheldTakes(sh.ID, ids)
		}
	}, cs.s.win)
}

// DeleteWithheldTakes deletes takes ids of shot id in one undoable edit
// whose media are purged when the project closes.
func (s *Studio) DeleteWithheldTakes(id int64, ids []int64) {
	s.edits.apply(project.DeleteTakes{TakeIDs: ids, Purge: true}, id)
}

// applyAll applies edits one after another, then runs then.
func (ed *editsCtl) applyAll(edits []project.Edit, then func(), shotIDs ...int64) {
	if len(edits) == 0 {
		if then != nil {
			then()
		}
		return
	}
	ed.applyThen(edits[0], func(project.Applied) { ed.applyAll(edits[1:], then, shotIDs...) }, shotIDs...)
}

// candidates are the cameos `@` may offer: the library's and the
// project's own copies (for projects from another machine).
func (cs *cameosCtl) candidates() []*project.Cameo {
	now := cs.s.deps.Now()
	var out []*project.Cameo
	for _, c := range cs.s.m.library {
		if cs.s.m.verdict(c.ID, c.Handle, now).Allowed() {
			out = append(out, c)
		}
	}
	for _, c := range cs.s.m.cameos {
		if cs.s.m.libraryCameo(c.Handle) == nil && cs.s.m.verdict(c.ID, c.Handle, now).Allowed() {
			out = append(out, c)
		}
	}
	return out
}

// avatarOf returns a cameo's decoded first image, or nil while it loads.
func (cs *cameosCtl) avatarOf(c *project.Cameo) image.Image {
	if len(c.Images) == 0 {
		return nil
	}
	return cs.avatars.get(c.Images[0].SHA256)
}
