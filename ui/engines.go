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

// newEnginePicker returns the engine picker of the studio's toolbar.
func (s *Studio) newEnginePicker() *widget.Select {
	sel := widget.NewSelect(nil, func(label string) {
		if s.loadingEngine {
			return
		}
		s.chooseEngine(label)
	})
	sel.PlaceHolder = "Engine"
	return sel
}

// engineChoices returns the choices to offer: the installed engines, and
// the project's own when it is not installed.
func (s *Studio) engineChoices() []kwidget.EngineChoice {
	var out []kwidget.EngineChoice
	if s.deps.Engines != nil {
		out = s.deps.Engines.Choices()
	}
	if len(out) == 0 {
		out = []kwidget.EngineChoice{{Engine: project.DefaultEngine, Label: "Built-in previz"}}
	}
	cur := s.m.settings.Engine
	for _, c := range out {
		if c.Engine == cur {
			return out
		}
	}
	if cur.Model == "" {
		// The backend's default model: its first installed one.
		for _, c := range out {
			if c.Engine.Backend == cur.Backend {
				d := c
				d.Engine = cur
				d.Label = c.Label + " (default)"
				return append(out, d)
			}
		}
	}
	return append(out, kwidget.EngineChoice{Engine: cur, Label: cur.String() + engineNotInstalled})
}

// currentEngine returns the choice of the project's engine.
func (s *Studio) currentEngine() kwidget.EngineChoice {
	cur := s.m.settings.Engine
	for _, c := range s.engineChoices() {
		if c.Engine == cur {
			return c
		}
	}
	return kwidget.EngineChoice{Engine: cur, Label: cur.String()}
}

// refreshEngine shows the project's engine in the picker and tells the
// inspector what the engine reads (strength, token limit). The prompt's
// tokens are counted by refreshInspector.
func (s *Studio) refreshEngine() {
	choices := s.engineChoices()
	labels := make([]string, len(choices))
	for k, c := range choices {
		labels[k] = c.Label
	}
	cur := s.currentEngine()
	s.loadingEngine = true
	s.engine.Options = labels
	s.engine.SetSelected(cur.Label)
	s.loadingEngine = false
	s.inspector.SetEngine(cur)
}

// EnginesChanged refreshes the engine picker after model packs were
// installed or removed.
func (s *Studio) EnginesChanged() {
	if s.closed {
		return
	}
	s.refreshEngine()
	s.edits.countTokens(s.inspector.Prompt().Value())
}

// Engine returns the engine picker (for tests).
func (s *Studio) Engine() *widget.Select { return s.engine }

// chooseEngine makes the engine labelled label the project's engine, as
// one undoable edit. Takes already made keep the engine that made them.
func (s *Studio) chooseEngine(label string) {
	for _, c := range s.engineChoices() {
		if c.Label != label || c.Engine == s.m.settings.Engine {
			continue
		}
		p := *s.m.settings
		p.Engine = c.Engine
		s.edits.apply(project.UpdateProject{Project: p})
		return
	}
}
