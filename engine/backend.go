package engine

import (
	"context"
	"time"
)

// Backend generates clips. Implementations must be safe for concurrent use
// and must return promptly with ctx.Err() once ctx is cancelled.
type Backend interface {
	// Name is the backend's stable identifier, e.g. "previz".
	Name() string
	// Capabilities says what the backend can do.
	Capabilities() Capabilities
	// Generate renders req. progress may be nil. The returned Clip may
	// render frames lazily.
	Generate(ctx context.Context, req Request, progress ProgressFunc) (Clip, error)
}

// Capabilities describes a backend.
type Capabilities struct {
	// Deterministic backends give identical output for identical requests.
	Deterministic bool
	// LazyFrames backends render a frame only when it is asked for, so
	// scrubbing to frame N never renders frames 0..N-1.
	LazyFrames bool
	// Audio backends produce a soundtrack.
	Audio bool
	// Neural backends run learned models.
	Neural bool
	// MaxWidth and MaxHeight bound the frame size (0: no limit of its own).
	MaxWidth, MaxHeight int
	// Models lists the models this backend can use ("" for none).
	Models []string
}

// Progress is one report from a running generation.
type Progress struct {
	Stage   string        // what is happening, e.g. "frames", "sound", "denoise"
	Step    int           // steps done
	Total   int           // steps in all
	Elapsed time.Duration // since the job started
	// Preview is an optional low-cost image of the current state.
	Preview Image
}

// Fraction returns Step/Total in [0,1].
func (p Progress) Fraction() float64 {
	if p.Total <= 0 {
		return 0
	}
	f := float64(p.Step) / float64(p.Total)
	if f > 1 {
		return 1
	}
	return f
}

// ProgressFunc receives progress reports. It is called on the generating
// goroutine and must not block.
type ProgressFunc func(Progress)

// Interpretation is what a backend understood of a prompt, for showing
// "understood / not understood" words.
type Interpretation struct {
	// Used are the words or phrases that changed the result, with what
	// they were taken to mean ("sunset" → "time: golden hour").
	Used []Term `json:"used"`
	// Ignored are the words that changed nothing.
	Ignored []string `json:"ignored"`
}

// Term is one understood word or phrase.
type Term struct {
	Text    string `json:"text"`
	Meaning string `json:"meaning"`
}

// Interpreter is implemented by backends that can explain how they read a
// prompt without generating anything.
type Interpreter interface {
	Interpret(req Request) Interpretation
}
