package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/project"
	kwidget "kino/ui/widget"
)

// VoiceModelChoice is an installed voice model the cameo form offers.
type VoiceModelChoice struct {
	// Model is what goes into project.Voice.Model: "piper:NAME".
	Model string
	// Label describes it: "de_DE-thorsten-medium (German, medium)".
	Label string
	// Language is the espeak-ng voice it speaks ("de", "en-us"), which
	// becomes the cameo's language.
	Language string
	// Speakers names the speakers of a multi-speaker voice, by id
	// ("0" … when unnamed); nil for one speaker.
	Speakers []string
}

// espeakChoice is the voice select's built-in entry.
const espeakChoice = "espeak-ng (built in)"

// voicePart is the cameo form's voice: the voice model (or espeak-ng),
// the speaker, the language, pitch and rate, a Test voice button and the
// waveform shown when nothing can be heard.
type voicePart struct {
	models   []VoiceModelChoice
	model    *widget.Select
	speaker  *widget.Select
	language *widget.Entry
	pitch    *widget.Slider
	rate     *widget.Slider
	test     *widget.Button
	wave     *kwidget.WavePreview
	waveNote *widget.Label
	// noteRow holds waveNote and wave: a form row shown only when there
	// is something to say, so the form fits laptop screens.
	noteRow *fyne.Container
}

func newVoicePart(onTest func()) *voicePart {
	v := &voicePart{}
	v.speaker = widget.NewSelect(nil, nil)
	v.speaker.Hide()
	v.language = widget.NewEntry()
	v.language.SetText(project.DefaultVoice.Language)
	v.pitch = widget.NewSlider(0, 100)
	v.pitch.Value = float64(project.DefaultVoice.Pitch)
	v.rate = widget.NewSlider(80, 450)
	v.rate.Value = float64(project.DefaultVoice.Rate)
	v.model = widget.NewSelect([]string{espeakChoice}, v.choose)
	v.model.SetSelected(espeakChoice)
	v.test = widget.NewButtonWithIcon("Test voice", theme.VolumeUpIcon(), onTest)
	v.wave = kwidget.NewWavePreview()
	v.wave.Hide()
	v.waveNote = widget.NewLabel("")
	v.waveNote.Wrapping = fyne.TextWrapWord
	v.waveNote.Hide()
	v.noteRow = container.NewVBox(v.waveNote, v.wave)
	v.noteRow.Hide()
	return v
}

// setModels offers the installed voice models besides espeak-ng.
func (v *voicePart) setModels(models []VoiceModelChoice) {
	v.models = append([]VoiceModelChoice(nil), models...)
	options := []string{espeakChoice}
	for _, m := range models {
		options = append(options, m.Label)
	}
	v.model.SetOptions(options)
}

// items are the form rows of the voice part.
func (v *voicePart) items() []*widget.FormItem {
	return []*widget.FormItem{
		// The speaker choice and the note take room only when shown (a
		// form row of its own keeps its label when its field is hidden).
		widget.NewFormItem("Voice", container.NewVBox(container.NewBorder(nil, nil, nil, v.test, v.model), v.speaker, v.noteRow)),
		widget.NewFormItem("Language", v.language),
		widget.NewFormItem("Pitch", v.pitch),
		widget.NewFormItem("Rate (words/min)", v.rate),
	}
}

// chosen returns the voice model picked, or nil for espeak-ng.
func (v *voicePart) chosen() *VoiceModelChoice {
	for i := range v.models {
		if v.models[i].Label == v.model.Selected {
			return &v.models[i]
		}
	}
	return nil
}

// choose follows the voice select: a model sets the language it speaks
// and offers its speakers; pitch applies to espeak-ng only.
func (v *voicePart) choose(string) {
	m := v.chosen()
	if m == nil {
		v.speaker.Hide()
		v.pitch.Enable()
		return
	}
	v.language.SetText(m.Language)
	v.pitch.Disable()
	if len(m.Speakers) < 2 {
		v.speaker.Hide()
		return
	}
	opts := make([]string, len(m.Speakers))
	for i, s := range m.Speakers {
		opts[i] = fmt.Sprintf("%d: %s", i, s)
	}
	v.speaker.SetOptions(opts)
	v.speaker.SetSelectedIndex(0)
	v.speaker.Show()
}

// voice returns the voice the part describes.
func (v *voicePart) voice() project.Voice {
	out := project.Voice{Language: strings.TrimSpace(v.language.Text), Pitch: int(v.pitch.Value), Rate: int(v.rate.Value)}
	if m := v.chosen(); m != nil {
		out.Model = m.Model
		if i := v.speaker.SelectedIndex(); i > 0 && len(m.Speakers) > 1 {
			out.Speaker = i
		}
	}
	return out
}

// showWave shows a spoken sample's waveform with a note saying why it is
// shown (nothing can be heard).
func (v *voicePart) showWave(peaks []float32, note string) {
	v.wave.SetPeaks(peaks)
	v.wave.Show()
	v.setNote(note)
}

// setNote says what Test voice did ("" hides the note, and the row when
// no waveform is shown either).
func (v *voicePart) setNote(note string) {
	v.waveNote.SetText(note)
	v.waveNote.Hidden = note == ""
	v.waveNote.Refresh()
	v.noteRow.Hidden = note == "" && !v.wave.Visible()
	v.noteRow.Refresh()
}

// hideWave hides the waveform (the sample played).
func (v *voicePart) hideWave() {
	v.wave.Hide()
	v.setNote("")
}

// sampleLines are Test voice's sentence in a few languages; %s is the
// cameo's name.
var sampleLines = map[string][2]string{
	"en": {"Hello, I am %s. This is how I sound in Kino.", "Hello. This is how I sound in Kino."},
	"de": {"Hallo, ich bin %s. So klinge ich in Kino.", "Hallo. So klinge ich in Kino."},
	"fr": {"Bonjour, je suis %s. Voici ma voix dans Kino.", "Bonjour. Voici ma voix dans Kino."},
	"es": {"Hola, soy %s. Así sueno en Kino.", "Hola. Así sueno en Kino."},
	"it": {"Ciao, sono %s. Ecco la mia voce in Kino.", "Ciao. Ecco la mia voce in Kino."},
	"nl": {"Hallo, ik ben %s. Zo klink ik in Kino.", "Hallo. Zo klink ik in Kino."},
	"pt": {"Olá, eu sou %s. É assim que eu soo no Kino.", "Olá. É assim que eu soo no Kino."},
}

// sampleLine is the sentence Test voice speaks, in the cameo's language
// (English when Kino has none in it).
func sampleLine(language, name string) string {
	lang := strings.ToLower(language)
	if i := strings.IndexAny(lang, "-_+"); i >= 0 {
		lang = lang[:i]
	}
	l, ok := sampleLines[lang]
	if !ok {
		l = sampleLines["en"]
	}
	if name = strings.TrimSpace(name); name == "" {
		return l[1]
	}
	return fmt.Sprintf(l[0], name)
}
