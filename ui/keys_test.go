package ui

import (
	"runtime"
	"testing"
)

func TestKeyBindingsAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, b := range bindings {
		if b.ID == "" || seen[b.ID] {
			t.Errorf("binding %q: missing or repeated ID", b.ID)
		}
		seen[b.ID] = true
		if b.Where == "" || b.Action == "" || b.KeysText() == "" {
			t.Errorf("binding %q does not say where, what or which keys", b.ID)
		}
		if b.Window && (b.Shortcut == nil || b.run == nil) {
			t.Errorf("window binding %q has no shortcut or action", b.ID)
		}
		if len(b.Keys) > 0 && b.run == nil {
			t.Errorf("plain keys of %q do nothing", b.ID)
		}
	}
}

func TestKeysText(t *testing.T) {
	if runtime.GOOS == "darwin" {
		t.Skip("the names below are the Linux and Windows ones; macOS shows Cmd")
	}
	cases := map[string]string{"redo": "Ctrl+Shift+Z", "undo": "Ctrl+Z", "generate": "Ctrl+Enter", "delete": "Delete, Backspace", "play": "Space", "shortcuts": "Ctrl+/"}
	for id, want := range cases {
		if got := binding(id).KeysText(); got != want {
			t.Errorf("%s shows %q, want %q", id, got, want)
		}
	}
}
