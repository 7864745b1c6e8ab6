package ui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// studioMenu is the window's main menu. Undo and Redo are relabelled with
// the edit they would undo or redo after every change.
type studioMenu struct {
	s          *Studio
	main       *fyne.MainMenu
	recent     *fyne.MenuItem
	undo       *fyne.MenuItem
	redo       *fyne.MenuItem
	export     *fyne.MenuItem
	generate   *fyne.MenuItem
	regenerate *fyne.MenuItem
}

func newStudioMenu(s *Studio) *studioMenu {
	m := &studioMenu{s: s}
	newItem := fyne.NewMenuItem("New Project…", m.newProject)
	newItem.Shortcut = shortcutFor("new-project")
	open := fyne.NewMenuItem("Open…", m.openProject)
	open.Shortcut = shortcutFor("open-project")
	m.recent = fyne.NewMenuItem("Open Recent", nil)
	m.recent.ChildMenu = fyne.NewMenu("")
	saveCopy := fyne.NewMenuItem("Save a Copy…", m.saveCopy)
	m.export = fyne.NewMenuItem("Export…", m.showExport)
	importScript := fyne.NewMenuItem("Import Script…", m.importScript)
	verify := fyne.NewMenuItem("Verify a File…", m.verifyFile)
	quit := fyne.NewMenuItem("Quit", func() {
		s.Close()
		s.app.Quit()
	})
	quit.IsQuit = true
	quit.Shortcut = shortcutFor("quit")
	modelsItem := fyne.NewMenuItem("Models…", s.ShowModels)
	file := fyne.NewMenu("File", newItem, open, m.recent, fyne.NewMenuItemSeparator(), saveCopy, importScript, m.export, verify, modelsItem, fyne.NewMenuItemSeparator(), quit)

	m.undo = fyne.NewMenuItem("Undo", s.Undo)
	m.undo.Shortcut = shortcutFor("undo")
	m.redo = fyne.NewMenuItem("Redo", s.Redo)
	m.redo.Shortcut = shortcutFor("redo")
	dup := fyne.NewMenuItem("Duplicate", s.edits.duplicateSelected)
	dup.Shortcut = shortcutFor("duplicate")
	del := fyne.NewMenuItem("Delete Shot", s.edits.deleteSelected)
	del.Shortcut = shortcutFor("delete")
	edit := fyne.NewMenu("Edit", m.undo, m.redo, fyne.NewMenuItemSeparator(), dup, del)

	add := fyne.NewMenuItem("Add Shot", s.AddShot)
	add.Shortcut = shortcutFor("add-shot")
	m.generate = fyne.NewMenuItem("Generate", s.GenerateSelected)
	m.generate.Shortcut = shortcutFor("generate")
	regen := fyne.NewMenuItem("Regenerate", func() { s.jobs.generateSelected(true) })
	regen.Shortcut = shortcutFor("regenerate")
	m.regenerate = fyne.NewMenuItem("Regenerate All Stale Shots", s.jobs.regenerateStale)
	farm := fyne.NewMenuItem("Render on Farm", s.jobs.renderOnFarm)
	shot := fyne.NewMenu("Shot", add, m.generate, regen, m.regenerate, fyne.NewMenuItemSeparator(), farm)

	about := fyne.NewMenuItem("About Kino", m.about)
	doctor := fyne.NewMenuItem("Doctor", m.doctor)
	keys := fyne.NewMenuItem("Keyboard Shortcuts", s.ShowShortcuts)
	keys.Shortcut = shortcutFor("shortcuts")
	help := fyne.NewMenu("Help", keys, about, doctor)
	m.main = fyne.NewMainMenu(file, edit, shot, help)
	return m
}

// refresh relabels Undo and Redo and refills Open Recent.
func (m *studioMenu) refresh() {
	s := m.s
	m.undo.Label, m.undo.Disabled = "Undo", s.m.undoLabel == ""
	if s.m.undoLabel != "" {
		m.undo.Label = "Undo " + s.m.undoLabel
	}
	m.redo.Label, m.redo.Disabled = "Redo", s.m.redoLabel == ""
	if s.m.redoLabel != "" {
		m.redo.Label = "Redo " + s.m.redoLabel
	}
	var items []*fyne.MenuItem
	if s.deps.Files != nil {
		for _, p := range s.deps.Files.Recent() {
			path := p
			items = append(items, fyne.NewMenuItem(filepath.Base(path), func() { m.open(path) }))
		}
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("No recent projects", nil)
		none.Disabled = true
		items = append(items, none)
	}
	m.recent.ChildMenu.Items = items
	m.main.Refresh()
}

// DoctorText returns the text Help ▸ Doctor shows, and whether all of it
// fits the dialog's width ("" when it was not opened).
func (s *Studio) DoctorText() (string, bool) {
	if s.doctorLabel == nil {
		return "", false
	}
	return s.doctorLabel.Text, s.doctorLabel.MinSize().Width <= s.doctorLabel.Size().Width+1
}

// UndoLabel returns the Edit menu's Undo item label.
func (s *Studio) UndoLabel() string { return s.menu.undo.Label }

// RedoLabel returns the Edit menu's Redo item label.
func (s *Studio) RedoLabel() string { return s.menu.redo.Label }

// MainMenu returns the window's menu.
func (s *Studio) MainMenu() *fyne.MainMenu { return s.menu.main }

func (m *studioMenu) files() bool {
	if m.s.deps.Files == nil {
		m.s.setStatus("Opening and creating projects is not available here")
		return false
	}
	return true
}

func (m *studioMenu) open(path string) {
	if err := m.s.deps.Files.Open(path); err != nil {
		dialog.ShowError(err, m.s.win)
	}
}

func (m *studioMenu) openProject() {
	if !m.files() {
		return
	}
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		m.open(dir.Path())
	}, m.s.win)
}

// askPath asks for a folder and a name, and calls done with the path.
func (m *studioMenu) askPath(title, action string, done func(path string)) {
	name := widget.NewEntry()
	name.SetPlaceHolder("Project name")
	dialog.ShowCustomConfirm(title, action, "Cancel", name, func(ok bool) {
		if !ok || name.Text == "" {
			return
		}
		dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				return
			}
			done(filepath.Join(dir.Path(), name.Text))
		}, m.s.win)
	}, m.s.win)
}

func (m *studioMenu) newProject() {
	if !m.files() {
		return
	}
	m.askPath("New project", "Choose folder…", func(path string) {
		if err := m.s.deps.Files.New(path); err != nil {
			dialog.ShowError(err, m.s.win)
		}
	})
}

func (m *studioMenu) saveCopy() {
	if !m.files() {
		return
	}
	m.s.inspector.Flush()
	m.s.clips.panel.Flush()
	m.askPath("Save a copy", "Choose folder…", func(path string) {
		s, files := m.s, m.s.deps.Files
		s.setStatus("Saving a copy to " + path + "…")
		s.work.do(func(context.Context) func() { // after the edits queued before it
			err := files.SaveCopy(path)
			return func() {
				if err != nil {
					s.showError("Save a copy", err)
					dialog.ShowError(err, s.win)
				} else {
					s.setStatus("Saved a copy to " + path)
				}
			}
		})
	})
}

func (m *studioMenu) about() {
	text := m.s.deps.About
	if text == "" {
		text = "Kino, an offline film studio."
	}
	dialog.ShowInformation("About Kino", text, m.s.win)
}

func (m *studioMenu) doctor() {
	label := widget.NewLabelWithStyle("Checking…", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	label.Wrapping = fyne.TextWrapWord // long paths and hints wrap instead of running off the right edge
	m.s.doctorLabel = label
	d := dialog.NewCustom("Doctor", "Close", container.NewVScroll(label), m.s.win)
	win := m.s.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, win.Width-40), min(640, win.Height-60)))
	d.Show()
	report := m.s.deps.Doctor
	if report == nil {
		label.SetText("No doctor report is available.")
		return
	}
	go func() {
		text := report()
		m.s.deps.Post(func() { label.SetText(text) })
	}()
}
