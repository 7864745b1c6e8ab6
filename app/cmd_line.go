package app

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"kino/project"
	"kino/project/sqlite"
)

// The `kino line` commands edit a shot's dialogue as the studio does: each
// change stores the whole shot through UpdateShot, so the domain's rules
// (who may speak, where a line may start) decide, the same as in the
// studio.

func cmdLineAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino line add", "PATH SHOT @speaker TEXT [--at TIME]",
		"Add a line of dialogue to SHOT, spoken by a cameo cast in it, starting at TIME within the shot\n"+
			"(2s, 48f or 00:00:02:00; default: the shot's start).")
	at := fs.String("at", "0f", "when the line starts, from the shot's start")
	pos, err := fs.args(args, 4, 4)
	if err != nil {
		return err
	}
	p, shot, err := openShot(ctx, pos[0], pos[1], false)
	if err != nil {
		return err
	}
	defer p.Close()
	start, err := project.ParseTime(*at, shot.Duration.Rate)
	if err != nil {
		return usagef("--at: %v", project.ErrorMessage(err))
	}
	line := project.DialogueLine{Speaker: project.NormalizeHandle(pos[2]), Text: pos[3], Start: start}
	shot.Dialogue = append(shot.Dialogue, line)
	if _, err := p.Apply(ctx, project.UpdateShot{Shot: *shot}); err != nil {
		return codeError(err)
	}
	fmt.Fprintf(e.Out, "Added line %d to shot %d: %s at %s: %s\n", len(shot.Dialogue), shot.Number(), line.Speaker, line.Start, clipText(line.Text, 60))
	return nil
}

func cmdLineList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino line list", "PATH SHOT [--json]", "List SHOT's lines of dialogue in order, numbered for edit and rm.")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := fs.args(args, 2, 2)
	if err != nil {
		return err
	}
	p, shot, err := openShot(ctx, pos[0], pos[1], true)
	if err != nil {
		return err
	}
	defer p.Close()
	if *asJSON {
		type jsonLine struct {
			Number  int    `json:"number"`
			Speaker string `json:"speaker"`
			Text    string `json:"text"`
			Start   string `json:"start"`
			Frame   int64  `json:"start_frame"`
		}
		out := []jsonLine{}
		for k, l := range shot.Dialogue {
			out = append(out, jsonLine{k + 1, l.Speaker, l.Text, l.Start.String(), l.Start.Frames})
		}
		return writeJSON(e.Out, out)
	}
	printLines(e.Out, shot)
	return nil
}

func printLines(w io.Writer, shot *project.Shot) {
	if len(shot.Dialogue) == 0 {
		fmt.Fprintf(w, "Shot %d has no dialogue. Add a line with: kino line add PATH %d @speaker \"text\" --at 1s\n", shot.Number(), shot.Number())
		return
	}
	for k, l := range shot.Dialogue {
		fmt.Fprintf(w, "%3d  %s  %-12s %s\n", k+1, l.Start.Timecode(), l.Speaker, l.Text)
	}
}

func cmdLineEdit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino line edit", "PATH SHOT LINE [--speaker @h] [--text T] [--at TIME]",
		"Change line number LINE of SHOT (see kino line list).")
	speaker := fs.String("speaker", "", "the cast cameo who speaks it")
	text := fs.String("text", "", "what they say")
	at := fs.String("at", "", "when it starts, from the shot's start")
	pos, err := fs.args(args, 3, 3)
	if err != nil {
		return err
	}
	given := fs.given()
	if len(given) == 0 {
		fs.Usage()
		return usagef("kino line edit: nothing to change; give --speaker, --text or --at")
	}
	p, shot, k, err := openLine(ctx, pos[0], pos[1], pos[2])
	if err != nil {
		return err
	}
	defer p.Close()
	l := &shot.Dialogue[k]
	if given["speaker"] {
		l.Speaker = project.NormalizeHandle(*speaker)
	}
	if given["text"] {
		l.Text = *text
	}
	if given["at"] {
		start, err := project.ParseTime(*at, shot.Duration.Rate)
		if err != nil {
			return usagef("--at: %v", project.ErrorMessage(err))
		}
		l.Start = start
	}
	if _, err := p.Apply(ctx, project.UpdateShot{Shot: *shot}); err != nil {
		return codeError(err)
	}
	fmt.Fprintf(e.Out, "Changed line %d of shot %d: %s at %s: %s\n", k+1, shot.Number(), l.Speaker, l.Start, clipText(l.Text, 60))
	return nil
}

func cmdLineRemove(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino line rm", "PATH SHOT LINE", "Delete line number LINE of SHOT (see kino line list).")
	pos, err := fs.args(args, 3, 3)
	if err != nil {
		return err
	}
	p, shot, k, err := openLine(ctx, pos[0], pos[1], pos[2])
	if err != nil {
		return err
	}
	defer p.Close()
	gone := shot.Dialogue[k]
	shot.Dialogue = append(shot.Dialogue[:k], shot.Dialogue[k+1:]...)
	if _, err := p.Apply(ctx, project.UpdateShot{Shot: *shot}); err != nil {
		return codeError(err)
	}
	fmt.Fprintf(e.Out, "Deleted line %d of shot %d: %s: %s\n", k+1, shot.Number(), gone.Speaker, clipText(gone.Text, 60))
	return nil
}

// openLine opens the project for writing and finds SHOT and its line
// number arg (1-based), returned as an index.
func openLine(ctx context.Context, path, shotArg, lineArg string) (*sqlite.Project, *project.Shot, int, error) {
	n, err := strconv.Atoi(lineArg)
	if err != nil || n < 1 {
		return nil, nil, 0, usagef("LINE must be a line number (1 is the first; see kino line list), not %q", lineArg)
	}
	p, shot, err := openShot(ctx, path, shotArg, false)
	if err != nil {
		return nil, nil, 0, err
	}
	if n > len(shot.Dialogue) {
		p.Close()
		if len(shot.Dialogue) == 0 {
			return nil, nil, 0, project.Errorf(project.ENOTFOUND, "shot %d has no dialogue", shot.Number())
		}
		return nil, nil, 0, project.Errorf(project.ENOTFOUND, "shot %d has %d lines of dialogue; there is no line %d", shot.Number(), len(shot.Dialogue), n)
	}
	return p, shot, n - 1, nil
}
