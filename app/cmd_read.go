package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"kino/engine"
	"kino/engine/scene"
	"kino/project"
)

// readResult is what kino read --json prints: the prompt and the scene
// plan the built-in previz engine reads from it (its used and ignored
// words are the studio's chips).
type readResult struct {
	Prompt   string     `json:"prompt"`
	Negative string     `json:"negative,omitempty"`
	Plan     scene.Plan `json:"plan"`
	Notes    []string   `json:"notes,omitempty"`
}

func cmdRead(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino read", "TEXT... [--negative TEXT] [--json]",
		"Print the scene plan the built-in previz engine reads from a prompt: setting, inside or out,\n"+
			"time, weather, subjects and cameos, props, actions, effects, sounds, camera, style and mood,\n"+
			"and the words it did not use (the studio's chips). Scene headings (INT. KITCHEN - NIGHT)\n"+
			"and action lines are read as written.")
	neg := fs.String("negative", "", "a negative prompt: what to leave out")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := fs.args(args, 1, -1)
	if err != nil {
		return err
	}
	req := engine.DefaultRequest()
	req.Prompt = strings.Join(pos, " ")
	req.NegativePrompt = *neg
	norm, notes, err := req.Normalize()
	if err != nil {
		return fmt.Errorf("reading the prompt: %w", err)
	}
	plan := scene.Parse(norm)
	if *asJSON {
		return writeJSON(e.Out, readResult{Prompt: norm.Prompt, Negative: norm.NegativePrompt, Plan: plan, Notes: notes})
	}
	printPlan(e.Out, &plan)
	for _, n := range notes {
		fmt.Fprintln(e.Err, "note:", n)
	}
	return nil
}

// printPlan writes a plan for people to read.
func printPlan(w io.Writer, p *scene.Plan) {
	row := func(k, v string) { fmt.Fprintf(w, "%-15s %s\n", k+":", v) }
	where := "outside"
	if p.Indoors {
		where = "inside"
	}
	row("setting", fmt.Sprintf("%s (%s)", p.Setting, where))
	row("time", strings.ReplaceAll(string(p.Time), "-", " "))
	row("weather", string(p.Weather))
	var people, things []string
	for _, s := range p.Subjects {
		d := describeSubject(p, s)
		if s.Kind == scene.KindProp {
			things = append(things, d)
		} else {
			people = append(people, d)
		}
	}
	row("subjects", orNone(people))
	row("props", orNone(things))
	var fx []string
	for _, e := range p.Effects {
		fx = append(fx, string(e))
	}
	row("effects", orNone(fx))
	var snd []string
	for _, s := range p.Sounds {
		snd = append(snd, string(s))
	}
	row("sounds", orNone(snd))
	row("camera", fmt.Sprintf("%s, %s", p.Camera.Size, strings.ReplaceAll(string(p.Camera.Move), "-", " ")))
	style := string(p.Style)
	if p.Style == project.StyleAuto {
		style = "natural colour"
	}
	row("style", style)
	row("mood", string(p.Mood))
	row("language", p.Language)
	fmt.Fprintln(w, "understood:")
	if len(p.Used) == 0 {
		fmt.Fprintln(w, "  (nothing)")
	}
	for _, u := range p.Used {
		fmt.Fprintf(w, "  %-20s %s\n", u.Text, u.Meaning)
	}
	row("not understood", orNone(p.Ignored))
}

func describeSubject(p *scene.Plan, s scene.Subject) string {
	name := s.Name
	if s.Kind == scene.KindCameo {
		name = "cameo " + s.Handle
	}
	if s.Count > 1 {
		name = fmt.Sprintf("%d × %s", s.Count, name)
	}
	var more []string
	if s.Color != "" {
		more = append(more, s.Color)
	}
	if s.Age > 0 {
		more = append(more, fmt.Sprintf("age %d", s.Age))
	}
	more = append(more, s.Wears...)
	if s.Detail != "" {
		more = append(more, s.Detail)
	}
	if s.Kind != scene.KindProp || s.Action != scene.Stand {
		more = append(more, string(s.Action))
	}
	if s.HeldBy >= 0 && s.HeldBy < len(p.Subjects) {
		more = append(more, "held by the "+p.Subjects[s.HeldBy].Name)
	}
	if len(more) > 0 {
		name += " (" + strings.Join(more, ", ") + ")"
	}
	return name
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, "; ")
}
