// Package uitest helps tests drive the studio: a CallQueue that stands in
// for fyne.Do so a test's goroutine is the UI goroutine, and Click,
// PressKey and TypeText, which deliver input the way Fyne's desktop driver
// does. Only tests import it.
package uitest
