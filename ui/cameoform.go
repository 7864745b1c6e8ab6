package ui

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
	kwidget "kino/ui/widget"
)

// CameoDraft is a filled-in new-cameo form: the cameo without images, and
// the reference image to read.
type CameoDraft struct {
	Cameo     project.Cameo
	ImagePath string
}

// Consent choices in the form.
const (
	usesAnyProject  = "Any of my projects"
	usesThisProject = "This project only"
)

// cameoForm is the "New cameo" form.
type cameoForm struct {
	win       fyne.Window
	projectID string
	now       func() time.Time

	// onSave stores the draft; it calls done with the outcome (on the UI
	// goroutine). The form stays open and shows the error on failure.
	onSave func(d CameoDraft, done func(err error))
	// onTestVoice speaks a line with the voice, showing it in the voice
	// part (its waveform when nothing can be heard).
	onTestVoice func(v project.Voice, text string, part *voicePart)

	name       *widget.Entry
	handle     *widget.Entry
	image      *widget.Entry
	inbox      *widget.Select
	inboxPaths map[string]string // inbox image name → file
	appearance *widget.Entry
	voicePart  *voicePart
	language   *widget.Entry // the voice part's
	owner      *widget.Entry
	uses       *widget.Select
	expires    *widget.Entry
	self       *widget.Check
	errLabel   *widget.Label
	voiceNote  *widget.Label // what Test voice did, next to it
	testBtn    *widget.Button
	save       *widget.Button
	dlg        *dialog.CustomDialog
	formBox    *widget.Form
	scroll     *container.Scroll
}

func newCameoForm(win fyne.Window, projectID string, now func() time.Time) *cameoForm {
	f := &cameoForm{win: win, projectID: projectID, now: now}
	f.name = widget.NewEntry()
	f.name.SetPlaceHolder("Mara Lind")
	f.handle = widget.NewEntry()
	f.handle.SetPlaceHolder("@mara")
	// The handle is not filled in behind the person's back (typing
	// "@sam" after it was made "@sam" gave "@sam@sam"): the suggestion
	// from the name shows as the placeholder and is used when the field
	// is left empty.
	f.name.OnChanged = func(name string) {
		f.handle.SetPlaceHolder("@mara")
		if h := suggestHandle(name); h != "" {
			f.handle.SetPlaceHolder(h + " (from the name; type to change)")
		}
		f.recheck()
	}
	f.handle.OnChanged = func(string) { f.recheck() }
	f.image = widget.NewEntry()
	f.image.OnChanged = func(string) { f.recheck() }
	f.image.SetPlaceHolder("PNG, JPEG or GIF file")
	choose := widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), f.chooseImage)
	f.inboxPaths = map[string]string{}
	f.inbox = widget.NewSelect(nil, func(name string) {
		if path, ok := f.inboxPaths[name]; ok {
			f.image.SetText(path)
		}
	})
	f.inbox.PlaceHolder = "Images dropped into the project's inbox folder"
	f.appearance = widget.NewMultiLineEntry()
	f.appearance.SetPlaceHolder("Short curly red hair, green coat")
	f.appearance.SetMinRowsVisible(2)
	f.voicePart = newVoicePart(func() {
		if f.onTestVoice != nil {
			f.onTestVoice(f.voice(), f.testLine(), f.voicePart)
		}
	})
	f.language = f.voicePart.language
	f.voiceNote, f.testBtn = f.voicePart.waveNote, f.voicePart.test
	f.owner = widget.NewEntry()
	f.owner.SetPlaceHolder("Who gave consent (default: the name above)")
	f.uses = widget.NewSelect([]string{usesAnyProject, usesThisProject}, nil)
	f.uses.SetSelected(usesAnyProject)
	f.expires = widget.NewEntry()
	f.expires.SetPlaceHolder("YYYY-MM-DD, empty for never")
	f.expires.OnChanged = func(string) { f.recheck() }
	f.self = widget.NewCheck("This is me (\"I\" and \"me\" in prompts)", nil)
	f.errLabel = widget.NewLabel("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Hide()

	form := widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Handle", f.handle),
		widget.NewFormItem("Reference image", container.NewBorder(nil, nil, nil, choose, f.image)),
		widget.NewFormItem("From inbox", f.inbox),
		widget.NewFormItem("Appearance", f.appearance),
	)
	for _, it := range f.voicePart.items() {
		form.AppendItem(it)
	}
	for _, it := range []*widget.FormItem{
		widget.NewFormItem("Consent given by", f.owner),
		widget.NewFormItem("Allowed uses", f.uses),
		widget.NewFormItem("Consent expires", f.expires),
		widget.NewFormItem("", f.self),
	} {
		form.AppendItem(it)
	}
	f.formBox = form
	note := widget.NewLabel("Only add people who agreed to be in your films. They can withdraw consent at any time: revoke the cameo and Kino stops using it.")
	note.Wrapping = fyne.TextWrapWord
	cancel := widget.NewButton("Cancel", func() { f.dlg.Hide() })
	f.save = widget.NewButtonWithIcon("Save cameo", theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	bottom := container.NewVBox(f.errLabel, container.NewHBox(cancel, f.save))
	f.scroll = container.NewVScroll(form)
	content := container.NewBorder(note, bottom, nil, nil, f.scroll)
	f.dlg = dialog.NewCustomWithoutButtons("New cameo", content, win)
	// Tall enough to show the whole form where the window allows: a
	// scrolled form cannot be scrolled with the wheel over its fields
	// (they take the wheel), so "This is me" was out of reach.
	need := container.NewBorder(note, bottom, nil, nil, form).MinSize().AddWidthHeight(2*theme.Padding(), dialogChrome)
	avail := win.Canvas().Size()
	// Wide enough that the consent note above the fields takes few lines.
	f.dlg.Resize(fyne.NewSize(max(need.Width, min(680, avail.Width-4*theme.Padding())), min(need.Height, max(avail.Height-2*theme.Padding(), 400))))
	return f
}

// dialogChrome is the height a dialog adds around its content (title,
// padding).
const dialogChrome = 110

func (f *cameoForm) show() { f.dlg.Show() }

// recheck clears or updates an error shown once the fields change (a
// fixed image path no longer shows the old path's error).
func (f *cameoForm) recheck() {
	if f.errLabel == nil || !f.errLabel.Visible() {
		return
	}
	if _, err := f.draft(); err != nil {
		f.errLabel.SetText(project.ErrorMessage(err))
		return
	}
	f.errLabel.Hide()
}

// setVoiceNote says what Test voice did, in the form rather than in the
// status line behind it.
func (f *cameoForm) setVoiceNote(text string, problem bool) {
	f.voiceNote.Importance = widget.MediumImportance
	if problem {
		f.voiceNote.Importance = widget.WarningImportance
	}
	f.voicePart.setNote(text)
}

// PressTestVoice presses the open cameo form's Test voice button.
func (s *Studio) PressTestVoice() {
	if s.cast.form != nil {
		s.cast.form.testBtn.OnTapped()
	}
}

// VoiceNote returns what the form says about Test voice ("" for nothing).
func (s *Studio) VoiceNote() string {
	if s.cast.form == nil {
		return ""
	}
	return s.cast.form.voiceNote.Text
}

// setInbox lists the images imported from the project's inbox.
func (f *cameoForm) setInbox(images []InboxImage) {
	names := make([]string, 0, len(images))
	for _, img := range images {
		names = append(names, img.Name)
		f.inboxPaths[img.Name] = img.Path
	}
	f.inbox.SetOptions(names)
}

// setImage fills in the reference image path (from a dropped file).
func (f *cameoForm) setImage(path string) { f.image.SetText(path) }

func (f *cameoForm) chooseImage() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		f.image.SetText(r.URI().Path())
		r.Close()
	}, f.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".gif"}))
	d.Show()
}

func (f *cameoForm) voice() project.Voice { return f.voicePart.voice() }

// testLine is Test voice's sentence, in the cameo's language.
func (f *cameoForm) testLine() string { return sampleLine(f.language.Text, f.name.Text) }

// draft checks the form and returns the cameo to store.
func (f *cameoForm) draft() (CameoDraft, error) {
	now := f.now().UTC()
	c := project.Cameo{
		Handle:     project.NormalizeHandle(f.handleText()),
		Name:       strings.TrimSpace(f.name.Text),
		Appearance: strings.TrimSpace(f.appearance.Text),
		Voice:      f.voice(),
		IsSelf:     f.self.Checked,
		Consent: project.Consent{
			ID:        randomID(),
			Owner:     strings.TrimSpace(f.owner.Text),
			Scope:     project.ConsentAnyProject,
			GrantedAt: now,
		},
	}
	if c.Consent.Owner == "" {
		c.Consent.Owner = c.Name
	}
	if f.uses.Selected == usesThisProject {
		c.Consent.Scope, c.Consent.ProjectID = project.ConsentThisProject, f.projectID
	}
	if s := strings.TrimSpace(f.expires.Text); s != "" {
		t, err := project.ParseExpiryDate(s)
		if err != nil {
			return CameoDraft{}, err
		}
		c.Consent.Expires = t
	}
	if err := c.Validate(); err != nil {
		return CameoDraft{}, err
	}
	path := strings.TrimSpace(f.image.Text)
	if path == "" {
		return CameoDraft{}, project.Errorf(project.EINVALID, "choose a reference image of %s", c.Name)
	}
	return CameoDraft{Cameo: c, ImagePath: path}, nil
}

func (f *cameoForm) fail(err error) {
	f.errLabel.SetText(project.ErrorMessage(err))
	f.errLabel.Show()
	f.save.Enable()
}

func (f *cameoForm) submit() {
	d, err := f.draft()
	if err != nil {
		f.fail(err)
		return
	}
	f.save.Disable()
	f.errLabel.Hide()
	if f.onSave == nil {
		f.dlg.Hide()
		return
	}
	f.onSave(d, func(err error) {
		if err != nil {
			f.fail(err)
			return
		}
		f.dlg.Hide()
	})
}

// handleText is the handle typed, or the one suggested by the name.
func (f *cameoForm) handleText() string {
	if h := strings.TrimSpace(f.handle.Text); h != "" {
		return h
	}
	return suggestHandle(f.name.Text)
}

// suggestHandle makes a handle from a name: "Mara Lind" → "@mara".
func suggestHandle(name string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(strings.ToLower(name)), " ")
	var b strings.Builder
	for _, r := range first {
		if kwidget.IsHandleRune(r) && r < 128 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "@" + b.String()
}

func randomID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
