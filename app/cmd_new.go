package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"kino/project"
	"kino/project/sqlite"
)

func cmdNew(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino new", "PATH [--title T] [--rate 24] [--size 1280x720]", "Create a project folder PATH.kino.")
	title := fs.String("title", "", "the film's title (default: the folder name)")
	rate := fs.String("rate", "24", "frame rate: 24, 25, 30, 29.97 or a fraction such as 30000/1001")
	size := fs.String("size", project.DefaultResolution.String(), "frame size WIDTHxHEIGHT")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	r, err := project.ParseRate(*rate)
	if err != nil {
		return usagef("--rate: %v", err)
	}
	res, err := parseSize(*size)
	if err != nil {
		return usagef("--size: %v", err)
	}
	t := *title
	if t == "" {
		t = strings.TrimSuffix(filepath.Base(pos[0]), ".kino")
	}
	p, err := sqlite.Create(pos[0], t)
	if err != nil {
		return err
	}
	defer p.Close()
	settings, err := p.Project(ctx)
	if err != nil {
		return err
	}
	if settings.Rate != r || settings.Resolution != res {
		settings.Rate, settings.Resolution = r, res
		if _, err := p.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.Out, "Created %s (%q, %s fps, %s)\n", p.Path(), t, r, res)
	return nil
}

func parseSize(s string) (project.Resolution, error) {
	var r project.Resolution
	w, h, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	if !ok {
		return r, project.Errorf(project.EINVALID, "size %q is not WIDTHxHEIGHT", s)
	}
	if _, err := fmt.Sscan(w, &r.Width); err != nil {
		return r, project.Errorf(project.EINVALID, "size %q is not WIDTHxHEIGHT", s)
	}
	if _, err := fmt.Sscan(h, &r.Height); err != nil {
		return r, project.Errorf(project.EINVALID, "size %q is not WIDTHxHEIGHT", s)
	}
	return r, r.Validate()
}
