package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"kino/engine/export"
)

// The hand-off's checks apply to the hand-off formats only.
func TestExportFormHandoffOptions(t *testing.T) {
	test.NewTempApp(t)
	f := newExportForm("Strand ü 花火", "")
	f.asciiNames.SetChecked(true)
	f.hourStart.SetChecked(true)
	if o := f.options(); o.ASCIINames || o.RecordStart != "" || !f.asciiNames.Disabled() {
		t.Fatalf("MP4 export got hand-off options %+v", o)
	}
	f.format.SetSelected(string(export.FormatFCPXML))
	o := f.options()
	if !o.ASCIINames || o.RecordStart != "01:00:00:00" || o.Format != export.FormatFCPXML || o.Out[len(o.Out)-7:] != ".fcpxml" {
		t.Fatalf("FCPXML export options %+v", o)
	}
}

// TestExportFormNamesFilesSafely: a title with a colon does not become a
// file name with one.
func TestExportFormNamesFilesSafely(t *testing.T) {
	test.NewTempApp(t)
	f := newExportForm("Demo: Strand", "")
	if got := filepath.Base(f.out.Text); got != "Demo - Strand.mp4" {
		t.Fatalf("default file %q", got)
	}
	for in, want := range map[string]string{"a/b": "a-b", "  ": "Untitled", "what?": "what-", "..": "Untitled", "Am Strand": "Am Strand"} {
		if got := safeFileName(in); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExportFormOffersTheLastFile: the folder, name and format used last
// time are offered again.
func TestExportFormOffersTheLastFile(t *testing.T) {
	test.NewTempApp(t)
	last := filepath.Join(t.TempDir(), "cuts", "rough cut.wav")
	f := newExportForm("Demo", last)
	if f.out.Text != last || f.format.Selected != string(export.FormatWAV) {
		t.Fatalf("offered %q as %s, want %q as wav", f.out.Text, f.format.Selected, last)
	}
	f.format.SetSelected(string(export.FormatMP4))
	if want := filepath.Join(filepath.Dir(last), "rough cut.mp4"); f.out.Text != want {
		t.Fatalf("after choosing mp4: %q, want %q", f.out.Text, want)
	}
}

// TestExportRefusalSaysItOnce: the exporter's consent refusal is shown
// once, without its command-line advice.
func TestExportRefusalSaysItOnce(t *testing.T) {
	in := "export refused: shot 1 is withheld: @mara revoked consent (@mara's consent was revoked by Mara Lind; the cameo can no longer be used); regenerate those shots without the cameo, choose another take, or export with the withheld shots as placeholders (--skip-withheld)"
	want := "Export refused: shot 1 is withheld: @mara's consent was revoked by Mara Lind; the cameo can no longer be used.\nRegenerate without the cameo, choose another take, or tick “Export shots withheld by consent as labelled placeholders”."
	if got := exportRefusal(in); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
