// Package widget holds the studio's widgets: the timeline, the shot
// inspector (with its takes strip, prompt chips, @ mention list, dialogue
// editor and withheld-take banner), the preview player, the comparison of
// two takes, the cameo panel, the audio clip panel, the models panel and
// the small parts they share (commit-on-leave entries, hint icons, the
// voice waveform preview).
//
// None of them knows the studio: each shows what it is given (SetCards,
// SetShot, SetProgram...) and reports what the person did through its On*
// callbacks, so each can be built and tested on its own with
// fyne.io/fyne/v2/test (markup goldens in testdata/). They follow Fyne's
// own widgets (widget/progressbar.go): a public struct embedding
// widget.BaseWidget, ExtendBaseWidget in the constructor, and a private
// renderer (the timeline and the waveform preview draw their own; the
// composite ones lay out Fyne widgets behind widget.NewSimpleRenderer).
//
// Like the rest of the UI, widgets are touched only on the UI goroutine;
// work they start elsewhere (decoding, rendering frames) comes back
// through the post function they are given.
package widget
