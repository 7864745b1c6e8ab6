package foley

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync/atomic"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/scene"
	"kino/project"
)

func TestRenderLengthsMatchTheClip(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	rates := []project.Rate{project.DefaultRate, project.Rate2997, project.Rate25, project.Rate23976}
	for _, rate := range rates {
		for _, frames := range []int64{1, 7, 121} {
			req := request(t, 1, 3, line("@ana", "hello there", 0.1))
			req.Duration = project.Frames(frames, rate)
			req, _, _ = req.Normalize()
			st := mustRender(t, req, plan(scene.SettingBeach, scene.Rain, scene.Festive, scene.Fireworks), []scene.Event{
				{Kind: scene.EventFireworkBurst, Frame: 0, X: 0.5, Distance: 200, Size: 1},
			})
			want := int(req.Duration.Samples(audio.SampleRate))
			if st.Mix.Rate != audio.SampleRate || st.Mix.Channels != 2 || st.Mix.Len() != want || len(st.Mix.Samples) != 2*want {
				t.Fatalf("%d frames at %s: mix is %d Hz × %d ch × %d frames, want 48000 × 2 × %d", frames, rate, st.Mix.Rate, st.Mix.Channels, st.Mix.Len(), want)
			}
			for _, name := range audio.Stems {
				s, ok := st.Stems[name]
				if !ok {
					t.Fatalf("stem %s missing", name)
				}
				if s.Rate != audio.SampleRate || s.Channels != 2 || len(s.Samples) != 2*want {
					t.Fatalf("%d frames at %s: stem %s is %d Hz × %d ch × %d samples, want %d samples", frames, rate, name, s.Rate, s.Channels, len(s.Samples), 2*want)
				}
			}
			if len(st.Stems) != len(audio.Stems) {
				t.Fatalf("%d stems, want %d", len(st.Stems), len(audio.Stems))
			}
		}
	}
}

// assertMixIsSum checks the mix is exactly the float32 sum of the stems in
// audio.Stems order.
func assertMixIsSum(t *testing.T, st *audio.Soundtrack) {
	t.Helper()
	for i, m := range st.Mix.Samples {
		var s float32
		for k, name := range audio.Stems {
			if k == 0 {
				s = st.Stems[name].Samples[i]
			} else {
				s += st.Stems[name].Samples[i]
			}
		}
		if s != m {
			t.Fatalf("mix sample %d is %v, the stems sum to %v", i, m, s)
		}
	}
}

func TestMixIsExactlyTheSumOfTheStems(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 4, 11, line("@ana", "the sea is loud tonight", 0.5))
	st := mustRender(t, req, plan(scene.SettingCity, scene.Storm, scene.Tense, scene.Lightning), []scene.Event{
		{Kind: scene.EventLightning, Frame: 10, X: 0.3, Distance: 600, Size: 1.2},
	})
	for _, name := range audio.Stems {
		if peakOf(st.Stems[name].Samples) == 0 {
			t.Errorf("stem %s is silent", name)
		}
	}
	assertMixIsSum(t, st)
}

func TestPeakStaysBelowFullScaleUnderLoadAndLoudDialogue(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	lines := []engine.Line{
		line("@ana", "everyone shouting at once over the fireworks!", 0.2),
		line("@ben", "everyone shouting at once over the fireworks!", 0.25),
		line("@cat", "everyone shouting at once over the fireworks!", 0.3),
	}
	req := request(t, 6, 5, lines...)
	var evs []scene.Event
	for f := 0; f < 100; f += 2 {
		evs = append(evs, scene.Event{Kind: scene.EventFireworkBurst, Frame: f, X: float64(f%10) / 10, Distance: 30, Size: 2})
	}
	for f := 0; f < 100; f += 9 {
		evs = append(evs, scene.Event{Kind: scene.EventLightning, Frame: f, X: 0.5, Distance: 100, Size: 2})
	}
	p := plan(scene.SettingStage, scene.Storm, scene.Epic, scene.Fireworks, scene.Lightning, scene.Sparks, scene.Confetti)
	st := mustRender(t, req, p, evs)
	var sum float64
	for _, name := range audio.Stems {
		sum += float64(peakOf(st.Stems[name].Samples))
	}
	if sum <= 1 {
		t.Fatalf("the stems' peaks add up to only %.2f; the test needs a load that would clip", sum)
	}
	pk := peakOf(st.Mix.Samples)
	if pk >= 1 || pk > mixCeiling*1.0001 {
		t.Fatalf("mix peak %.4f (%.2f dBFS), want at most %.4f (-1 dBFS)", pk, 20*math.Log10(float64(pk)), mixCeiling)
	}
	assertMixIsSum(t, st)
}

func TestRenderIsDeterministicAndSeeded(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	p := plan(scene.SettingBeach, scene.Clear, scene.Festive, scene.Fireworks)
	evs := []scene.Event{{Kind: scene.EventFireworkBurst, Frame: 30, X: 0.2, Distance: 400, Size: 1}}
	render := func(seed uint64) *audio.Soundtrack {
		return mustRender(t, request(t, 3, seed, line("@ana", "happy new year", 0.5)), p, evs)
	}
	a, b, c := render(42), render(42), render(43)
	for _, name := range audio.Stems {
		x, y := a.Stems[name].Samples, b.Stems[name].Samples
		for i := range x {
			if math.Float32bits(x[i]) != math.Float32bits(y[i]) {
				t.Fatalf("same seed, stem %s differs at sample %d: %v vs %v", name, i, x[i], y[i])
			}
		}
	}
	for _, name := range []audio.Stem{audio.StemAmbience, audio.StemMusic, audio.StemEffects} {
		x, z := a.Stems[name].Samples, c.Stems[name].Samples
		same, sounding := 0, 0
		for i := range x {
			if x[i] != 0 || z[i] != 0 {
				sounding++
				if x[i] == z[i] {
					same++
				}
			}
		}
		if sounding == 0 || same > sounding/10 {
			t.Errorf("seeds 42 and 43 give the same %s in %d of %d sounding samples", name, same, sounding)
		}
	}
}

// countingCtx is a context that reports itself cancelled from the nth call
// of Err on, so a test can cancel "in the middle" without timing.
type countingCtx struct {
	context.Context
	calls atomic.Int64
	after int64
	done  chan struct{}
	once  atomic.Bool
}

func newCountingCtx(after int64) *countingCtx {
	return &countingCtx{Context: context.Background(), after: after, done: make(chan struct{})}
}

func (c *countingCtx) Err() error {
	if c.calls.Add(1) > c.after {
		if c.once.CompareAndSwap(false, true) {
			close(c.done)
		}
		return context.Canceled
	}
	return nil
}

func (c *countingCtx) Done() <-chan struct{} { return c.done }

func TestRenderStopsWhenCancelled(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 30, 1, line("@ana", "a long night", 2))
	p := plan(scene.SettingCity, scene.Storm, scene.Festive, scene.Fireworks, scene.Lightning)
	var evs []scene.Event
	for f := 0; f < 30*24; f += 30 {
		evs = append(evs, scene.Event{Kind: scene.EventFireworkBurst, Frame: f, X: 0.5, Distance: 500, Size: 1})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Render(ctx, req, p, evs, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Render with a cancelled context returned %v, want context.Canceled", err)
	}
	// Cancel after n checks: Render must notice and give up instead of
	// finishing half a minute of sound. It checks about every 85 ms of audio
	// per layer, so a full render makes hundreds of checks.
	full := newCountingCtx(math.MaxInt64)
	if _, err := Render(full, req, p, evs, nil); err != nil {
		t.Fatal(err)
	}
	total := full.calls.Load()
	if total < 500 {
		t.Fatalf("a 30 s render checked its context only %d times; it cannot stop promptly", total)
	}
	t.Logf("a 30 s render checks its context %d times", total)
	for _, n := range []int64{0, 3, 40, total / 3, total - 10} {
		ctx := newCountingCtx(n)
		st, err := Render(ctx, req, p, evs, nil)
		if !errors.Is(err, context.Canceled) || st != nil {
			t.Fatalf("cancelled after %d of %d checks: got %v, %v; want nil, context.Canceled", n, total, st != nil, err)
		}
		// Once cancelled, at most a handful of further checks should be
		// needed to stop every goroutine (one per layer at most).
		if extra := ctx.calls.Load() - n; extra > 40 {
			t.Errorf("cancelled after %d checks, Render kept going for %d more", n, extra)
		}
	}
}

// cancelAfter wraps a real cancellable context and cancels it from the
// nth check of Err on, so a render is cancelled mid-way without timing.
type cancelAfter struct {
	context.Context
	cancel context.CancelFunc
	calls  atomic.Int64
	after  int64
}

func (c *cancelAfter) Err() error {
	if c.calls.Add(1) == c.after {
		c.cancel()
	}
	return c.Context.Err()
}

func TestRenderHonoursARealCancel(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 30, 1)
	p := plan(scene.SettingCity, scene.Storm, scene.Festive)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &cancelAfter{Context: ctx, cancel: cancel, after: 100}
	if _, err := Render(c, req, p, nil, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Render returned %v after its context was cancelled, want context.Canceled", err)
	}
	if extra := c.calls.Load() - c.after; extra > 40 {
		t.Errorf("Render kept checking %d more times after the cancel", extra)
	}
}

func TestRenderRejectsBadInput(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := request(t, 2, 1)
	if _, err := Render(context.Background(), req, nil, nil, nil); err == nil || !strings.Contains(err.Error(), "plan") {
		t.Errorf("nil plan: got %v, want an error about the plan", err)
	}
	short := &Dialogue{Len: 100}
	if _, err := Render(context.Background(), req, plan(scene.SettingField, scene.Clear, scene.Calm), nil, short); err == nil {
		t.Error("dialogue of the wrong length was accepted")
	}
	bad := req
	bad.Duration.Frames = 0
	if _, err := Render(context.Background(), bad, plan(scene.SettingField, scene.Clear, scene.Calm), nil, nil); err == nil {
		t.Error("a clip of no frames was accepted")
	}
}
