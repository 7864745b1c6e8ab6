package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Field is one of the studio's text fields, as tests and tools drive it.
type Field interface {
	fyne.Focusable
	fyne.Shortcutable
	// Value returns the text in the field.
	Value() string
}

var _ Field = (*CommitEntry)(nil)

// CommitEntry is an entry that reports its text once the person is done
// with it: on Enter (single-line), on focus loss, or when the studio
// flushes pending edits. Text set by the program is never reported.
type CommitEntry struct {
	widget.Entry

	// OnCommit receives the text when it differs from the last committed text.
	OnCommit func(text string)
	// OnEdit is called after every change the person makes.
	OnEdit func(text string)
	// interceptKey may take a key before the entry sees it.
	interceptKey func(*fyne.KeyEvent) bool
	// interceptShortcut may take a shortcut before the entry sees it.
	interceptShortcut func(fyne.Shortcut) bool
	// HoldCommit, when it returns true, keeps focus loss from committing
	// (while a completion list is open).
	HoldCommit func() bool
	// acceptsTab, when it returns true, lets Tab reach interceptKey (a
	// completion list takes it); otherwise Tab moves the focus on, even
	// in a multi-line entry.
	acceptsTab func() bool
	// onFocusLost is called when the entry loses the focus, before it
	// commits.
	onFocusLost func()

	committed string
	setting   bool
}

// NewCommitEntry returns an empty entry; a multi-line one wraps words.
func NewCommitEntry(multiLine bool) *CommitEntry {
	e := &CommitEntry{}
	e.MultiLine = multiLine
	e.Wrapping = fyne.TextWrapOff
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	e.Entry.OnChanged = func(s string) {
		if !e.setting && e.OnEdit != nil {
			e.OnEdit(s)
		}
	}
	e.Entry.OnSubmitted = func(string) { e.commit() }
	return e
}

// setCommitted shows text as the stored value, unless the person has
// unsaved typing in the entry, which is kept.
func (e *CommitEntry) setCommitted(text string) {
	if e.dirty() {
		return
	}
	e.committed = text
	if e.Text != text {
		e.setting = true
		e.SetText(text)
		e.setting = false
	}
}

// ForceText replaces the text and the committed value.
func (e *CommitEntry) ForceText(text string) {
	e.committed = text
	e.setting = true
	e.SetText(text)
	e.setting = false
	e.setCursorOffset(len([]rune(text)))
}

// Value returns the entry's text.
func (e *CommitEntry) Value() string { return e.Text }

// dirty reports whether the entry holds text that was not committed.
func (e *CommitEntry) dirty() bool { return e.Text != e.committed }

// commit reports the text if it changed.
func (e *CommitEntry) commit() {
	if !e.dirty() {
		return
	}
	e.committed = e.Text
	if e.OnCommit != nil {
		e.OnCommit(e.Text)
	}
}

// AcceptsTab implements fyne.Tabbable: Tab moves to the next field
// rather than typing a tab character into a prompt.
func (e *CommitEntry) AcceptsTab() bool { return e.acceptsTab != nil && e.acceptsTab() }

// FocusLost commits.
func (e *CommitEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
	if e.HoldCommit != nil && e.HoldCommit() {
		return
	}
	e.commit()
}

// TypedKey lets interceptKey see keys first. Escape leaves the field
// (storing its text), so the studio's keys work again.
func (e *CommitEntry) TypedKey(k *fyne.KeyEvent) {
	if e.interceptKey != nil && e.interceptKey(k) {
		return
	}
	if k.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() == e {
			c.Unfocus()
			return
		}
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut lets interceptShortcut see shortcuts first.
func (e *CommitEntry) TypedShortcut(s fyne.Shortcut) {
	if e.interceptShortcut != nil && e.interceptShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// replaceText replaces the text as if typed (the change is not reported
// through OnEdit) and puts the caret after the first cursor runes.
func (e *CommitEntry) replaceText(text string, cursor int) {
	e.setting = true
	e.SetText(text)
	e.setting = false
	e.setCursorOffset(cursor)
}

// setCursorOffset puts the cursor after the first n runes of the text.
// The entry counts rows as shown, wrapped lines included, so the row is
// found from the entry's own row starts rather than from newlines alone
// (which put the caret at the end of the first wrapped line).
func (e *CommitEntry) setCursorOffset(n int) {
	n = min(max(n, 0), len([]rune(e.Text)))
	row := 0
	for r := 1; ; r++ {
		e.CursorRow, e.CursorColumn = r, 0
		begin := e.CursorTextOffset()
		if begin == 0 || begin > n {
			break // past the last row, or a row starting after n
		}
		row = r
	}
	e.CursorRow, e.CursorColumn = 0, 0
	e.CursorRow, e.CursorColumn = row, n-e.CursorTextOffset()
	e.Refresh()
}
