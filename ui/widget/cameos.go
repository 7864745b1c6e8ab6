package widget

import (
	"image"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// CameoPanel lists the cameos in the person's library with their avatars
// and a search box. A cameo is cast by dragging its row onto a shot card,
// or with its Cast button (into the selected shot).
type CameoPanel struct {
	widget.BaseWidget

	// OnNew opens the new-cameo form.
	OnNew func()
	// OnCast casts c in the selected shot.
	OnCast func(c *project.Cameo)
	// OnRevoke revokes c's consent (after the person confirms).
	OnRevoke func(c *project.Cameo)
	// OnDrag reports a row being dragged, at an absolute position.
	OnDrag func(c *project.Cameo, at fyne.Position)
	// OnDrop reports the end of a drag.
	OnDrop func(c *project.Cameo)
	// OnImport imports a cameo file or a revocation.
	OnImport func()
	// OnExport writes c with its signed consent to a file.
	OnExport func(c *project.Cameo)
	// Verdict judges c's consent for the open project with the one
	// consent rule; nil judges its own record's terms only.
	Verdict func(c *project.Cameo) project.ConsentVerdict

	now       func() time.Time
	projectID string
	avatar    func(c *project.Cameo) image.Image
	cameos    []*project.Cameo
	search    *widget.Entry
	buttons   *fyne.Container // New cameo, Import…
	list      *fyne.Container
	empty     *widget.Label
	root      *fyne.Container
}

// NewCameoPanel returns an empty panel. avatar returns a cameo's decoded
// first image, or nil while it loads.
func NewCameoPanel(now func() time.Time, avatar func(c *project.Cameo) image.Image) *CameoPanel {
	p := &CameoPanel{now: now, avatar: avatar}
	p.ExtendBaseWidget(p)
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder("Search cameos")
	p.search.OnChanged = func(string) { p.rebuild() }
	p.list = container.NewVBox()
	p.empty = widget.NewLabel("No cameos yet.")
	p.empty.Wrapping = fyne.TextWrapWord
	newButton := widget.NewButtonWithIcon("New cameo", theme.ContentAddIcon(), func() {
		if p.OnNew != nil {
			p.OnNew()
		}
	})
	importButton := widget.NewButtonWithIcon("Import…", theme.DownloadIcon(), func() {
		if p.OnImport != nil {
			p.OnImport()
		}
	})
	add := container.NewGridWithColumns(2, newButton, importButton)
	p.buttons = add
	head := container.NewVBox(widget.NewLabelWithStyle("Cameos", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.search)
	p.root = container.NewBorder(head, add, nil, nil, container.NewVScroll(container.NewVBox(p.empty, p.list)))
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *CameoPanel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.root) }

// Controls returns the panel's buttons by name (see Studio.Controls).
func (p *CameoPanel) Controls() map[string]fyne.CanvasObject {
	return map[string]fyne.CanvasObject{"cameo buttons": p.buttons}
}

// SetCameos shows cameos; projectID is the open project (for consent).
func (p *CameoPanel) SetCameos(cameos []*project.Cameo, projectID string) {
	p.cameos, p.projectID = cameos, projectID
	p.rebuild()
}

// Redraw rebuilds the rows (after avatars were decoded).
func (p *CameoPanel) Redraw() { p.rebuild() }

// Search sets the search text.
func (p *CameoPanel) Search(text string) { p.search.SetText(text) }

// Rows returns the row widgets shown, in order.
func (p *CameoPanel) Rows() []*CameoRow {
	var out []*CameoRow
	for _, o := range p.list.Objects {
		out = append(out, o.(*CameoRow))
	}
	return out
}

func (p *CameoPanel) rebuild() {
	q := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(p.search.Text, "@")))
	var objs []fyne.CanvasObject
	for _, c := range p.cameos {
		if q != "" && !strings.Contains(strings.ToLower(c.Name), q) && !strings.Contains(c.Handle, q) {
			continue
		}
		objs = append(objs, newCameoRow(p, c))
	}
	p.list.Objects = objs
	p.list.Refresh()
	if len(p.cameos) == 0 {
		p.empty.SetText("No cameos yet. Add one with New cameo. Only add people who agreed to it.")
	} else {
		p.empty.SetText("No cameo matches the search.")
	}
	showIf(p.empty, len(objs) == 0)
}

// CameoRow is one cameo in the panel. Drag it onto a shot card to cast it.
type CameoRow struct {
	widget.BaseWidget
	panel *CameoPanel
	Cameo *project.Cameo
	// Problem is why the cameo cannot be used now ("" when it can).
	Problem string
	// Signature says how its consent is signed: "signed by owner",
	// "self-attested" (vouched for by this machine's user) or "does not
	// verify".
	Signature string
	cast      *widget.Button
	export    *widget.Button
	revoke    *widget.Button
	root      *fyne.Container
	dragging  bool
}

var _ fyne.Draggable = (*CameoRow)(nil)

func newCameoRow(p *CameoPanel, c *project.Cameo) *CameoRow {
	r := &CameoRow{panel: p, Cameo: c}
	r.ExtendBaseWidget(r)
	if p.Verdict != nil {
		v := p.Verdict(c)
		if !v.Allowed() {
			r.Problem = project.ErrorMessage(v.Err)
		}
		r.Signature = v.SignatureStatus()
	} else if err := c.Consent.Allows(c.Handle, p.projectID, p.now()); err != nil {
		r.Problem = project.ErrorMessage(err)
	}
	var pic fyne.CanvasObject
	if img := p.avatar(c); img != nil {
		ci := canvas.NewImageFromImage(img)
		ci.FillMode = canvas.ImageFillCover
		ci.CornerRadius = 20
		ci.SetMinSize(fyne.NewSize(40, 40))
		pic = ci
	} else {
		bg := canvas.NewCircle(colEmpty)
		pic = container.NewGridWrap(fyne.NewSize(40, 40), bg)
	}
	name := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	sub := c.Handle
	switch {
	case r.Problem != "":
		sub += " · not usable"
	case r.Signature == "self-attested":
		sub += " · self-attested"
	}
	handle := widget.NewLabel(sub)
	handle.Truncation = fyne.TextTruncateEllipsis
	if r.Problem != "" {
		handle.Importance = widget.DangerImportance
	}
	r.cast = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() {
		if p.OnCast != nil {
			p.OnCast(c)
		}
	})
	r.revoke = widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		if p.OnRevoke != nil {
			p.OnRevoke(c)
		}
	})
	if r.Problem != "" {
		r.cast.Disable()
	}
	if c.Consent.Revoked {
		r.revoke.Disable()
	}
	r.export = widget.NewButtonWithIcon("", theme.UploadIcon(), func() {
		if p.OnExport != nil {
			p.OnExport(c)
		}
	})
	text := container.New(layout.NewCustomPaddedVBoxLayout(-8), name, handle)
	r.root = container.NewBorder(nil, nil, container.NewCenter(pic), container.NewHBox(r.cast, r.export, r.revoke), text)
	return r
}

// CreateRenderer implements fyne.Widget.
func (r *CameoRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.root) }

// CastButton and RevokeButton return the row's buttons.
func (r *CameoRow) CastButton() *widget.Button { return r.cast }

// RevokeButton returns the row's revoke button.
func (r *CameoRow) RevokeButton() *widget.Button { return r.revoke }

// Dragged reports the drag position to the panel.
func (r *CameoRow) Dragged(e *fyne.DragEvent) {
	if r.Problem != "" {
		return
	}
	r.dragging = true
	if r.panel.OnDrag != nil {
		r.panel.OnDrag(r.Cameo, e.AbsolutePosition)
	}
}

// DragEnd drops the cameo where the drag ended.
func (r *CameoRow) DragEnd() {
	if !r.dragging {
		return
	}
	r.dragging = false
	if r.panel.OnDrop != nil {
		r.panel.OnDrop(r.Cameo)
	}
}
