// Package ui is Kino's studio window, built with Fyne: the cameo library
// (left), the preview player (centre), the shot inspector (right) and the
// timeline (bottom), with menus and shortcuts.
//
// The package depends only on the project domain and the engine contract.
// It declares the services it needs (Store, Library, Renderer, ClipSource)
// and the app package wires real ones in. Every change is applied to the
// store at once, so there is no unsaved state.
//
// Studio is a thin shell over controllers with one job each, in their
// own files: editsCtl (studio_edit.go, studio_prompt.go), jobsCtl
// (studio_jobs.go, farm.go, studio_autogen.go), cameosCtl
// (studio_cameos.go, cameo_files.go, studio_testvoice.go, inbox.go),
// playbackCtl (studio_playback.go, peaks.go), clipsCtl (studio_audio.go),
// engineCtl (engines.go) and exportCtl (export.go, verify.go). The studio
// keeps the window, the model, the worker and the selection, and refreshes
// the views (studio_view.go).
//
// Threading: widgets are touched only on the UI goroutine. Store reads and
// writes run on one background worker in order; decoding, waveform peaks
// and frame rendering run on other goroutines; results come back through
// Deps.Post (fyne.Do by default).
package ui
