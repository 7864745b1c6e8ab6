package app

import (
	"context"
	"path/filepath"
	"time"

	"kino/engine/export"
	"kino/engine/render"
	"kino/project/sqlite"
	"kino/ui"
)

// studioExporter is File ▸ Export: it loads the open project's timeline
// and exports it, as `kino export` does.
type studioExporter struct {
	store *sqlite.Project
	lib   *sqlite.Library
	now   func() time.Time
}

var _ ui.Exporter = (*studioExporter)(nil)

// Export loads the timeline (rendering shots without a finished take with
// the built-in engine unless opts.Placeholders) and writes it as opts says.
func (x *studioExporter) Export(ctx context.Context, opts export.Options, progress func(export.Progress)) (export.Result, error) {
	return exportStudioProject(ctx, x.store, x.lib, x.now, opts, progress)
}

// exportStudioProject is the export behind the studio's File ▸ Export.
func exportStudioProject(ctx context.Context, p *sqlite.Project, lib *sqlite.Library, now func() time.Time, opts export.Options, progress func(export.Progress)) (export.Result, error) {
	if err := checkOutputPath(opts.Out); err != nil {
		return export.Result{}, err
	}
	load := export.LoadOptions{Now: now}
	var lookup render.ConsentSource
	if lib != nil {
		load.Library, lookup = lib, lib
	}
	if !opts.Placeholders && opts.Format.NeedsPictures() {
		load.Generate = renderForExport(p, lookup)
	}
	tl, err := export.LoadTimeline(ctx, p, load)
	if err != nil {
		return export.Result{}, err
	}
	defer tl.Close()
	if opts.App == "" {
		opts.App, opts.Version = "Kino", Version
	}
	if opts.Now == nil {
		opts.Now = now
	}
	release, _ := claimOutputFolder(filepath.Dir(opts.Out))
	defer release()
	if opts.Signer == nil {
		id, err := signingIdentity()
		if err != nil {
			return export.Result{}, err
		}
		opts.Signer = id.Signer
	}
	return export.Export(ctx, tl, opts, progress)
}
