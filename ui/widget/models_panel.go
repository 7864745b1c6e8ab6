package widget

import (
	"context"
	"fmt"
	"image"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"kino/engine"
	"kino/engine/models"
)

// ModelLibrary is the models folder as the Models window uses it. The app
// implements it with package models and the engines' finders.
type ModelLibrary interface {
	// Dir is the models folder.
	Dir() string
	// List lists the installed models (it reads every pack's signature:
	// called off the UI goroutine).
	List(ctx context.Context) []models.Entry
	// AddFolder copies a model folder in; Download fetches a repository
	// URL. Both report progress and stop when ctx ends, leaving nothing.
	AddFolder(ctx context.Context, path string, progress func(models.Progress)) (models.Entry, error)
	Download(ctx context.Context, url string, progress func(models.Progress)) (models.Entry, error)
	// Remove deletes an installed model.
	Remove(name string) error
	// Try generates one still with a model pack and says how it went.
	Try(ctx context.Context, name, prompt string, seed uint64, progress engine.ProgressFunc) (image.Image, string, error)
}

// ModelsPanel is the content of the studio's Models window: the installed
// models, adding a folder or a URL (with progress and Cancel), removing,
// and trying a pack with a preview of its still.
type ModelsPanel struct {
	widget.BaseWidget

	lib  ModelLibrary
	post func(func())
	win  fyne.Window // for dialogs; nil in tests

	entries  []models.Entry
	selected int
	list     *widget.List
	detail   *widget.Label
	url      *widget.Entry
	progress *widget.ProgressBar
	status   *widget.Label
	cancel   *widget.Button
	busy     *fyne.Container
	prompt   *widget.Entry
	seed     *widget.Entry
	tryBtn   *widget.Button
	preview  *canvas.Image
	tryInfo  *widget.Label
	root     fyne.CanvasObject

	mu      sync.Mutex
	stop    context.CancelFunc
	running bool
}

// NewModelsPanel returns the panel over lib; post runs functions on the
// UI goroutine (fyne.Do in the studio).
func NewModelsPanel(lib ModelLibrary, post func(func()), win fyne.Window) *ModelsPanel {
	p := &ModelsPanel{lib: lib, post: post, win: win, selected: -1}
	p.ExtendBaseWidget(p)
	p.list = widget.NewList(func() int { return len(p.entries) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(entryLine(p.entries[i])) })
	p.list.OnSelected = func(i widget.ListItemID) { p.selected = i; p.showDetail() }
	p.detail = widget.NewLabel("")
	p.detail.Wrapping = fyne.TextWrapWord
	p.url = widget.NewEntry()
	p.url.SetPlaceHolder("https://huggingface.co/ORG/REPO (or …/tree/REVISION/FOLDER)")
	p.progress = widget.NewProgressBar()
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.cancel = widget.NewButton("Cancel", p.Cancel)
	p.busy = container.NewBorder(nil, nil, nil, p.cancel, p.progress)
	p.busy.Hide()
	p.prompt = widget.NewEntry()
	p.prompt.SetPlaceHolder("a prompt to try the selected pack with")
	p.seed = widget.NewEntry()
	p.seed.SetText("42")
	p.tryBtn = widget.NewButton("Try", p.TrySelected)
	p.preview = canvas.NewImageFromImage(nil)
	p.preview.FillMode = canvas.ImageFillContain
	p.preview.SetMinSize(fyne.NewSize(256, 256))
	p.tryInfo = widget.NewLabel("")
	p.tryInfo.Wrapping = fyne.TextWrapWord

	buttons := container.NewHBox(
		widget.NewButton("Add Folder…", p.chooseFolder),
		widget.NewButton("Remove…", p.confirmRemove),
		widget.NewButton("Refresh", p.Reload),
	)
	add := container.NewBorder(nil, nil, widget.NewLabel("URL"), widget.NewButton("Download", func() { p.AddURL(p.url.Text) }), p.url)
	try := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel("Seed"), p.seed, p.tryBtn), p.prompt)
	left := container.NewBorder(widget.NewLabel("Installed in "+lib.Dir()), container.NewVBox(buttons, p.detail), nil, nil, p.list)
	right := container.NewBorder(container.NewVBox(add, p.busy, p.status, widget.NewSeparator(), try), p.tryInfo, nil, nil, p.preview)
	split := container.NewHSplit(left, right)
	split.Offset = 0.45
	p.root = split
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *ModelsPanel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.root) }

func entryLine(e models.Entry) string {
	parts := []string{e.Name, string(e.Kind)}
	if e.Precision != "" {
		parts = append(parts, e.Precision)
	}
	parts = append(parts, sizeLabel(e.Size))
	if e.Licence != "" {
		parts = append(parts, e.Licence)
	}
	if !e.Loads {
		parts = append(parts, "cannot be used")
	}
	return strings.Join(parts, " · ")
}

func sizeLabel(n int64) string {
	const k = 1024
	switch {
	case n >= k*k*k:
		return fmt.Sprintf("%.1f GB", float64(n)/(k*k*k))
	case n >= k*k:
		return fmt.Sprintf("%.1f MB", float64(n)/(k*k))
	}
	return fmt.Sprintf("%d KB", (n+k-1)/k)
}

// Reload lists the models again, off the UI goroutine.
func (p *ModelsPanel) Reload() {
	go func() {
		list := p.lib.List(context.Background())
		p.post(func() {
			p.entries = list
			if p.selected >= len(list) {
				p.selected = -1
				p.list.UnselectAll()
			}
			p.list.Refresh()
			p.showDetail()
		})
	}()
	p.BaseWidget.Refresh()
}

func (p *ModelsPanel) showDetail() {
	if p.selected < 0 || p.selected >= len(p.entries) {
		p.detail.SetText("Select a model to see what Kino found in it.")
		return
	}
	e := p.entries[p.selected]
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n", e.Name, e.Kind)
	if e.Title != "" {
		fmt.Fprintf(&b, "%s\n", e.Title)
	}
	if e.Details != "" {
		fmt.Fprintf(&b, "%s\n", e.Details)
	}
	if e.Problem != "" {
		fmt.Fprintf(&b, "Cannot be used: %s\n", e.Problem)
	}
	for _, n := range e.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	p.detail.SetText(strings.TrimSpace(b.String()))
}

// Entries returns the models listed (for tests).
func (p *ModelsPanel) Entries() []models.Entry { return p.entries }

// Status returns the status line (for tests).
func (p *ModelsPanel) Status() string { return p.status.Text }

// Busy reports whether an add, download or try is running.
func (p *ModelsPanel) Busy() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.running
}

// start begins a long job: it shows the progress bar and Cancel and
// returns the job's context, or false when one is running already.
func (p *ModelsPanel) start(what string) (context.Context, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.running {
		p.status.SetText("Wait for the running job, or cancel it.")
		return nil, false
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.stop, p.running = cancel, true
	p.progress.SetValue(0)
	p.busy.Show()
	p.status.SetText(what)
	return ctx, true
}

// end finishes a long job with a status line.
func (p *ModelsPanel) end(status string) {
	p.mu.Lock()
	if p.stop != nil {
		p.stop()
	}
	p.stop, p.running = nil, false
	p.mu.Unlock()
	p.busy.Hide()
	p.status.SetText(status)
	p.Reload()
}

// Cancel stops the running add, download or try.
func (p *ModelsPanel) Cancel() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.stop()
	}
}

func (p *ModelsPanel) showProgress(pr models.Progress) {
	p.post(func() {
		if pr.Total > 0 {
			p.progress.SetValue(float64(pr.Done) / float64(pr.Total))
		}
		p.status.SetText(pr.String())
	})
}

func (p *ModelsPanel) finishAdd(ctx context.Context, e models.Entry, err error) {
	p.post(func() {
		switch {
		case ctx.Err() != nil:
			p.end("Cancelled: nothing was installed (a download resumes when started again).")
		case err != nil:
			p.end("Not installed: " + err.Error())
		default:
			p.end(fmt.Sprintf("Installed %s (%s, %s).", e.Name, e.Kind, sizeLabel(e.Size)))
		}
	})
}

// AddFolder copies the model folder at path into the models folder.
func (p *ModelsPanel) AddFolder(path string) {
	ctx, ok := p.start("Copying " + path + "…")
	if !ok {
		return
	}
	go func() {
		e, err := p.lib.AddFolder(ctx, path, p.showProgress)
		p.finishAdd(ctx, e, err)
	}()
}

// AddURL downloads the repository at url into the models folder.
func (p *ModelsPanel) AddURL(url string) {
	url = strings.TrimSpace(url)
	if url == "" {
		p.status.SetText("Type the URL of a model repository first.")
		return
	}
	ctx, ok := p.start("Asking " + url + " for its files…")
	if !ok {
		return
	}
	go func() {
		e, err := p.lib.Download(ctx, url, p.showProgress)
		p.finishAdd(ctx, e, err)
	}()
}

func (p *ModelsPanel) chooseFolder() {
	if p.win == nil {
		return
	}
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			p.AddFolder(u.Path())
		}
	}, p.win)
}

func (p *ModelsPanel) selectedName() string {
	if p.selected < 0 || p.selected >= len(p.entries) {
		return ""
	}
	return p.entries[p.selected].Name
}

func (p *ModelsPanel) confirmRemove() {
	name := p.selectedName()
	if name == "" {
		p.status.SetText("Select the model to remove.")
		return
	}
	if p.win == nil {
		p.Remove(name)
		return
	}
	dialog.ShowConfirm("Remove "+name+"?", "Its files are deleted from "+p.lib.Dir()+". Takes made with it keep their pictures.",
		func(ok bool) {
			if ok {
				p.Remove(name)
			}
		}, p.win)
}

// Remove deletes the model name.
func (p *ModelsPanel) Remove(name string) {
	if err := p.lib.Remove(name); err != nil {
		p.status.SetText("Not removed: " + err.Error())
		return
	}
	p.status.SetText("Removed " + name + ".")
	p.selected = -1
	p.list.UnselectAll()
	p.Reload()
}

// Select selects the model name in the list (for tests and callers).
func (p *ModelsPanel) Select(name string) {
	for i, e := range p.entries {
		if e.Name == name {
			p.list.Select(i)
			return
		}
	}
}

// SetTryPrompt sets the prompt and seed of the next Try (for tests).
func (p *ModelsPanel) SetTryPrompt(prompt string, seed uint64) {
	p.prompt.SetText(prompt)
	p.seed.SetText(strconv.FormatUint(seed, 10))
}

// TrySelected generates a still with the selected pack and previews it.
func (p *ModelsPanel) TrySelected() {
	name := p.selectedName()
	if name == "" {
		p.status.SetText("Select the model pack to try.")
		return
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(p.seed.Text), 10, 64)
	if err != nil {
		p.status.SetText("Seed: not a whole number.")
		return
	}
	prompt := strings.TrimSpace(p.prompt.Text)
	if prompt == "" {
		p.status.SetText("Type a prompt to try the pack with.")
		return
	}
	ctx, ok := p.start("Loading " + name + "…")
	if !ok {
		return
	}
	go func() {
		img, info, err := p.lib.Try(ctx, name, prompt, seed, func(pr engine.Progress) {
			p.post(func() {
				if pr.Total > 0 {
					p.progress.SetValue(float64(pr.Step) / float64(pr.Total))
				}
				p.status.SetText(fmt.Sprintf("%s %d of %d", pr.Stage, pr.Step, pr.Total))
			})
		})
		p.post(func() {
			switch {
			case ctx.Err() != nil:
				p.end("Cancelled.")
			case err != nil:
				p.end("The try failed: " + err.Error())
			default:
				p.preview.Image = img
				p.preview.Refresh()
				p.tryInfo.SetText(info)
				p.end("Tried " + name + ".")
			}
		})
	}()
}

// Preview returns the last tried still (nil before one), for tests.
func (p *ModelsPanel) Preview() image.Image { return p.preview.Image }

// TryInfo returns the line that describes the last try.
func (p *ModelsPanel) TryInfo() string { return p.tryInfo.Text }
