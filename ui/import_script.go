package ui

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"kino/engine/files"
	"kino/project"
	"kino/project/fountain"
)

// scriptExtensions are the file endings File ▸ Import Script offers.
var scriptExtensions = []string{".fountain", ".spmd", ".txt"}

// leaveUncast is the casting choice that leaves a character to the
// narrator voice.
const leaveUncast = "Leave uncast (narrator voice)"

// importScript is File ▸ Import Script: choose a Fountain file, then cast.
func (m *studioMenu) importScript() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		m.s.ImportScript(path)
	}, m.s.win)
	d.SetFilter(storage.NewExtensionFileFilter(scriptExtensions))
	d.Show()
}

// ImportScript reads the Fountain screenplay at path and breaks it down
// into shots off the UI goroutine, then opens the casting dialog. A file
// that is not a script Kino can read is reported with its line, and
// nothing is imported.
func (s *Studio) ImportScript(path string) {
	s.inspector.Flush()
	opts := fountain.Options{Rate: s.m.settings.Rate, NewSeedEachTake: s.m.settings.SeedPolicy == project.SeedPerTake}
	index := s.insertIndex()
	s.setStatus("Reading " + filepath.Base(path) + "…")
	s.work.do(func(context.Context) func() {
		sc, res, err := breakDownScript(path, opts)
		return func() {
			if err != nil {
				s.showError("Import Script", err)
				dialog.ShowError(err, s.win)
				return
			}
			s.setStatus("")
			s.casting = newCastingDialog(s, path, res, index)
			s.casting.script, s.casting.opts = sc, opts
			s.casting.show()
		}
	})
}

// breakDownScript reads, parses and breaks down a script file.
func breakDownScript(path string, opts fountain.Options) (*fountain.Script, *fountain.Result, error) {
	name := filepath.Base(path)
	data, err := files.ReadFile(path, files.ScriptLimit)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the script: %w", err)
	}
	sc, err := fountain.Parse(data)
	if err != nil {
		return nil, nil, inFile(name, err)
	}
	res, err := fountain.Breakdown(sc, opts)
	if err != nil {
		return nil, nil, inFile(name, err)
	}
	if len(res.Drafts) == 0 {
		return nil, nil, project.Errorf(project.EINVALID, "%s has no scenes, action or dialogue to make shots of", name)
	}
	return sc, res, nil
}

// inFile puts a file's name before an error's message, keeping its code.
func inFile(name string, err error) error {
	return &project.Error{Code: project.ErrorCode(err), Message: name + ": " + project.ErrorMessage(err)}
}

// Casting returns the open casting dialog of Import Script, or nil.
func (s *Studio) Casting() *CastingDialog { return s.casting }

// CastingDialog is Import Script's casting step: every character of the
// script, with the cameo from the library that plays it (found by name or
// handle) or "Leave uncast", whose lines a neutral narrator voice speaks.
// Only cameos whose consent allows this project are offered.
type CastingDialog struct {
	s       *Studio
	path    string
	res     *fountain.Result
	index   int
	cameos  []*project.Cameo // the library cameos on offer
	rows    []castingRow
	script  *fountain.Script
	opts    fountain.Options
	per     *widget.Select // dialogue exchanges per shot
	summary *widget.Label
	problem *widget.Label
	dlg     dialog.Dialog
}

type castingRow struct {
	role   fountain.Role
	choice *widget.Select
}

func newCastingDialog(s *Studio, path string, res *fountain.Result, index int) *CastingDialog {
	c := &CastingDialog{s: s, path: path, res: res, index: index, summary: widget.NewLabel(""), problem: widget.NewLabel("")}
	c.summary.Wrapping = fyne.TextWrapWord
	c.problem.Wrapping = fyne.TextWrapWord
	c.problem.Hide()
	now := s.deps.Now()
	for _, cm := range s.m.library {
		if s.m.verdict(cm.ID, cm.Handle, now).Allowed() {
			c.cameos = append(c.cameos, cm)
		}
	}
	options := []string{leaveUncast}
	for _, cm := range c.cameos {
		options = append(options, cameoOption(cm))
	}
	matched := fountain.Match(res.Characters, c.cameos)
	for _, r := range res.Characters {
		sel := widget.NewSelect(options, func(string) { c.refresh() })
		sel.SetSelected(leaveUncast)
		if cm := matched[r.Key]; cm != nil {
			sel.SetSelected(cameoOption(cm))
		}
		c.rows = append(c.rows, castingRow{role: r, choice: sel})
	}
	var per []string
	for n := 1; n <= maxExchanges; n++ {
		per = append(per, exchangesOption(n))
	}
	c.per = widget.NewSelect(per, func(v string) {
		for n := 1; n <= maxExchanges; n++ {
			if v == exchangesOption(n) {
				c.SetExchanges(n)
			}
		}
	})
	c.per.SetSelected(exchangesOption(1))
	c.refresh()
	return c
}

// maxExchanges is the most dialogue exchanges per shot the dialog offers.
const maxExchanges = 4

func exchangesOption(n int) string {
	if n == 1 {
		return "1 dialogue exchange per shot"
	}
	return fmt.Sprintf("%d dialogue exchanges per shot", n)
}

// SetExchanges breaks the script down again with at most n dialogue
// exchanges (a line and its reply) per shot.
func (c *CastingDialog) SetExchanges(n int) {
	if c.script == nil || n == c.opts.ExchangesPerShot || n < 1 {
		return
	}
	c.opts.ExchangesPerShot = n
	if res, err := fountain.Breakdown(c.script, c.opts); err == nil {
		c.res = res
	}
	if c.per.Selected != exchangesOption(n) {
		c.per.SetSelected(exchangesOption(n))
	}
	c.refresh()
}

func cameoOption(c *project.Cameo) string { return c.Name + " (" + c.Handle + ")" }

// refresh says what the import will do with the current choices.
func (c *CastingDialog) refresh() {
	uncast := 0
	for _, r := range c.rows {
		if r.choice.Selected == leaveUncast {
			uncast++
		}
	}
	where := fmt.Sprintf("after shot %d", c.index)
	if c.index >= len(c.s.m.shots) {
		where = "at the end of the timeline"
	}
	if c.index == 0 && len(c.s.m.shots) > 0 {
		where = "before the first shot"
	}
	text := fmt.Sprintf("%s makes %d shots, added %s as one edit (Undo takes it back whole).",
		filepath.Base(c.path), len(c.res.Drafts), where)
	if len(c.rows) > 0 {
		text += fmt.Sprintf(" %d of %d characters are uncast: a neutral narrator voice speaks their lines under their names.", uncast, len(c.rows))
	}
	c.summary.SetText(text)
}

// show opens the dialog.
func (c *CastingDialog) show() {
	grid := container.New(newCastingLayout())
	for _, r := range c.rows {
		lines := "lines"
		if r.role.Lines == 1 {
			lines = "line"
		}
		grid.Add(widget.NewLabel(fmt.Sprintf("%s · %d %s", r.role.Name, r.role.Lines, lines)))
		grid.Add(r.choice)
	}
	body := container.NewVBox(c.summary, c.per, c.problem)
	var list fyne.CanvasObject = widget.NewLabel("The script has no dialogue: there is nobody to cast.")
	if len(c.rows) > 0 {
		list = container.NewVScroll(grid)
	}
	importButton := widget.NewButton("Import", c.Import)
	importButton.Importance = widget.HighImportance
	buttons := container.NewHBox(widget.NewButton("Cancel", c.Cancel), importButton)
	content := container.NewBorder(body, container.NewCenter(buttons), nil, nil, list)
	c.dlg = dialog.NewCustomWithoutButtons("Import Script: cast the characters", content, c.s.win)
	c.dlg.Resize(fyne.NewSize(620, 460))
	c.dlg.Show()
}

// Choose casts the character named name (as the script writes it, or its
// key) with the library cameo handle, or leaves it uncast when handle is
// "". It reports whether there is such a character and cameo.
func (c *CastingDialog) Choose(name, handle string) bool {
	key := fountain.Key(name)
	for _, r := range c.rows {
		if r.role.Key != key {
			continue
		}
		if handle == "" {
			r.choice.SetSelected(leaveUncast)
			return true
		}
		for _, cm := range c.cameos {
			if cm.Handle == project.NormalizeHandle(handle) {
				r.choice.SetSelected(cameoOption(cm))
				return true
			}
		}
	}
	return false
}

// Choice returns the handle cast as the character name, or "" when it is
// left uncast.
func (c *CastingDialog) Choice(name string) string {
	key := fountain.Key(name)
	for _, r := range c.rows {
		if r.role.Key == key {
			if cm := c.cameoFor(r.choice.Selected); cm != nil {
				return cm.Handle
			}
		}
	}
	return ""
}

// Summary returns the dialog's summary line.
func (c *CastingDialog) Summary() string { return c.summary.Text }

// Problem returns why the last Import did not go ahead, or "".
func (c *CastingDialog) Problem() string {
	if !c.problem.Visible() {
		return ""
	}
	return c.problem.Text
}

func (c *CastingDialog) cameoFor(option string) *project.Cameo {
	for _, cm := range c.cameos {
		if cameoOption(cm) == option {
			return cm
		}
	}
	return nil
}

// Cancel closes the dialog without importing.
func (c *CastingDialog) Cancel() {
	c.close()
	c.s.setStatus("Import cancelled")
}

func (c *CastingDialog) close() {
	if c.dlg != nil {
		c.dlg.Hide()
	}
	if c.s.casting == c {
		c.s.casting = nil
	}
}

// Import casts the shots as chosen, checks each cameo's consent, copies
// the cameos' images into the project and adds the shots in one edit,
// then selects the first of them.
func (c *CastingDialog) Import() {
	s := c.s
	byKey := map[string]*project.Cameo{}
	for _, r := range c.rows {
		byKey[r.role.Key] = c.cameoFor(r.choice.Selected)
	}
	known := append(append([]*project.Cameo(nil), s.m.library...), s.m.cameos...)
	shots, cameos, err := c.res.Shots(fountain.Casting{ByKey: byKey, ByHandle: func(h string) *project.Cameo {
		for _, cm := range known {
			if cm.Handle == h {
				return cm
			}
		}
		return nil
	}})
	if err == nil {
		now := s.deps.Now()
		for _, cm := range cameos {
			if v := s.m.verdict(cm.ID, cm.Handle, now); !v.Allowed() {
				err = v.Err
				break
			}
		}
	}
	if err != nil {
		c.problem.SetText(filepath.Base(c.path) + ": " + err.Error())
		c.problem.Show()
		return
	}
	c.close()
	name := filepath.Base(c.path)
	n := len(shots)
	s.setStatus("Importing " + name + "…")
	s.work.do(func(ctx context.Context) func() {
		var err error
		if s.deps.Library != nil {
			for _, cm := range cameos {
				if err = copyAssets(ctx, s.deps.Store, s.deps.Library, cm.Images); err != nil {
					break
				}
			}
		}
		return func() {
			if err != nil {
				s.showError("Import Script", err)
			}
		}
	})
	s.edits.applyThen(project.ImportShots{Shots: shots, Index: c.index, Cameos: cameos}, func(a project.Applied) {
		s.selectShots([]int64{a.ID})
		s.setStatus(fmt.Sprintf("Imported %d shots from %s", n, name))
	})
}

// castingLayout lays out name and choice pairs in two columns: names as
// wide as the widest, choices taking the rest.
type castingLayout struct{}

func newCastingLayout() fyne.Layout { return castingLayout{} }

func (castingLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var nameW, choiceW, h float32
	for i := 0; i+1 < len(objs); i += 2 {
		a, b := objs[i].MinSize(), objs[i+1].MinSize()
		nameW, choiceW = max(nameW, a.Width), max(choiceW, b.Width)
		h += max(a.Height, b.Height) + 4
	}
	return fyne.NewSize(nameW+8+choiceW, h)
}

func (castingLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var nameW float32
	for i := 0; i+1 < len(objs); i += 2 {
		nameW = max(nameW, objs[i].MinSize().Width)
	}
	var y float32
	for i := 0; i+1 < len(objs); i += 2 {
		a, b := objs[i], objs[i+1]
		h := max(a.MinSize().Height, b.MinSize().Height)
		a.Move(fyne.NewPos(0, y))
		a.Resize(fyne.NewSize(nameW, h))
		b.Move(fyne.NewPos(nameW+8, y))
		b.Resize(fyne.NewSize(max(size.Width-nameW-8, b.MinSize().Width), h))
		y += h + 4
	}
}
