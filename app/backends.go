package app

import (
	"context"
	"image"
	"sort"
	"strings"

	"kino/engine"
	"kino/engine/onnx"
	"kino/engine/previz"
)

// backends returns the engines this build can generate with, by name: the
// built-in previz engine, and the ONNX Runtime engine for installed model
// packs, which takes its sound and its refine frames from previz.
func backends() map[string]engine.Backend {
	pv := previz.New()
	nn := onnx.NewBackend(onnx.Config{
		Dirs: []string{ModelsDir()},
		Soundtrack: func(ctx context.Context, req engine.Request) (*engine.Soundtrack, error) {
			clip, err := pv.Generate(ctx, req, nil)
			if err != nil {
				return nil, err
			}
			return clip.Soundtrack()
		},
		Frames: func(ctx context.Context, req engine.Request) (func(i int) (image.Image, error), error) {
			clip, err := pv.Generate(ctx, req, nil)
			if err != nil {
				return nil, err
			}
			return clip.Frame, nil
		},
	})
	return map[string]engine.Backend{pv.Name(): pv, nn.Name(): nn}
}

// backendNamed returns the named backend or a usage error listing the choices.
func backendNamed(name string) (engine.Backend, error) {
	all := backends()
	if b, ok := all[name]; ok {
		return b, nil
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	return nil, usagef("--backend %q is not one of: %s", name, strings.Join(names, ", "))
}
