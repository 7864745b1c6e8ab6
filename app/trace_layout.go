package app

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"kino/ui"
	kwidget "kino/ui/widget"
)

// With traceLayoutEnv set, the studio prints where its controls are, in
// window coordinates, as a line starting with layoutMarker, and again
// whenever they move: "kino: layout duration=X,Y card1=X,Y ...
// selected=N focus=timeline playing=false shown=N ready=N mention=N". Tests that
// drive the real window with xdotool click there and wait for the studio
// to follow.
const (
	traceLayoutEnv = "KINO_TRACE_LAYOUT"
	layoutMarker   = "kino: layout"
)

// traceLayout prints the studio's layout for ten minutes after it
// starts, looking every every (the variable's value as a duration, such
// as "20ms"; 300 ms when it is not one).
func traceLayout(w io.Writer, s *ui.Studio, every string) {
	period, err := time.ParseDuration(every)
	if err != nil || period <= 0 {
		period = 300 * time.Millisecond
	}
	last := ""
	for end := time.Now().Add(10 * time.Minute); time.Now().Before(end); {
		time.Sleep(period)
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
	for _, name := range []string{"generate", "compare", "takes strip", "engine", "cameo buttons"} {
		if o := s.Controls()[name]; o != nil {
			put(strings.ReplaceAll(name, " ", "-"), centre(o))
		}
	}
	size := s.Window().Canvas().Size()
	fmt.Fprintf(&b, " window=%.0fx%.0f", size.Width, size.Height)
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
	// The card whose shot the player shows, and how many are generated.
	shown, ready, start := 0, 0, int64(0)
	f := s.Player().Frame()
	for i, c := range tl.Cards() {
		if f >= start && f < start+c.Frames {
			shown = i + 1
		}
		start += c.Frames
		if c.State == kwidget.CardReady {
			ready++
		}
	}
	fmt.Fprintf(&b, " selected=%d focus=%s playing=%v shown=%d ready=%d mention=%d", sel, focus, s.Player().Playing(), shown, ready, len(in.MentionChoices()))
	return b.String()
}
