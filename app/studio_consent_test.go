package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kino/engine/export"
	"kino/project"
	"kino/project/sqlite"
	kwidget "kino/ui/widget"
)

// castAndGenerate casts c in the first shot through the studio and
// generates it.
func (h *studioHarness) castAndGenerate(c *project.Cameo) *project.Shot {
	h.t.Helper()
	h.s.SelectShot(1)
	h.settle("selecting", func() bool { return true })
	sh := h.shots()[0]
	h.s.Inspector().OnCast(c)
	h.settle("casting", func() bool { return h.shots()[0].IsCast(c.Handle) })
	h.s.GenerateSelected()
	h.settle("generating", func() bool {
		cards := h.s.Timeline().Cards()
		return len(cards) > 0 && cards[0].State == kwidget.CardReady
	})
	return sh
}

func TestStudioWithholdsATakeAfterRevokeAndUncast(t *testing.T) {
	h := newStudioHarness(t, "@sam on the beach at sunset", "fireworks over the sea")
	sam := h.addCameo("@sam", "Sam")
	sh := h.castAndGenerate(sam)
	if title, _, _ := h.s.Player().Card(); strings.Contains(title, "withheld") {
		t.Fatalf("before revoking the card says %q", title)
	}
	h.s.RevokeCameo("@sam")
	h.settle("revoking", func() bool { return h.s.Timeline().Cards()[0].State == kwidget.CardWithheld })
	// The ✕ chip removes Sam from the cast: the take still depicts Sam.
	h.s.Inspector().OnUncast("@sam")
	h.settle("uncasting", func() bool { return !h.shots()[0].IsCast("@sam") })

	card := h.s.Timeline().Cards()[0]
	if card.State != kwidget.CardWithheld || card.Thumb != nil {
		t.Fatalf("card state %v, thumbnail %v; want withheld with no picture", card.State, card.Thumb != nil)
	}
	views := h.s.Inspector().Takes().Views()
	if len(views) != 1 || views[0].Thumb != nil || views[0].Withheld != "@sam revoked consent" {
		t.Fatalf("takes strip: %+v", views)
	}
	if use := h.s.Inspector().Takes().UseButton(views[0].Take.ID); use != nil && !use.Disabled() {
		t.Fatal("a withheld take can be made active")
	}
	// The player shows a card saying why, not the picture, and is silent.
	h.s.Player().Cue(3)
	h.settle("cueing", func() bool { return true })
	title, _, shown := h.s.Player().Card()
	if !shown || !strings.Contains(title, "withheld: @sam revoked consent") || h.s.Player().ShowingPicture() {
		t.Fatalf("player card %q shown %v, picture %v", title, shown, h.s.Player().ShowingPicture())
	}
	banner := h.s.Inspector().Withheld()
	if v := banner.View(); v.Reason != "@sam revoked consent" || v.Count != 1 || v.Usable || len(v.Handles) != 0 {
		t.Fatalf("withheld banner %+v", v)
	}
	// File ▸ Export refuses; with the box ticked the shot is a placeholder.
	out := filepath.Join(t.TempDir(), "film.wav")
	_, err := exportStudioProject(context.Background(), h.sess.Project, h.sess.Library, nil, export.Options{Format: export.FormatWAV, Out: out}, nil)
	if project.ErrorCode(err) != project.ECONSENT || !strings.Contains(err.Error(), "@sam revoked consent") {
		t.Fatalf("studio export: %v, want refused", err)
	}
	if _, err := exportStudioProject(context.Background(), h.sess.Project, h.sess.Library, nil, export.Options{Format: export.FormatWAV, Out: out, SkipWithheld: true}, nil); err != nil {
		t.Fatalf("export skipping withheld shots: %v", err)
	}

	// Delete withheld takes: undoable until the project closes, then the
	// media are gone from disk.
	tk := h.takes(sh.ID)[0]
	video, _ := tk.MediaFor(project.MediaVideo)
	videoPath := h.sess.Project.BlobPath(video.SHA256)
	h.s.DeleteWithheldTakes(sh.ID, []int64{tk.ID})
	h.settle("deleting", func() bool { return len(h.takes(sh.ID)) == 0 })
	h.s.Undo()
	h.settle("undoing", func() bool { return len(h.takes(sh.ID)) == 1 })
	h.s.Redo()
	h.settle("redoing", func() bool { return len(h.takes(sh.ID)) == 0 })
	if _, err := os.Stat(videoPath); err != nil {
		t.Fatalf("media removed before the project closed: %v", err)
	}
	h.settle("closing", func() bool { return true })
	h.sess.Close()
	if _, err := os.Stat(videoPath); !os.IsNotExist(err) {
		t.Fatalf("the withheld take's video is still on disk after closing (%v)", err)
	}
}

func TestStudioRegenerateWithoutTheRevokedCameo(t *testing.T) {
	h := newStudioHarness(t, "@sam waves from the pier")
	sam := h.addCameo("@sam", "Sam")
	sh := h.castAndGenerate(sam)
	h.s.RevokeCameo("@sam")
	h.settle("revoking", func() bool { return h.s.Timeline().Cards()[0].State == kwidget.CardWithheld })
	banner := h.s.Inspector().Withheld()
	if v := banner.View(); len(v.Handles) != 1 || v.Handles[0] != "@sam" {
		t.Fatalf("banner offers to drop %v", v.Handles)
	}
	test.Tap(banner.RegenerateButton())
	h.settle("regenerating", func() bool {
		return len(h.takes(sh.ID)) == 2 && h.s.Timeline().Cards()[0].State == kwidget.CardReady
	})
	if h.shots()[0].IsCast("@sam") {
		t.Fatal("@sam is still cast")
	}
	if tk := h.takes(sh.ID)[1]; len(tk.Cameos) != 0 {
		t.Fatalf("the new take depicts %+v", tk.Cameos)
	}
	// The old take stays, withheld, until the person deletes it.
	views := h.s.Inspector().Takes().Views()
	if len(views) != 2 || views[0].Withheld == "" || views[1].Withheld != "" {
		t.Fatalf("takes after regenerating: %+v", views)
	}
}

// TestRevocationFindsAClosedProjectOnOpen: revoking in the library while a
// project is closed withholds its takes when it is next opened, and the
// project itself then carries the revocation.
func TestRevocationFindsAClosedProjectOnOpen(t *testing.T) {
	h := newStudioHarness(t, "@sam on a boat")
	sam := h.addCameo("@sam", "Sam")
	h.castAndGenerate(sam)
	h.settle("closing", func() bool { return true })
	h.sess.Close()

	key, err := consentKey() // the person's own key: a stranger's revocation would not count
	if err != nil {
		t.Fatal(err)
	}
	lib, err := sqlite.OpenLibrary(h.lib, key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.RevokeCameo(context.Background(), "@sam", time.Time{}); err != nil {
		t.Fatal(err)
	}
	lib.Close()

	h.open()
	if c := h.s.Timeline().Cards()[0]; c.State != kwidget.CardWithheld {
		t.Fatalf("reopened: card state %v, want withheld", c.State)
	}
	f, err := h.sess.Project.ConsentFacts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	revoked := false
	for _, r := range f.Records {
		revoked = revoked || r.Consent.Revoked
	}
	if !revoked {
		t.Fatal("the project did not keep the revocation it found on open")
	}
}
