package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"kino/engine/export"
)

// The hand-off's checks apply to the hand-off formats only.
func TestExportFormHandoffOptions(t *testing.T) {
	test.NewTempApp(t)
	f := newExportForm("Strand ü 花火")
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
