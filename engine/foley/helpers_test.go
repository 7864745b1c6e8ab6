package foley

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/scene"
	"kino/engine/speech"
	"kino/project"
)

// request returns a normalised request of secs seconds at 24 fps.
func request(t testing.TB, secs int64, seed uint64, lines ...engine.Line) engine.Request {
	t.Helper()
	r := engine.DefaultRequest()
	r.Duration = project.Seconds(secs, project.DefaultRate)
	r.Seed = seed
	r.Cast = []engine.CastCameo{
		{Handle: "@ana", Name: "Ana", Voice: project.Voice{Language: "en", Variant: "f3", Pitch: 70, Rate: 160}},
		{Handle: "@ben", Name: "Ben", Voice: project.Voice{Language: "de", Pitch: 35, Rate: 190}},
	}
	r.Dialogue = lines
	r, _, err := r.Normalize()
	if err != nil {
		t.Fatalf("normalising the test request: %v", err)
	}
	return r
}

func line(who, text string, atSeconds float64) engine.Line {
	return engine.Line{Speaker: who, Text: text, Start: project.Frames(int64(math.Round(atSeconds*24)), project.DefaultRate)}
}

// plan returns a resolved plan for setting, weather and mood.
func plan(setting scene.Setting, weather scene.Weather, mood scene.Mood, effects ...scene.Effect) *scene.Plan {
	return &scene.Plan{
		Setting: setting, Time: scene.Day, Weather: weather, Mood: mood, Effects: effects,
		Camera: project.Camera{}, Language: "en",
	}
}

// fakeSpeech replaces the speech engine for one test: every line becomes a
// buzzy syllable-modulated tone of 70 ms per character at full scale,
// pitched by the voice, and calls are recorded. fail, when not nil, may
// return an error for a line.
type fakeSpeech struct {
	mu      sync.Mutex
	calls   []speech.Voice
	texts   []string
	fail    func(text string) error
	unavail error
	block   bool // wait for ctx to end instead of speaking
}

func useFakeSpeech(t *testing.T, f *fakeSpeech) *fakeSpeech {
	t.Helper()
	oldA, oldS := speechAvailable, synthesize
	t.Cleanup(func() { speechAvailable, synthesize = oldA, oldS })
	speechAvailable = func() error { return f.unavail }
	synthesize = f.synthesize
	return f
}

// fakeLen is the length of the fake speech for text, in samples.
func fakeLen(text string) int { return len(text) * secs(0.07) }

func (f *fakeSpeech) synthesize(ctx context.Context, text string, v speech.Voice) ([]float32, error) {
	f.mu.Lock()
	f.calls = append(f.calls, v)
	f.texts = append(f.texts, text)
	f.mu.Unlock()
	if f.block {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if f.fail != nil {
		if err := f.fail(text); err != nil {
			return nil, err
		}
	}
	if text == "" {
		return nil, fmt.Errorf("speaking: %w", speech.ErrEmptyText)
	}
	hz := 100 + 2*float64(v.Pitch)
	out := make([]float32, fakeLen(text))
	for i := range out {
		t := float64(i) / sr
		saw := 2*math.Mod(t*hz, 1) - 1
		syl := 0.4 + 0.6*math.Abs(math.Sin(math.Pi*5*t))
		out[i] = float32(saw * syl)
	}
	return out, nil
}

// rmsRange is the RMS of interleaved stereo x over frames [a, b).
func rmsRange(x []float32, a, b int) float64 {
	a, b = max(a, 0), min(b, len(x)/2)
	if b <= a {
		return 0
	}
	var s float64
	for _, v := range x[2*a : 2*b] {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s / float64(2*(b-a)))
}

// envelope is the RMS of interleaved stereo x in windows of win frames.
func envelope(x []float32, win int) []float64 {
	n := len(x) / 2
	out := make([]float64, 0, n/win)
	for a := 0; a+win <= n; a += win {
		out = append(out, rmsRange(x, a, a+win))
	}
	return out
}

func peakOf(x []float32) float32 {
	var p float32
	for _, v := range x {
		p = max(p, v, -v)
	}
	return p
}

// mustRender renders or fails the test.
func mustRender(t testing.TB, req engine.Request, p *scene.Plan, evs []scene.Event) *audio.Soundtrack {
	t.Helper()
	st, err := Render(context.Background(), req, p, evs, nil)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return st
}

var errTestVoice = errors.New("no such test voice")
