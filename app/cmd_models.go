package app

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"kino/engine"
	"kino/engine/files"
	"kino/engine/models"
	"kino/engine/onnx"
	"kino/engine/speech/piper"
	"kino/project"
)

func cmdModelsList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino models list", "[--json]", "List the models installed in the models folder ("+ModelsDir()+"),\nwith their kind, precision, size on disk, licence and whether Kino can use them.")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := fs.args(args, 0, 0); err != nil {
		return err
	}
	list := models.List(ctx, ModelsDir(), modelFinders())
	pending := models.ListPending(ModelsDir())
	if *asJSON {
		if list == nil {
			list = []models.Entry{}
		}
		return writeJSON(e.Out, list)
	}
	defer func() {
		for _, p := range pending {
			fmt.Fprintf(e.Out, "unfinished: %s (%s so far): the same kino models add resumes it; kino models rm %s discards it\n", p.Name, sizeText(p.Size), p.Name)
		}
	}()
	if len(list) == 0 {
		fmt.Fprintf(e.Out, "No models in %s. Add one with: kino models add FOLDER or URL\n", ModelsDir())
		return nil
	}
	tw := tabwriter.NewWriter(e.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tPRECISION\tSIZE\tLICENCE\tLOADS")
	for _, m := range list {
		loads := "yes"
		if !m.Loads {
			loads = "no"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", m.Name, m.Kind, orDash(m.Precision), sizeText(m.Size), orDash(m.Licence), loads)
	}
	tw.Flush()
	for _, m := range list {
		if m.Problem != "" {
			fmt.Fprintf(e.Out, "%s: %s\n", m.Name, m.Problem)
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func sizeText(n int64) string {
	const k = 1024
	switch {
	case n >= k*k*k:
		return fmt.Sprintf("%.1f GB", float64(n)/(k*k*k))
	case n >= k*k:
		return fmt.Sprintf("%.1f MB", float64(n)/(k*k))
	}
	return fmt.Sprintf("%d KB", (n+k-1)/k)
}

func cmdModelsAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino models add", "FOLDER|URL [--name NAME]",
		"Install a model: copy a model folder, or download a repository from a server with the\n"+
			"Hugging Face layout (https://huggingface.co/ORG/REPO, or .../tree/REVISION/FOLDER for part of one).\n"+
			"A download resumes where an interrupted one stopped, checks each file's hash when the server\n"+
			"gives one, and appears in the models folder only when complete; Ctrl+C leaves nothing there.")
	name := fs.String("name", "", "the name to install it as (default: the folder's or repository's name)")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	if *name != "" {
		if err := models.ValidName(*name); err != nil {
			return usagef("--name: %v", err)
		}
	}
	src := pos[0]
	pr := &modelsProgress{w: e.Err}
	defer pr.done()
	var entry models.Entry
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		entry, err = models.Download(ctx, src, ModelsDir(), models.DownloadOptions{Name: *name, Progress: pr.update, Finders: modelFinders()})
	} else if model, ok := piper.VoiceAt(src); ok && *name == "" {
		// A Piper voice: its two files (NAME.onnx + NAME.onnx.json, or a
		// folder holding them) go into a folder of their own.
		var info piper.Info
		if info, err = piper.Install(model, ModelsDir(), false); err == nil {
			entry, err = models.Check(ctx, info.Dir, modelFinders())
		}
	} else {
		if fi, serr := os.Stat(src); serr != nil || !fi.IsDir() {
			return usagef("%s is not a folder, a Piper voice (NAME.onnx with NAME.onnx.json) or an http(s) URL", src)
		}
		entry, err = models.AddFolder(ctx, src, ModelsDir(), *name, modelFinders(), pr.update)
	}
	pr.done()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: nothing was installed (a download resumes when you run the same command again)")
		}
		return err
	}
	fmt.Fprintf(e.Out, "Installed %s (%s, %s, %s) in %s\n", entry.Name, entry.Kind, orDash(entry.Precision), sizeText(entry.Size), ModelsDir())
	return nil
}

// modelsProgress prints add/download progress on standard error: one
// line rewritten in place on a terminal, a line per stage otherwise.
type modelsProgress struct {
	w     io.Writer
	shown bool
	stage string
}

func (p *modelsProgress) update(pr models.Progress) {
	if !isTerminal(p.w) {
		if pr.Stage != p.stage {
			p.stage = pr.Stage
			fmt.Fprintf(p.w, "%s\n", pr)
		}
		return
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", pr)
	p.shown = true
}

func (p *modelsProgress) done() {
	if p.shown {
		fmt.Fprintln(p.w)
		p.shown = false
	}
}

func cmdModelsRemove(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino models rm", "NAME", "Remove the model NAME from the models folder (its files are deleted).")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	// A voice installed as a bare pair in the models folder itself.
	if voices, _ := piper.Discover(ModelsDir()); len(voices) > 0 {
		for _, v := range voices {
			if v.Name == pos[0] && filepath.Clean(v.Dir) == filepath.Clean(ModelsDir()) {
				if err := piper.Remove(v); err != nil {
					return err
				}
				fmt.Fprintf(e.Out, "Removed %s\n", pos[0])
				return nil
			}
		}
	}
	if err := models.Remove(ModelsDir(), pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Removed %s\n", pos[0])
	return nil
}

func cmdModelsTry(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino models try", `NAME "PROMPT" --out IMAGE.png [--seed N] [--steps N] [--size WxH] [--guidance G] [--negative TEXT]`,
		"Generate one still with the model pack NAME and write it losslessly as PNG: the check that a\n"+
			"pack works. Steps, guidance and size default to the pack's own (its native square).")
	out := fs.String("out", "", "the PNG file to write (required)")
	seed := fs.Uint64("seed", 42, "the seed")
	steps := fs.Int("steps", 0, fmt.Sprintf("denoising steps, 1 to %d (default: the pack's)", project.MaxSteps))
	size := fs.String("size", "", "WIDTHxHEIGHT in pixels (default: the pack's native square)")
	guidance := fs.Float64("guidance", 0, fmt.Sprintf("guidance scale, 0 to %d (default: the pack's)", project.MaxGuidance))
	negative := fs.String("negative", "", "what the picture must not show")
	provider := fs.String("provider", "auto", "execution provider: auto, cpu, cuda, tensorrt, directml, coreml")
	force := fs.Bool("force", false, "replace --out if it exists")
	asJSON := fs.Bool("json", false, "print what was done as JSON")
	compare := fs.String("compare", "", "a PNG to compare the still with (another provider's, say): prints the largest difference in 8-bit levels")
	tolerance := fs.Int("tolerance", -1, "with --compare: fail when the largest difference exceeds this many levels")
	pos, err := fs.args(args, 2, 2)
	if err != nil {
		return err
	}
	switch {
	case *out == "":
		fs.Usage()
		return usagef("kino models try: --out is required")
	case *steps < 0 || *steps > project.MaxSteps:
		return usagef("--steps must be from 1 to %d", project.MaxSteps)
	case !(*guidance >= 0 && *guidance <= project.MaxGuidance):
		return usagef("--guidance must be from 0 to %d", project.MaxGuidance)
	}
	var w, h int
	if *size != "" {
		r, err := parseSize(*size)
		if err != nil {
			return usagef("--size: %v", err)
		}
		w, h = r.Width, r.Height
	}
	policy, err := onnx.ParsePolicy(*provider)
	if err != nil {
		return usagef("--provider: %v", err)
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		return project.Errorf(project.ECONFLICT, "%s exists; give --force to replace it", *out)
	}
	if err := models.ValidName(pos[0]); err != nil {
		return err
	}
	dir := filepath.Join(ModelsDir(), pos[0])
	if _, err := os.Stat(dir); err != nil {
		return project.Errorf(project.ENOTFOUND, "model %q is not installed in %s (kino models list shows what is)", pos[0], ModelsDir())
	}
	start := time.Now()
	lastStep := 0
	res, err := onnx.Try(ctx, dir, onnx.TryOptions{Prompt: pos[1], NegativePrompt: *negative, Seed: *seed, Steps: *steps, Guidance: *guidance,
		Width: w, Height: h, Session: onnx.SessionConfig{Policy: policy},
		Progress: func(p engine.Progress) {
			if p.Stage == "denoise" && p.Step != lastStep && !*asJSON && isTerminal(e.Err) {
				lastStep = p.Step
				fmt.Fprintf(e.Err, "\rstep %d of %d\x1b[K", p.Step, p.Total)
			}
		}})
	if lastStep > 0 {
		fmt.Fprintln(e.Err)
	}
	if err != nil {
		return err
	}
	if err := writePNGFile(*out, res.Image, *force); err != nil {
		return err
	}
	wall := time.Since(start)
	gen := res.Stats.Wall.Seconds()
	diff := -1
	if *compare != "" {
		if diff, err = compareStill(res.Image, *compare); err != nil {
			return err
		}
	}
	if *asJSON {
		v := map[string]any{
			"model": pos[0], "out": *out, "width": res.Width, "height": res.Height, "steps": res.Steps, "guidance": res.Guidance,
			"seed": *seed, "load_seconds": res.Load.Seconds(), "generate_seconds": gen, "in_run_seconds": res.Stats.InRun.Seconds(),
			"steps_per_second": float64(res.Steps) / gen, "provider": res.Provider, "notes": append([]string{}, res.Notes...),
		}
		if diff >= 0 {
			v["compare"], v["max_difference_levels"] = *compare, diff
		}
		if err := writeJSON(e.Out, v); err != nil {
			return err
		}
		return checkTolerance(diff, *tolerance, *compare)
	}
	fmt.Fprintf(e.Out, "Wrote %s (%dx%d, %d steps, guidance %s, seed %d) on %s: loaded in %s, generated in %s (%.2f steps/s), %s in all\n",
		*out, res.Width, res.Height, res.Steps, strconv.FormatFloat(res.Guidance, 'g', -1, 64), *seed, res.Provider,
		res.Load.Round(time.Millisecond), res.Stats.Wall.Round(time.Millisecond), float64(res.Steps)/gen, wall.Round(time.Millisecond))
	for _, n := range res.Notes {
		fmt.Fprintf(e.Out, "note: %s\n", n)
	}
	if diff >= 0 {
		fmt.Fprintf(e.Out, "Compared with %s: largest difference %d levels of 255\n", *compare, diff)
	}
	return checkTolerance(diff, *tolerance, *compare)
}

// compareStill returns the largest difference, in 8-bit levels, between
// img and the PNG at path (RGB; they must be the same size).
func compareStill(img *image.RGBA, path string) (int, error) {
	f, _, err := files.Open(path, files.ImageLimit)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	other, err := png.Decode(f)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", path, err)
	}
	b := other.Bounds()
	if b.Dx() != img.Rect.Dx() || b.Dy() != img.Rect.Dy() {
		return 0, fmt.Errorf("%s is %dx%d but the still is %dx%d", path, b.Dx(), b.Dy(), img.Rect.Dx(), img.Rect.Dy())
	}
	worst := 0
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			c := color.NRGBAModel.Convert(other.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA)
			o := img.PixOffset(x, y)
			for k, v := range []uint8{c.R, c.G, c.B} {
				d := int(img.Pix[o+k]) - int(v)
				worst = max(worst, d, -d)
			}
		}
	}
	return worst, nil
}

func checkTolerance(diff, tolerance int, path string) error {
	if diff >= 0 && tolerance >= 0 && diff > tolerance {
		return fmt.Errorf("the still differs from %s by %d levels, more than the tolerance of %d", path, diff, tolerance)
	}
	return nil
}
