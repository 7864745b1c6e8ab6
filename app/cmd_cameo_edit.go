package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"kino/project"
)

const cameoEditSynopsis = "@handle [--voice V] [--language L] [--pitch N] [--rate N] [--name N] [--appearance A] [--project PATH...]"

func cmdCameoEdit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino cameo edit", cameoEditSynopsis,
		"Change a saved cameo's name, appearance or voice. Its consent is not changed here.\n"+
			"With --project, the cameo's copy in that project is updated too, so its shots speak with the new voice\n"+
			"(they are then shown as stale).")
	name := fs.String("name", "", "display name")
	appearance := fs.String("appearance", "", "a short description of how the person looks")
	voiceSpec := fs.String("voice", "", "voice: an espeak-ng language (en, en-us, de) or an installed Piper voice, piper:NAME[#SPEAKER]")
	language := fs.String("language", "", "the language the cameo speaks (default: the voice's)")
	variant := fs.String("voice-variant", "", "espeak-ng voice variant, e.g. f3 or m2")
	pitch := fs.Int("pitch", 0, "voice pitch 0-100")
	rate := fs.Int("rate", 0, "speaking rate in words per minute, 80-450")
	var projects []string
	fs.Func("project", "also update the cameo's copy in this project (repeatable)", func(s string) error {
		projects = append(projects, s)
		return nil
	})
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	set := fs.given()
	changes := 0
	for k := range set {
		if k != "project" {
			changes++
		}
	}
	if changes == 0 {
		fs.Usage()
		return usagef("kino cameo edit: say what to change (--voice, --name, ...)")
	}
	lib, err := openLibrary()
	if err != nil {
		return err
	}
	defer lib.Close()
	c, err := lib.Cameo(ctx, project.NormalizeHandle(pos[0]))
	if err != nil {
		return err
	}
	if set["name"] {
		c.Name = strings.TrimSpace(*name)
	}
	if set["appearance"] {
		c.Appearance = strings.TrimSpace(*appearance)
	}
	v := c.Voice
	if set["pitch"] {
		v.Pitch = *pitch
	}
	if set["rate"] {
		v.Rate = *rate
	}
	if set["voice-variant"] {
		v.Variant = *variant
	}
	switch {
	case set["voice"]:
		if v, err = cameoVoice(*voiceSpec, *language, v); err != nil {
			return err
		}
	case set["language"]:
		v.Language = *language
	}
	c.Voice = v
	c.UpdatedAt = time.Now().UTC()
	if err := lib.UpdateCameo(ctx, c); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Updated %s (%s): voice %s, %s, pitch %d, %d words/min\n", c.Handle, c.Name, c.Voice.Spec(), c.Voice.Language, c.Voice.Pitch, c.Voice.Rate)
	for _, path := range projects {
		if err := refreshSnapshot(ctx, path, c); err != nil {
			return err
		}
		fmt.Fprintf(e.Out, "Updated %s in %s\n", c.Handle, path)
	}
	return nil
}

// refreshSnapshot replaces the project's copy of c (which it must have).
func refreshSnapshot(ctx context.Context, path string, c *project.Cameo) error {
	p, err := openProject(path)
	if err != nil {
		return err
	}
	defer p.Close()
	cameos, err := p.Cameos(ctx)
	if err != nil {
		return err
	}
	for _, old := range cameos {
		if old.ID == c.ID {
			_, err := p.Apply(ctx, project.UpdateCameoSnapshot{Cameo: *c})
			return err
		}
	}
	return project.Errorf(project.ENOTFOUND, "%s is not cast in %s; cast it with: kino cast %s SHOT %s", c.Handle, path, path, c.Handle)
}
