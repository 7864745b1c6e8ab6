package ui

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Binding is one row of the studio's keyboard map: the keys, what they
// do and where. The studio binds its menu shortcuts, window shortcuts and
// plain keys from this table, and Help ▸ Keyboard Shortcuts lists it, so
// the two cannot drift apart. Add a row here to add a key.
type Binding struct {
	// ID names the binding for the code that uses it (menu items).
	ID string
	// Where the keys work: one of the where* groups.
	Where string
	// Action says what the keys do.
	Action string
	// Shortcut is a key with modifiers (bound to a menu item with this
	// ID, or to the window when Window is set).
	Shortcut fyne.Shortcut
	// Keys are plain keys with the same action (the first is listed
	// first); the window's key handler runs them when no field has the
	// focus, or the timeline or player passes them on.
	Keys []fyne.KeyName
	// Label is what the map shows for keys a widget handles itself
	// (the timeline's arrows, the @ list's keys).
	Label string
	// Window binds Shortcut to the window itself (no menu item has it).
	Window bool
	// run performs a window binding or a plain key.
	run func(s *Studio)
}

// Where keys work, in the order the map lists them.
const (
	whereAnywhere = "Anywhere in the studio"
	wherePlayback = "Timeline and player (click either first)"
	whereTimeline = "Timeline (click a card first)"
	wherePrompt   = "Prompt and other text fields"
	whereCompare  = "Compare takes"
	whereFull     = "Full-screen preview"
)

// bindings is the studio's keyboard map.
var bindings = []Binding{
	{ID: "new-project", Where: whereAnywhere, Action: "New project", Shortcut: ctrl(fyne.KeyN)},
	{ID: "open-project", Where: whereAnywhere, Action: "Open a project", Shortcut: ctrl(fyne.KeyO)},
	{ID: "quit", Where: whereAnywhere, Action: "Quit", Shortcut: ctrl(fyne.KeyQ)},
	{ID: "undo", Where: whereAnywhere, Action: "Undo the last edit", Shortcut: &fyne.ShortcutUndo{}},
	{ID: "redo", Where: whereAnywhere, Action: "Redo", Shortcut: &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}},
	{ID: "redo-y", Where: whereAnywhere, Action: "Redo", Shortcut: &fyne.ShortcutRedo{}, Window: true, run: (*Studio).Redo},
	{ID: "add-shot", Where: whereAnywhere, Action: "Add a shot after the selection", Shortcut: ctrl(fyne.KeyT)},
	{ID: "duplicate", Where: whereAnywhere, Action: "Duplicate the selected shots", Shortcut: ctrl(fyne.KeyD)},
	{ID: "generate", Where: whereAnywhere, Action: "Generate the selected shots", Shortcut: ctrl(fyne.KeyReturn)},
	{ID: "regenerate", Where: whereAnywhere, Action: "Regenerate the selected shots (a new take even if one matches)",
		Shortcut: &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}},
	{ID: "shortcuts", Where: whereAnywhere, Action: "Show this list", Shortcut: &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: fyne.KeyModifierShortcutDefault}},

	{ID: "play", Where: wherePlayback, Action: "Play or pause", Keys: []fyne.KeyName{fyne.KeySpace}, run: func(s *Studio) { s.play.player.TogglePlay() }},
	{ID: "shuttle-back", Where: wherePlayback, Action: "Play backwards (again: faster)", Keys: []fyne.KeyName{fyne.KeyJ}, run: func(s *Studio) { s.play.player.Shuttle(-1) }},
	{ID: "shuttle-stop", Where: wherePlayback, Action: "Pause", Keys: []fyne.KeyName{fyne.KeyK}, run: func(s *Studio) { s.play.player.Shuttle(0) }},
	{ID: "shuttle-forward", Where: wherePlayback, Action: "Play forwards (again: faster)", Keys: []fyne.KeyName{fyne.KeyL}, run: func(s *Studio) { s.play.player.Shuttle(1) }},
	{ID: "frame-back", Where: wherePlayback, Action: "One frame back (the timeline: previous card)", Keys: []fyne.KeyName{fyne.KeyLeft}, run: func(s *Studio) { s.play.player.Step(-1) }},
	{ID: "frame-forward", Where: wherePlayback, Action: "One frame on (the timeline: next card)", Keys: []fyne.KeyName{fyne.KeyRight}, run: func(s *Studio) { s.play.player.Step(1) }},
	{ID: "home", Where: wherePlayback, Action: "First frame", Keys: []fyne.KeyName{fyne.KeyHome}, run: func(s *Studio) { s.play.player.Home() }},
	{ID: "end", Where: wherePlayback, Action: "Last frame", Keys: []fyne.KeyName{fyne.KeyEnd}, run: func(s *Studio) { s.play.player.End() }},
	{ID: "full-screen", Where: wherePlayback, Action: "Full-screen preview", Keys: []fyne.KeyName{fyne.KeyF11}, run: func(s *Studio) { s.play.player.ShowFullScreen() }},
	{ID: "delete", Where: wherePlayback, Action: "Delete the selected audio clip, or else the selected shots (undoable)",
		Shortcut: &desktop.CustomShortcut{KeyName: fyne.KeyDelete}, Keys: []fyne.KeyName{fyne.KeyDelete, fyne.KeyBackspace},
		run: func(s *Studio) {
			if !s.clips.deleteSelected() {
				s.edits.deleteSelected()
			}
		}},

	{ID: "select-cards", Where: whereTimeline, Action: "Select the previous or next card (Shift: extend the selection)", Label: "← → ↑ ↓"},
	{ID: "select-more", Where: whereTimeline, Action: "Add to the selection / toggle a card", Label: "Shift+click, Ctrl+click"},

	{ID: "prompt-generate", Where: wherePrompt, Action: "Generate this shot", Label: modName(fyne.KeyModifierShortcutDefault) + "+Enter"},
	{ID: "prompt-mention", Where: wherePrompt, Action: "Cast a cameo: type @ and part of the handle or name", Label: "@"},
	{ID: "mention-move", Where: wherePrompt, Action: "In the @ list: choose", Label: "↑ ↓"},
	{ID: "mention-insert", Where: wherePrompt, Action: "In the @ list: insert the cameo", Label: "Enter, Tab"},
	{ID: "mention-close", Where: wherePrompt, Action: "In the @ list: close it", Label: "Escape"},
	{ID: "next-field", Where: wherePrompt, Action: "Next field (Shift: previous)", Label: "Tab"},
	{ID: "leave-field", Where: wherePrompt, Action: "Leave the field (what was typed is kept), so the keys above work again", Label: "Escape"},

	{ID: "compare-play", Where: whereCompare, Action: "Play or pause both takes", Label: "Space"},
	{ID: "compare-step", Where: whereCompare, Action: "One frame back or on", Label: "← →"},
	{ID: "compare-ends", Where: whereCompare, Action: "First or last frame", Label: "Home, End"},
	{ID: "compare-close", Where: whereCompare, Action: "Close the comparison", Label: "Escape"},

	{ID: "full-play", Where: whereFull, Action: "Play or pause", Label: "Space"},
	{ID: "full-close", Where: whereFull, Action: "Leave full screen", Label: "Escape"},
}

// ctrl is Ctrl+key (Cmd+key on macOS).
func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// Bindings returns the keyboard map, in the order Help lists it.
func Bindings() []Binding { return append([]Binding(nil), bindings...) }

// binding returns the binding with id; it panics on an unknown id, which
// is a programming error caught by the tests.
func binding(id string) *Binding {
	for k := range bindings {
		if bindings[k].ID == id {
			return &bindings[k]
		}
	}
	panic("ui: no key binding " + id)
}

// shortcutFor returns the shortcut of binding id, for its menu item.
func shortcutFor(id string) fyne.Shortcut { return binding(id).Shortcut }

// KeysText is how the map shows the binding's keys: "Ctrl+Shift+Z",
// "Space", "Delete, Backspace".
func (b Binding) KeysText() string {
	if b.Label != "" {
		return b.Label
	}
	var parts []string
	if b.Shortcut != nil && len(b.Keys) == 0 {
		parts = append(parts, shortcutText(b.Shortcut))
	}
	for _, k := range b.Keys {
		parts = append(parts, keyText(k))
	}
	return strings.Join(parts, ", ")
}

// shortcutText writes a shortcut as people read it.
func shortcutText(sc fyne.Shortcut) string {
	switch sc.(type) {
	case *fyne.ShortcutUndo:
		return modName(fyne.KeyModifierShortcutDefault) + "+Z"
	case *fyne.ShortcutRedo:
		return modName(fyne.KeyModifierShortcutDefault) + "+Y"
	}
	k, ok := sc.(fyne.KeyboardShortcut)
	if !ok {
		return sc.ShortcutName()
	}
	var b strings.Builder
	mod := k.Mod()
	for _, m := range []fyne.KeyModifier{fyne.KeyModifierShortcutDefault, fyne.KeyModifierControl, fyne.KeyModifierAlt, fyne.KeyModifierShift, fyne.KeyModifierSuper} {
		if mod&m == m && m != 0 {
			b.WriteString(modName(m) + "+")
			mod &^= m
		}
	}
	b.WriteString(keyText(k.Key()))
	return b.String()
}

// modName names a modifier as the keyboard labels it.
func modName(m fyne.KeyModifier) string {
	if m == fyne.KeyModifierShortcutDefault {
		if runtime.GOOS == "darwin" {
			m = fyne.KeyModifierSuper
		} else {
			m = fyne.KeyModifierControl
		}
	}
	switch m {
	case fyne.KeyModifierControl:
		return "Ctrl"
	case fyne.KeyModifierAlt:
		return "Alt"
	case fyne.KeyModifierShift:
		return "Shift"
	case fyne.KeyModifierSuper:
		if runtime.GOOS == "darwin" {
			return "Cmd"
		}
		return "Super"
	}
	return "?"
}

// keyText names a key as the keyboard labels it.
func keyText(k fyne.KeyName) string {
	switch k {
	case fyne.KeyReturn, fyne.KeyEnter:
		return "Enter"
	case fyne.KeyLeft:
		return "←"
	case fyne.KeyRight:
		return "→"
	case fyne.KeyUp:
		return "↑"
	case fyne.KeyDown:
		return "↓"
	case fyne.KeySlash:
		return "/"
	case fyne.KeyBackspace:
		return "Backspace"
	}
	return string(k)
}

// runKey runs the plain key name's binding, if it has one.
func (s *Studio) runKey(name fyne.KeyName) bool {
	for _, b := range bindings {
		if b.run == nil {
			continue
		}
		for _, k := range b.Keys {
			if k == name {
				b.run(s)
				return true
			}
		}
	}
	return false
}
