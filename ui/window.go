package ui

import (
	"context"
	"fmt"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
	kwidget "kino/ui/widget"
)

// Studio is Kino's main window for one open project. It is a shell: it
// holds the window, the services, the model of the project as last read,
// the store's worker and the selection, builds the window and keeps its
// views in step with the model; each job of the studio is a controller's.
type Studio struct {
	deps Deps
	app  fyne.App
	win  fyne.Window
	work *worker
	m    *model
	sel  []int64 // selected shots, timeline order

	// The controllers, one job each.
	edits   *editsCtl    // edits, undo and redo, the prompt's reading
	jobs    *jobsCtl     // generation: the queue's jobs, the farm's, failures
	cast    *cameosCtl   // the cameo library, casting, consent-withheld takes
	play    *playbackCtl // the player, its sound and waveforms, comparison
	clips   *clipsCtl    // music and voice-over clips and their panel
	engine  *engineCtl   // the toolbar's engine picker
	exports *exportCtl   // File ▸ Export and File ▸ Verify a File

	// The views the studio keeps in step with the model.
	timeline  *kwidget.Timeline
	inspector *kwidget.Inspector
	status    *widget.Label
	newShot   *kwidget.CommitEntry
	addBtn    *widget.Button
	zoom      *widget.Slider
	menu      *studioMenu
	thumbs    *thumbCache
	staleMemo map[int64]staleMemo

	lastError string
	closed    bool
	gone      atomic.Bool // set by Stop; posted UI work is dropped from then on

	// Dialogs and windows opened from the menus.
	doctorLabel *widget.Label // Help ▸ Doctor's text, once opened
	// shortcutRows is what Help ▸ Keyboard Shortcuts showed last.
	shortcutRows [][2]string
	casting      *CastingDialog // Import Script's open casting dialog, or nil
	// modelsWin is the open Models window and its panel (see ShowModels).
	modelsWin   fyne.Window
	modelsPanel *kwidget.ModelsPanel
}

// New opens the studio window for deps.Store in app. It reads the project
// before returning, so the window shows it from the first frame.
func New(app fyne.App, deps Deps) (*Studio, error) {
	if deps.Store == nil {
		return nil, fmt.Errorf("opening the studio: no project store")
	}
	deps.defaults()
	s := &Studio{
		deps: deps, app: app, m: newModel(),
		staleMemo: map[int64]staleMemo{},
	}
	s.jobs = newJobsCtl(s)
	s.edits = &editsCtl{s: s, inflight: map[int64]int{}}
	s.play = &playbackCtl{s: s}
	s.clips = &clipsCtl{s: s}
	// Once the studio stops, work posted from goroutines is dropped: Fyne
	// runs late fyne.Do calls directly on the caller's goroutine after its
	// loop has shut down, when the window may no longer be touched.
	post := deps.Post
	s.deps.Post = func(f func()) {
		if s.gone.Load() {
			return
		}
		post(func() {
			if !s.gone.Load() {
				f()
			}
		})
	}
	deps = s.deps
	s.work = newWorker(deps.Post)
	snap, err := loadSnapshot(context.Background(), deps.Store, nil)
	if err != nil {
		return nil, fmt.Errorf("opening the studio: %w", err)
	}
	if deps.Library != nil {
		readLibrary(context.Background(), deps.Library, snap)
	}
	s.m.apply(snap)
	s.thumbs = newThumbCache(deps.Store.OpenBlob, deps.Post, 320, 180)
	s.thumbs.onLoad = s.refreshImages
	s.cast = newCameosCtl(s)
	s.play.peaks = newPeakCache(s, deps.Post)
	s.win = app.NewWindow("Kino")
	s.build()
	s.exports = newExportCtl(s)
	s.menu = newStudioMenu(s)
	s.win.SetMainMenu(s.menu.main)
	s.installShortcuts()
	s.win.SetOnDropped(s.cast.filesDropped)
	s.win.SetCloseIntercept(func() { s.Close() })
	s.win.Resize(fyne.NewSize(1440, 900))
	s.refreshAll()
	if len(s.m.shots) > 0 {
		s.selectShots([]int64{s.m.shots[0].ID})
	}
	return s, nil
}

func (s *Studio) build() {
	s.timeline = kwidget.NewTimeline(s.m.settings.Rate)
	s.timeline.OnSelect = s.selectShots
	s.timeline.OnMove = s.edits.moveShot
	s.timeline.OnResize = s.edits.resizeShot
	s.timeline.OnScrub = s.play.scrub
	s.timeline.OnKey = s.typedKey

	s.inspector = kwidget.NewInspector(s.deps.Post, s.deps.Now)
	s.inspector.OnCommit = s.edits.updateShot
	s.inspector.OnGenerate = func(force bool) { s.jobs.generateSelected(force) }
	s.inspector.OnCancel = s.jobs.cancelSelected
	s.inspector.OnCast = func(c *project.Cameo) { s.cast.castInSelected(c, false) }
	s.inspector.OnUncast = s.edits.uncast
	s.inspector.Withheld().OnRegenerateWithout = s.cast.regenerateWithout
	s.inspector.Withheld().OnChooseOther = s.cast.chooseUsableTake
	s.inspector.Withheld().OnDeleteWithheld = s.cast.deleteWithheldTakes
	s.inspector.OnPromptEdited = s.edits.promptEdited
	takes := s.inspector.Takes()
	takes.OnStar = func(id int64, on bool) {
		s.edits.apply(project.SetFavourite{TakeID: id, Favourite: on}, s.selectedID())
	}
	takes.OnActivate = s.edits.useTake
	takes.OnDelete = s.edits.deleteTake
	takes.OnCompare = s.play.showCompare

	s.cast.build()

	s.play.build()
	s.clips.build()

	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.newShot = kwidget.NewCommitEntry(false)
	s.newShot.SetPlaceHolder("Type a prompt and press Enter to add a shot at the end…")
	// Only Enter adds a shot, and only with words in it.
	s.newShot.HoldCommit = func() bool { return true }
	s.newShot.Entry.OnSubmitted = s.edits.submitNewShot
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { s.edits.addShot("", s.insertIndex()) })
	s.addBtn = add
	s.zoom = widget.NewSlider(kwidget.MinZoom, 200)
	s.zoom.Value = kwidget.DefaultZoom
	s.zoom.OnChanged = func(v float64) { s.timeline.SetZoom(v) }
	zoomBox := container.NewGridWrap(fyne.NewSize(140, s.zoom.MinSize().Height), s.zoom)
	s.engine = newEngineCtl(s.deps.Engines, func() *project.Project { return s.m.settings },
		func(e project.Edit) { s.edits.apply(e) }, s.inspector.SetEngine)
	// Wide enough for "Built-in previz" and most model pack names.
	engineBox := container.NewGridWrap(fyne.NewSize(240, s.engine.picker.MinSize().Height), s.engine.picker)
	toolbar := container.NewBorder(nil, nil, add,
		container.NewHBox(widget.NewLabel("Engine"), engineBox, widget.NewIcon(theme.ZoomInIcon()), zoomBox), s.newShot)

	right := container.NewHSplit(s.play.player, container.NewStack(s.inspector, s.clips.panel))
	right.Offset = 0.58
	main := container.NewHSplit(s.cast.panel, right)
	main.Offset = 0.18
	bottom := container.NewVBox(toolbar, s.timeline, s.status)
	content := container.NewBorder(nil, bottom, nil, nil, main)
	s.win.SetContent(container.NewStack(content, container.NewWithoutLayout(s.cast.dragGhost)))
}

// Window returns the studio's window.
func (s *Studio) Window() fyne.Window { return s.win }

// Show shows the window.
func (s *Studio) Show() { s.win.Show() }

// Timeline returns the timeline widget.
func (s *Studio) Timeline() *kwidget.Timeline { return s.timeline }

// Inspector returns the shot inspector.
func (s *Studio) Inspector() *kwidget.Inspector { return s.inspector }

// Cameos returns the cameo library panel.
func (s *Studio) Cameos() *kwidget.CameoPanel { return s.cast.panel }

// Player returns the preview player.
func (s *Studio) Player() *kwidget.Player { return s.play.player }

// NewShotField returns the field that adds a shot when Enter is pressed.
func (s *Studio) NewShotField() kwidget.Field { return s.newShot }

// Status returns the text of the status line.
func (s *Studio) Status() string { return s.status.Text }

// Post runs f on the UI goroutine while the studio is open and drops it
// once the studio has stopped. Code outside ui posts window work through it.
func (s *Studio) Post(f func()) { s.deps.Post(f) }

// Busy reports whether store operations or image decoding are still
// under way (for tests that wait for the studio to settle).
func (s *Studio) Busy() bool {
	return s.work.busy() || s.edits.interpreting.Load() > 0 || s.exports.exp.running.Load() || s.thumbs.loading() || s.cast.avatars.loading() || s.play.peaks.busy()
}

// Close stops playback and background work and closes the window. The
// project is already saved: every change was stored when it was made.
func (s *Studio) Close() {
	if s.closed {
		return
	}
	s.Stop()
	s.win.Close()
}

// Stop ends playback and background work without touching the window,
// for when the app has already shut its windows down. Typing not yet
// stored is stored first.
func (s *Studio) Stop() {
	if s.closed {
		return
	}
	s.inspector.Flush()
	s.clips.panel.Flush()
	if s.play.compare != nil {
		s.play.compare.Close() // its dialog may still be open: release its clips
	}
	if s.modelsWin != nil {
		s.modelsWin.Close() // cancels its running add or try
	}
	s.closed = true
	s.gone.Store(true)
	s.jobs.stop()
	s.CancelExport()
	s.play.player.Close()
	s.work.wait() // store what was queued, the flushed typing included
	s.work.close()
	s.play.peaks.close()
}

// setStatus shows text in the status line.
func (s *Studio) setStatus(text string) { s.status.SetText(text) }

// showError shows err in the status line, as a phrase a person can act on.
func (s *Studio) showError(what string, err error) {
	msg := what + ": " + project.ErrorMessage(err)
	s.lastError = msg
	s.setStatus(msg)
}

// LastError returns the last error shown ("" if none).
func (s *Studio) LastError() string { return s.lastError }

func (s *Studio) updateTitle() {
	title := s.m.settings.Title
	if title == "" {
		title = "Untitled"
	}
	if s.deps.ReadOnly {
		title += " (read-only)"
	}
	s.win.SetTitle(title + " — Kino")
}
