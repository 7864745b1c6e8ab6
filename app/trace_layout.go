package app

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"kino/ui"
)

// With traceLayoutEnv set, the studio prints where its controls are, in
// window coordinates, as a line starting with layoutMarker, and again
// whenever they move: "kino: layout duration=X,Y card1=X,Y ...
// selected=N focus=timeline playing=false". Tests that drive the real
// window with xdotool click there and wait for the studio to follow.
const (
	traceLayoutEnv = "KINO_TRACE_LAYOUT"
	layoutMarker   = "kino: layout"
)

// traceLayout prints the studio's layout for a minute after it starts.
func traceLayout(w io.Writer, s *ui.Studio) {
	last := ""
	for i := 0; i < 200; i++ {
		time.Sleep(300 * time.Millisecond)
		done := make(chan string, 1)
		s.Post(func() { done <- layoutLine(s) })
		var line string
		select {
		case line = <-done:
		case <-time.After(5 * time.Second):
			continue
		}
		if line != last && line != "" {
			fmt.Fprintln(w, line)
			last = line
		}
	}
}

// layoutLine describes where the studio's controls are.
func layoutLine(s *ui.Studio) string {
	d := fyne.CurrentApp().Driver()
	centre := func(o fyne.CanvasObject) fyne.Position {
		return d.AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
	}
	var b strings.Builder
	b.WriteString(layoutMarker)
	put := func(name string, p fyne.Position) { fmt.Fprintf(&b, " %s=%.0f,%.0f", name, p.X, p.Y) }
	in := s.Inspector()
	put("duration", centre(in.DurationField().(fyne.CanvasObject)))
	put("prompt", centre(in.Prompt().(fyne.CanvasObject)))
	put("player", centre(s.Player()))
	tl := s.Timeline()
	at := d.AbsolutePositionForObject(tl)
	for i := range tl.Cards() {
		put(fmt.Sprintf("card%d", i+1), at.Add(tl.CardPosition(i)))
	}
	sel := 0
	if ids := s.Selected(); len(ids) > 0 {
		for i, c := range tl.Cards() {
			if c.ID == ids[0] {
				sel = i + 1
			}
		}
	}
	focus := "none"
	switch f := s.Window().Canvas().Focused(); {
	case f == nil:
	case f == fyne.Focusable(tl):
		focus = "timeline"
	case f == fyne.Focusable(s.Player()):
		focus = "player"
	case f == in.DurationField():
		focus = "duration"
	case f == in.Prompt():
		focus = "prompt"
	default:
		focus = "other"
	}
	fmt.Fprintf(&b, " selected=%d focus=%s playing=%v", sel, focus, s.Player().Playing())
	return b.String()
}
