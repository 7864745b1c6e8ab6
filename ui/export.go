package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"kino/engine/export"
	"kino/project"
)

// Exporter writes the film out (File ▸ Export). The app implements it with
// export.LoadTimeline and export.Export. Export is called off the UI
// goroutine; progress may be called from any goroutine.
type Exporter interface {
	Export(ctx context.Context, opts export.Options, progress func(export.Progress)) (export.Result, error)
}

// exportRun is the export in progress, if any.
type exportRun struct {
	cancel context.CancelFunc
	bar    *widget.ProgressBar
	stage  *widget.Label
	dlg    dialog.Dialog
	last   atomic.Int64 // unix nanoseconds of the last progress post
}

// exportState is the export controller's bookkeeping.
type exportState struct {
	run     *exportRun // UI goroutine only
	running atomic.Bool
	result  string // the last result or error line (UI goroutine)
}

// exportCtl runs File ▸ Export and File ▸ Verify a File off the UI
// goroutine, one of each at a time, with their dialogs on the studio's
// window. It is given only what those two jobs need.
type exportCtl struct {
	win      fyne.Window
	exporter Exporter
	verifier Verifier
	post     func(func())
	work     *worker
	flush    func()       // stores typing not yet stored
	say      func(string) // shows a line in the status line
	fail     func(string) // shows an error line, kept as the last error
	closed   func() bool  // whether the studio has stopped

	exp    exportState
	verify verifyState
}

// newExportCtl returns the export controller of s, whose window exists.
func newExportCtl(s *Studio) *exportCtl {
	return &exportCtl{
		win: s.win, exporter: s.deps.Exporter, verifier: s.deps.Verify, post: s.deps.Post, work: s.work,
		flush: func() {
			s.inspector.Flush()
			s.clips.panel.Flush()
		},
		say:    s.setStatus,
		fail:   func(msg string) { s.lastError = msg; s.setStatus(msg) },
		closed: func() bool { return s.closed },
	}
}

// StartExport runs an export with opts off the UI goroutine, showing a
// progress bar with the time left and a Cancel button. When the output
// exists it asks before replacing it; errors are shown in a dialog. It is
// what File ▸ Export's Export button does.
func (s *Studio) StartExport(opts export.Options) { s.exports.start(opts) }

// start runs an export with opts (see StartExport).
func (c *exportCtl) start(opts export.Options) {
	if c.exporter == nil {
		c.say("Exporting is not available here")
		return
	}
	if c.exp.run != nil {
		c.say("An export is already running")
		return
	}
	c.flush()
	ctx, cancel := context.WithCancel(context.Background())
	run := &exportRun{cancel: cancel, bar: widget.NewProgressBar(), stage: widget.NewLabel("Starting…")}
	c.exp.run = run
	c.exp.running.Store(true)
	body := container.NewVBox(widget.NewLabel("Exporting "+opts.Out), run.bar, run.stage)
	run.dlg = dialog.NewCustom("Export", "Cancel", body, c.win)
	run.dlg.SetOnClosed(func() {
		if c.exp.run == run {
			run.stage.SetText("Cancelling…")
			cancel()
		}
	})
	run.dlg.Show()
	c.say("Exporting " + opts.Out + "…")
	exporter, post := c.exporter, c.post
	work := c.work
	go func() {
		work.wait() // export what was typed, once it is stored
		res, err := exporter.Export(ctx, opts, func(p export.Progress) {
			now := time.Now().UnixNano()
			if p.Fraction < 1 && now-run.last.Load() < int64(100*time.Millisecond) {
				return
			}
			run.last.Store(now)
			post(func() { run.show(p) })
		})
		cancel()
		post(func() { c.finish(run, opts, res, err) })
	}()
}

// show updates the progress dialog.
func (r *exportRun) show(p export.Progress) {
	r.bar.SetValue(p.Fraction)
	text := p.Stage
	if p.ETA > 0 {
		text += fmt.Sprintf(" · about %s left", p.ETA.Round(time.Second))
	}
	r.stage.SetText(text)
}

// finish reports the end of run on the UI goroutine.
func (c *exportCtl) finish(run *exportRun, opts export.Options, res export.Result, err error) {
	c.exp.run = nil
	c.exp.running.Store(false)
	if c.closed() {
		return
	}
	run.dlg.Hide()
	switch {
	case err == nil:
		c.exp.result = exportSummary(res)
		c.say(c.exp.result)
		dialog.ShowInformation("Export finished", strings.Join(append([]string{c.exp.result}, res.Notes...), "\n"), c.win)
	case errors.Is(err, context.Canceled):
		c.exp.result = "Export cancelled"
		c.say(c.exp.result)
	case project.ErrorCode(err) == project.ECONFLICT && !opts.Force:
		// The store's message speaks to the command line ("use --force
		// to replace it"); here the dialog asks, once.
		c.exp.result = "Export waiting: " + filepath.Base(opts.Out) + " already exists"
		c.say(c.exp.result)
		dialog.ShowConfirm("Replace the existing file?", filepath.Base(opts.Out)+" already exists in "+filepath.Dir(opts.Out)+".\nReplace it?", func(ok bool) {
			if ok {
				opts.Force = true
				c.start(opts)
			}
		}, c.win)
	case project.ErrorCode(err) == project.ECONSENT:
		c.exp.result = exportRefusal(project.ErrorMessage(err))
		c.fail(c.exp.result)
		dialog.ShowError(errors.New(c.exp.result), c.win)
	default:
		c.exp.result = "Export failed: " + project.ErrorMessage(err)
		c.fail(c.exp.result)
		dialog.ShowError(errors.New(c.exp.result), c.win)
	}
}

// withheldWhy matches the exporter's "is withheld: SUMMARY (DETAIL)".
var withheldWhy = regexp.MustCompile(`is withheld: [^(\n]*\(([^)\n]*)\)`)

// exportRefusal says why an export was refused for consent, once, in the
// studio's words: the exporter's message ("export refused: shot 1 is
// withheld: @mara revoked consent (@mara's consent was revoked by ...);
// ... (--skip-withheld)") says it twice and ends with a command-line
// flag.
func exportRefusal(msg string) string {
	msg = strings.TrimPrefix(msg, "export refused: ")
	for _, sep := range []string{"; regenerate those shots", "\nregenerate those shots"} {
		if i := strings.Index(msg, sep); i >= 0 {
			msg = msg[:i]
		}
	}
	msg = withheldWhy.ReplaceAllString(msg, "is withheld: $1")
	return "Export refused: " + strings.TrimRight(msg, ". ") + ".\nRegenerate without the cameo, choose another take, or tick “Export shots withheld by consent as labelled placeholders”."
}

// exportSummary is the line a finished export shows: the file and how
// it was encoded.
func exportSummary(res export.Result) string {
	line := "Exported " + res.Main
	var facts []string
	if res.Encoder != "" {
		facts = append(facts, "encoder: "+res.Encoder)
	}
	if res.Width > 0 {
		facts = append(facts, fmt.Sprintf("%dx%d", res.Width, res.Height))
	}
	if len(facts) > 0 {
		line += " (" + strings.Join(facts, ", ") + ")"
	}
	return line
}

// Exporting reports whether an export is running.
func (s *Studio) Exporting() bool { return s.exports.exp.running.Load() }

// CancelExport cancels the running export, if any.
func (s *Studio) CancelExport() { s.exports.cancel() }

// cancel cancels the running export, if any.
func (c *exportCtl) cancel() {
	if c.exp.run != nil {
		c.exp.run.cancel()
	}
}

// ExportResult returns the last export's result or error line.
func (s *Studio) ExportResult() string { return s.exports.exp.result }
