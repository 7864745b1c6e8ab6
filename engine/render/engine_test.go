package render_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/previz"
	"kino/engine/render"
	"kino/project"
	"kino/project/sqlite"
)

// namedBackend renders with previz under another name and records the
// requests it is given, standing in for a neural engine.
type namedBackend struct {
	name string
	pv   *previz.Backend
	mu   sync.Mutex
	reqs []engine.Request
}

func (b *namedBackend) Name() string                      { return b.name }
func (b *namedBackend) Capabilities() engine.Capabilities { return b.pv.Capabilities() }
func (b *namedBackend) Generate(ctx context.Context, req engine.Request, progress engine.ProgressFunc) (engine.Clip, error) {
	b.mu.Lock()
	b.reqs = append(b.reqs, req)
	b.mu.Unlock()
	return b.pv.Generate(ctx, req, progress)
}

func (b *namedBackend) last(t *testing.T) engine.Request {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.reqs) == 0 {
		t.Fatal("the backend was never asked to generate")
	}
	return b.reqs[len(b.reqs)-1]
}

var _ engine.Backend = (*namedBackend)(nil)

func setEngine(t *testing.T, p *sqlite.Project, e project.Engine) {
	t.Helper()
	ctx := context.Background()
	settings, err := p.Project(ctx)
	if err != nil {
		t.Fatal(err)
	}
	settings.Engine = e
	if _, err := p.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
		t.Fatal(err)
	}
}

func setStrength(t *testing.T, p *sqlite.Project, id int64, s float64) *project.Shot {
	t.Helper()
	ctx := context.Background()
	shot, err := p.Shot(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	shot.Strength = s
	if _, err := p.Apply(ctx, project.UpdateShot{Shot: *shot}); err != nil {
		t.Fatal(err)
	}
	shot, _ = p.Shot(ctx, id)
	return shot
}

func TestApplyEngine(t *testing.T) {
	shot := &project.Shot{Strength: 0.4, Steps: 6, Guidance: 3.5}
	onnx := project.Engine{Backend: "onnx", Model: "sd-turbo"}
	cases := []struct {
		name     string
		eng      project.Engine
		backend  string
		model    string
		strength float64
	}{
		{"the engine's backend renders", onnx, "onnx", "sd-turbo", 0.4},
		{"another backend renders", onnx, "previz", "", 0},
		{"previz is the engine", project.Engine{Backend: "previz", Model: "ignored"}, "previz", "", 0},
		{"onnx renders for a previz project", project.DefaultEngine, "onnx", "", 0},
		{"the backend's default model", project.Engine{Backend: "onnx"}, "onnx", "", 0.4},
	}
	for _, c := range cases {
		req := engine.DefaultRequest()
		req.Model, req.Strength = "stale", 0.9 // cleared or replaced
		render.ApplyEngine(&req, c.eng, shot, c.backend)
		if req.Model != c.model || req.Strength != c.strength {
			t.Errorf("%s: model %q strength %g, want %q %g", c.name, req.Model, req.Strength, c.model, c.strength)
		}
		// Steps and guidance travel with the strength: only to the
		// engine's own neural backend.
		neural := c.backend == c.eng.Backend && c.backend != "previz"
		if neural != (req.Steps == 6 && req.Guidance == 3.5) || !neural && (req.Steps != 0 || req.Guidance != 0) {
			t.Errorf("%s: steps %d guidance %g", c.name, req.Steps, req.Guidance)
		}
	}
}

func TestResolveCarriesTheProjectEngine(t *testing.T) {
	p, shot := mustProject(t, "a lighthouse in a storm")
	ctx := context.Background()
	shot = setStrength(t, p, shot.ID, 0.4)

	req, err := render.Resolve(ctx, p, nil, shot, 3, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if req.Model != "" || req.Strength != 0 {
		t.Fatalf("previz project: model %q strength %g, want none", req.Model, req.Strength)
	}

	setEngine(t, p, project.Engine{Backend: "onnx", Model: "sd-turbo"})
	req, err = render.Resolve(ctx, p, nil, shot, 3, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if req.Model != "sd-turbo" || req.Strength != 0.4 {
		t.Fatalf("onnx project: model %q strength %g, want sd-turbo 0.4", req.Model, req.Strength)
	}
}

// A shot's strength and the project's engine must not change the content
// address of previz takes: the earlier take is reused, not re-rendered.
func TestPrevizTakesKeepTheirHashWhenAShotGainsAStrength(t *testing.T) {
	p, shot := mustProject(t, "a fox in the snow")
	ctx := context.Background()
	first, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	setStrength(t, p, shot.ID, 0.7)
	again, err := render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Cached || again.Take.ID != first.Take.ID || again.Take.ParamsHash != first.Take.ParamsHash {
		t.Fatalf("previz take after adding a strength: cached=%v take %d (hash %s), first take %d (hash %s)",
			again.Cached, again.Take.ID, again.Take.ParamsHash, first.Take.ID, first.Take.ParamsHash)
	}
	// A project that generates with onnx, rendered with previz all the same.
	setEngine(t, p, project.Engine{Backend: "onnx", Model: "sd-turbo"})
	again, err = render.Take(ctx, p, previz.New(), shot.ID, render.Options{Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Cached || again.Take.ID != first.Take.ID || again.Take.Model != "" {
		t.Fatalf("previz take of an onnx project: cached=%v take %d model %q", again.Cached, again.Take.ID, again.Take.Model)
	}
}

func TestTakeGivesTheEngineItsModelAndStrength(t *testing.T) {
	p, shot := mustProject(t, "waves at night")
	ctx := context.Background()
	setStrength(t, p, shot.ID, 0.45)
	setEngine(t, p, project.Engine{Backend: "onnx", Model: "sd-turbo"})
	nn := &namedBackend{name: "onnx", pv: previz.New()}

	res, err := render.Take(ctx, p, nn, shot.ID, render.Options{Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if req := nn.last(t); req.Model != "sd-turbo" || req.Strength != 0.45 {
		t.Fatalf("backend got model %q strength %g, want sd-turbo 0.45", req.Model, req.Strength)
	}
	if res.Take.Backend != "onnx" || res.Take.Model != "sd-turbo" {
		t.Fatalf("take records backend %q model %q", res.Take.Backend, res.Take.Model)
	}

	// A new strength is a new render, not the cached take.
	setStrength(t, p, shot.ID, 0.8)
	res2, err := render.Take(ctx, p, nn, shot.ID, render.Options{Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Cached || res2.Take.ParamsHash == res.Take.ParamsHash || nn.last(t).Strength != 0.8 {
		t.Fatalf("new strength: cached=%v same hash=%v strength %g", res2.Cached, res2.Take.ParamsHash == res.Take.ParamsHash, nn.last(t).Strength)
	}

	// An override engine picks another model for this render only.
	_, err = render.Take(ctx, p, nn, shot.ID, render.Options{Seed: 5, Engine: &project.Engine{Backend: "onnx", Model: "other-pack"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if req := nn.last(t); req.Model != "other-pack" || req.Strength != 0.8 {
		t.Fatalf("override: backend got model %q strength %g", req.Model, req.Strength)
	}

	// A backend that is not the engine's gets neither.
	other := &namedBackend{name: "other", pv: previz.New()}
	if _, err := render.Take(ctx, p, other, shot.ID, render.Options{Seed: 5}, nil); err != nil {
		t.Fatal(err)
	}
	if req := other.last(t); req.Model != "" || req.Strength != 0 {
		t.Fatalf("other backend got model %q strength %g", req.Model, req.Strength)
	}
}
