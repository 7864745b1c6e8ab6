package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// mentionPopup is the list of cameos offered while a `@handle` is typed
// in the prompt. It does not take the keyboard focus: the prompt keeps
// it and hands the arrow keys, Enter, Tab and Escape over while the list
// is open.
type mentionPopup struct {
	in     *Inspector
	pop    *widget.PopUp
	list   *fyne.Container
	items  []*project.Cameo
	sel    int
	start  int
	cursor int
}

func newMentionPopup(in *Inspector) *mentionPopup {
	return &mentionPopup{in: in, list: container.NewVBox()}
}

func (m *mentionPopup) visible() bool { return m.pop != nil && m.pop.Visible() }

func (m *mentionPopup) hide() {
	if m.pop != nil {
		m.pop.Hide()
	}
	m.items = nil
}

// Items returns the handles offered, in order.
func (m *mentionPopup) handles() []string {
	var out []string
	for _, c := range m.items {
		out = append(out, c.Handle)
	}
	return out
}

// update opens, refreshes or closes the list for the text around the cursor.
func (m *mentionPopup) update() {
	e := m.in.prompt
	cursor := e.CursorTextOffset()
	start, prefix, ok := mentionAt(e.Text, cursor)
	if !ok {
		m.hide()
		return
	}
	items := castable(m.in.cameos, prefix, m.in.projectID, m.in.now())
	if len(items) == 0 {
		m.hide()
		return
	}
	m.items, m.sel, m.start, m.cursor = items, 0, start, cursor
	m.rebuild()
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	if m.pop == nil || m.pop.Canvas != c {
		m.pop = widget.NewPopUp(m.list, c)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(e.CursorPosition()).AddXY(0, 28)
	m.pop.ShowAtPosition(pos)
}

func (m *mentionPopup) rebuild() {
	objs := make([]fyne.CanvasObject, len(m.items))
	for k, c := range m.items {
		k := k
		b := widget.NewButton(c.Handle+"  "+c.Name, func() { m.choose(k) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if k == m.sel {
			b.Importance = widget.HighImportance
		}
		objs[k] = b
	}
	m.list.Objects = objs
	m.list.Refresh()
}

// key handles the list's keys while it is open.
func (m *mentionPopup) key(k *fyne.KeyEvent) bool {
	if !m.visible() || len(m.items) == 0 {
		return false
	}
	switch k.Name {
	case fyne.KeyDown:
		m.sel = (m.sel + 1) % len(m.items)
	case fyne.KeyUp:
		m.sel = (m.sel + len(m.items) - 1) % len(m.items)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyTab:
		m.choose(m.sel)
		return true
	case fyne.KeyEscape:
		m.hide()
		return true
	default:
		return false
	}
	m.rebuild()
	return true
}

// choose puts the handle of item k into the prompt, casts the cameo if it
// is not cast yet, and stores the prompt.
func (m *mentionPopup) choose(k int) {
	if k < 0 || k >= len(m.items) {
		return
	}
	c := m.items[k]
	m.hide()
	in := m.in
	e := in.prompt
	text, cursor := insertMention(e.Text, m.start, m.cursor, c.Handle)
	e.setting = true
	e.SetText(text)
	e.setting = false
	e.setCursorOffset(cursor)
	if in.base != nil && !in.base.IsCast(c.Handle) {
		in.base.Cast = append(in.base.Cast, project.CastMember{CameoID: c.ID, Handle: c.Handle})
		in.setCast(in.base.Cast)
		in.dialogue.setSpeakers(in.base.CastHandles())
		if in.OnCast != nil {
			in.OnCast(c)
		}
	}
	e.commit()
}
