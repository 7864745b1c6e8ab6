package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"kino/assets"
	"kino/engine"
	"kino/engine/jobs"
	"kino/engine/render"
	"kino/project"
	"kino/project/sqlite"
	"kino/ui"
	"kino/ui/playback"
)

// studioOptions are the choices made when opening a studio window.
type studioOptions struct {
	// Backend, when set, generates every take (tests); by default each
	// generation uses the backend of the project's engine.
	Backend engine.Backend
	// LibraryDir holds the cameo library ("" for LibraryDir()).
	LibraryDir string
	// Audio plays preview sound; nil opens the audio device on first use.
	Audio playback.Output
	// NoAudio forces the silent wall clock (tests, machines without sound).
	NoAudio bool
	// Post replaces fyne.Do (tests step the UI themselves).
	Post func(func())
	// Workers is the number of render workers (default: half the CPUs, at least 1).
	Workers int
	// Now is the clock for consent checks.
	Now func() time.Time
}

// studioSession is an open studio window with what it owns: the project,
// the cameo library and the render queue.
type studioSession struct {
	Studio  *ui.Studio
	Project *sqlite.Project
	Library *sqlite.Library
	queue   *jobs.Queue
	watch   *studioWatcher
	farm    *studioFarm
	engines *studioEngines
	// stopEngines ends the model-pack and voice watches; watchers is
	// done when both have returned.
	stopEngines context.CancelFunc
	watchers    sync.WaitGroup
	closed      atomic.Bool
}

// openStudio opens the project at path in a studio window of a.
func openStudio(a fyne.App, path string, opts studioOptions) (*studioSession, error) {
	engines := acquireBackends() // shared by this process's windows; the project's engine picks one per generation
	voiceLibrary()               // Piper voices speak dialogue and mark shots stale (studio_voices.go)
	interpreter := opts.Backend
	if interpreter == nil {
		interpreter = engines[project.BackendPreviz]
	}
	if opts.LibraryDir == "" {
		opts.LibraryDir = LibraryDir()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Workers <= 0 {
		opts.Workers = max(1, runtime.NumCPU()/2)
	}
	signer, signerErr := signer()
	p, err := sqlite.Open(path, sqlite.Options{Signer: signer, SignerErr: signerErr})
	if errors.Is(err, sqlite.ErrReadOnly) {
		// A project on a read-only disk opens as a view: it plays and
		// exports, and the title says read-only.
		p, err = sqlite.Open(path, sqlite.Options{ReadOnly: true})
	}
	if err != nil {
		releaseBackends()
		return nil, err
	}
	lib, err := sqlite.OpenLibrary(opts.LibraryDir, signer)
	if err != nil {
		p.Close()
		releaseBackends()
		return nil, fmt.Errorf("opening the cameo library: %w", err)
	}
	// A revocation made while the project was closed reaches it now.
	if err := syncConsent(context.Background(), p, lib); err != nil {
		lib.Close()
		p.Close()
		releaseBackends()
		return nil, err
	}
	sess := &studioSession{Project: p, Library: lib, engines: newStudioEngines(engines)}
	state := newStudioState(a.Preferences())
	files := &studioFiles{app: a, opts: opts, current: func() *studioSession { return sess }, state: state}
	var studio atomic.Pointer[ui.Studio]
	sess.queue = jobs.NewQueue(opts.Workers, func(ev jobs.Event) {
		if s := studio.Load(); s != nil {
			s.OnJobEvent(ev)
		}
	})
	post := opts.Post
	if post == nil {
		post = loopPost(fyne.Do)
	}
	farmer := &studioFarm{store: p, lib: lib, now: opts.Now}
	deps := ui.Deps{
		Farm:     farmer,
		Store:    p,
		Library:  lib,
		Renderer: &studioRenderer{queue: sess.queue, store: p, lib: lib, backends: engines, override: opts.Backend, now: opts.Now},
		Clips:    takeClips{p},
		Files:    files,
		Engines:  sess.engines,
		Models:   &studioModels{nn: sess.engines.nn},
		Exporter: &studioExporter{store: p, lib: lib, now: opts.Now},
		Verify:   verifyForStudio,
		Doctor:   doctorText,
		// Piper voices for the cameo form (see studio_voices.go).
		SpeakVoice:  speakVoice,
		VoiceModels: voiceChoices,
		Memory:      state,
		About:       "Kino " + Version + "\nAn offline film studio: write shots, cast cameos with consent, generate pictures with sound.",
		Post:        post,
		Now:         opts.Now,
		ReadOnly:    p.ReadOnly(),
	}
	if in, ok := interpreter.(engine.Interpreter); ok {
		deps.Interpreter = in
	}
	switch {
	case opts.Audio != nil:
		deps.Audio = opts.Audio
	case !opts.NoAudio:
		deps.Audio = &deviceOutput{}
	}
	s, err := ui.New(a, deps)
	if err != nil {
		sess.queue.Close()
		lib.Close()
		p.Close()
		releaseBackends()
		return nil, err
	}
	studio.Store(s)
	sess.Studio = s
	farmer.woken = s.FarmWoken
	sess.farm = farmer
	s.FarmWoken() // a job submitted before the studio opened may have finished
	if r := p.Recovered(); !r.Empty() {
		s.ShowNotice("Opened " + filepath.Base(p.Path()) + " " + r.String())
	}
	s.Window().SetOnClosed(sess.Close)
	// The watcher posts through the studio, which drops late work once
	// the window has gone.
	if p.ReadOnly() {
		// Nothing can change a read-only project, and its inbox cannot
		// be made.
	} else if w, err := startWatching(sess, opts.LibraryDir, s.Post); err != nil {
		s.ShowNotice("Not watching for outside changes: " + err.Error())
	} else {
		sess.watch = w
	}
	var watchCtx context.Context
	watchCtx, sess.stopEngines = context.WithCancel(context.Background())
	sess.watchers.Go(func() { sess.engines.watch(watchCtx, s) })
	sess.watchers.Go(func() { watchVoices(watchCtx, s) })
	openSessions.add(p.Path(), sess)
	files.remember(p.Path())
	return sess, nil
}

// Close stops rendering, closes the window and releases the project.
func (s *studioSession) Close() { s.release(true) }

// release stops rendering and releases the project, closing the window
// when it still exists.
func (s *studioSession) release(closeWindow bool) {
	if !s.closed.CompareAndSwap(false, true) {
		return
	}
	openSessions.remove(s.Project.Path(), s)
	if s.watch != nil {
		s.watch.Close()
	}
	if s.farm != nil {
		s.farm.Close()
	}
	s.queue.Close()
	if s.stopEngines != nil {
		s.stopEngines()
		// A watch that had not started yet would otherwise create the
		// models folder after the project was closed.
		s.watchers.Wait()
	}
	releaseBackends() // the last window returns the model sessions' memory
	if closeWindow {
		s.Studio.Close()
	} else {
		s.Studio.Stop()
	}
	s.Library.Close()
	s.Project.Close()
}

// studioRenderer runs generations on the render queue with render.Take,
// each with the backend of the project's engine at the time it is queued.
type studioRenderer struct {
	queue *jobs.Queue
	store *sqlite.Project
	lib   *sqlite.Library
	// backends are this session's engines by name (see backends).
	backends map[string]engine.Backend
	// override, when set, renders every take whatever the project's
	// engine (tests).
	override engine.Backend
	now      func() time.Time
}

var _ ui.Renderer = (*studioRenderer)(nil)

// backendFor returns the backend that generates for eng: the override, or
// eng's backend, whose model pack must be installed.
func (r *studioRenderer) backendFor(eng project.Engine) (engine.Backend, error) {
	if r.override != nil {
		return r.override, nil
	}
	b, err := engineBackend(r.backends, eng)
	if err != nil {
		return nil, err
	}
	if err := checkModel(b, eng.Model); err != nil {
		return nil, fmt.Errorf("the project's engine %s cannot generate: %w", eng, err)
	}
	return b, nil
}

// Generate checks the shot can be rendered (engine and consent included)
// and queues it.
func (r *studioRenderer) Generate(shotID int64, opts ui.GenerateOptions) (jobs.ID, error) {
	ctx := context.Background()
	shot, err := r.store.Shot(ctx, shotID)
	if err != nil {
		return 0, err
	}
	settings, err := r.store.Project(ctx)
	if err != nil {
		return 0, err
	}
	eng := settings.Engine
	backend, err := r.backendFor(eng)
	if err != nil {
		return 0, err
	}
	var lookup render.ConsentSource
	if r.lib != nil {
		lookup = r.lib
	}
	seed := render.TakeSeed(shot, newSeed)
	if opts.Seed != nil {
		seed = *opts.Seed // one of a set of variations
	}
	if _, err := render.Resolve(ctx, r.store, lookup, shot, seed, r.now()); err != nil {
		return 0, err
	}
	prio := jobs.Interactive
	if opts.Batch {
		prio = jobs.Batch
	}
	return r.queue.Submit(ui.JobKeyFor(shotID, opts), prio, func(ctx context.Context, report engine.ProgressFunc) error {
		// The take stands for the engine chosen when it was queued, even
		// if the project's engine changes before it runs. Of a set of
		// variations the first (the shot's own seed) becomes the active
		// take; the others wait in the strip to be picked.
		_, err := render.Take(ctx, r.store, backend, shotID, render.Options{Seed: seed, Force: opts.Force, Library: lookup, Now: r.now, Engine: &eng, KeepActive: opts.Variation > 1}, report)
		return err
	})
}

// Cancel cancels a job.
func (r *studioRenderer) Cancel(id jobs.ID) { r.queue.Cancel(id) }

// takeClips opens stored takes for playback.
type takeClips struct{ store project.MediaStore }

// Playback does not check media hashes: a take is opened often, and a
// damaged one is shown as far as it goes; exports check.
func (c takeClips) OpenTake(t *project.Take) (engine.Clip, error) {
	return openTakeClip(c.store, t, false)
}

// deviceOutput opens the audio device the first time sound plays (off the
// UI goroutine) and remembers a failure, so the player falls back to the
// wall clock with a notice.
type deviceOutput struct {
	out atomic.Pointer[playback.Oto]
	err atomic.Pointer[error]
}

func (d *deviceOutput) open() (*playback.Oto, error) {
	if o := d.out.Load(); o != nil {
		return o, nil
	}
	if e := d.err.Load(); e != nil {
		return nil, *e
	}
	o, err := playback.OpenOto()
	if err != nil {
		d.err.Store(&err)
		return nil, err
	}
	d.out.Store(o)
	return o, nil
}

func (d *deviceOutput) Start(src io.Reader) (playback.Stream, error) {
	o, err := d.open()
	if err != nil {
		return nil, errors.New("no audio device (" + err.Error() + ")")
	}
	return o.Start(src)
}

func (d *deviceOutput) Name() string { return "audio device" }
func (d *deviceOutput) Silent() bool { return false }

// doctorText is Help ▸ Doctor: what `kino doctor` prints.
func doctorText() string {
	var out, errOut bytes.Buffer
	e := &env{Streams: Streams{Out: &out, Err: &errOut}}
	if err := cmdDoctor(context.Background(), e, nil); err != nil {
		fmt.Fprintf(&out, "\n%v\n", err)
	}
	return out.String() + errOut.String()
}

// With traceStartupEnv set, the studio prints windowMarker on stderr when
// its event loop starts with the window created and the project loaded
// (the first paint follows on the loop's next 16 ms tick), previewMarker
// when the player first shows a preview of a shot being generated, and
// pictureMarker when it first shows a stored take's picture.
// Cold-start benchmarks wait for them.
const (
	traceStartupEnv = "KINO_TRACE_STARTUP"
	windowMarker    = "kino: window interactive"
	previewMarker   = "kino: first preview shown"
	pictureMarker   = "kino: first picture shown"
)

// runStudio opens the studio window on the project at path, or on the
// demo project (created on first run) when path is "", and runs until
// the window closes or ctx is cancelled.
func runStudio(ctx context.Context, e *env, path string) int {
	uiGoroutine.Store(goroutineID()) // Fyne runs its loop here, on the main goroutine
	dropEmptyPreferences()
	a := fyneapp.NewWithID(studioAppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	fresh := false // a demo made just now renders itself at once
	if path == "" {
		if _, err := os.Stat(demoPath(DataDir())); err != nil {
			fresh = true
		}
		lib, err := openLibrary()
		if err != nil {
			fmt.Fprintf(e.Err, "kino: opening the cameo library: %v\n", err)
			return exitError
		}
		path, err = ensureDemo(ctx, DataDir(), lib)
		lib.Close()
		if err != nil {
			fmt.Fprintf(e.Err, "kino: %v\n", err)
			return exitError
		}
	}
	sess, err := openStudio(a, path, studioOptions{})
	if err != nil {
		fmt.Fprintf(e.Err, "kino: %v\n", err)
		return exitError
	}
	if os.Getenv(traceStartupEnv) != "" {
		a.Lifecycle().SetOnStarted(func() { fmt.Fprintln(e.Err, windowMarker) })
		sess.Studio.Player().OnFirstPreview = func() { fmt.Fprintln(e.Err, previewMarker) }
		sess.Studio.Player().OnFirstShown = func() { fmt.Fprintln(e.Err, pictureMarker) }
	}
	sess.Studio.Show()
	if every := os.Getenv(traceLayoutEnv); every != "" {
		go traceLayout(e.Err, sess.Studio, every)
	}
	if fresh {
		sess.Studio.GenerateMissing()
	}
	quit := loopPost(fyne.Do)
	go func() {
		<-ctx.Done()
		// After Fyne has shut down by itself (it quits on SIGTERM too)
		// this is dropped and release below stops the studio.
		quit(func() {
			sess.Studio.Stop() // store typing in progress, drop late UI work
			a.Quit()
		})
	}()
	a.Run()
	sess.release(false) // the app has shut its windows down
	return exitOK
}
