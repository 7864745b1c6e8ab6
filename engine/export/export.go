package export

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"kino/engine/export/format"
	"kino/project"
)

// exporter is one run of Export.
type exporter struct {
	opts   Options
	now    time.Time
	out    *outputs
	ffmpeg string // "" when video is written in pure Go
	track  *tracker
	prov   *Provenance
	face   format.TextFace // the storyboard's text

	mu  sync.Mutex
	res Result
}

func (e *exporter) notes(n ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range n {
		dup := false
		for _, have := range e.res.Notes {
			dup = dup || have == s
		}
		if !dup {
			e.res.Notes = append(e.res.Notes, s)
		}
	}
}

// Export writes tl in the format opts.Format to opts.Out. progress, which
// may be nil, receives reports on the goroutine that called Export and
// must not block (a GUI hands them on with fyne.Do). Export refuses shots
// whose shown take depicts a cameo whose consent does not allow the use
// (an ECONSENT error naming the shots and cameos; with opts.SkipWithheld
// they become labelled placeholders instead), a shot without
// a clip unless opts.Placeholders is set, and existing outputs unless
// opts.Force is set. When ctx is cancelled or anything fails, no output is
// left under a final name.
func Export(ctx context.Context, tl *Timeline, opts Options, progress func(Progress)) (Result, error) {
	if err := normaliseOptions(&opts); err != nil {
		return Result{}, err
	}
	if tl == nil {
		return Result{}, project.Errorf(project.EINVALID, "no timeline to export")
	}
	if err := tl.validate(); err != nil {
		return Result{}, err
	}
	t := tl
	if opts.Shot > 0 {
		var err error
		if t, err = tl.only(opts.Shot); err != nil {
			return Result{}, err
		}
	}
	e := &exporter{opts: opts, now: opts.Now()}
	t, err := checkConsent(t, opts.SkipWithheld)
	if err != nil {
		return Result{}, err
	}
	if t, err = e.withClips(t); err != nil {
		return Result{}, err
	}
	w, h, err := opts.Resolution.size(t.Width, t.Height)
	if err != nil {
		return Result{}, err
	}
	if opts.Format != FormatWAV && opts.Format != FormatStems {
		e.res.Width, e.res.Height = w, h // sound has no frame size
	}
	e.res.Duration = t.Duration()
	e.res.Frames = e.res.Duration.Frames
	e.prov = provenanceFor(t, &e.opts, e.now)
	e.prov.Width, e.prov.Height = w, h
	if opts.Format == FormatMP4 || opts.Format == FormatAVI || opts.Format.handoff() {
		e.ffmpeg = findFFmpeg(&e.opts)
		if opts.Format == FormatAVI {
			e.ffmpeg = ""
		}
	}

	e.track = newTracker(progress, e.work(t))
	e.track.setStage("checking")
	err = e.run(ctx, t, w, h)
	if err == nil {
		err = ctx.Err() // a cancel that came as the work ended still wins
	}
	if err != nil {
		if e.out != nil {
			e.out.abort()
		}
		if ctx.Err() != nil {
			return Result{}, fmt.Errorf("export cancelled: %w", ctx.Err())
		}
		return Result{}, err
	}
	e.track.setStage("finishing")
	e.out.creditRest(e.prov)
	if err := e.out.commit(); err != nil {
		e.out.abort()
		return Result{}, err
	}
	e.res.Files = []string{e.res.Main}
	for _, f := range e.out.finals() {
		if f != e.res.Main {
			e.res.Files = append(e.res.Files, f)
		}
	}
	e.track.finish()
	return e.res, nil
}

func normaliseOptions(o *Options) error {
	f, err := ParseFormat(string(o.Format))
	if err != nil {
		return err
	}
	o.Format = f
	if o.Out == "" {
		return project.Errorf(project.EINVALID, "no output path given")
	}
	abs, err := filepath.Abs(o.Out)
	if err != nil {
		return fmt.Errorf("output path %s: %w", o.Out, err)
	}
	o.Out = abs
	if o.Quality, err = ParseQuality(string(o.Quality)); err != nil {
		return err
	}
	if o.Shot < 0 {
		return project.Errorf(project.EINVALID, "shot number %d must be 1 or more (0 for the whole timeline)", o.Shot)
	}
	if o.App == "" {
		o.App = "Kino"
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return nil
}

// withClips returns t with a placeholder for every shot that has no clip,
// where that is allowed, and an error naming the shot where it is not. A
// storyboard always shows placeholders for shots not generated yet.
func (e *exporter) withClips(t *Timeline) (*Timeline, error) {
	c := *t
	c.Shots = append([]ShotMedia(nil), t.Shots...)
	var missing []int
	for i := range c.Shots {
		s := &c.Shots[i]
		if s.Clip != nil {
			continue
		}
		if !e.opts.Placeholders && e.opts.Format != FormatPDF && e.opts.Format.NeedsPictures() {
			missing = append(missing, s.Shot.Number())
			continue
		}
		s.Clip = NewPlaceholder(s.Shot, t.Width, t.Height, t.Rate)
		s.Placeholder, s.Take = true, nil // a take that is not shown is not credited
	}
	switch len(missing) {
	case 0:
		return &c, nil
	case 1:
		return nil, project.Errorf(project.EINVALID, "shot %d has no take and no placeholder: generate it, or export with placeholders", missing[0])
	}
	return nil, project.Errorf(project.EINVALID, "shots %v have no take and no placeholder: generate them, or export with placeholders", missing)
}

// work is the number of progress units the export takes.
// Everything counts frames except the storyboard, which counts panels.
func (e *exporter) work(t *Timeline) float64 {
	if e.opts.Format == FormatPDF || !e.opts.Format.NeedsPictures() {
		return float64(len(t.Shots))
	}
	if e.opts.Format.handoff() {
		// Every take's video is written.
		var n int64
		for _, s := range t.Shots {
			n += s.frames(t.Rate) * int64(1+len(s.Alternates))
		}
		return float64(n)
	}
	return float64(t.Duration().Frames)
}

// run writes every output under temporary names.
func (e *exporter) run(ctx context.Context, t *Timeline, w, h int) error {
	switch e.opts.Format {
	case FormatMP4, FormatAVI:
		return e.exportVideo(ctx, t, w, h)
	case FormatWAV, FormatStems:
		return e.exportAudio(ctx, t)
	case FormatPNG:
		return e.exportPNG(ctx, t, w, h)
	case FormatOTIO, FormatEDL, FormatFCPXML:
		return e.exportHandoff(ctx, t, w, h)
	case FormatPDF:
		return e.exportStoryboard(ctx, t)
	case FormatFountain:
		return e.exportFountain(ctx, t)
	}
	return project.Errorf(project.EINVALID, "export format %q is not supported", e.opts.Format)
}

// videoPath returns the file a video export writes: Out, or Out with the
// extension .avi when the pure-Go path stands in for MP4.
func (e *exporter) videoPath() string {
	if e.opts.Format == FormatMP4 && e.ffmpeg == "" {
		return withExt(e.opts.Out, ".avi")
	}
	return e.opts.Out
}

// encoderName says which path encodes video.
func (e *exporter) encoderName() string {
	if e.ffmpeg != "" {
		return "ffmpeg (libx264 BT.709, aac)"
	}
	return "pure Go (AVI: Motion-JPEG BT.601 full range, PCM)"
}

// Colour coding of the video paths, as provenance and results say it.
const (
	colourMP4 = "BT.709, limited range (tagged in the file)"
	colourAVI = "BT.601, full range (JFIF Motion-JPEG, as AVI players assume)"
)

// colourName says how the video path codes colour.
func (e *exporter) colourName() string {
	if e.ffmpeg != "" {
		return colourMP4
	}
	return colourAVI
}

// exportVideo writes one MP4 or AVI of t.
func (e *exporter) exportVideo(ctx context.Context, t *Timeline, w, h int) error {
	final := e.videoPath()
	var err error
	if e.out, err = newOutputs(e.opts.Force, final, sidecarPath(final)); err != nil {
		return err
	}
	if e.opts.Format == FormatMP4 && e.ffmpeg == "" {
		if e.opts.PureGo {
			e.notes("pure-Go encoding was asked for, so the video is an AVI (Motion-JPEG, PCM): " + filepath.Base(final))
		} else {
			e.notes("ffmpeg was not found, so the video is an AVI (Motion-JPEG, PCM) instead of an MP4: " + filepath.Base(final) + " (install ffmpeg with make deps for MP4)")
		}
	}
	e.res.Main = final
	e.res.Encoder, e.res.UsedFFmpeg = e.encoderName(), e.ffmpeg != ""
	e.track.setStage("frames")
	if err := e.writeVideoFile(ctx, t, final, w, h, "film", func() { e.track.add(1) }); err != nil {
		return err
	}
	return nil
}

// writeVideoFile writes t as one video file (MP4 with ffmpeg, else AVI)
// with its sidecar.
func (e *exporter) writeVideoFile(ctx context.Context, t *Timeline, final string, w, h int, role string, step func()) error {
	wm := boolPtr(!e.opts.NoWatermark)
	prov := provenanceFor(t, &e.opts, e.now).forFile(final, role, wm)
	prov.Width, prov.Height, prov.Encoder, prov.Colour = w, h, e.encoderName(), e.colourName()
	comment := prov.embedded(final, wm)
	var err error
	if e.ffmpeg != "" {
		err = e.writeMP4(ctx, t, final, w, h, mp4Meta{title: t.Title, comment: comment}, step)
	} else {
		info := format.RIFFInfo{Title: t.Title, Comment: comment, Software: e.opts.App + " " + e.opts.Version, Date: e.now.UTC().Format("2006-01-02")}
		err = e.writeAVI(ctx, t, final, w, h, info, step)
	}
	if err != nil {
		return err
	}
	return writeSidecar(e.out, final, prov)
}
