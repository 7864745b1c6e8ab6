package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kino/engine/export"
	"kino/project"
	"kino/ui/uitest"
)

// exporterFunc is an Exporter made of a function.
type exporterFunc func(ctx context.Context, opts export.Options, progress func(export.Progress)) (export.Result, error)

func (f exporterFunc) Export(ctx context.Context, opts export.Options, progress func(export.Progress)) (export.Result, error) {
	return f(ctx, opts, progress)
}

var _ Exporter = exporterFunc(nil)

// exportRig is an export controller on a test window, with the lines it
// showed and the errors it kept.
type exportRig struct {
	c       *exportCtl
	q       *uitest.CallQueue
	said    []string
	failed  []string
	flushed int
}

func newExportRig(t *testing.T, ex Exporter) *exportRig {
	t.Helper()
	test.NewTempApp(t)
	r := &exportRig{q: uitest.NewCallQueue()}
	work := newWorker(r.q.Post)
	t.Cleanup(work.close)
	r.c = &exportCtl{
		win: test.NewTempWindow(t, nil), exporter: ex, post: r.q.Post, work: work,
		flush:  func() { r.flushed++ },
		say:    func(s string) { r.said = append(r.said, s) },
		fail:   func(s string) { r.failed = append(r.failed, s); r.said = append(r.said, s) },
		closed: func() bool { return false },
	}
	return r
}

// wait runs posted work until the export has finished.
func (r *exportRig) wait(t *testing.T) {
	t.Helper()
	if err := r.q.WaitFor(10*time.Second, func() bool { return !r.c.exp.running.Load() }); err != nil {
		t.Fatal("the export never finished: ", err)
	}
}

func TestExportControllerReportsTheResult(t *testing.T) {
	var calls atomic.Int32
	r := newExportRig(t, exporterFunc(func(ctx context.Context, opts export.Options, progress func(export.Progress)) (export.Result, error) {
		calls.Add(1)
		progress(export.Progress{Stage: "Encoding", Fraction: 0.5})
		return export.Result{Main: opts.Out, Encoder: "test", Width: 1920, Height: 1080}, nil
	}))
	r.c.start(export.Options{Out: "/tmp/film.mp4"})
	if r.flushed != 1 || !r.c.exp.running.Load() {
		t.Fatalf("start flushed typing %d times, running %v; want once, running", r.flushed, r.c.exp.running.Load())
	}
	r.wait(t)
	want := "Exported /tmp/film.mp4 (encoder: test, 1920x1080)"
	if r.c.exp.result != want || r.said[len(r.said)-1] != want {
		t.Fatalf("result %q, status %q; want %q", r.c.exp.result, r.said, want)
	}
	if calls.Load() != 1 || len(r.failed) != 0 || r.c.exp.run != nil {
		t.Fatalf("%d exports, errors %q, run left %v", calls.Load(), r.failed, r.c.exp.run)
	}
}

func TestExportControllerRunsOneAtATimeAndCancels(t *testing.T) {
	started := make(chan struct{})
	var calls atomic.Int32
	r := newExportRig(t, exporterFunc(func(ctx context.Context, opts export.Options, progress func(export.Progress)) (export.Result, error) {
		calls.Add(1)
		close(started)
		<-ctx.Done()
		return export.Result{}, ctx.Err()
	}))
	r.c.start(export.Options{Out: "/tmp/a.mp4"})
	<-started
	r.c.start(export.Options{Out: "/tmp/b.mp4"})
	if got := r.said[len(r.said)-1]; got != "An export is already running" {
		t.Fatalf("a second export said %q", got)
	}
	r.c.cancel()
	r.wait(t)
	if calls.Load() != 1 || r.c.exp.result != "Export cancelled" || len(r.failed) != 0 {
		t.Fatalf("%d exports, result %q, errors %q; want one, cancelled, none", calls.Load(), r.c.exp.result, r.failed)
	}
}

func TestExportControllerKeepsRefusalsAsErrors(t *testing.T) {
	refusal := project.Errorf(project.ECONSENT, "export refused: shot 1 is withheld: @mara revoked consent (@mara's consent was revoked)")
	r := newExportRig(t, exporterFunc(func(context.Context, export.Options, func(export.Progress)) (export.Result, error) {
		return export.Result{}, refusal
	}))
	r.c.start(export.Options{Out: "/tmp/film.mp4"})
	r.wait(t)
	if len(r.failed) != 1 || !strings.HasPrefix(r.failed[0], "Export refused: shot 1 is withheld: @mara's consent was revoked.") {
		t.Fatalf("errors kept %q", r.failed)
	}

	r = newExportRig(t, exporterFunc(func(context.Context, export.Options, func(export.Progress)) (export.Result, error) {
		return export.Result{}, project.Errorf(project.EINVALID, "the output folder cannot be written")
	}))
	r.c.start(export.Options{Out: "/tmp/film.mp4"})
	r.wait(t)
	if len(r.failed) != 1 || r.failed[0] != "Export failed: the output folder cannot be written" {
		t.Fatalf("errors kept %q", r.failed)
	}
}

func TestExportControllerWithoutAnExporter(t *testing.T) {
	r := newExportRig(t, nil)
	r.c.start(export.Options{Out: "/tmp/film.mp4"})
	if r.c.exp.running.Load() || len(r.said) != 1 || r.said[0] != "Exporting is not available here" || r.flushed != 0 {
		t.Fatalf("running %v, said %q, flushed %d", r.c.exp.running.Load(), r.said, r.flushed)
	}
}
