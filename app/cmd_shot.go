package app

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"kino/project"
)

// shotFlags are the flags that set a shot's fields, shared by add and edit.
type shotFlags struct {
	prompt, negative, duration, seed, size, move, style, strength string
	steps, guidance                                               string
	newSeed                                                       bool
}

func (f *shotFlags) register(fs *flags) {
	fs.StringVar(&f.prompt, "prompt", "", "what the shot shows")
	fs.StringVar(&f.negative, "negative", "", "what the shot must not show")
	fs.StringVar(&f.duration, "duration", "5s", "length: 5s, 120f or 00:00:05:00")
	fs.StringVar(&f.seed, "seed", "", "a fixed seed (a whole number)")
	fs.BoolVar(&f.newSeed, "new-seed-each-take", false, "draw a new seed for every take")
	fs.StringVar(&f.size, "camera-size", "", "shot size: wide, medium, close-up (default: from the prompt)")
	fs.StringVar(&f.move, "camera-move", "", "camera move: static, pan-left, pan-right, tilt-up, tilt-down, dolly-in, dolly-out, orbit, handheld, aerial")
	fs.StringVar(&f.style, "style", "", "style: cinematic, noir, vintage, cartoon, neon (default: from the prompt)")
	fs.StringVar(&f.strength, "strength", "", "for a neural engine, 0 to 1: 0 leaves it to the pack (the prompt alone unless it sets a\ndefault strength); more refines the previz frames (keeping cameos and the camera move), 1 departs from them most")
	fs.StringVar(&f.steps, "steps", "", fmt.Sprintf("for a neural engine, denoising steps, 1 to %d (0: the pack's default)", project.MaxSteps))
	fs.StringVar(&f.guidance, "guidance", "", fmt.Sprintf("for a neural engine, guidance scale, 0 to %d: how closely to follow the prompt\n(1 or below ignores the negative prompt; 0: the pack's default)", project.MaxGuidance))
}

// apply sets the fields whose flags were given on s.
func (f *shotFlags) apply(s *project.Shot, given map[string]bool, r project.Rate) error {
	if given["prompt"] {
		s.Prompt = f.prompt
	}
	if given["negative"] {
		s.NegativePrompt = f.negative
	}
	if given["duration"] {
		d, err := project.ParseTime(f.duration, r)
		if err != nil {
			return usagef("--duration: %v", err)
		}
		s.Duration = d
	}
	if given["seed"] {
		v, err := strconv.ParseUint(f.seed, 10, 64)
		if err != nil {
			return usagef("--seed must be a whole number from 0 to 18446744073709551615, not %q", f.seed)
		}
		s.Seed = project.Seed{Mode: project.SeedFixed, Value: v}
	}
	if given["new-seed-each-take"] {
		if f.newSeed {
			s.Seed.Mode = project.SeedNewEach
		} else {
			s.Seed.Mode = project.SeedFixed
		}
	}
	if given["camera-size"] {
		s.Camera.Size = project.ShotSize(f.size)
	}
	if given["camera-move"] {
		s.Camera.Move = project.CameraMove(f.move)
	}
	if given["style"] {
		s.Style = project.Style(f.style)
	}
	if given["strength"] {
		v, err := parseStrength(f.strength)
		if err != nil {
			return err
		}
		s.Strength = v
	}
	if given["steps"] {
		v, err := strconv.Atoi(strings.TrimSpace(f.steps))
		if err != nil || v < 0 || v > project.MaxSteps {
			return usagef("--steps must be a whole number from 0 to %d (0: the pack's default), not %q", project.MaxSteps, f.steps)
		}
		s.Steps = v
	}
	if given["guidance"] {
		v, err := strconv.ParseFloat(strings.TrimSpace(f.guidance), 64)
		if err != nil || !(v >= 0 && v <= project.MaxGuidance) {
			return usagef("--guidance must be a number from 0 to %d (such as 7.5; 0: the pack's default), not %q", project.MaxGuidance, f.guidance)
		}
		s.Guidance = v
	}
	return nil
}

// parseStrength reads a --strength value: a number from 0 to 1.
func parseStrength(text string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || !(v >= 0 && v <= 1) {
		return 0, usagef("--strength must be a number from 0 to 1 (such as 0.5), not %q", text)
	}
	return v, nil
}

func cmdShotAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino shot add", "PATH [PROMPT] [--prompt P] [--at N] [--duration 5s] [...]", "Add a shot to the timeline (at the end unless --at is given).")
	var sf shotFlags
	sf.register(fs)
	at := fs.Int("at", 0, "insert as shot number N (default: at the end)")
	pos, err := fs.args(args, 1, 2)
	if err != nil {
		return err
	}
	given := fs.given()
	if len(pos) == 2 {
		if given["prompt"] {
			return usagef("give the prompt either as an argument or with --prompt, not both")
		}
		sf.prompt, given["prompt"] = pos[1], true
	}
	p, settings, err := openWithSettings(ctx, pos[0], false)
	if err != nil {
		return err
	}
	defer p.Close()
	shot := project.NewShot("", settings.Rate, newSeed())
	if settings.SeedPolicy == project.SeedPerTake {
		shot.Seed.Mode = project.SeedNewEach
	}
	if err := sf.apply(shot, given, settings.Rate); err != nil {
		return err
	}
	if err := shot.Validate(settings.Rate); err != nil {
		return usagef("kino shot add: %s", project.ErrorMessage(err))
	}
	index := -1
	if given["at"] {
		n, err := shotCount(ctx, p)
		if err != nil {
			return err
		}
		if *at < 1 || *at > n+1 {
			return usagef("--at must be a position from 1 to %d (the project has %d shots), not %d", n+1, n, *at)
		}
		index = *at - 1
	}
	res, err := p.Apply(ctx, project.AddShot{Shot: *shot, Index: index})
	if err != nil {
		return err
	}
	added, err := p.Shot(ctx, res.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Added shot %d (%s): %s\n", added.Number(), added.Duration, clipText(added.Prompt, 60))
	return nil
}

func cmdShotList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino shot list", "PATH [--json]", "List the timeline's shots in order, with each one's active take and whether it is stale\n(the shot changed since the take was made).")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	p, err := openProjectReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	shots, err := p.Shots(ctx)
	if err != nil {
		return err
	}
	listed, err := listShots(ctx, p, shots)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.Out, listed)
	}
	printShots(e.Out, listed)
	return nil
}

func printShots(w io.Writer, shots []listedShot) {
	if len(shots) == 0 {
		fmt.Fprintln(w, "No shots yet. Add one with: kino shot add PATH \"a prompt\"")
		return
	}
	var start project.Time
	for _, s := range shots {
		take := "not generated"
		if s.ActiveTakeID != 0 {
			take = fmt.Sprintf("take %d", s.ActiveTakeID)
		}
		cast := ""
		if len(s.Cast) > 0 {
			cast = " " + termText(strings.Join(s.CastHandles(), " "), nameWidth)
		}
		stale := ""
		if s.Stale {
			stale = "stale"
		}
		fmt.Fprintf(w, "%3d  %s  %-8s %-13s %-5s %s%s\n", s.Number(), start.Timecode(), s.Duration, take, stale, clipText(s.Prompt, 56), cast)
		start = project.Frames(start.Frames+s.Duration.Frames, s.Duration.Rate)
	}
}

func cmdShotEdit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino shot edit", "PATH SHOT [--prompt P] [--duration D] [...]", "Change the given fields of shot number SHOT.")
	var sf shotFlags
	sf.register(fs)
	pos, err := fs.args(args, 2, 2)
	if err != nil {
		return err
	}
	given := fs.given()
	if len(given) == 0 {
		fs.Usage()
		return usagef("kino shot edit: nothing to change; give at least one option")
	}
	p, shot, err := openShot(ctx, pos[0], pos[1], false)
	if err != nil {
		return err
	}
	defer p.Close()
	settings, err := p.Project(ctx)
	if err != nil {
		return err
	}
	if err := sf.apply(shot, given, settings.Rate); err != nil {
		return err
	}
	if err := shot.Validate(settings.Rate); err != nil {
		return usagef("kino shot edit: %s", project.ErrorMessage(err))
	}
	if _, err := p.Apply(ctx, project.UpdateShot{Shot: *shot}); err != nil {
		return codeError(err)
	}
	fmt.Fprintf(e.Out, "Changed shot %d\n", shot.Number())
	return nil
}

func cmdShotMove(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino shot move", "PATH SHOT TO", "Move shot number SHOT so it becomes shot number TO.")
	pos, err := fs.args(args, 3, 3)
	if err != nil {
		return err
	}
	to, err := strconv.Atoi(pos[2])
	if err != nil || to < 1 {
		return usagef("TO must be a shot number (1 is the first), not %q", pos[2])
	}
	p, shot, err := openShot(ctx, pos[0], pos[1], false)
	if err != nil {
		return err
	}
	defer p.Close()
	n, err := shotCount(ctx, p)
	if err != nil {
		return err
	}
	if to > n {
		return usagef("TO must be a position from 1 to %d (the project has %d shots), not %d", n, n, to)
	}
	if _, err := p.Apply(ctx, project.MoveShot{ShotID: shot.ID, Index: to - 1}); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Moved shot %d to position %d\n", shot.Number(), to)
	return nil
}

func cmdShotRemove(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino shot rm", "PATH SHOT", "Delete shot number SHOT and its takes (their media stay in the project).")
	pos, err := fs.args(args, 2, 2)
	if err != nil {
		return err
	}
	p, shot, err := openShot(ctx, pos[0], pos[1], false)
	if err != nil {
		return err
	}
	defer p.Close()
	if _, err := p.Apply(ctx, project.DeleteShot{ShotID: shot.ID}); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Deleted shot %d: %s\n", shot.Number(), clipText(shot.Prompt, 60))
	return nil
}

// shotCount returns how many shots the project has.
func shotCount(ctx context.Context, r project.Reader) (int, error) {
	shots, err := r.Shots(ctx)
	return len(shots), err
}

// clipText shortens s to about n characters for one-line listings, with
// runs of spaces and line breaks made one space and control characters
// escaped (see termText).
func clipText(s string, n int) string {
	if len(s) > 8*n {
		s = s[:8*n] // enough for n characters and the spaces between them
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "(no prompt)"
	}
	return termText(s, n)
}
