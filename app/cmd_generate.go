package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"kino/engine"
	"kino/engine/media"
	"kino/engine/render"
	"kino/project"
)

func cmdGenerate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino generate", "PROJECT SHOT... [--seed N] [--variations 1|2|4] [--backend NAME] [--model PACK] [--force]",
		"Generate a new take of each SHOT (a shot number, or \"all\"), with a progress line on stderr,\n"+
			"with the project's engine (see kino engine) unless --backend or --model say otherwise.\n"+
			"A shot that was already generated with the same settings and seed is reused at once.\n"+
			"--variations N generates N takes of each shot together, with the seeds S, S+1, ... (S: --seed,\n"+
			"or the shot's seed); the first becomes the shot's take, the others wait to be picked.")
	seedFlag := fs.String("seed", "", "seed for the new takes (default: each shot's own seed policy)")
	variations := fs.Int("variations", 1, "how many takes of each shot to generate together, with consecutive seeds (1 to 4)")
	backendName := fs.String("backend", "", "engine to generate with: previz or onnx (default: the project's engine)")
	modelName := fs.String("model", "", "model pack for a neural engine (default: the project's, when its engine is used)")
	force := fs.Bool("force", false, "render even when an identical take exists")
	pos, err := fs.args(args, 2, -1)
	if err != nil {
		return err
	}
	if *variations < 1 || *variations > maxVariations {
		return usagef("--variations must be 1 to %d, not %d", maxVariations, *variations)
	}
	var seed *uint64
	if *seedFlag != "" {
		v, err := strconv.ParseUint(*seedFlag, 10, 64)
		if err != nil {
			return usagef("--seed must be a whole number, not %q", *seedFlag)
		}
		seed = &v
	}
	all := backends()
	if *backendName != "" {
		if _, ok := all[*backendName]; !ok {
			return usagef("--backend %q is not one of: %s", *backendName, strings.Join(backendNames(all), ", "))
		}
	}
	p, settings, err := openWithSettings(ctx, pos[0], false)
	if err != nil {
		return err
	}
	defer p.Close()
	eng, backend, err := generateEngine(all, settings.Engine, *backendName, *modelName)
	if err != nil {
		return err
	}
	shots, err := shotsArg(ctx, p, pos[1:])
	if err != nil {
		return err
	}
	lookup, _, closeLib := consentLibrary() // a library that cannot be read fails consent closed
	defer closeLib()
	failed, made := 0, 0
	for _, shot := range shots {
		base := render.TakeSeed(shot, newSeed)
		if seed != nil {
			base = *seed
		}
		results := generateSet(ctx, e, p, backend, shot, *variations, func(k int) render.Options {
			return render.Options{Seed: base + uint64(k), Force: *force, Library: lookup, Engine: &eng, KeepActive: k > 0}
		})
		for k, r := range results {
			made++
			label := fmt.Sprintf("shot %d", shot.Number())
			if *variations > 1 {
				label = fmt.Sprintf("shot %d, variation %d of %d", shot.Number(), k+1, *variations)
			}
			if r.err != nil {
				failed++
				fmt.Fprintf(e.Err, "%s: %s\n", label, termLines(codeError(r.err).Error(), messageWidth))
				continue
			}
			how := fmt.Sprintf("in %.1fs", r.took.Seconds())
			if r.res.Cached {
				how = "reused (same settings and seed)"
			}
			fmt.Fprintf(e.Out, "%s: take %d, seed %d, %s\n", label, r.res.Take.ID, r.res.Take.Seed, how)
			for _, n := range r.res.Notes {
				fmt.Fprintf(e.Err, "%s: note: %s\n", label, termLines(n, messageWidth))
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if failed > 0 && *variations > 1 {
		return fmt.Errorf("%d of %d takes failed", failed, made)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d shots failed", failed, len(shots))
	}
	return nil
}

// maxVariations is the most takes of a shot generated together.
const maxVariations = 4

// variationsAtOnce is how many takes of a set render at the same time.
// One take already keeps every core busy drawing frames; a second
// overlaps its frames with the first's sound, encoding and storing.
// Measured on two cores (BenchmarkGenerateVariations720p): four takes one
// after another took 3.2 times one take, two at a time 2.5 times, all
// four at once 3.6 times (and four times the memory).
const variationsAtOnce = 2

// takeResult is one take of a set.
type takeResult struct {
	res  render.Result
	err  error
	took time.Duration
}

// generateSet renders n takes of shot together, variationsAtOnce at a
// time (opts(k) for the k-th, from 0), with one progress line for the
// set, and returns them in order.
func generateSet(ctx context.Context, e *env, p render.Store, backend engine.Backend, shot *project.Shot, n int, opts func(k int) render.Options) []takeResult {
	label := fmt.Sprintf("shot %d", shot.Number())
	if n > 1 {
		label = fmt.Sprintf("shot %d, %d variations", shot.Number(), n)
	}
	line := progressLine(e.Err, label)
	var mu sync.Mutex
	parts := make([]engine.Progress, n)
	out := make([]takeResult, n)
	var wg sync.WaitGroup
	slots := make(chan struct{}, variationsAtOnce)
	for k := 0; k < n; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			report := func(pr engine.Progress) {
				mu.Lock()
				parts[k] = pr
				sum := engine.Progress{Stage: pr.Stage, Elapsed: pr.Elapsed}
				for _, q := range parts {
					sum.Step += int(1000 * q.Fraction())
				}
				sum.Step, sum.Total = sum.Step/n, 1000
				mu.Unlock()
				line(sum)
			}
			start := time.Now()
			res, err := render.Take(ctx, p, backend, shot.ID, opts(k), report)
			out[k] = takeResult{res: res, err: err, took: time.Since(start)}
		}()
	}
	wg.Wait()
	clearProgressLine(e.Err)
	return out
}

// generateEngine returns the engine kino generate stands for and its
// backend: the project's engine, with --backend (name) and --model
// (model) overriding it. A new backend starts from its default model
// unless --model names one. The model must be installed.
func generateEngine(all map[string]engine.Backend, current project.Engine, name, model string) (project.Engine, engine.Backend, error) {
	eng := current
	if name != "" && name != eng.Backend {
		eng = project.Engine{Backend: name}
	}
	if model != "" {
		eng.Model = model
	}
	backend, err := engineBackend(all, eng)
	if err != nil {
		return eng, nil, err
	}
	if err := checkModel(backend, eng.Model); err != nil {
		if model != "" && !hasModels(backend) {
			return eng, nil, usagef("--model: %v", err)
		}
		return eng, nil, err
	}
	return eng, backend, nil
}

// shotsArg resolves shot numbers, or "all".
func shotsArg(ctx context.Context, r project.Reader, args []string) ([]*project.Shot, error) {
	if len(args) == 1 && args[0] == "all" {
		shots, err := r.Shots(ctx)
		if err == nil && len(shots) == 0 {
			err = project.Errorf(project.ENOTFOUND, "the project has no shots")
		}
		return shots, err
	}
	var out []*project.Shot
	for _, a := range args {
		s, err := shotArg(ctx, r, a)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// progressLine returns a progress callback that redraws one stderr line,
// at most ten times a second. Where stderr is not a terminal (a log file,
// a farm Worker's log, a pipe) it writes a plain line each time the stage
// changes instead, with no cursor control characters.
func progressLine(w io.Writer, label string) engine.ProgressFunc {
	var mu sync.Mutex // renders report from several encoder goroutines
	var last time.Time
	if !isTerminal(w) {
		stage := ""
		return func(p engine.Progress) {
			mu.Lock()
			defer mu.Unlock()
			if p.Stage != stage {
				stage = p.Stage
				fmt.Fprintf(w, "%s: %s\n", label, p.Stage)
			}
		}
	}
	return func(p engine.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < 100*time.Millisecond && p.Step != p.Total {
			return
		}
		last = time.Now()
		eta := ""
		if f := p.Fraction(); f > 0.02 && f < 1 {
			eta = fmt.Sprintf(", %.0fs left", p.Elapsed.Seconds()*(1-f)/f)
		}
		fmt.Fprintf(w, "\r\033[K%s: %s %d/%d (%.0f%%%s)", label, p.Stage, p.Step, p.Total, 100*p.Fraction(), eta)
	}
}

func cmdFrame(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino frame", "PROJECT SHOT --at TIME --out FILE.png [--force]",
		"Write one frame of SHOT's active take as a PNG. A shot with no take yet has just that frame\n"+
			"rendered with the built-in engine (no take is saved). TIME is 2s, 48f or 00:00:02:00.")
	at := fs.String("at", "0f", "time within the shot")
	out := fs.String("out", "", "the PNG file to write (required)")
	force := fs.Bool("force", false, "replace the file if it exists")
	pos, err := fs.args(args, 2, 2)
	if err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return usagef("kino frame: --out is required")
	}
	if err := checkOutputPath(*out); err != nil {
		return err
	}
	p, shot, err := openShot(ctx, pos[0], pos[1], true)
	if err != nil {
		return err
	}
	defer p.Close()
	t, err := project.ParseTime(*at, shot.Duration.Rate)
	if err != nil {
		return usagef("--at: %v", err)
	}
	if t.Frames < 0 || t.Frames >= shot.Duration.Frames {
		return usagef("--at %s is outside shot %d (0 to %s)", *at, shot.Number(), project.Frames(shot.Duration.Frames-1, shot.Duration.Rate).Timecode())
	}
	if err := checkNewFile(*out, *force); err != nil {
		return err
	}
	img, how, err := frameOf(ctx, p, shot, int(t.Frames))
	if err != nil {
		return err
	}
	if err := writePNGFile(*out, img, *force); err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Wrote frame %d of shot %d (%s) to %s\n", t.Frames, shot.Number(), how, termText(*out, messageWidth))
	return nil
}

// frameOf returns frame i of shot's active take, or renders it alone. A
// take withheld by consent, or a render of a cast whose consent does not
// allow it, is refused: its frames never leave Kino.
func frameOf(ctx context.Context, p render.Source, shot *project.Shot, i int) (image.Image, string, error) {
	lib, _, closeLib := consentLibrary()
	defer closeLib()
	if shot.ActiveTakeID != 0 {
		take, err := p.Take(ctx, shot.ActiveTakeID)
		if err != nil {
			return nil, "", err
		}
		// Judged even with no cameos recorded: the book cross-checks the
		// take's request, so a deleted record of whom it depicts is caught.
		book, err := render.Consent(ctx, p, lib, time.Now())
		if err != nil {
			return nil, "", err
		}
		if err := book.WithheldError(take, shot.Number()); err != nil {
			return nil, "", err
		}
		clip, err := openTakeClip(p, take, true)
		if err != nil {
			return nil, "", fmt.Errorf("shot %d, take %d: %w (make another take active, or generate the shot again)", shot.Number(), take.ID, err)
		}
		defer clip.Close()
		img, err := clip.Frame(i)
		return img, fmt.Sprintf("take %d", take.ID), err
	}
	req, err := render.Resolve(ctx, p, lib, shot, shot.Seed.Value, time.Now())
	if err != nil {
		return nil, "", err
	}
	backend, _ := backendNamed("previz")
	clip, err := backend.Generate(ctx, req, nil)
	if err != nil {
		return nil, "", err
	}
	img, err := clip.Frame(i)
	return img, "not generated yet: rendered with previz, no take saved", err
}

// openTakeClip opens a stored take's frames and sound; with verify, media
// whose content no longer matches its hash are refused.
func openTakeClip(m project.MediaStore, t *project.Take, verify bool) (*media.StoredClip, error) {
	v, ok := t.MediaFor(project.MediaVideo)
	if !ok {
		return nil, project.Errorf(project.ENOTFOUND, "take %d has no video (status %s)", t.ID, t.Status)
	}
	audioPath := ""
	if a, ok := t.MediaFor(project.MediaAudio); ok {
		audioPath = m.BlobPath(a.SHA256)
	}
	info := engine.ClipInfo{Frames: int(t.Frames), Rate: t.Rate, Backend: t.Backend, Model: t.Model, Seed: t.Seed}
	return media.OpenStoredClipWith(m.BlobPath(v.SHA256), audioPath, info, media.StoredOptions{Unverified: !verify})
}

// writePNGFile writes img atomically: to a temporary file beside path,
// then renamed. Without force an existing path is kept (ECONFLICT), even
// one that appeared while the frame was written.
func writePNGFile(path string, img image.Image, force bool) error {
	release, _ := claimOutputFolder(filepath.Dir(path))
	defer release()
	tmp, err := os.CreateTemp(filepath.Dir(path), ".kino-frame-*.png")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := media.EncodePNG(tmp, img); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if force {
		return os.Rename(tmp.Name(), path)
	}
	return renameNoReplace(tmp.Name(), path)
}

// renameNoReplace moves tmp to path unless path exists (ECONFLICT). A hard
// link fails atomically when path exists; where links are not possible
// (some removable-disk file systems) it checks, then renames.
func renameNoReplace(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		return os.Remove(tmp)
	}
	if errors.Is(err, fs.ErrExist) {
		return project.Errorf(project.ECONFLICT, "%s already exists (use --force to replace it)", path)
	}
	if _, serr := os.Lstat(path); serr == nil {
		return project.Errorf(project.ECONFLICT, "%s already exists (use --force to replace it)", path)
	}
	return os.Rename(tmp, path)
}

// clearProgressLine clears the progress line progressLine drew on a
// terminal; elsewhere there is nothing to clear.
func clearProgressLine(w io.Writer) {
	if isTerminal(w) {
		fmt.Fprint(w, "\r\033[K")
	}
}
