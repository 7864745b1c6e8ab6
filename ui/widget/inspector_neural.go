package widget

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// neuralFields are the inspector's sampling settings of a shot, shown only
// while the project generates with a neural engine: denoising steps and
// guidance scale, each empty (or 0) for the model pack's default.
type neuralFields struct {
	steps, guidance *CommitEntry
	hint            *widget.Label
	form            *widget.Form
}

// buildNeuralFields makes the sampling fields, hidden until SetEngine
// shows them.
func (i *Inspector) buildNeuralFields() fyne.CanvasObject {
	n := &neuralFields{steps: NewCommitEntry(false), guidance: NewCommitEntry(false), hint: widget.NewLabel("")}
	n.hint.Wrapping = fyne.TextWrapWord
	n.hint.Importance = widget.LowImportance
	n.steps.OnCommit = i.commitSteps
	n.guidance.OnCommit = i.commitGuidance
	n.form = widget.NewForm(
		widget.NewFormItem("Steps", n.steps),
		widget.NewFormItem("Guidance", n.guidance),
		widget.NewFormItem("", n.hint),
	)
	n.form.Hide()
	i.neural = n
	return n.form
}

// setNeural shows a shot's steps and guidance without committing them.
func (i *Inspector) setNeural(s *project.Shot, same bool) {
	n := i.neural
	set := func(e *CommitEntry, v string) {
		if same {
			e.setCommitted(v)
		} else {
			e.ForceText(v)
		}
	}
	set(n.steps, stepsText(s.Steps))
	set(n.guidance, guidanceText(s.Guidance))
	n.refreshHint(i.engine)
}

// showNeural shows or hides the fields for engine c.
func (i *Inspector) showNeural(c EngineChoice) {
	i.neural.refreshHint(c)
	n := i.neural
	n.steps.SetPlaceHolder(placeholder(c.DefaultSteps, ""))
	n.guidance.SetPlaceHolder(placeholder(0, guidanceText(c.DefaultGuidance)))
	showIf(n.form, c.Neural)
}

func placeholder(steps int, guidance string) string {
	if steps > 0 {
		return fmt.Sprintf("pack default (%d)", steps)
	}
	if guidance != "" {
		return "pack default (" + guidance + ")"
	}
	return "pack default"
}

func (n *neuralFields) refreshHint(c EngineChoice) {
	switch {
	case !c.Neural:
		n.hint.SetText("")
	case c.DefaultsFrom != "":
		n.hint.SetText(fmt.Sprintf("Empty: the pack's %d steps at guidance %s (%s). Guidance 1 or below ignores the negative prompt.",
			c.DefaultSteps, guidanceText(c.DefaultGuidance), c.DefaultsFrom))
	default:
		n.hint.SetText("Empty: the pack's defaults. Guidance 1 or below ignores the negative prompt.")
	}
}

func stepsText(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

func guidanceText(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func (i *Inspector) commitSteps(text string) {
	if i.base == nil {
		return
	}
	text = strings.TrimSpace(text)
	v := 0
	if text != "" {
		var err error
		v, err = strconv.Atoi(text)
		if err != nil || v < 0 || v > project.MaxSteps {
			i.message.SetText(fmt.Sprintf("Steps: %q is not a whole number from 1 to %d (empty: the pack's default)", text, project.MaxSteps))
			i.message.Show()
			i.neural.steps.ForceText(stepsText(i.base.Steps))
			return
		}
	}
	if v == i.base.Steps {
		return
	}
	i.commitWith(func(s *project.Shot) { s.Steps = v })
}

func (i *Inspector) commitGuidance(text string) {
	if i.base == nil {
		return
	}
	text = strings.TrimSpace(text)
	v := 0.0
	if text != "" {
		var err error
		v, err = strconv.ParseFloat(text, 64)
		if err != nil || !(v >= 0 && v <= project.MaxGuidance) {
			i.message.SetText(fmt.Sprintf("Guidance: %q is not a number from 0 to %d (such as 7.5; empty: the pack's default)", text, project.MaxGuidance))
			i.message.Show()
			i.neural.guidance.ForceText(guidanceText(i.base.Guidance))
			return
		}
	}
	if v == i.base.Guidance {
		return
	}
	i.commitWith(func(s *project.Shot) { s.Guidance = v })
}

// flushNeural commits unsaved typing in the sampling fields.
func (i *Inspector) flushNeural() {
	i.neural.steps.commit()
	i.neural.guidance.commit()
}

// Steps and Guidance return the sampling fields (for tests).
func (i *Inspector) Steps() Field    { return i.neural.steps }
func (i *Inspector) Guidance() Field { return i.neural.guidance }

// ShowsSampling reports whether the steps and guidance fields are shown
// (the engine is neural).
func (i *Inspector) ShowsSampling() bool { return i.neural.form.Visible() }

// SamplingHint returns the line under the sampling fields, which gives the
// pack's defaults (for tests).
func (i *Inspector) SamplingHint() string { return i.neural.hint.Text }
