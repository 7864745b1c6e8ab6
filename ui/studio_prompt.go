package ui

import (
	"strconv"
	"strings"
	"time"

	"kino/engine/render"
	"kino/project"
)

// The edit controller's side of the prompt being typed: what the engine
// understands of it, and how many tokens it uses.

// countTokens shows the prompt's token count against the engine's limit,
// counted off the UI goroutine. Only the latest count is shown.
func (ed *editsCtl) countTokens(prompt string) {
	cur := ed.s.engine.current()
	if ed.s.deps.Engines == nil || cur.TokenLimit == 0 {
		return
	}
	gen := ed.tokenGen.Add(1)
	engines := ed.s.deps.Engines
	go func() {
		n, err := engines.CountTokens(cur.Engine.Model, prompt)
		ed.s.deps.Post(func() {
			if ed.tokenGen.Load() == gen {
				ed.s.inspector.SetTokens(n, cur.TokenLimit, err)
			}
		})
	}()
}

// interpret shows what the engine understands of prompt, computed off
// the UI goroutine.
func (ed *editsCtl) interpret(prompt string) {
	in := ed.s.deps.Interpreter
	sh := ed.s.selectedShot()
	if in == nil || sh == nil {
		return
	}
	ed.interpreted = ed.interpretKey(sh, prompt)
	c := sh.Clone()
	c.Prompt = prompt
	req := render.Request(ed.s.m.settings, ed.s.m.cameos, c, c.Seed.Value)
	id := sh.ID
	ed.interpreting.Add(1)
	go func() {
		res := in.Interpret(req)
		ed.s.deps.Post(func() {
			if ed.s.selectedID() == id && !ed.s.closed {
				ed.s.inspector.SetInterpretation(res)
			}
		})
		ed.interpreting.Add(-1)
	}()
}

// interpretKey identifies what the chips of sh with prompt depend on: the
// prompt, the cast and the project's cameo snapshots.
func (ed *editsCtl) interpretKey(sh *project.Shot, prompt string) string {
	return strconv.FormatInt(sh.ID, 10) + "\x00" + prompt + "\x00" + strings.Join(sh.CastHandles(), " ") + "\x00" + ed.s.cameoStamp()
}

// reinterpret computes the chips again when the cast or the cameos
// changed under the prompt shown (a cameo cast just now is no longer
// "not in this shot's cast").
func (ed *editsCtl) reinterpret() {
	sh := ed.s.selectedShot()
	if sh == nil {
		return
	}
	prompt := ed.s.inspector.Prompt().Value()
	if ed.interpretKey(sh, prompt) != ed.interpreted {
		ed.interpret(prompt)
	}
}

// promptEdited updates the chips while typing, at most a few times a second.
func (ed *editsCtl) promptEdited(text string) {
	if ed.interpretTimer != nil {
		ed.interpretTimer.Stop()
	}
	ed.interpretTimer = time.AfterFunc(250*time.Millisecond, func() {
		ed.s.deps.Post(func() {
			ed.interpret(text)
			ed.countTokens(text)
		})
	})
}
