package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"kino/engine"
	"kino/engine/jobs"
	"kino/project"
	"kino/ui/playback"
	kwidget "kino/ui/widget"
)

// Store is the open project as the studio uses it.
type Store interface {
	project.Reader
	project.Editor
	project.MediaStore
	// ConsentFacts returns the project's consent records and pins.
	ConsentFacts(ctx context.Context) (*project.ConsentFacts, error)
	// SyncConsent brings newer consent records (a revocation made in the
	// library) into the project; a revocation counts when its owner or a
	// trusted key (this machine's user's) signed it. It is not an
	// undoable edit.
	SyncConsent(ctx context.Context, records []project.ConsentRecord, trusted ...[]byte) (int, error)
}

// Library is the person's cameo library.
type Library interface {
	project.CameoLibrary
	// ConsentFacts returns the library's consent records and pins.
	ConsentFacts(ctx context.Context) (*project.ConsentFacts, error)
	// ImportCameo stores a cameo received from another person, with its
	// signed consent; its images must already be in the library.
	ImportCameo(ctx context.Context, c *project.Cameo) (project.CameoImport, error)
	// ImportRevocation stores a signed revocation from another machine.
	ImportRevocation(ctx context.Context, r project.ConsentRecord) (bool, error)
}

// GenerateOptions tune one generation.
type GenerateOptions struct {
	// Force renders again even when an identical take is stored
	// (Regenerate); otherwise an identical take is reused.
	Force bool
	// Batch jobs run after interactive ones ("Regenerate all stale").
	Batch bool
	// Seed, when set, is the take's seed (one of a set of variations);
	// otherwise the shot's seed policy decides.
	Seed *uint64
	// Variation is the take's place in a set generated together (1 is
	// the first), or 0 for a single take. Each variation is its own job;
	// only the first becomes the shot's active take.
	Variation int
}

// Renderer queues generations of shots. The app implements it with
// jobs.Queue, render.Take and a backend. Jobs must be submitted under
// JobKeyFor(shotID, opts), and their events passed to Studio.OnJobEvent.
type Renderer interface {
	// Generate queues a new take of the shot. It fails with an ECONSENT
	// error (whose message the studio shows) when a cast cameo's consent
	// does not allow it.
	Generate(shotID int64, opts GenerateOptions) (jobs.ID, error)
	// Cancel stops a queued or running job.
	Cancel(id jobs.ID)
}

// Interpreter explains how the engine reads a prompt (the "understood /
// not understood" chips). engine.Interpreter backends satisfy it.
type Interpreter = engine.Interpreter

// Files are the File menu's project operations, which belong to the app:
// it opens new windows and keeps the recent list.
type Files interface {
	// New creates a project at path and opens it.
	New(path string) error
	// Open opens the project at path.
	Open(path string) error
	// SaveCopy writes a copy of the open project to path.
	SaveCopy(path string) error
	// Recent lists recently opened project paths, newest first.
	Recent() []string
}

// Deps are the services a Studio uses. Store is required; the rest may be
// nil, and the features that need them say so when used.
type Deps struct {
	Store       Store
	Library     Library
	Renderer    Renderer
	Clips       kwidget.ClipSource
	Interpreter Interpreter
	Files       Files
	// Exporter writes the film out (File ▸ Export).
	Exporter Exporter
	// Farm renders shots on the project's render farm (nil: none).
	Farm Farm
	// Verify checks a file's Content Credentials (File ▸ Verify a File).
	Verify Verifier
	// Engines lists the engines the toolbar's picker offers. Nil offers
	// the built-in previz engine only.
	Engines Engines
	// Models manages the models folder (File ▸ Models…). Nil hides it.
	Models kwidget.ModelLibrary
	// Audio plays preview sound. Nil means no device: a wall clock takes
	// over and the player says so.
	Audio playback.Output
	// Doctor returns the text of `kino doctor` (Help ▸ Doctor).
	Doctor func() string
	// SpeakVoice speaks text with voice for the cameo form's Test voice
	// button: mono sound at 48 kHz, and notes (a line the voice's model
	// could not speak, say). It is called off the UI goroutine; the studio
	// plays the sound, or shows its waveform when nothing can be heard.
	SpeakVoice func(ctx context.Context, voice project.Voice, text string) ([]float32, []string, error)
	// VoiceModels lists the installed voice models (Piper voices) the
	// cameo form offers besides espeak-ng. It is called on the UI
	// goroutine and must be quick.
	VoiceModels func() []VoiceModelChoice
	// About is the Help ▸ About text.
	About string
	// Memory remembers small things between runs (where each project was
	// last exported). Nil uses the app's preferences.
	Memory Memory
	// Post runs f on the UI goroutine. Nil means fyne.Do. Tests pass a
	// uitest.CallQueue's Post to step the UI themselves.
	Post func(f func())
	// Now is the clock for consent checks (time.Now when nil).
	Now func() time.Time
	// ReadOnly says the project is a read-only view (on a read-only disk,
	// say): the title says so, and edits fail with the store's message.
	ReadOnly bool
}

// Memory keeps small strings between runs, by key. fyne.Preferences is
// one.
type Memory interface {
	String(key string) string
	SetString(key, value string)
}

func (d *Deps) defaults() {
	if d.Post == nil {
		d.Post = fyne.Do
	}
	if d.Now == nil {
		d.Now = time.Now
	}
}

// JobKey is the queue key of a shot's generation job. A newer job with
// the same key replaces a queued one, and the studio finds the shot of a
// job event by its key.
func JobKey(shotID int64) string { return "shot/" + strconv.FormatInt(shotID, 10) }

// JobKeyFor is the queue key of a generation with opts: JobKey for a
// single take, and one key per variation, so the variations of a set are
// queued side by side instead of replacing each other.
func JobKeyFor(shotID int64, opts GenerateOptions) string {
	if opts.Variation > 0 {
		return JobKey(shotID) + "/v" + strconv.Itoa(opts.Variation)
	}
	return JobKey(shotID)
}

// shotOfKey parses a JobKey or JobKeyFor key.
func shotOfKey(key string) (int64, bool) {
	rest, ok := strings.CutPrefix(key, "shot/")
	if !ok {
		return 0, false
	}
	rest, _, _ = strings.Cut(rest, "/")
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil
}
