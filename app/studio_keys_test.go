package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"kino/ui"
	"kino/ui/uitest"
)

// TestStudioDuplicateIsCalledDuplicate: the status line and Undo name a
// duplicate as such, not "Add Shot".
func TestStudioDuplicateIsCalledDuplicate(t *testing.T) {
	h := newStudioHarness(t, "one")
	h.menuItem("Edit", "Duplicate").Action()
	h.settle("duplicating", func() bool { return len(h.shots()) == 2 })
	if got := h.s.UndoLabel(); got != "Undo Duplicate Shot" {
		t.Fatalf("Undo label %q", got)
	}
	if got := h.s.Status(); !strings.Contains(got, "Duplicate Shot") {
		t.Fatalf("status %q", got)
	}
}

// TestStudioNewShotFieldNeedsWords: Enter on an empty or blank prompt
// adds no blank shot and says what to do.
func TestStudioNewShotFieldNeedsWords(t *testing.T) {
	h := newStudioHarness(t)
	c := h.s.Window().Canvas()
	field := h.s.NewShotField()
	c.Focus(field)
	uitest.PressKey(c, fyne.KeyReturn)
	h.settle("pressing Enter", func() bool { return true })
	if !strings.Contains(h.s.Status(), "Type what the shot shows") {
		t.Fatalf("Enter on an empty field says %q", h.s.Status())
	}
	uitest.TypeText(c, "   ")
	uitest.PressKey(c, fyne.KeyReturn)
	h.settle("pressing Enter", func() bool { return true })
	if n := len(h.shots()); n != 0 {
		t.Fatalf("a blank prompt made %d shots", n)
	}
	uitest.TypeText(c, "  gulls over the harbour ")
	uitest.PressKey(c, fyne.KeyReturn)
	h.settle("adding", func() bool { return len(h.shots()) == 1 })
	if got := h.prompts(); !slices.Equal(got, []string{"gulls over the harbour"}) {
		t.Fatalf("stored %q", got)
	}
}

// TestStudioKeyboardShortcutsListEveryMenuShortcut: Help ▸ Keyboard
// Shortcuts lists every key the menus bind (they come from one table),
// Delete Shot included.
func TestStudioKeyboardShortcutsListEveryMenuShortcut(t *testing.T) {
	h := newStudioHarness(t, "one")
	h.menuItem("Help", "Keyboard Shortcuts").Action()
	rows := h.s.ShortcutRows()
	listed := map[string]bool{}
	for _, r := range rows {
		for _, k := range strings.Split(r[0], ", ") {
			listed[k] = true
		}
	}
	if del := h.menuItem("Edit", "Delete Shot"); del.Shortcut == nil {
		t.Fatal("Delete Shot shows no shortcut")
	}
	n := 0
	for _, m := range h.s.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut == nil {
				continue
			}
			n++
			found := false
			for _, b := range ui.Bindings() {
				if b.Shortcut == it.Shortcut && listed[strings.Split(b.KeysText(), ", ")[0]] {
					found = true
				}
			}
			if !found {
				t.Errorf("%s ▸ %s has a shortcut the keyboard map does not list", m.Label, it.Label)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d menu items have shortcuts", n)
	}
	for _, want := range []string{"Space", "Delete", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+D"} {
		if !listed[want] {
			t.Errorf("the map does not list %s", want)
		}
	}
}

// TestStudioDoctorFitsAndSaysThingsOnce: Help ▸ Doctor lists the model
// packs under one heading, and its text wraps to the dialog instead of
// running off its right edge.
func TestStudioDoctorFitsAndSaysThingsOnce(t *testing.T) {
	h := newStudioHarness(t, "one")
	h.s.Window().Resize(fyne.NewSize(1280, 760))
	h.menuItem("Help", "Doctor").Action()
	h.settle("the doctor's report", func() bool { text, _ := h.s.DoctorText(); return text != "Checking…" && text != "" })
	text, fits := h.s.DoctorText()
	if n := strings.Count(text, "Model packs"); n != 1 {
		t.Errorf("\"Model packs\" appears %d times:\n%s", n, text)
	}
	if !fits {
		t.Errorf("the doctor's text is wider than its dialog")
	}
}
