package app

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"kino/engine"
	"kino/engine/onnx"
	"kino/engine/tokenizer"
	"kino/project"
	"kino/ui"
	kwidget "kino/ui/widget"
)

// studioEngines offers the studio's engine picker the built-in engine and
// the model packs installed, and counts prompt tokens with a pack's own
// tokenizer.
type studioEngines struct {
	nn *onnx.Backend // nil when this build has no model-pack engine

	mu   sync.Mutex
	toks map[string]*tokenizer.Tokenizer // by pack folder
}

var _ ui.Engines = (*studioEngines)(nil)

func newStudioEngines(all map[string]engine.Backend) *studioEngines {
	e := &studioEngines{toks: map[string]*tokenizer.Tokenizer{}}
	e.nn, _ = all[project.BackendONNX].(*onnx.Backend)
	return e
}

// Choices lists previz and every usable model pack of the last scan.
func (e *studioEngines) Choices() []kwidget.EngineChoice {
	out := []kwidget.EngineChoice{{Engine: project.DefaultEngine, Label: "Built-in previz"}}
	if e.nn == nil {
		return out
	}
	packs, _ := e.nn.Packs()
	for _, p := range packs {
		label := "Model pack: " + p.DisplayName()
		if p.DisplayName() != p.Name {
			label += " (" + p.Name + ")" // two packs may share a display name
		}
		kind, _ := p.SamplerKind("") // OpenPack checked the name
		def := p.SamplingDefaults(kind)
		out = append(out, kwidget.EngineChoice{
			Engine:          project.Engine{Backend: project.BackendONNX, Model: p.Name},
			Label:           label,
			Refines:         p.HasEncoder,
			TokenLimit:      tokenizer.ContextLength,
			DefaultStrength: p.Manifest.Strength,
			Neural:          true,
			DefaultSteps:    def.Steps,
			DefaultGuidance: def.Guidance,
			DefaultsFrom:    def.From,
		})
	}
	return out
}

// CountTokens counts text's tokens, start and end markers included, with
// the tokenizer of the pack named model ("" for the first installed).
func (e *studioEngines) CountTokens(model, text string) (int, error) {
	tok, err := e.tokenizer(model)
	if err != nil {
		return 0, err
	}
	return len(tok.Encode(text)) + 2, nil
}

func (e *studioEngines) tokenizer(model string) (*tokenizer.Tokenizer, error) {
	if e.nn == nil {
		return nil, fmt.Errorf("this Kino has no model-pack engine")
	}
	packs, _ := e.nn.Packs()
	var pack *onnx.Pack
	for _, p := range packs {
		if p.Name == model || model == "" {
			pack = p
			break
		}
	}
	if pack == nil {
		return nil, fmt.Errorf("model pack %q is not installed", model)
	}
	e.mu.Lock()
	tok := e.toks[pack.Dir]
	e.mu.Unlock()
	if tok != nil {
		return tok, nil
	}
	tok, err := onnx.PackTokenizer(pack)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	e.toks[pack.Dir] = tok
	e.mu.Unlock()
	return tok, nil
}

// watch keeps the picker current while model packs are copied in or
// removed, until ctx ends. A pack still being copied, or one that cannot
// be used, is reported in the status line rather than offered.
func (e *studioEngines) watch(ctx context.Context, s *ui.Studio) {
	if e.nn == nil {
		return
	}
	first := true // the first call lists what was there at the start
	err := e.nn.Watch(ctx, 0, func(evs []onnx.PackEvent) {
		e.mu.Lock()
		for _, ev := range evs {
			delete(e.toks, ev.Dir) // its tokenizer may have changed
		}
		e.mu.Unlock()
		var notes []string
		for _, ev := range evs {
			if first && ev.Kind == onnx.PackAdded {
				continue
			}
			switch ev.Kind {
			case onnx.PackAdded:
				notes = append(notes, "model pack "+ev.Name+" installed")
			case onnx.PackRemoved:
				notes = append(notes, "model pack "+ev.Name+" removed")
			case onnx.PackIncomplete, onnx.PackRejected:
				notes = append(notes, ev.String())
			}
		}
		first = false
		s.Post(func() {
			s.EnginesChanged()
			if len(notes) > 0 {
				s.ShowNotice("Models: " + strings.Join(notes, "; "))
			}
		})
	})
	if err != nil {
		s.Post(func() { s.ShowNotice("Not watching the models folder: " + err.Error()) })
	}
}
