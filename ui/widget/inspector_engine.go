package widget

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kino/project"
)

// strengthStep is the slider's step: 5 % of the way from the prompt alone
// to following the previz frames loosely.
const strengthStep = 0.05

// buildEngineFields makes the fields only neural engines read: the
// prompt's token count and the refine strength. Both start hidden.
func (i *Inspector) buildEngineFields() (tokens, strength fyne.CanvasObject) {
	i.tokens = widget.NewLabel("")
	i.tokens.Wrapping = fyne.TextWrapWord
	i.strength = widget.NewSlider(0, 1)
	i.strength.Step = strengthStep
	i.strengthLabel = widget.NewLabel("")
	i.strength.OnChanged = func(v float64) { i.strengthLabel.SetText(strengthText(v, i.engine.DefaultStrength)) }
	i.strength.OnChangeEnded = func(v float64) {
		v = math.Round(v*100) / 100 // the slider's steps add float noise
		if i.loading || i.base == nil || i.base.Strength == v {
			return
		}
		i.commitWith(func(s *project.Shot) { s.Strength = v })
	}
	i.strengthRow = widget.NewForm(widget.NewFormItem("Strength",
		container.NewBorder(nil, nil, nil, i.strengthLabel, i.strength)))
	i.tokens.Hide()
	i.strengthRow.Hide()
	return i.tokens, i.strengthRow
}

// strengthText describes a refine strength for people; def is what the
// engine uses for 0.
func strengthText(v, def float64) string {
	switch {
	case v <= 0 && def > 0:
		return fmt.Sprintf("0 · pack default, refines at %.2f", def)
	case v <= 0:
		return "0 · from the prompt"
	}
	return fmt.Sprintf("%.2f · refines previz", v)
}

// SetEngine tells the inspector which engine the project generates with:
// model packs that refine show the strength slider, and those with a
// text encoder the prompt's token count.
func (i *Inspector) SetEngine(c EngineChoice) {
	i.engine = c
	i.strengthLabel.SetText(strengthText(i.strength.Value, c.DefaultStrength))
	showIf(i.strengthRow, c.Refines)
	i.showNeural(c)
	if c.TokenLimit == 0 {
		i.tokens.Hide()
	}
	i.relayout()
}

// SetTokens shows a prompt's token count against the text encoder's limit.
func (i *Inspector) SetTokens(n, limit int, err error) {
	switch {
	case i.engine.TokenLimit == 0:
		i.tokens.Hide()
		return
	case err != nil:
		i.tokens.Importance = widget.WarningImportance
		i.tokens.SetText("Prompt tokens cannot be counted: " + err.Error())
	case n > limit:
		i.tokens.Importance = widget.WarningImportance
		i.tokens.SetText(fmt.Sprintf("Prompt: %d of %d tokens. The model does not read the words past token %d; shorten the prompt or move detail into the negative prompt.", n, limit, limit))
	default:
		i.tokens.Importance = widget.MediumImportance
		i.tokens.SetText(fmt.Sprintf("Prompt: %d of %d tokens", n, limit))
	}
	i.tokens.Show()
	i.relayout()
}

// Tokens returns the token count line ("" when hidden), for tests.
func (i *Inspector) Tokens() string {
	if !i.tokens.Visible() {
		return ""
	}
	return i.tokens.Text
}

// Strength returns the strength slider, shown for engines that refine.
func (i *Inspector) Strength() *widget.Slider { return i.strength }

// setStrength shows a shot's strength without committing it.
func (i *Inspector) setStrength(v float64) {
	i.strength.Value = v
	i.strength.Refresh()
	i.strengthLabel.SetText(strengthText(v, i.engine.DefaultStrength))
}

// ShowsStrength reports whether the strength field is shown (the engine
// refines previz frames).
func (i *Inspector) ShowsStrength() bool { return i.strengthRow.Visible() }

// EngineChoice is one engine a project can generate its shots with: the
// built-in previz engine or an installed model pack.
type EngineChoice struct {
	Engine project.Engine
	// Label is what the engine picker shows.
	Label string
	// Refines reports whether the engine uses a shot's strength to refine
	// its previz frames (a model pack with a VAE encoder).
	Refines bool
	// TokenLimit is how many prompt tokens the engine's text encoder
	// reads (0 when prompts are not tokenised, as for previz).
	TokenLimit int
	// DefaultStrength is the strength the engine refines with when a shot
	// leaves it at 0 (0: from the prompt alone).
	DefaultStrength float64
	// Neural reports a neural engine, whose sampling (steps, guidance) a
	// shot may set; DefaultSteps and DefaultGuidance are what it uses when
	// a shot leaves them at 0, and DefaultsFrom says where they come from.
	Neural          bool
	DefaultSteps    int
	DefaultGuidance float64
	DefaultsFrom    string
}
