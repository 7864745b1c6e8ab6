package app

import (
	"os"
	"strings"
	"testing"

	"kino/engine/models/modelstest"
)

// The studio's Models window lists the models, downloads one from a
// Hugging Face-layout server (with progress; Cancel leaves nothing),
// tries it with a preview, and removes it.
func TestStudioModelsWindow(t *testing.T) {
	isolate(t)
	srv := modelstest.New(realPackDir, "kino-test/tiny-sd-real")
	defer srv.Close()
	h := newStudioHarness(t, "a lighthouse on a cliff at night")
	h.s.ShowModels()
	p := h.s.ModelsPanel()
	if p == nil {
		t.Fatal("File ▸ Models… opened no window")
	}
	h.settle("listing an empty folder", func() bool { return !p.Busy() && len(p.Entries()) == 0 })

	// Cancel at once: nothing is installed, nothing visible.
	p.AddURL(srv.RepoURL(""))
	p.Cancel()
	h.settle("cancelling", func() bool { return !p.Busy() && strings.HasPrefix(p.Status(), "Cancelled") })
	if ents, _ := os.ReadDir(ModelsDir()); len(visibleNames(ents)) != 0 {
		t.Fatalf("a cancelled download is visible: %v", visibleNames(ents))
	}

	p.AddURL(srv.RepoURL(""))
	h.settle("downloading", func() bool { return !p.Busy() && len(p.Entries()) == 1 })
	if st := p.Status(); !strings.HasPrefix(st, "Installed tiny-sd-real") {
		t.Fatalf("status after the download %q", st)
	}
	if e := p.Entries()[0]; !e.Loads || e.Kind != "image" {
		t.Fatalf("downloaded entry %+v", e)
	}

	p.Select("tiny-sd-real")
	p.SetTryPrompt("a lighthouse on a cliff at night", 42)
	p.TrySelected()
	h.settle("trying", func() bool { return !p.Busy() && p.Preview() != nil })
	if b := p.Preview().Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Errorf("the still is %v; the pack's native square is 256 (unet sample_size 32)", b)
	}
	if !strings.Contains(p.TryInfo(), "256x256") {
		t.Errorf("try info %q", p.TryInfo())
	}

	p.Remove("tiny-sd-real")
	h.settle("removing", func() bool { return !p.Busy() && len(p.Entries()) == 0 })
	if ents, _ := os.ReadDir(ModelsDir()); len(ents) != 0 {
		t.Fatalf("after removing, the models folder holds %v", visibleNames(ents))
	}
}

func visibleNames(ents []os.DirEntry) []string {
	var out []string
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}
