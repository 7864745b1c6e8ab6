package app

import (
	"context"
	"slices"
	"sort"
	"strings"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/foley"
	"kino/engine/onnx"
	"kino/engine/previz"
	"kino/project"
)

var (
	_ onnx.FrameSource = (*previz.Pictures)(nil)
	// Previz's pictures also make their sound block by block, which a
	// neural take that refines them stores.
	_ interface {
		SoundStream(context.Context) (audio.Stream, error)
	} = (*previz.Pictures)(nil)
)

// What a neural take borrows from the built-in engine: previz's pictures
// of the shot to refine (which also make the sound that goes with them),
// and foley's sound alone for a take that refines nothing. Each reads the
// scene and speaks the dialogue once; variables so a test can count them.
var (
	previzFrames = func(ctx context.Context, req engine.Request) (onnx.FrameSource, error) {
		p, err := previz.Frames(ctx, req)
		if err != nil {
			return nil, err
		}
		return p, nil
	}
	foleySoundtrack  = foley.Soundtrack
	foleySoundStream = func(ctx context.Context, req engine.Request) (audio.Stream, error) {
		s, err := foley.SoundStream(ctx, req)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
)

// backends returns the engines this build can generate with, by name: the
// built-in previz engine, and the ONNX Runtime engine for installed model
// packs, which takes its sound and its refine frames from previz.
func backends() map[string]engine.Backend {
	pv := previz.New()
	nn := onnx.NewBackend(onnx.Config{
		Dirs: []string{ModelsDir()},
		Soundtrack: func(ctx context.Context, req engine.Request) (*audio.Soundtrack, error) {
			return foleySoundtrack(ctx, req)
		},
		SoundStream: func(ctx context.Context, req engine.Request) (audio.Stream, error) {
			return foleySoundStream(ctx, req)
		},
		Frames: func(ctx context.Context, req engine.Request) (onnx.FrameSource, error) { return previzFrames(ctx, req) },
	})
	return map[string]engine.Backend{pv.Name(): pv, nn.Name(): nn}
}

// backendNamed returns the named backend or a usage error listing the choices.
func backendNamed(name string) (engine.Backend, error) {
	all := backends()
	if b, ok := all[name]; ok {
		return b, nil
	}
	return nil, usagef("--backend %q is not one of: %s", name, strings.Join(backendNames(all), ", "))
}

// backendNames returns the names of all, sorted.
func backendNames(all map[string]engine.Backend) []string {
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// engineBackend returns the backend of all that generates for eng, or an
// ENOTFOUND error naming the choices (a project made by a Kino with
// another engine).
func engineBackend(all map[string]engine.Backend, eng project.Engine) (engine.Backend, error) {
	if b, ok := all[eng.Backend]; ok {
		return b, nil
	}
	return nil, project.Errorf(project.ENOTFOUND, "the project's engine %q is not in this Kino (it has: %s); choose another with: kino engine PATH BACKEND",
		eng.Backend, strings.Join(backendNames(all), ", "))
}

// hasModels reports whether b runs model packs a request can name. The
// built-in previz engine has none.
func hasModels(b engine.Backend) bool {
	return b.Capabilities().Neural
}

// installedModels returns the models b can use now. The ONNX backend's
// models folder is scanned again first, so a pack installed since the
// backend was made is found.
func installedModels(b engine.Backend) []string {
	if nn, ok := b.(*onnx.Backend); ok {
		nn.Rescan()
	}
	return b.Capabilities().Models
}

// checkModel refuses a model that b cannot use: any model for a backend
// without models (EINVALID), and a model that is not installed
// (ENOTFOUND, listing the installed ones). "" (the backend's default)
// passes.
func checkModel(b engine.Backend, model string) error {
	if model == "" {
		return nil
	}
	if !hasModels(b) {
		return project.Errorf(project.EINVALID, "the %s engine has no model packs; leave the model out", b.Name())
	}
	if slices.Contains(b.Capabilities().Models, model) {
		return nil
	}
	installed := installedModels(b) // perhaps installed since the last scan
	if slices.Contains(installed, model) {
		return nil
	}
	if nn, ok := b.(*onnx.Backend); ok {
		_, rejected := nn.Packs()
		for _, rj := range rejected {
			if rj.Name == model {
				return project.WrapError(project.EINVALID, rj.Err, "model pack %q in %s cannot be used", model, rj.Dir)
			}
		}
	}
	have := "none"
	if len(installed) > 0 {
		have = strings.Join(installed, ", ")
	}
	return project.Errorf(project.ENOTFOUND, "model pack %q is not installed in %s (installed: %s)", model, ModelsDir(), have)
}
