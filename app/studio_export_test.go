package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kino/engine/export"
	"kino/project"
	"kino/project/sqlite"
)

// TestStudioExportAVIThenConflictThenConsent drives File ▸ Export's action
// (Studio.StartExport, which the dialog's Export button calls) through the
// app's exporter: a pure-Go AVI is written and says so, exporting over it
// asks first, and a revoked cameo refuses the export naming the cameo.
func TestStudioExportAVIThenConflictThenConsent(t *testing.T) {
	h := newStudioHarness(t, "Mara waves on the pier", "fireworks over the bay")
	out := filepath.Join(t.TempDir(), "film.avi")
	opts := export.Options{Format: export.FormatAVI, Out: out, Quality: export.QualityDraft, PureGo: true}

	h.s.StartExport(opts)
	h.settle("exporting an AVI", func() bool { return !h.s.Exporting() })
	res := h.s.ExportResult()
	if !strings.HasPrefix(res, "Exported "+out) || !strings.Contains(res, "pure Go") {
		t.Fatalf("export result %q, want the AVI named with the pure-Go encoder", res)
	}
	if st, err := os.Stat(out); err != nil || st.Size() < 1024 {
		t.Fatalf("exported AVI: %v (%v)", st, err)
	}
	if _, err := os.Stat(out + ".provenance.json"); err != nil {
		t.Fatalf("provenance sidecar: %v", err)
	}

	h.s.StartExport(opts)
	h.settle("exporting over the AVI", func() bool { return !h.s.Exporting() })
	if res := h.s.ExportResult(); !strings.HasPrefix(res, "Export waiting") {
		t.Fatalf("exporting over an existing file gave %q, want a question first", res)
	}
	forced := opts
	forced.Force = true
	h.s.StartExport(forced)
	h.settle("replacing the AVI", func() bool { return !h.s.Exporting() })
	if res := h.s.ExportResult(); !strings.HasPrefix(res, "Exported ") {
		t.Fatalf("forced export gave %q", res)
	}

	h.addCameo("@mara", "Mara Lind")
	for _, r := range h.s.Cameos().Rows() {
		if r.Cameo.Handle == "@mara" {
			test.Tap(r.CastButton())
		}
	}
	h.settle("casting", func() bool { return h.shots()[0].IsCast("@mara") })
	h.s.RevokeCameo("@mara")
	h.settle("revoking", func() bool { return true })
	wav := filepath.Join(t.TempDir(), "film.wav")
	h.s.StartExport(export.Options{Format: export.FormatWAV, Out: wav})
	h.settle("exporting with a revoked cameo", func() bool { return !h.s.Exporting() })
	res = h.s.ExportResult()
	if !strings.HasPrefix(res, "Export refused: shot 1") || !strings.Contains(res, "@mara") {
		t.Fatalf("export of a revoked cameo gave %q, want a refusal naming shot 1 and @mara", res)
	}
	// Said once, in the studio's words.
	if strings.Count(strings.ToLower(res), "refused") != 1 || strings.Count(res, "revoked") != 1 || strings.Contains(res, "--skip-withheld") {
		t.Fatalf("the refusal repeats itself or speaks command line: %q", res)
	}
	if _, err := os.Stat(wav); !os.IsNotExist(err) {
		t.Fatalf("a refused export left %s behind (%v)", wav, err)
	}
}

// TestStudioSaveACopy saves a copy of the open project through the File
// menu's action and opens it: the same shots and takes, and no damage.
func TestStudioSaveACopy(t *testing.T) {
	h := newStudioHarness(t, "a red kite", "a green hill")
	h.s.GenerateSelected()
	h.settle("generating", func() bool {
		tk := h.takes(h.shots()[0].ID)
		return len(tk) == 1 && tk[0].Status == project.TakeDone
	})
	files := &studioFiles{current: func() *studioSession { return h.sess }}
	dest := filepath.Join(t.TempDir(), "Backup")
	if err := files.SaveCopy(dest); err != nil {
		t.Fatalf("Save a Copy: %v", err)
	}
	c, err := sqlite.Open(dest+sqlite.Suffix, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("opening the copy: %v", err)
	}
	defer c.Close()
	ctx := context.Background()
	shots, err := c.Shots(ctx)
	if err != nil || len(shots) != 2 || shots[0].Prompt != "a red kite" || shots[1].Prompt != "a green hill" {
		t.Fatalf("copy's shots %v (%v)", shots, err)
	}
	takes, err := c.Takes(ctx, shots[0].ID)
	orig := h.takes(h.shots()[0].ID)
	if err != nil || len(takes) != 1 || takes[0].ID != orig[0].ID || takes[0].Media[0].Asset != orig[0].Media[0].Asset {
		t.Fatalf("copy's takes %+v (%v), want %+v", takes, err, orig)
	}
	if damage, err := c.Check(ctx); err != nil || len(damage) != 0 {
		t.Fatalf("Check of the copy: %v %+v", err, damage)
	}
}
