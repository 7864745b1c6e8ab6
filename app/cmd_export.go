package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"kino/engine"
	"kino/engine/export"
	"kino/engine/render"
	"kino/project"
)

// exportSynopsis is the argument synopsis of `kino export`.
const exportSynopsis = "PATH --out FILE [--format mp4|avi|wav|stems|png|otio|edl|fcpxml|pdf|fountain] [--shot N] [--quality draft|standard|high] [--resolution 720p] [--skip-withheld] [...]"

func cmdExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino export", exportSynopsis, `Export the film (or one shot) from project PATH:
  mp4    H.264 + AAC video (needs ffmpeg; without it an AVI is written)
  avi    Motion-JPEG + PCM video, written without ffmpeg (up to 1 GiB)
  wav    the sound mix (16-bit)
  stems  the mix plus dialogue, effects, ambience and music WAVs (32-bit float;
         "other" too when a take is mix only)
  png    a folder of PNG frames
  otio   editor hand-off: .otio, .edl and .fcpxml over every take's video and
         stems and the audio lane's clips, all beside them
  edl    the same hand-off, named after an .edl path
  fcpxml the same hand-off, named after an .fcpxml path (Final Cut Pro, Resolve)
  pdf    a printable storyboard, six shots per page
  fountain  the film as a Fountain screenplay (kino import reads it back)
Every file gets a FILE.provenance.json sidecar saying it is AI-generated and
how it was made, and signed C2PA Content Credentials (in the file, or in a
FILE.c2pa sidecar for otio, edl, fcpxml, pdf and fountain; check them with kino verify). Video
carries a visible "AI-generated · Kino" label unless --no-watermark is given.
A shot whose take depicts a cameo whose consent was revoked, has expired or
does not cover this project is withheld: the export is refused with the list
of such shots, or, with --skip-withheld, those shots become placeholders
saying why.`)
	out := fs.String("out", "", "where to write (a file; a folder for png)")
	format := fs.String("format", "", "what to write (default: from the --out extension)")
	shot := fs.Int("shot", 0, "export only shot number N")
	quality := fs.String("quality", "standard", "draft, standard or high")
	resolution := fs.String("resolution", "project", "project, 360p, 720p or 1080p")
	noWatermark := fs.Bool("no-watermark", false, "leave out the visible AI-generated label (recorded in the provenance)")
	force := fs.Bool("force", false, "replace outputs that already exist")
	placeholders := fs.Bool("placeholders", false, "show shots that were not generated as slates instead of rendering them with the built-in engine")
	gaps := fs.Bool("gaps", false, "with otio/edl: make placeholder shots gaps")
	skipWithheld := fs.Bool("skip-withheld", false, "export shots withheld by consent as labelled placeholders instead of refusing")
	pureGo := fs.Bool("pure-go", false, "never run ffmpeg (video becomes AVI)")
	asciiNames := fs.Bool("ascii-names", false, "with otio/edl/fcpxml: ASCII-only file names (for editors that mangle others)")
	start := fs.String("start", "", "with otio/edl/fcpxml: record start timecode, e.g. 01:00:00:00")
	absolute := fs.Bool("absolute", false, "with otio: absolute file:// paths instead of paths relative to the .otio")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := fs.args(args, 1, 1)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("kino export: --out is required")
	}
	f, err := exportFormat(*format, *out)
	if err != nil {
		return err
	}
	q, err := export.ParseQuality(*quality)
	if err != nil {
		return usagef("--quality: %v", err)
	}
	if err := checkResolutionFlag(*resolution); err != nil {
		return err
	}
	if fs.given()["shot"] && *shot < 1 {
		return usagef("--shot must be a shot number (1 is the first), not %d", *shot)
	}
	if err := checkOutputPath(*out); err != nil {
		return err
	}
	if *start != "" && !timecodeRE.MatchString(*start) {
		return usagef("--start %q is not a timecode such as 01:00:00:00", *start)
	}

	p, err := openProjectReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	lookup, _, closeLib := consentLibrary() // a library that cannot be read fails consent closed
	defer closeLib()
	opts := export.LoadOptions{Library: lookup}
	if !*placeholders && f.NeedsPictures() {
		opts.Generate = renderForExport(p, lookup)
	}
	tl, err := export.LoadTimeline(ctx, p, opts)
	if err != nil {
		return exportError(err)
	}
	defer tl.Close()

	release, removed := claimOutputFolder(filepath.Dir(*out))
	defer release()
	if len(removed) > 0 {
		fmt.Fprintf(e.Err, "kino: removed %d temporary file(s) left beside %s by an interrupted export\n", len(removed), *out)
	}
	id, err := signingIdentity()
	if err != nil {
		return err
	}
	prog := &exportProgress{w: e.Err}
	res, err := export.Export(ctx, tl, export.Options{
		Format: f, Out: *out, Shot: *shot, Quality: q, Resolution: export.Resolution(*resolution),
		NoWatermark: *noWatermark, Force: *force, Placeholders: *placeholders, PlaceholderGaps: *gaps, SkipWithheld: *skipWithheld,
		PureGo: *pureGo, ASCIINames: *asciiNames, RecordStart: *start, AbsolutePaths: *absolute, App: "Kino", Version: Version, Signer: id.Signer,
	}, prog.update)
	prog.done()
	if err != nil {
		return exportError(err)
	}
	if *asJSON {
		return writeJSON(e.Out, res)
	}
	printExport(e.Out, res)
	return nil
}

// checkResolutionFlag refuses a --resolution that is not "project" or a
// height such as 720p (export.Resolution's forms) as a usage error.
func checkResolutionFlag(s string) error {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == string(export.ResolutionProject) {
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, "p"))
	if err != nil || !strings.HasSuffix(s, "p") || n < project.MinDimension || n > 4320 {
		return usagef("--resolution must be project or a height such as 360p, 720p or 1080p, not %q", s)
	}
	return nil
}

// exportError adds the hint that helps to an export's error.
func exportError(err error) error {
	if project.ErrorCode(err) == project.ECORRUPT {
		return fmt.Errorf("%w; nothing was exported (make another take of the shot active, or generate it again)", err)
	}
	return codeError(err)
}

// timecodeRE matches HH:MM:SS:FF (or ;FF).
var timecodeRE = regexp.MustCompile(`^\d{2}:\d{2}:\d{2}[:;]\d{2}$`)

// exportFormat returns the format named by flag, or the one out's
// extension implies.
func exportFormat(flag, out string) (export.Format, error) {
	if flag != "" {
		f, err := export.ParseFormat(flag)
		if err != nil {
			return "", usagef("--format: %v", err)
		}
		return f, nil
	}
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	if ext == "" {
		return export.FormatPNG, nil
	}
	f, err := export.ParseFormat(ext)
	if err != nil {
		return "", usagef("--out %s: cannot tell the format from the extension; give --format", out)
	}
	return f, nil
}

// renderForExport renders a shot that has no finished take with the
// built-in engine, at its own seed, without saving a take. Backends render
// frames lazily, so this costs little until the frames are exported.
func renderForExport(p render.Source, lib render.ConsentSource) func(context.Context, *project.Shot) (engine.Clip, *project.Take, error) {
	return func(ctx context.Context, s *project.Shot) (engine.Clip, *project.Take, error) {
		backend, err := backendNamed("previz")
		if err != nil {
			return nil, nil, err
		}
		req, err := render.Resolve(ctx, p, lib, s, s.Seed.Value, time.Now())
		if project.ErrorCode(err) == project.ECONSENT {
			return nil, nil, nil // the export refuses it, if it is exported, naming shot and cameo
		}
		if err != nil {
			return nil, nil, err
		}
		clip, err := backend.Generate(ctx, req, nil)
		return clip, nil, err
	}
}

func printExport(w io.Writer, res export.Result) {
	fmt.Fprintf(w, "Exported %s", termText(res.Main, messageWidth))
	var facts []string
	if res.Encoder != "" {
		facts = append(facts, res.Encoder)
	}
	if res.Width > 0 {
		facts = append(facts, fmt.Sprintf("%dx%d", res.Width, res.Height))
	}
	facts = append(facts, res.Duration.String())
	fmt.Fprintf(w, " (%s)\n", strings.Join(facts, ", "))
	for _, f := range res.Files[1:] {
		fmt.Fprintf(w, "  %s\n", termText(f, messageWidth))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "note: %s\n", termLines(n, messageWidth))
	}
}

// exportProgress shows export progress on standard error: one line
// rewritten in place on a terminal, and a line per tenth otherwise (logs).
type exportProgress struct {
	w     io.Writer
	shown bool
	last  time.Time
	tenth int
}

func (p *exportProgress) update(pr export.Progress) {
	eta := ""
	if pr.ETA > 0 {
		eta = " · about " + pr.ETA.String() + " left"
	}
	if !isTerminal(p.w) {
		if t := int(pr.Fraction * 10); (t > p.tenth && t < 10) || !p.shown || pr.Stage == "done" {
			p.tenth, p.shown = t, true
			fmt.Fprintf(p.w, "exporting: %3.0f%% %s%s\n", pr.Fraction*100, pr.Stage, eta)
		}
		return
	}
	if pr.Fraction < 1 && time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\rexporting: %3.0f%% %s%s\x1b[K", pr.Fraction*100, pr.Stage, eta)
	p.shown = true
}

func (p *exportProgress) done() {
	if p.shown && isTerminal(p.w) {
		fmt.Fprintln(p.w)
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
