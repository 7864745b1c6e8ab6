package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"kino/ui/uitest"
)

const longPrompt = "a slow dolly in along the pier at dusk, gulls wheeling over the water, lanterns swinging on their ropes, the tide coming in over the stones and a boat rocking at the far end"

// moveToEnd puts the caret at the end of a wrapped multi-line field.
func moveToEnd(c fyne.Canvas) {
	for k := 0; k < 12; k++ {
		uitest.PressKey(c, fyne.KeyDown)
	}
	uitest.PressKey(c, fyne.KeyEnd)
}

// TestStudioMentionListWorksFromTheKeyboard: with the `@` list open, keys
// stay in the prompt (space does not start the player), ↑/↓ choose,
// Enter inserts with the caret right after the handle even in a wrapped
// prompt, and what is shown is what is stored.
func TestStudioMentionListWorksFromTheKeyboard(t *testing.T) {
	h := newStudioHarness(t, longPrompt)
	h.addCameo("@mara", "Mara Lind")
	h.addCameo("@matt", "Matt Rowe")
	c := h.s.Window().Canvas()
	prompt := h.s.Inspector().Prompt()
	uitest.Click(prompt.(fyne.CanvasObject), fyne.NewPos(10, 10))
	moveToEnd(c)
	uitest.TypeText(c, ", @ma")
	if got := h.s.Inspector().MentionChoices(); len(got) != 2 {
		t.Fatalf("@ma offers %v, want @mara and @matt", got)
	}
	if c.Focused() != prompt {
		t.Fatalf("with the @ list open the focus is on %T, not the prompt", c.Focused())
	}
	uitest.PressKey(c, fyne.KeyDown)
	if got := h.s.Inspector().MentionSelected(); got != "@matt" {
		t.Fatalf("↓ highlights %q, want @matt", got)
	}
	uitest.PressKey(c, fyne.KeyUp)
	uitest.PressKey(c, fyne.KeyReturn)
	if got := h.s.Inspector().MentionChoices(); got != nil {
		t.Fatalf("the list is still open after Enter: %v", got)
	}
	uitest.TypeText(c, "waves")
	uitest.PressKey(c, fyne.KeySpace)
	uitest.TypeText(c, "back")
	if h.s.Player().Playing() {
		t.Fatal("space typed in the prompt started the player")
	}
	want := longPrompt + ", @mara waves back"
	if got := prompt.Value(); got != want {
		t.Fatalf("the prompt shows\n%q\nwant\n%q", got, want)
	}
	tl := h.s.Timeline()
	uitest.Click(tl, tl.CardPosition(0))
	h.settle("storing the prompt", func() bool { return h.shots()[0].Prompt == want })
	if !h.shots()[0].IsCast("@mara") {
		t.Fatal("choosing @mara did not cast her")
	}
	if got := prompt.Value(); got != h.shots()[0].Prompt {
		t.Fatalf("shown %q, stored %q", got, h.shots()[0].Prompt)
	}
}

// TestStudioMentionListTabAndEscape: Tab inserts like Enter; Escape
// closes the list and the next keys still type into the prompt.
func TestStudioMentionListTabAndEscape(t *testing.T) {
	h := newStudioHarness(t, "on the beach")
	h.addCameo("@mara", "Mara Lind")
	c := h.s.Window().Canvas()
	prompt := h.s.Inspector().Prompt()
	uitest.Click(prompt.(fyne.CanvasObject), fyne.NewPos(10, 10))
	moveToEnd(c)
	uitest.TypeText(c, " with @m")
	uitest.PressKey(c, fyne.KeyTab)
	if got := prompt.Value(); got != "on the beach with @mara " || c.Focused() != prompt {
		t.Fatalf("Tab in the list: prompt %q, focus %T", got, c.Focused())
	}
	uitest.TypeText(c, "and @m")
	uitest.PressKey(c, fyne.KeyEscape)
	if got := h.s.Inspector().MentionChoices(); got != nil {
		t.Fatalf("Escape left the list open: %v", got)
	}
	uitest.TypeText(c, "e")
	if got := prompt.Value(); got != "on the beach with @mara and @me" {
		t.Fatalf("after Escape the prompt is %q", got)
	}
}

// TestStudioTabLeavesThePrompt: Tab in the prompt moves to the next
// field instead of typing a tab character.
func TestStudioTabLeavesThePrompt(t *testing.T) {
	h := newStudioHarness(t, "rain")
	c := h.s.Window().Canvas()
	prompt := h.s.Inspector().Prompt()
	uitest.Click(prompt.(fyne.CanvasObject), fyne.NewPos(10, 10))
	uitest.PressKey(c, fyne.KeyTab)
	if strings.Contains(prompt.Value(), "\t") {
		t.Fatalf("Tab typed a tab character: %q", prompt.Value())
	}
	if c.Focused() == prompt || c.Focused() == nil {
		t.Fatalf("Tab left the focus on %T", c.Focused())
	}
}
