package widget

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// dialogueEditor edits a shot's dialogue lines: speaker (from the cast),
// text and start. A line is stored once it has a speaker and text.
type dialogueEditor struct {
	in       *Inspector
	rows     []*dialogueRow
	box      *fyne.Container
	add      *widget.Button
	speakers []string
	rate     project.Rate
}

type dialogueRow struct {
	line    project.DialogueLine // as loaded: keeps a narrator's name and the delivery
	speaker *widget.Select
	text    *CommitEntry
	start   *CommitEntry
	remove  *widget.Button
	obj     fyne.CanvasObject
}

func newDialogueEditor(in *Inspector) *dialogueEditor {
	d := &dialogueEditor{in: in, box: container.NewVBox()}
	d.add = widget.NewButtonWithIcon("Add line", theme.ContentAddIcon(), func() {
		speaker := ""
		if len(d.speakers) > 0 {
			speaker = d.speakers[0]
		}
		d.addRow(project.DialogueLine{Speaker: speaker, Start: project.Frames(0, d.rate)})
		d.box.Refresh()
		d.in.relayout()
	})
	return d
}

func (d *dialogueEditor) content() fyne.CanvasObject {
	return container.NewVBox(d.box, container.NewHBox(d.add))
}

// set shows s's lines. With keep, rows the person is typing in survive.
func (d *dialogueEditor) set(s *project.Shot, rate project.Rate, keep bool) {
	d.rate = rate
	d.speakers = s.CastHandles()
	if keep && (d.dirty() || d.shows(s.Dialogue)) {
		d.setSpeakers(d.speakers)
		return
	}
	d.rows = nil
	d.box.Objects = nil
	for _, l := range s.Dialogue {
		d.addRow(l)
	}
	d.box.Refresh()
	d.in.relayout()
	d.add.Disable()
	if len(d.speakers) > 0 {
		d.add.Enable()
	}
}

func (d *dialogueEditor) setSpeakers(handles []string) {
	d.speakers = handles
	for _, r := range d.rows {
		r.speaker.Options = handles
		r.speaker.Refresh()
	}
	if len(handles) > 0 {
		d.add.Enable()
	} else {
		d.add.Disable()
	}
}

// shows reports whether the rows already show lines (so the rows, and
// the field the person is in, can stay).
func (d *dialogueEditor) shows(lines []project.DialogueLine) bool {
	got, problem := d.lines()
	if problem != "" || len(got) != len(lines) || len(d.rows) != len(lines) {
		return false
	}
	for i := range got {
		if got[i] != lines[i] {
			return false
		}
	}
	return true
}

func (d *dialogueEditor) dirty() bool {
	for _, r := range d.rows {
		if r.text.dirty() || r.start.dirty() {
			return true
		}
	}
	return false
}

func (d *dialogueEditor) addRow(l project.DialogueLine) {
	r := &dialogueRow{line: l}
	r.speaker = widget.NewSelect(d.speakers, func(string) {
		if !d.in.loading {
			d.commit()
		}
	})
	r.speaker.PlaceHolder = "Speaker"
	r.text = NewCommitEntry(false)
	r.text.SetPlaceHolder("What they say")
	r.text.ForceText(l.Text)
	r.text.OnCommit = func(string) { d.commit() }
	r.start = NewCommitEntry(false)
	r.start.ForceText(l.Start.String())
	r.start.OnCommit = func(string) { d.commit() }
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for k, x := range d.rows {
			if x == r {
				d.rows = append(d.rows[:k], d.rows[k+1:]...)
				d.box.Objects = append(d.box.Objects[:k], d.box.Objects[k+1:]...)
				break
			}
		}
		d.box.Refresh()
		d.in.relayout()
		d.commit()
	})
	loading := d.in.loading
	d.in.loading = true
	r.speaker.SetSelected(l.Speaker)
	d.in.loading = loading
	startBox := container.NewGridWrap(fyne.NewSize(70, r.start.MinSize().Height), r.start)
	r.obj = container.NewBorder(nil, nil, lineSpeaker(r), container.NewHBox(startBox, r.remove), r.text)
	d.rows = append(d.rows, r)
	d.box.Objects = append(d.box.Objects, r.obj)
}

func (d *dialogueEditor) flush() {
	if d.dirty() {
		for _, r := range d.rows {
			r.text.committed, r.start.committed = r.text.Text, r.start.Text
		}
		d.commit()
	}
}

// lines returns the complete rows as dialogue lines, and the first
// problem with a start time.
func (d *dialogueEditor) lines() ([]project.DialogueLine, string) {
	var out []project.DialogueLine
	for n, r := range d.rows {
		text := strings.TrimSpace(r.text.Text)
		speaker := r.speaker.Selected
		if r.line.Narrator {
			speaker = r.line.Speaker
		}
		if speaker == "" || text == "" {
			continue
		}
		start, err := project.ParseTime(r.start.Text, d.rate)
		if err != nil {
			return nil, "Line " + itoa(n+1) + ": " + project.ErrorMessage(err)
		}
		out = append(out, project.DialogueLine{Speaker: speaker, Text: text, Start: start, Narrator: r.line.Narrator, Delivery: r.line.Delivery})
	}
	return out, ""
}

func (d *dialogueEditor) commit() {
	lines, problem := d.lines()
	if problem != "" {
		d.in.message.SetText(problem)
		d.in.message.Show()
		return
	}
	d.in.commitWith(func(s *project.Shot) { s.Dialogue = lines })
}
