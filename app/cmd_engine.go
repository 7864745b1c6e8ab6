package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"kino/engine"
	"kino/engine/onnx"
	"kino/project"
)

// engineSynopsis is kino engine's argument synopsis.
const engineSynopsis = "PATH [BACKEND [MODEL]] [--force] [--json]"

// engineState is what kino engine shows: the project's engine, the
// engines this Kino has and the model packs installed.
type engineState struct {
	Engine    project.Engine `json:"engine"`
	Backends  []string       `json:"backends"`
	ModelsDir string         `json:"models_dir"`
	Packs     []packInfo     `json:"model_packs"`
}

// packInfo is one installed model pack.
type packInfo struct {
	Name        string `json:"name"`
	DisplayName string `json:"display_name,omitempty"`
	Licence     string `json:"licence,omitempty"`
	// CanRefine is false for a pack without a VAE encoder: it generates
	// from the prompt alone, whatever a shot's strength.
	CanRefine bool `json:"can_refine"`
}

func cmdEngine(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino engine", engineSynopsis,
		"Show the engine that generates the project's new takes and the model packs installed,\n"+
			"or choose it. BACKEND is previz (built in, always works) or onnx (runs a model pack);\n"+
			"MODEL is a model pack's folder name (default: the first installed). Takes already made\n"+
			"keep the engine that made them. A shot's --strength (kino shot edit) says how far onnx\n"+
			"may depart from the shot's previz frames.")
	force := fs.Bool("force", false, "choose a MODEL that is not installed yet (install it before generating)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := fs.args(args, 1, 3)
	if err != nil {
		return err
	}
	all := backends()
	if len(pos) == 1 {
		p, settings, err := openWithSettings(ctx, pos[0], true)
		if err != nil {
			return err
		}
		defer p.Close()
		return printEngine(e.Out, engineStateOf(settings.Engine, all), *asJSON)
	}

	eng := project.Engine{Backend: pos[1]}
	if len(pos) == 3 {
		eng.Model = pos[2]
	}
	backend, ok := all[eng.Backend]
	if !ok {
		fs.Usage()
		return usagef("engine %q is not one of: %s", eng.Backend, strings.Join(backendNames(all), ", "))
	}
	if err := eng.Validate(); err != nil {
		return usagef("%v", err)
	}
	notInstalled := false
	if err := checkModel(backend, eng.Model); err != nil {
		switch {
		case !hasModels(backend):
			return usagef("%v", err)
		case !*force && project.ErrorCode(err) == project.EINVALID:
			return fmt.Errorf("%w; fix or replace the pack (kino doctor lists what is wrong), or add --force to choose it anyway", err)
		case !*force:
			return fmt.Errorf("%w; add --force to choose it anyway and install it before generating", err)
		}
		notInstalled = true
	}
	p, settings, err := openWithSettings(ctx, pos[0], false)
	if err != nil {
		return err
	}
	defer p.Close()
	was := settings.Engine
	if was != eng {
		settings.Engine = eng
		if _, err := p.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
			return err
		}
	}
	if *asJSON {
		return printEngine(e.Out, engineStateOf(eng, all), true)
	}
	if was == eng {
		fmt.Fprintf(e.Out, "The engine is already %s\n", termText(describeEngine(eng), nameWidth))
	} else {
		fmt.Fprintf(e.Out, "Engine: %s (was %s)\n", termText(describeEngine(eng), nameWidth), termText(describeEngine(was), nameWidth))
	}
	if notInstalled {
		fmt.Fprintf(e.Err, "kino: note: model pack %q is not installed yet; generating fails until it is in %s\n", termText(eng.Model, nameWidth), termText(ModelsDir(), messageWidth))
	}
	return nil
}

// describeEngine names eng for people: "previz", "onnx:sd-turbo", or
// "onnx (the first installed model pack)".
func describeEngine(eng project.Engine) string {
	if eng.Model == "" && eng.Backend != project.BackendPreviz {
		return eng.Backend + " (the first installed model pack)"
	}
	return eng.String()
}

// engineStateOf collects what kino engine shows for a project whose
// engine is eng.
func engineStateOf(eng project.Engine, all map[string]engine.Backend) engineState {
	st := engineState{Engine: eng, Backends: backendNames(all), ModelsDir: ModelsDir(), Packs: []packInfo{}}
	for _, name := range st.Backends {
		b := all[name]
		if nn, ok := b.(*onnx.Backend); ok {
			packs, _ := nn.Packs()
			for _, pk := range packs {
				info := packInfo{Name: pk.Name, Licence: pk.Licence(), CanRefine: pk.HasEncoder}
				if d := pk.DisplayName(); d != pk.Name {
					info.DisplayName = d
				}
				st.Packs = append(st.Packs, info)
			}
			continue
		}
		if hasModels(b) {
			for _, m := range installedModels(b) {
				st.Packs = append(st.Packs, packInfo{Name: m})
			}
		}
	}
	return st
}

// printEngine writes st as text or JSON.
func printEngine(w io.Writer, st engineState, asJSON bool) error {
	if asJSON {
		return writeJSON(w, st)
	}
	fmt.Fprintf(w, "Engine:      %s\n", termText(describeEngine(st.Engine), nameWidth))
	fmt.Fprintf(w, "Engines:     %s\n", strings.Join(st.Backends, ", "))
	if len(st.Packs) == 0 {
		fmt.Fprintf(w, "Model packs: none installed in %s (kino doctor says why a folder there is not one)\n", st.ModelsDir)
		return nil
	}
	fmt.Fprintf(w, "Model packs: in %s\n", st.ModelsDir)
	for _, pk := range st.Packs {
		line := "  " + termText(pk.Name, nameWidth)
		if pk.DisplayName != "" {
			line += " (" + termText(pk.DisplayName, nameWidth) + ")"
		}
		if pk.Licence != "" {
			line += ", licence " + termText(pk.Licence, nameWidth)
		}
		if !pk.CanRefine {
			line += "; no VAE encoder: generates from the prompt alone, ignoring shots' strength"
		}
		if st.Engine.Model == pk.Name {
			line += "  [chosen]"
		}
		fmt.Fprintln(w, line)
	}
	return nil
}
