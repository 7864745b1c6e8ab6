package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/jobs"
	"kino/engine/previz"
	"kino/project"
	"kino/project/sqlite"
	"kino/ui"
)

// installTestPack copies one of the ONNX engine's test packs into the
// models folder of the isolated data directory and returns its name.
func installTestPack(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "engine", "onnx", "testdata", "packs", name)
	if _, err := os.Stat(src); err != nil {
		t.Fatalf("the test needs the ONNX test pack %s: %v", src, err)
	}
	dst := filepath.Join(ModelsDir(), name)
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("installing test pack %s: %v", name, err)
	}
	return name
}

// engineJSON runs kino engine PATH --json.
func engineJSON(t *testing.T, film string) engineState {
	t.Helper()
	var st engineState
	if err := json.Unmarshal([]byte(mustKino(t, "engine", film, "--json")), &st); err != nil {
		t.Fatalf("kino engine --json: %v", err)
	}
	return st
}

func TestEngineCommandShowsAndChoosesTheEngine(t *testing.T) {
	isolate(t)
	film := filepath.Join(t.TempDir(), "film.kino")
	mustKino(t, "new", film)

	out := mustKino(t, "engine", film)
	for _, want := range []string{"Engine:      previz", "Engines:     onnx, previz", "Model packs: none installed in " + ModelsDir()} {
		if !strings.Contains(out, want) {
			t.Fatalf("kino engine output lacks %q:\n%s", want, out)
		}
	}

	// Mistakes: an unknown engine is a usage error listing the choices;
	// previz takes no model; a model that is not installed is refused.
	if _, errs, code := kino(t, "engine", film, "bogus"); code != exitUsage || !strings.Contains(errs, "onnx, previz") {
		t.Fatalf("unknown engine: exit %d, stderr %q", code, errs)
	}
	if _, errs, code := kino(t, "engine", film, "previz", "sd"); code != exitUsage || !strings.Contains(errs, "no model packs") {
		t.Fatalf("previz with a model: exit %d, stderr %q", code, errs)
	}
	if _, errs, code := kino(t, "engine", film, "onnx", "later-pack"); code != exitError || !strings.Contains(errs, `"later-pack" is not installed`) || !strings.Contains(errs, "--force") {
		t.Fatalf("missing model: exit %d, stderr %q", code, errs)
	}
	if st := engineJSON(t, film); st.Engine != project.DefaultEngine {
		t.Fatalf("refused choices changed the engine to %+v", st.Engine)
	}

	// --force chooses a pack to install later.
	out, errs, code := kino(t, "engine", film, "onnx", "later-pack", "--force")
	if code != 0 || !strings.Contains(out, "Engine: onnx:later-pack (was previz)") || !strings.Contains(errs, "not installed yet") {
		t.Fatalf("--force: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if st := engineJSON(t, film); st.Engine != (project.Engine{Backend: "onnx", Model: "later-pack"}) {
		t.Fatalf("stored engine %+v", st.Engine)
	}

	// An installed pack is listed and can be chosen.
	pack := installTestPack(t, "tiny-sd-b1")
	st := engineJSON(t, film)
	if len(st.Packs) != 1 || st.Packs[0].Name != pack || !st.Packs[0].CanRefine || st.ModelsDir != ModelsDir() {
		t.Fatalf("packs listed: %+v", st)
	}
	if out := mustKino(t, "engine", film, "onnx", pack); !strings.Contains(out, "Engine: onnx:"+pack+" (was onnx:later-pack)") {
		t.Fatalf("choosing the installed pack: %q", out)
	}
	if out := mustKino(t, "engine", film); !strings.Contains(out, "  "+pack) || !strings.Contains(out, "[chosen]") {
		t.Fatalf("listing after choosing: %q", out)
	}
	if out := mustKino(t, "engine", film, "onnx", pack); !strings.Contains(out, "already onnx:"+pack) {
		t.Fatalf("choosing it again: %q", out)
	}
	if out := mustKino(t, "engine", film, "onnx"); !strings.Contains(out, "onnx (the first installed model pack)") {
		t.Fatalf("default model: %q", out)
	}
	mustKino(t, "engine", film, "previz")
	if st := engineJSON(t, film); st.Engine != project.DefaultEngine {
		t.Fatalf("back to previz: %+v", st.Engine)
	}
}

func TestNewWithEngine(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	if _, errs, code := kino(t, "new", filepath.Join(dir, "a"), "--engine", "bogus"); code != exitUsage || !strings.Contains(errs, "onnx, previz") {
		t.Fatalf("--engine bogus: exit %d, stderr %q", code, errs)
	}
	if _, errs, code := kino(t, "new", filepath.Join(dir, "b"), "--engine", "onnx:not-here"); code != exitError || !strings.Contains(errs, "not installed") {
		t.Fatalf("--engine with a missing pack: exit %d, stderr %q", code, errs)
	}
	for _, n := range []string{"a.kino", "b.kino"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Fatalf("a refused kino new created %s", n)
		}
	}
	film := filepath.Join(dir, "c.kino")
	if out := mustKino(t, "new", film, "--engine", "onnx"); !strings.Contains(out, "engine onnx") {
		t.Fatalf("kino new output %q", out)
	}
	if st := engineJSON(t, film); st.Engine != (project.Engine{Backend: "onnx"}) {
		t.Fatalf("engine of the new project %+v", st.Engine)
	}
	pack := installTestPack(t, "tiny-sd-b1")
	film = filepath.Join(dir, "d.kino")
	mustKino(t, "new", film, "--engine", "onnx:"+pack)
	if st := engineJSON(t, film); st.Engine != (project.Engine{Backend: "onnx", Model: pack}) {
		t.Fatalf("engine of the new project %+v", st.Engine)
	}
}

func TestShotEditStrength(t *testing.T) {
	isolate(t)
	film := filepath.Join(t.TempDir(), "film.kino")
	mustKino(t, "new", film)
	mustKino(t, "shot", "add", film, "a lighthouse", "--strength", "0.25")
	mustKino(t, "shot", "add", film, "a harbour")
	mustKino(t, "shot", "edit", film, "2", "--strength", "0.6")
	var shots []project.Shot
	if err := json.Unmarshal([]byte(mustKino(t, "shot", "list", film, "--json")), &shots); err != nil {
		t.Fatal(err)
	}
	if len(shots) != 2 || shots[0].Strength != 0.25 || shots[1].Strength != 0.6 {
		t.Fatalf("strengths %+v", shots)
	}
	for _, bad := range []string{"1.5", "-0.1", "abc", "NaN", "Inf", ""} {
		if _, errs, code := kino(t, "shot", "edit", film, "2", "--strength", bad); code != exitUsage || !strings.Contains(errs, "from 0 to 1") {
			t.Errorf("--strength %q: exit %d, stderr %q", bad, code, errs)
		}
	}
	mustKino(t, "shot", "edit", film, "2", "--strength", "0")
	shots = nil
	json.Unmarshal([]byte(mustKino(t, "shot", "list", film, "--json")), &shots)
	if shots[1].Strength != 0 {
		t.Fatalf("strength after setting 0: %g", shots[1].Strength)
	}
}

func TestGenerateUsesTheProjectEngine(t *testing.T) {
	isolate(t)
	film := filepath.Join(t.TempDir(), "film.kino")
	mustKino(t, "new", film, "--size", "160x90")
	mustKino(t, "shot", "add", film, "a red kite over a hill", "--duration", "12f", "--seed", "3")

	// A previz take is reused after the shot gains a strength: previz
	// ignores it, so the take's content address does not change.
	mustKino(t, "generate", film, "1")
	mustKino(t, "shot", "edit", film, "1", "--strength", "0.5")
	if out := mustKino(t, "generate", film, "1"); !strings.Contains(out, "reused") {
		t.Fatalf("previz generate after adding a strength: %q", out)
	}

	// The project's engine generates: here a model pack that is missing,
	// which fails before any take is made.
	mustKino(t, "engine", film, "onnx", "later-pack", "--force")
	if _, errs, code := kino(t, "generate", film, "1"); code != exitError || !strings.Contains(errs, `"later-pack" is not installed`) {
		t.Fatalf("generate with a missing pack: exit %d, stderr %q", code, errs)
	}
	var takes []project.Take
	json.Unmarshal([]byte(mustKino(t, "take", "list", film, "1", "--json")), &takes)
	if len(takes) != 1 {
		t.Fatalf("%d takes, want the one previz take", len(takes))
	}
	// --backend overrides the project's engine, and previz still reuses.
	if out := mustKino(t, "generate", film, "1", "--backend", "previz"); !strings.Contains(out, "reused") {
		t.Fatalf("generate --backend previz: %q", out)
	}
	for _, args := range [][]string{
		{"generate", film, "1", "--backend", "bogus"},
		{"generate", film, "1", "--backend", "previz", "--model", "x"},
	} {
		if _, errs, code := kino(t, args...); code != exitUsage {
			t.Errorf("kino %s: exit %d (stderr %q), want 2", strings.Join(args, " "), code, errs)
		}
	}
}

// recordingBackend renders with previz under another name and records
// the requests it gets.
type recordingBackend struct {
	name string
	caps engine.Capabilities
	mu   sync.Mutex
	reqs []engine.Request
}

func (b *recordingBackend) Name() string                      { return b.name }
func (b *recordingBackend) Capabilities() engine.Capabilities { return b.caps }
func (b *recordingBackend) Generate(ctx context.Context, req engine.Request, progress engine.ProgressFunc) (engine.Clip, error) {
	b.mu.Lock()
	b.reqs = append(b.reqs, req)
	b.mu.Unlock()
	return previz.New().Generate(ctx, req, progress)
}

func (b *recordingBackend) requests() []engine.Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]engine.Request(nil), b.reqs...)
}

// renderOnce queues shot id on r and waits for the job to finish.
func renderOnce(t *testing.T, r *studioRenderer, done <-chan jobs.Event, id int64) {
	t.Helper()
	job, err := r.Generate(id, ui.GenerateOptions{})
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	deadline := time.After(2 * time.Minute) // a hang, not a timing assertion
	for {
		select {
		case ev := <-done:
			if ev.ID != job {
				continue
			}
			if ev.Outcome != project.TakeDone {
				t.Fatalf("job ended %s: %v", ev.Outcome, ev.Err)
			}
			return
		case <-deadline:
			t.Fatal("the render never finished")
		}
	}
}

func TestStudioRendererUsesTheProjectEngine(t *testing.T) {
	isolate(t)
	ctx := context.Background()
	p, err := sqlite.Create(filepath.Join(t.TempDir(), "film"), "Film")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	settings, _ := p.Project(ctx)
	settings.Resolution = project.Resolution{Width: 160, Height: 90}
	settings.Engine = project.Engine{Backend: "neural", Model: "pack-a"}
	if _, err := p.Apply(ctx, project.UpdateProject{Project: *settings}); err != nil {
		t.Fatal(err)
	}
	shot := project.NewShot("waves at night", settings.Rate, 9)
	shot.Duration = project.Frames(6, settings.Rate)
	shot.Strength = 0.35
	res, err := p.Apply(ctx, project.AddShot{Shot: *shot, Index: -1})
	if err != nil {
		t.Fatal(err)
	}
	id := res.ID

	done := make(chan jobs.Event, 64)
	q := jobs.NewQueue(1, func(ev jobs.Event) {
		if ev.State == jobs.Finished {
			done <- ev
		}
	})
	defer q.Close()
	nn := &recordingBackend{name: "neural", caps: engine.Capabilities{Neural: true, Models: []string{"pack-a"}}}
	pv := &recordingBackend{name: "previz"}
	r := &studioRenderer{queue: q, store: p, backends: map[string]engine.Backend{"neural": nn, "previz": pv}, now: time.Now}

	renderOnce(t, r, done, id)
	if reqs := nn.requests(); len(reqs) != 1 || reqs[0].Model != "pack-a" || reqs[0].Strength != 0.35 || len(pv.requests()) != 0 {
		t.Fatalf("neural engine got %+v; previz got %d requests", reqs, len(pv.requests()))
	}
	takes, _ := p.Takes(ctx, id)
	if len(takes) != 1 || takes[0].Backend != "neural" || takes[0].Model != "pack-a" {
		t.Fatalf("takes %+v", takes)
	}

	// Choosing previz switches the next generation, without the strength.
	settings, _ = p.Project(ctx)
	settings.Engine = project.DefaultEngine
	p.Apply(ctx, project.UpdateProject{Project: *settings})
	renderOnce(t, r, done, id)
	if reqs := pv.requests(); len(reqs) != 1 || reqs[0].Model != "" || reqs[0].Strength != 0 {
		t.Fatalf("previz got %+v", reqs)
	}

	// An engine this Kino does not have is refused with the choices.
	settings.Engine = project.Engine{Backend: "gone"}
	p.Apply(ctx, project.UpdateProject{Project: *settings})
	_, err = r.Generate(id, ui.GenerateOptions{})
	if project.ErrorCode(err) != project.ENOTFOUND || !strings.Contains(err.Error(), `"gone"`) || !strings.Contains(err.Error(), "neural, previz") {
		t.Fatalf("unknown engine: %v", err)
	}
	// A test override wins over the project's engine.
	over := &recordingBackend{name: "override"}
	r.override = over
	renderOnce(t, r, done, id)
	if len(over.requests()) != 1 {
		t.Fatal("the override backend did not render")
	}

	// The real onnx engine refuses a pack that is not installed, at once.
	r.override, r.backends = nil, backends()
	settings.Engine = project.Engine{Backend: "onnx", Model: "not-installed"}
	p.Apply(ctx, project.UpdateProject{Project: *settings})
	if _, err := r.Generate(id, ui.GenerateOptions{}); err == nil || !strings.Contains(err.Error(), `"not-installed" is not installed`) {
		t.Fatalf("missing pack: %v", err)
	}
}

func TestEngineNamesWhyAPackIsRejected(t *testing.T) {
	isolate(t)
	film := filepath.Join(t.TempDir(), "film.kino")
	mustKino(t, "new", film)
	broken := filepath.Join(ModelsDir(), "broken")
	if err := os.MkdirAll(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(broken, "model_index.json"), []byte("{ not json"), 0o644)
	_, errs, code := kino(t, "engine", film, "onnx", "broken")
	if code != 1 || strings.Contains(errs, "not installed") || !strings.Contains(errs, "cannot be used") || !strings.Contains(errs, "model_index.json") {
		t.Fatalf("choosing a rejected pack: exit %d, %q; want why it was rejected", code, errs)
	}
	_, errs, code = kino(t, "engine", film, "onnx", "absent")
	if code != 1 || !strings.Contains(errs, "not installed") {
		t.Fatalf("choosing a missing pack: exit %d, %q", code, errs)
	}
}
