package ui

import (
	"fyne.io/fyne/v2/widget"

	"kino/project"
	kwidget "kino/ui/widget"
)

// Engines lists the engines this Kino can generate with. The app
// implements it with the built-in engine and the model packs installed.
type Engines interface {
	// Choices lists the engines, the built-in one first. It must be cheap:
	// the picker calls it on the UI goroutine.
	Choices() []kwidget.EngineChoice
	// CountTokens returns how many tokens the model pack's text encoder
	// sees in text, start and end markers included. Loading a vocabulary
	// can take a moment, so the studio calls it off the UI goroutine.
	CountTokens(model, text string) (int, error)
}

// engineNotInstalled marks the project's engine in the picker when it is
// not among the choices (a model pack removed since it was chosen).
const engineNotInstalled = " (not installed)"

// engineCtl is the toolbar's engine picker: it offers the installed
// engines and makes the one chosen the project's, as an undoable edit.
type engineCtl struct {
	engines  Engines                    // nil: the built-in engine only
	settings func() *project.Project    // the project as last read
	apply    func(project.Edit)         // stores an edit
	show     func(kwidget.EngineChoice) // tells the inspector what the engine reads
	picker   *widget.Select
	loading  bool // the picker is being set, not chosen from
}

// newEngineCtl returns the engine picker's controller, with its picker.
func newEngineCtl(engines Engines, settings func() *project.Project, apply func(project.Edit), show func(kwidget.EngineChoice)) *engineCtl {
	c := &engineCtl{engines: engines, settings: settings, apply: apply, show: show}
	c.picker = widget.NewSelect(nil, func(label string) {
		if c.loading {
			return
		}
		c.choose(label)
	})
	c.picker.PlaceHolder = "Engine"
	return c
}

// choices returns the choices to offer: the installed engines, and the
// project's own when it is not installed.
func (c *engineCtl) choices() []kwidget.EngineChoice {
	var out []kwidget.EngineChoice
	if c.engines != nil {
		out = c.engines.Choices()
	}
	if len(out) == 0 {
		out = []kwidget.EngineChoice{{Engine: project.DefaultEngine, Label: "Built-in previz"}}
	}
	cur := c.settings().Engine
	for _, ch := range out {
		if ch.Engine == cur {
			return out
		}
	}
	if cur.Model == "" {
		// The backend's default model: its first installed one.
		for _, ch := range out {
			if ch.Engine.Backend == cur.Backend {
				d := ch
				d.Engine = cur
				d.Label = ch.Label + " (default)"
				return append(out, d)
			}
		}
	}
	return append(out, kwidget.EngineChoice{Engine: cur, Label: cur.String() + engineNotInstalled})
}

// current returns the choice of the project's engine.
func (c *engineCtl) current() kwidget.EngineChoice {
	cur := c.settings().Engine
	for _, ch := range c.choices() {
		if ch.Engine == cur {
			return ch
		}
	}
	return kwidget.EngineChoice{Engine: cur, Label: cur.String()}
}

// refresh shows the project's engine in the picker and tells the
// inspector what the engine reads (strength, token limit). The prompt's
// tokens are counted by refreshInspector.
func (c *engineCtl) refresh() {
	choices := c.choices()
	labels := make([]string, len(choices))
	for k, ch := range choices {
		labels[k] = ch.Label
	}
	cur := c.current()
	c.loading = true
	c.picker.Options = labels
	c.picker.SetSelected(cur.Label)
	c.loading = false
	c.show(cur)
}

// choose makes the engine labelled label the project's engine, as one
// undoable edit. Takes already made keep the engine that made them.
func (c *engineCtl) choose(label string) {
	settings := c.settings()
	for _, ch := range c.choices() {
		if ch.Label != label || ch.Engine == settings.Engine {
			continue
		}
		p := *settings
		p.Engine = ch.Engine
		c.apply(project.UpdateProject{Project: p})
		return
	}
}

// EnginesChanged refreshes the engine picker after model packs were
// installed or removed.
func (s *Studio) EnginesChanged() {
	if s.closed {
		return
	}
	s.engine.refresh()
	s.edits.countTokens(s.inspector.Prompt().Value())
}

// Engine returns the engine picker (for tests).
func (s *Studio) Engine() *widget.Select { return s.engine.picker }
