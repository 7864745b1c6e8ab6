package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/export"
)

// TestStudioVerifyAFile drives File ▸ Verify a File (Studio.VerifyFile,
// which the menu's file dialog calls): a film the studio exported
// verifies and shows its shots, the same film with one changed picture
// byte is called tampered, and a file without credentials says so.
func TestStudioVerifyAFile(t *testing.T) {
	h := newStudioHarness(t, "Mara waves on the pier", "fireworks over the bay")
	var labels []string
	for _, it := range h.s.MainMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	if !strings.Contains(strings.Join(labels, "|"), "Export…|Verify a File…") {
		t.Errorf("the File menu is %v; want Verify a File… after Export…", labels)
	}
	out := filepath.Join(t.TempDir(), "film.avi")
	h.s.StartExport(export.Options{Format: export.FormatAVI, Out: out, Quality: export.QualityDraft, PureGo: true})
	h.settle("exporting", func() bool { return !h.s.Exporting() })

	h.s.VerifyFile(out)
	h.settle("verifying", func() bool { return !h.s.Verifying() })
	rep, err := h.s.VerifyResult()
	if err != nil || rep == nil || !rep.Valid() {
		t.Fatalf("the exported film does not verify in the studio: %v %+v", err, rep)
	}
	text := h.s.VerifyText()
	for _, want := range []string{"verified", "Mara waves on the pier", "fireworks over the bay", "c2pa.created"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, text)
		}
	}

	b, _ := os.ReadFile(out)
	b[bytes.Index(b, []byte("00dc"))+300] ^= 1
	os.WriteFile(out, b, 0o644)
	h.s.VerifyFile(out)
	h.settle("verifying the changed film", func() bool { return !h.s.Verifying() })
	if rep, _ := h.s.VerifyResult(); rep == nil || rep.Valid() || !strings.HasPrefix(rep.Verdict(), "TAMPERED") {
		t.Fatalf("a changed picture byte: %+v", rep)
	}

	plain := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(plain, []byte("a note"), 0o644)
	h.s.VerifyFile(plain)
	h.settle("verifying a plain file", func() bool { return !h.s.Verifying() })
	if rep, _ := h.s.VerifyResult(); rep == nil || rep.Found || !strings.Contains(h.s.VerifyText(), "no Content Credentials") {
		t.Fatalf("a file without credentials: %+v", rep)
	}
}
