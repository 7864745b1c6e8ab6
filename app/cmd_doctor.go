package app

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"

	"kino/engine/files"
	"kino/engine/onnx"
	"kino/engine/speech"
	"kino/project"
	"kino/project/sqlite"
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
	Voices      string           `json:"voices"`
	Speech      string           `json:"speech"`
	FFmpeg      string           `json:"ffmpeg"`
	Project     string           `json:"project,omitempty"`
	Damage      []project.Damage `json:"damage,omitempty"`
	Debris      *sqlite.Debris   `json:"debris,omitempty"`
	Fixed       *doctorFixed     `json:"fixed,omitempty"`
	ProjectOK   bool             `json:"project_ok,omitempty"`
	ProjectNote string           `json:"project_error,omitempty"`
	// Credentials is the Content Credentials signer and its limits.
	Credentials credentialsDoctor `json:"content_credentials"`
}

// doctorFixed is what `kino doctor PATH --fix` cleaned up.
type doctorFixed struct {
	Recovered string          `json:"recovered,omitempty"`
	Removed   []sqlite.Orphan `json:"removed_orphans,omitempty"`
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
	fs := newFlags(e, "kino doctor", "[PATH] [--fix] [--json]",
		"Report versions, data directories, whether ONNX Runtime loads and which execution providers it can use,\nspeech and ffmpeg; with PATH, also check that project's database and media.")
	asJSON := fs.Bool("json", false, "print JSON")
	fix := fs.Bool("fix", false, "with PATH: remove what killed Kinos left behind (orphan media files, interrupted takes);\nthe project must not be open in another Kino")
	pos, err := fs.args(args, 0, 1)
	if err != nil {
		return err
	}
	if *fix && len(pos) == 0 {
		return usagef("kino doctor: --fix needs a project PATH")
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
	rep.Voices = voicesDoctor()
	if err := speech.Available(); err != nil {
		rep.Speech = "unavailable: " + err.Error()
	}
	if p, err := exec.LookPath("ffmpeg"); err == nil {
		rep.FFmpeg = p
	}
	rep.Credentials = doctorCredentials()
	failed := false
	if len(pos) == 1 {
		rep.Project = pos[0]
		damage, debris, fixed, err := checkProject(ctx, pos[0], *fix)
		rep.Damage, rep.Fixed = damage, fixed
		if !debris.Empty() {
			rep.Debris = &debris
		}
		rep.ProjectOK = err == nil && len(damage) == 0 && debris.Empty()
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

// checkProject checks the project at path: damage, and debris of killed
// Kinos. With fix it opens the project for editing, which marks
// interrupted takes failed and removes half-written files, and removes
// orphan media files.
func checkProject(ctx context.Context, path string, fix bool) ([]project.Damage, sqlite.Debris, *doctorFixed, error) {
	var fixed *doctorFixed
	var p *sqlite.Project
	var err error
	if fix {
		if p, err = openProject(path); err != nil {
			return nil, sqlite.Debris{}, nil, fmt.Errorf("%w (--fix needs the project open for editing)", err)
		}
		fixed = &doctorFixed{}
		if r := p.Recovered(); !r.Empty() {
			fixed.Recovered = r.String()
		}
		if fixed.Removed, err = p.RemoveOrphans(ctx); err != nil {
			p.Close()
			return nil, sqlite.Debris{}, fixed, err
		}
	} else if p, err = openProjectReadOnly(path); err != nil {
		return nil, sqlite.Debris{}, nil, err
	}
	defer p.Close()
	damage, err := p.Check(ctx)
	if err != nil {
		return damage, sqlite.Debris{}, fixed, err
	}
	debris, err := p.Debris(ctx)
	return damage, debris, fixed, err
}

func printDoctor(w io.Writer, r doctorReport, ortText string) {
	fmt.Fprintf(w, "Kino %s (%s, %s)\n", r.Version, r.Go, r.Platform)
	fmt.Fprintf(w, "Data:     %s\nCameos:   %s\nModels:   %s\n", r.DataDir, r.LibraryDir, r.ModelsDir)
	fmt.Fprintf(w, "Speech:   %s\nFFmpeg:   %s\n", r.Speech, r.FFmpeg)
	writeCredentialsDoctor(w, r.Credentials)
	fmt.Fprint(w, termLines(ortText, messageWidth))
	fmt.Fprintln(w, "Model packs:")
	// The packs report has its own heading and indents its lines.
	packs := strings.TrimPrefix(strings.TrimRight(r.Packs, "\n"), "Model packs\n")
	for _, line := range strings.Split(packs, "\n") {
		fmt.Fprintln(w, termText(line, messageWidth))
	}
	fmt.Fprintln(w, "Voices (Piper):")
	for _, line := range strings.Split(strings.TrimRight(r.Voices, "\n"), "\n") {
		fmt.Fprintln(w, "  "+termText(line, messageWidth))
	}
	if r.Project == "" {
		return
	}
	if f := r.Fixed; f != nil {
		if f.Recovered != "" {
			fmt.Fprintf(w, "Fixed: %s\n", f.Recovered)
		}
		if n := len(f.Removed); n > 0 {
			var size int64
			for _, o := range f.Removed {
				size += o.Size
			}
			fmt.Fprintf(w, "Fixed: removed %d orphan media file(s), %s\n", n, files.Size(size))
		}
		if f.Recovered == "" && len(f.Removed) == 0 {
			fmt.Fprintln(w, "Fixed: nothing needed fixing")
		}
	}
	fmt.Fprintf(w, "Project %s: ", termText(r.Project, messageWidth))
	switch {
	case r.ProjectNote != "":
		fmt.Fprintln(w, "cannot be checked:", termLines(r.ProjectNote, messageWidth))
	case len(r.Damage) == 0 && r.Debris == nil:
		fmt.Fprintln(w, "ok (database and every media file intact)")
	case len(r.Damage) == 0:
		fmt.Fprintln(w, "intact, with debris from an interrupted Kino")
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
			fmt.Fprintf(w, "  %s: %s", termText(where, messageWidth), termText(d.Reason, messageWidth))
			if d.Path != "" {
				fmt.Fprintf(w, " (%s)", termText(d.Path, messageWidth))
			}
			fmt.Fprintln(w)
		}
	}
	if r.ProjectNote == "" {
		printDebris(w, r.Project, r.Debris)
	}
}

// printDebris lists what killed Kinos left in a project, with the fix.
func printDebris(w io.Writer, project string, d *sqlite.Debris) {
	if d == nil {
		return
	}
	if n := len(d.Orphans); n > 0 {
		fmt.Fprintf(w, "  %d orphan media file(s), %s, that no take, cameo or clip refers to (left by a Kino that was killed):\n", n, files.Size(d.Bytes()))
		for i, o := range d.Orphans {
			if i == 10 {
				fmt.Fprintf(w, "    ... and %d more\n", n-10)
				break
			}
			kind := ""
			if o.Temp {
				kind = ", half-written"
			}
			fmt.Fprintf(w, "    %s (%s%s)\n", termText(o.Path, messageWidth), files.Size(o.Size), kind)
		}
	}
	if n := len(d.Interrupted); n > 0 {
		fmt.Fprintf(w, "  %d take(s) still marked running, but no Kino is making them (interrupted): %v\n", n, d.Interrupted)
	}
	fmt.Fprintf(w, "  Remove the debris with: kino doctor %s --fix\n", termText(project, messageWidth))
}
