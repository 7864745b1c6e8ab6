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
	fs := newFlags(e, "kino new", "PATH [--title T] [--rate 24] [--size 1280x720] [--engine BACKEND[:MODEL]]", "Create a project folder PATH.kino.")
	title := fs.String("title", "", "the film's title (default: the folder name)")
	rate := fs.String("rate", "24", "frame rate: 24, 25, 30, 29.97 or a fraction such as 30000/1001")
	size := fs.String("size", project.DefaultResolution.String(), "frame size WIDTHxHEIGHT")
	engineFlag := fs.String("engine", project.DefaultEngine.String(), "engine for new takes: previz, onnx or onnx:MODEL (see kino engine)")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	eng, err := parseEngineFlag(*engineFlag)
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
	if err := checkOutputPath(pos[0]); err != nil {
		return err
	}
	settings := project.NewProject(t)
	settings.Rate, settings.Resolution, settings.Engine = r, res, eng
	p, err := sqlite.CreateWith(pos[0], *settings)
	if err != nil {
		return err
	}
	defer p.Close()
	fmt.Fprintf(e.Out, "Created %s (%q, %s fps, %s, engine %s)\n", termText(p.Path(), messageWidth), termText(t, nameWidth), r, res, termText(eng.String(), nameWidth))
	return nil
}

// parseEngineFlag reads --engine BACKEND[:MODEL]: the backend must be in
// this Kino and the model installed.
func parseEngineFlag(text string) (project.Engine, error) {
	name, model, _ := strings.Cut(strings.TrimSpace(text), ":")
	eng := project.Engine{Backend: name, Model: model}
	all := backends()
	b, ok := all[eng.Backend]
	if !ok {
		return eng, usagef("--engine: %q is not one of: %s (add :MODEL for a model pack)", eng.Backend, strings.Join(backendNames(all), ", "))
	}
	if err := eng.Validate(); err != nil {
		return eng, usagef("--engine: %v", err)
	}
	if err := checkModel(b, eng.Model); err != nil {
		if !hasModels(b) {
			return eng, usagef("--engine: %v", err)
		}
		return eng, fmt.Errorf("--engine: %w (to choose it before installing it, use kino engine PATH %s %s --force)", err, eng.Backend, eng.Model)
	}
	return eng, nil
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
