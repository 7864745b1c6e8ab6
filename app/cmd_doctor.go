package app

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"

	"kino/engine/onnx"
	"kino/engine/speech"
	"kino/project"
)

// Version is Kino's version, set at build time with
// -ldflags "-X kino/app.Version=1.2.3".
var Version = "0.1.0-dev"

func cmdVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino version", "", "Print Kino's version.")
	if _, err := fs.args(args, 0, 0); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "kino %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// doctorReport is what `kino doctor --json` prints.
type doctorReport struct {
	Version     string           `json:"version"`
	Go          string           `json:"go"`
	Platform    string           `json:"platform"`
	DataDir     string           `json:"data_dir"`
	LibraryDir  string           `json:"library_dir"`
	ModelsDir   string           `json:"models_dir"`
	ORT         ortReport        `json:"onnxruntime"`
	Packs       string           `json:"model_packs"`
	Speech      string           `json:"speech"`
	FFmpeg      string           `json:"ffmpeg"`
	Project     string           `json:"project,omitempty"`
	Damage      []project.Damage `json:"damage,omitempty"`
	ProjectOK   bool             `json:"project_ok,omitempty"`
	ProjectNote string           `json:"project_error,omitempty"`
}

type ortReport struct {
	Library   string   `json:"library,omitempty"`
	Version   string   `json:"version,omitempty"`
	Providers []string `json:"providers,omitempty"`
	Error     string   `json:"error,omitempty"`
	Hint      string   `json:"hint,omitempty"`
	Tried     []string `json:"tried,omitempty"`
}

func cmdDoctor(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino doctor", "[PATH] [--json]",
		"Report versions, data directories, whether ONNX Runtime loads and which execution providers it can use,\nspeech and ffmpeg; with PATH, also check that project's database and media.")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := fs.args(args, 0, 1)
	if err != nil {
		return err
	}
	rep := doctorReport{
		Version:    Version,
		Go:         runtime.Version(),
		Platform:   runtime.GOOS + "/" + runtime.GOARCH,
		DataDir:    DataDir(),
		LibraryDir: LibraryDir(),
		ModelsDir:  ModelsDir(),
		Speech:     "ok (espeak-ng)",
		FFmpeg:     "not found on PATH: MP4 export falls back to AVI (install ffmpeg, e.g. make deps)",
	}
	ort := onnx.Doctor()
	var ortText strings.Builder
	ort.WriteTo(&ortText)
	rep.ORT = ortReport{Library: ort.Library, Hint: ort.Hint, Tried: ort.Tried}
	if ort.Err != nil {
		rep.ORT.Error = ort.Err.Error()
	}
	if ort.Runtime != nil {
		rep.ORT.Version = ort.Runtime.Version
		for _, p := range ort.Runtime.Providers {
			rep.ORT.Providers = append(rep.ORT.Providers, p.String())
		}
	}
	rep.Packs = onnx.DoctorPacks([]string{ModelsDir()}, ort.OK()).String()
	if err := speech.Available(); err != nil {
		rep.Speech = "unavailable: " + err.Error()
	}
	if p, err := exec.LookPath("ffmpeg"); err == nil {
		rep.FFmpeg = p
	}
	failed := false
	if len(pos) == 1 {
		rep.Project = pos[0]
		damage, err := checkProject(ctx, pos[0])
		rep.Damage = damage
		rep.ProjectOK = err == nil && len(damage) == 0
		if err != nil {
			rep.ProjectNote = err.Error()
		}
		failed = !rep.ProjectOK
	}
	if *asJSON {
		if err := writeJSON(e.Out, rep); err != nil {
			return err
		}
	} else {
		printDoctor(e.Out, rep, ortText.String())
	}
	if failed {
		return fmt.Errorf("the project %s has problems (see above)", pos[0])
	}
	return nil
}

func checkProject(ctx context.Context, path string) ([]project.Damage, error) {
	p, err := openProjectReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	return p.Check(ctx)
}

func printDoctor(w io.Writer, r doctorReport, ortText string) {
	fmt.Fprintf(w, "Kino %s (%s, %s)\n", r.Version, r.Go, r.Platform)
	fmt.Fprintf(w, "Data:     %s\nCameos:   %s\nModels:   %s\n", r.DataDir, r.LibraryDir, r.ModelsDir)
	fmt.Fprintf(w, "Speech:   %s\nFFmpeg:   %s\n", r.Speech, r.FFmpeg)
	fmt.Fprint(w, ortText)
	fmt.Fprintln(w, "Model packs:")
	// The packs report has its own heading and indents its lines.
	packs := strings.TrimPrefix(strings.TrimRight(r.Packs, "\n"), "Model packs\n")
	for _, line := range strings.Split(packs, "\n") {
		fmt.Fprintln(w, line)
	}
	if r.Project == "" {
		return
	}
	fmt.Fprintf(w, "Project %s: ", r.Project)
	switch {
	case r.ProjectNote != "":
		fmt.Fprintln(w, "cannot be checked:", r.ProjectNote)
	case len(r.Damage) == 0:
		fmt.Fprintln(w, "ok (database and every media file intact)")
	default:
		fmt.Fprintf(w, "%d problem(s)\n", len(r.Damage))
		for _, d := range r.Damage {
			where := ""
			switch {
			case d.TakeID != 0:
				where = fmt.Sprintf("take %d (shot id %d)", d.TakeID, d.ShotID)
			case d.Handle != "":
				where = "cameo " + d.Handle
			case d.ShotID != 0:
				where = fmt.Sprintf("shot id %d", d.ShotID)
			default:
				where = "database"
			}
			fmt.Fprintf(w, "  %s: %s", where, d.Reason)
			if d.Path != "" {
				fmt.Fprintf(w, " (%s)", d.Path)
			}
			fmt.Fprintln(w)
		}
	}
}
