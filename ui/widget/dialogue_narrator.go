package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// lineSpeaker is the speaker part of a dialogue row: the cast picker, or
// for a line of an uncast character (from an imported script) its name
// marked as spoken by the narrator voice; with the line's delivery
// ("whisper") after it when it has one.
func lineSpeaker(r *dialogueRow) fyne.CanvasObject {
	var who fyne.CanvasObject = r.speaker
	if r.line.Narrator {
		who = widget.NewLabelWithStyle(r.line.Speaker+" · narrator voice", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	}
	if r.line.Delivery == "" {
		return who
	}
	return container.NewHBox(who, widget.NewLabelWithStyle("("+string(r.line.Delivery)+")", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
}

// DialogueSpeakers returns what the inspector shows as the speaker of
// each dialogue line (for tests): the cast handle chosen, or a narrator's
// name with its mark.
func (i *Inspector) DialogueSpeakers() []string {
	var out []string
	for _, r := range i.dialogue.rows {
		if r.line.Narrator {
			out = append(out, r.line.Speaker+" · narrator voice")
			continue
		}
		out = append(out, r.speaker.Selected)
	}
	return out
}
