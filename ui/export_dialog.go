package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"kino/engine/export"
)

// exportForm is File ▸ Export's dialog: what to write, where and how.
type exportForm struct {
	format     *widget.Select
	out        *widget.Entry
	quality    *widget.Select
	resolution *widget.Select
	watermark  *widget.Check
	previz     *widget.Check
	withheld   *widget.Check
	// For the editor hand-off (otio, edl, fcpxml) only.
	asciiNames *widget.Check
	hourStart  *widget.Check
}

// newExportForm returns the form filled with defaults for a film called
// name: the file last exported to (last, "" for none), or a file named
// after the film in the home folder.
func newExportForm(name, last string) *exportForm {
	f := &exportForm{out: widget.NewEntry()}
	var formats []string
	for _, k := range export.Formats {
		formats = append(formats, string(k))
	}
	dir, err := os.UserHomeDir()
	if err != nil {
		dir = "."
	}
	out, format := filepath.Join(dir, safeFileName(name)+".mp4"), export.FormatMP4
	if last != "" {
		out = last
		for _, k := range export.Formats {
			if k.Extension() != "" && strings.EqualFold(filepath.Ext(last), k.Extension()) {
				format = k
				break
			}
		}
	}
	f.asciiNames = widget.NewCheck("Hand-off: ASCII-only file names (for editors that mangle others)", nil)
	f.hourStart = widget.NewCheck("Hand-off: record timecode from 01:00:00:00", nil)
	f.out.SetText(out)
	f.format = widget.NewSelect(formats, func(v string) {
		f.out.SetText(withFormatExt(f.out.Text, export.Format(v)))
		f.handoffChanged()
	})
	f.format.SetSelected(string(format))
	f.out.SetText(out) // choosing the format above may have changed the extension
	f.quality = widget.NewSelect([]string{string(export.QualityDraft), string(export.QualityStandard), string(export.QualityHigh)}, nil)
	f.quality.SetSelected(string(export.QualityStandard))
	f.resolution = widget.NewSelect([]string{string(export.ResolutionProject), string(export.Resolution360p), string(export.Resolution720p), string(export.Resolution1080p)}, nil)
	f.resolution.SetSelected(string(export.ResolutionProject))
	f.watermark = widget.NewCheck("Visible “AI-generated · Kino” label", nil)
	f.watermark.SetChecked(true)
	f.previz = widget.NewCheck("Render shots not yet generated with the built-in engine (otherwise placeholders)", nil)
	f.previz.SetChecked(true)
	f.withheld = widget.NewCheck("Export shots withheld by consent as labelled placeholders (otherwise the export is refused)", nil)
	return f
}

// handoffChanged enables the hand-off's checks for the hand-off formats.
func (f *exportForm) handoffChanged() {
	switch export.Format(f.format.Selected) {
	case export.FormatOTIO, export.FormatEDL, export.FormatFCPXML:
		f.asciiNames.Enable()
		f.hourStart.Enable()
	default:
		f.asciiNames.Disable()
		f.hourStart.Disable()
	}
}

// safeFileName makes a film title usable as a file name on every system:
// "Demo: Strand" becomes "Demo - Strand".
func safeFileName(name string) string {
	name = strings.ReplaceAll(strings.TrimSpace(name), ": ", " - ")
	name = strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
	name = strings.Trim(name, ". ")
	if name == "" {
		return "Untitled"
	}
	return name
}

// lastExportKey is the preference remembering where a project was last
// exported to.
func lastExportKey(projectID string) string { return "export.last." + projectID }

// withFormatExt replaces path's extension with the format's.
func withFormatExt(path string, f export.Format) string {
	if path == "" {
		return path
	}
	return strings.TrimSuffix(path, filepath.Ext(path)) + f.Extension()
}

// options are the export options the form describes.
func (f *exportForm) options() export.Options {
	o := export.Options{
		Format:       export.Format(f.format.Selected),
		Out:          strings.TrimSpace(f.out.Text),
		Quality:      export.Quality(f.quality.Selected),
		Resolution:   export.Resolution(f.resolution.Selected),
		NoWatermark:  !f.watermark.Checked,
		Placeholders: !f.previz.Checked,
		SkipWithheld: f.withheld.Checked,
	}
	if !f.asciiNames.Disabled() {
		o.ASCIINames = f.asciiNames.Checked
		if f.hourStart.Checked {
			o.RecordStart = "01:00:00:00"
		}
	}
	return o
}

// showExport opens File ▸ Export's dialog.
func (m *studioMenu) showExport() {
	s := m.s
	if s.deps.Exporter == nil {
		s.setStatus("Exporting is not available here")
		return
	}
	var prefs Memory = s.app.Preferences()
	if s.deps.Memory != nil {
		prefs = s.deps.Memory
	}
	key := lastExportKey(s.m.settings.ID)
	f := newExportForm(s.m.settings.Title, prefs.String(key))
	browse := widget.NewButton("Choose…", func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			os.Remove(path) // the save dialog creates it; the export writes it (or asks to replace)
			f.out.SetText(path)
		}, s.win)
		d.SetFileName(filepath.Base(f.out.Text))
		d.Show()
	})
	items := []*widget.FormItem{
		widget.NewFormItem("Format", f.format),
		widget.NewFormItem("Save to", container.NewBorder(nil, nil, nil, browse, f.out)),
		widget.NewFormItem("Quality", f.quality),
		widget.NewFormItem("Resolution", f.resolution),
		widget.NewFormItem("", f.watermark),
		widget.NewFormItem("", f.previz),
		widget.NewFormItem("", f.withheld),
		widget.NewFormItem("", f.asciiNames),
		widget.NewFormItem("", f.hourStart),
	}
	d := dialog.NewForm("Export", "Export", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		opts := f.options()
		if opts.Out == "" {
			s.setStatus("Choose where to save the export")
			return
		}
		prefs.SetString(key, opts.Out) // the folder and name offered next time
		s.StartExport(opts)
	}, s.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}
