package ui

import (
	"bytes"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/engine/c2pa"
)

// Verifier checks a file's Content Credentials (File ▸ Verify a File). The
// app implements it with c2pa.Verify and the certificates this machine
// trusts. Verify is called off the UI goroutine.
type Verifier func(path string) (*c2pa.Report, error)

// verifyState is the last check File ▸ Verify a File made (UI goroutine),
// kept by the export controller.
type verifyState struct {
	busy   bool
	report *c2pa.Report
	err    error
	dlg    dialog.Dialog
	text   *widget.Label
	header *fyne.Container // the progress bar, then the verdict
}

// verifyFile is File ▸ Verify a File: it asks for a file and checks it.
func (m *studioMenu) verifyFile() {
	if m.s.deps.Verify == nil {
		m.s.setStatus("Verifying files is not available here")
		return
	}
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		m.s.VerifyFile(path)
	}, m.s.win)
}

// VerifyFile checks the Content Credentials of the file at path off the
// UI goroutine and shows what `kino verify` would print: the verdict, who
// signed it, with what, from which prompts and cameos. The headline says
// plainly whether the file verifies, was changed, or carries none.
func (s *Studio) VerifyFile(path string) { s.exports.verifyFile(path) }

// verifyFile checks the file at path (see VerifyFile).
func (c *exportCtl) verifyFile(path string) {
	if c.verifier == nil {
		c.say("Verifying files is not available here")
		return
	}
	if c.verify.busy {
		c.say("A file is already being checked")
		return
	}
	c.verify.busy = true
	c.verify.report, c.verify.err = nil, nil
	c.verify.text = widget.NewLabelWithStyle("Checking "+filepath.Base(path)+"…", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	c.verify.text.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBarInfinite()
	c.verify.header = container.NewStack(bar)
	body := container.NewBorder(c.verify.header, nil, nil, nil, container.NewVScroll(c.verify.text))
	c.verify.dlg = dialog.NewCustom("Content Credentials", "Close", body, c.win)
	c.verify.dlg.Resize(fyne.NewSize(760, 520))
	c.verify.dlg.Show()
	c.say("Checking the Content Credentials of " + path + "…")
	check, post := c.verifier, c.post
	go func() {
		rep, err := check(path)
		post(func() {
			bar.Stop()
			c.showVerified(path, rep, err)
		})
	}()
}

// showVerified fills the dialog with the result.
func (c *exportCtl) showVerified(path string, rep *c2pa.Report, err error) {
	st := &c.verify
	st.busy, st.report, st.err = false, rep, err
	icon := theme.ErrorIcon()
	headline := ""
	var text bytes.Buffer
	switch {
	case err != nil:
		headline = "Cannot check " + filepath.Base(path) + ": " + err.Error()
	case rep.Valid():
		icon = theme.ConfirmIcon()
		headline = "Verified: " + filepath.Base(path) + " is unchanged since it was signed"
		if !rep.Manifest.Signature.Trusted {
			headline += " (the signer is not trusted on this machine)"
		}
	case !rep.Found:
		icon = theme.QuestionIcon()
		headline = filepath.Base(path) + " carries no Content Credentials"
	default:
		headline = filepath.Base(path) + ": " + rep.Verdict()
	}
	if rep != nil {
		rep.WriteText(&text)
	}
	st.text.SetText(text.String())
	title := widget.NewLabelWithStyle(headline, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	st.header.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, widget.NewIcon(icon), nil, title)}
	st.header.Refresh()
	c.say(headline)
}

// VerifyResult returns the report of the last File ▸ Verify a
// File (nil while it runs or before any), and its error.
func (s *Studio) VerifyResult() (*c2pa.Report, error) {
	return s.exports.verify.report, s.exports.verify.err
}

// VerifyText returns the text File ▸ Verify a File shows.
func (s *Studio) VerifyText() string {
	if s.exports.verify.text == nil {
		return ""
	}
	return s.exports.verify.text.Text
}

// Verifying reports whether a check is running.
func (s *Studio) Verifying() bool { return s.exports.verify.busy }
