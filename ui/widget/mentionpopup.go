package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// mentionPopup is the list of cameos offered while a `@handle` is typed
// in the prompt. It floats over the inspector in the inspector's own
// layer rather than in a window overlay: an overlay takes the window's
// keyboard focus, so keys typed while it showed went to the player
// instead of the prompt. The prompt keeps the focus and hands ↑/↓,
// Enter, Tab and Escape to the list while it is open.
type mentionPopup struct {
	in     *Inspector
	panel  *fyne.Container // background and list, in the inspector's float layer
	list   *fyne.Container
	items  []*project.Cameo
	sel    int
	start  int
	cursor int
}

func newMentionPopup(in *Inspector) *mentionPopup {
	m := &mentionPopup{in: in, list: container.NewVBox()}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	bg.CornerRadius = 4
	m.panel = container.NewStack(bg, container.NewPadded(m.list))
	m.panel.Hide()
	return m
}

func (m *mentionPopup) visible() bool { return m.panel.Visible() && len(m.items) > 0 }

func (m *mentionPopup) hide() {
	m.panel.Hide()
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
	m.place()
	m.panel.Show()
}

// place puts the list under the caret, or above it when the inspector
// has no room below, inside the inspector.
func (m *mentionPopup) place() {
	in, e := m.in, m.in.prompt
	size := m.panel.MinSize()
	area := in.Size()
	d := fyne.CurrentApp().Driver()
	rel := d.AbsolutePositionForObject(e).Subtract(d.AbsolutePositionForObject(in))
	caret := e.CursorPosition()
	line := theme.TextSize() + 2*theme.InnerPadding()
	pos := rel.Add(caret).AddXY(0, line)
	if pos.Y+size.Height > area.Height && rel.Y+caret.Y-size.Height >= 0 {
		pos.Y = rel.Y + caret.Y - size.Height
	}
	if pos.X+size.Width > area.Width {
		pos.X = max(area.Width-size.Width, 0)
	}
	m.panel.Resize(size)
	m.panel.Move(pos)
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
	if !m.visible() {
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
		m.in.schedulePromptCommit()
		return true
	default:
		return false
	}
	m.rebuild()
	return true
}

// selected returns the handle the list highlights ("" when closed).
func (m *mentionPopup) selected() string {
	if !m.visible() {
		return ""
	}
	return m.items[m.sel].Handle
}

// choose puts the handle of item k into the prompt, casts the cameo if it
// is not cast yet, and stores the prompt. The caret ends right after the
// handle and its space.
func (m *mentionPopup) choose(k int) {
	if k < 0 || k >= len(m.items) {
		return
	}
	c := m.items[k]
	m.hide()
	in := m.in
	e := in.prompt
	text, cursor := insertMention(e.Text, m.start, m.cursor, c.Handle)
	e.replaceText(text, cursor)
	if in.base != nil && !in.base.IsCast(c.Handle) {
		in.base.Cast = append(in.base.Cast, project.CastMember{CameoID: c.ID, Handle: c.Handle})
		in.setCast(in.base.Cast)
		in.dialogue.setSpeakers(in.base.CastHandles())
		if in.OnCast != nil {
			in.OnCast(c)
		}
	}
	e.commit()
	if in.OnPromptEdited != nil {
		in.OnPromptEdited(e.Text)
	}
}
