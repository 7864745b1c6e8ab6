package onnx

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"kino/engine"
	"kino/engine/audio"
	"kino/project"
)

func testRequest(model string, seconds int64) engine.Request {
	r := engine.DefaultRequest()
	r.Model = model
	r.Prompt = testPrompt
	r.NegativePrompt = testNegative
	r.Duration = project.Seconds(seconds, project.DefaultRate)
	r.Width, r.Height = 320, 180
	r.Seed = 3
	return r
}

func newTestBackend(t *testing.T, cfg Config) *Backend {
	t.Helper()
	requireRuntime(t)
	if cfg.Dirs == nil {
		cfg.Dirs = []string{filepath.Join("testdata", "packs")}
	}
	if cfg.Session.Policy == "" {
		cfg.Session.Policy = PolicyCPU
	}
	b := NewBackend(cfg)
	t.Cleanup(b.Close)
	return b
}

func TestBackendVideo(t *testing.T) {
	var soundReq engine.Request
	b := newTestBackend(t, Config{Soundtrack: func(ctx context.Context, req engine.Request) (*audio.Soundtrack, error) {
		soundReq = req
		st := silence(req)
		st.Mix.Samples[0] = 0.5
		return st, nil
	}})
	if b.Name() != "onnx" {
		t.Errorf("Name = %q", b.Name())
	}
	caps := b.Capabilities()
	if !caps.Neural || !caps.Audio || strings.Join(caps.Models, ",") != "bench-video,slow-sd,tiny-sd,tiny-sd-b1,tiny-sd-fp16,tiny-video,tiny-video-fp16" {
		t.Errorf("capabilities = %+v", caps)
	}
	var stages []string
	req := testRequest("tiny-video", 2)
	c, err := b.Generate(context.Background(), req, func(p engine.Progress) {
		if len(stages) == 0 || stages[len(stages)-1] != p.Stage {
			stages = append(stages, p.Stage)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(stages, ","); got != "load,denoise,decode" {
		t.Errorf("progress stages %s, want load,denoise,decode", got)
	}
	info := c.Info()
	if info.Width != 320 || info.Height != 180 || info.Frames != 48 || info.Backend != "onnx" || info.Model != "tiny-video" ||
		info.Seed != 3 || info.Rate != project.DefaultRate || !strings.HasPrefix(info.ModelHash, "quick:") {
		t.Errorf("info = %+v", info)
	}
	if len(info.Notes) != 0 {
		t.Errorf("notes on a CPU run asked for the CPU: %v", info.Notes)
	}
	cl := c.(*clip)
	if len(cl.frames) != 16 { // 2 s at the pack's 8 fps
		t.Errorf("%d generated frames, want 16", len(cl.frames))
	}
	// 24 fps clip over 8 fps frames: frames 0-2 show generated frame 0, 3-5 frame 1.
	f0, _ := c.Frame(0)
	f2, _ := c.Frame(2)
	f3, _ := c.Frame(3)
	if !sameImage(f0, f2) || sameImage(f0, f3) {
		t.Error("clip frames do not hold each generated frame for three clip frames")
	}
	want := image.NewRGBA(image.Rect(0, 0, 320, 180))
	scaleRGBA(want, coverCrop(cl.frames[1], want.Rect.Dx(), want.Rect.Dy()))
	if !sameImage(f3, want) {
		t.Error("clip frame 3 is not generated frame 1 scaled to the clip's size")
	}
	if err := c.RenderFrame(48, image.NewRGBA(image.Rect(0, 0, 320, 180))); err == nil {
		t.Error("RenderFrame past the end succeeded")
	}
	if err := c.RenderFrame(0, image.NewRGBA(image.Rect(0, 0, 32, 18))); err == nil {
		t.Error("RenderFrame into a wrong-sized buffer succeeded")
	}
	st, err := c.Soundtrack()
	if err != nil || st.Mix.Samples[0] != 0.5 || soundReq.Prompt != testPrompt {
		t.Errorf("soundtrack = %v, %v; want the configured source's", st, err)
	}
}

func sameImage(a, b image.Image) bool {
	ra, rb := a.(*image.RGBA), b.(*image.RGBA)
	if ra.Rect != rb.Rect {
		return false
	}
	for i := range ra.Pix {
		if ra.Pix[i] != rb.Pix[i] {
			return false
		}
	}
	return true
}

func TestBackendKeyframesAndDefaults(t *testing.T) {
	b := newTestBackend(t, Config{})
	c, err := b.Generate(context.Background(), testRequest("tiny-sd", 3), nil)
	if err != nil {
		t.Fatal(err)
	}
	cl := c.(*clip)
	if len(cl.frames) != 3 { // one keyframe per second at 24 fps
		t.Errorf("%d keyframes for 3 s, want 3", len(cl.frames))
	}
	if cl.frames[0].Rect.Dx() != 64 || cl.frames[0].Rect.Dy() != 64 {
		t.Errorf("generated at %v, want the pack's 64x64", cl.frames[0].Rect)
	}
	f23, _ := c.Frame(23)
	f24, _ := c.Frame(24)
	f0, _ := c.Frame(0)
	if !sameImage(f0, f23) || sameImage(f23, f24) {
		t.Error("keyframes are not held for a second each")
	}
	info := c.Info()
	if info.ModelHash != strings.Repeat("0", 64) {
		t.Errorf("model hash %q, want the manifest's", info.ModelHash)
	}
	st, _ := c.Soundtrack()
	if st == nil || st.Mix.Len() != 3*audio.SampleRate || len(st.Missing) == 0 {
		t.Errorf("without a sound source the clip should be 3 s of silence saying why: %+v", st)
	}
	// The same request gives the same frames; the same session serves it.
	before := b.loaded[filepath.Join(mustAbs(t, packDir("tiny-sd")))].pl
	c2, err := b.Generate(context.Background(), testRequest("tiny-sd", 3), nil)
	if err != nil {
		t.Fatal(err)
	}
	g2, _ := c2.Frame(30)
	g1, _ := c.Frame(30)
	if !sameImage(g1, g2) {
		t.Error("the same request gave different frames")
	}
	if after := b.loaded[mustAbs(t, packDir("tiny-sd"))].pl; after != before {
		t.Error("the second take loaded the pack again instead of sharing its sessions")
	}
}

func mustAbs(t *testing.T, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// testFrames is a FrameSource: testFrame(i) for clip frame i, recording
// which frames were asked for, and a soundtrack marked by its first sample.
type testFrames struct {
	w, h   int
	mu     sync.Mutex
	asked  []int
	sounds int
}

func (f *testFrames) Frame(i int) (image.Image, error) {
	f.mu.Lock()
	f.asked = append(f.asked, i)
	f.mu.Unlock()
	return testFrame(i, f.w, f.h), nil
}

func (f *testFrames) Soundtrack(ctx context.Context) (*audio.Soundtrack, error) {
	f.mu.Lock()
	f.sounds++
	f.mu.Unlock()
	st := silence(testRequest("", 1))
	st.Mix.Samples[0] = 0.25
	return st, nil
}

func TestBackendRefine(t *testing.T) {
	var src *testFrames
	soundCalls := 0
	b := newTestBackend(t, Config{
		Frames: func(ctx context.Context, req engine.Request) (FrameSource, error) {
			src = &testFrames{w: req.Width, h: req.Height}
			return src, nil
		},
		Soundtrack: func(ctx context.Context, req engine.Request) (*audio.Soundtrack, error) {
			soundCalls++
			return silence(req), nil
		},
	})
	req := testRequest("tiny-video", 1)
	req.Strength = 0.6
	c, err := b.Generate(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 1 s at 24 fps over 8 generated frames: each refines clip frame 3g.
	if fmt.Sprint(src.asked) != "[0 3 6 9 12 15 18 21]" {
		t.Errorf("refine asked for clip frames %v", src.asked)
	}
	// The sound comes from the refined frames' source, once; the plain
	// sound source is not asked (it would read the scene again).
	st, _ := c.Soundtrack()
	if src.sounds != 1 || soundCalls != 0 || st.Mix.Samples[0] != 0.25 {
		t.Errorf("refined take's sound: %d from its frames, %d from the sound source, first sample %v", src.sounds, soundCalls, st.Mix.Samples[0])
	}
	// Without refine, the frames are not asked for and the sound source
	// makes the sound (when it is asked for).
	src = nil
	req.Strength = 0
	c2, err := b.Generate(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if soundCalls != 0 {
		t.Errorf("the sound was made before it was asked for")
	}
	c2.Soundtrack()
	if src != nil || soundCalls != 1 {
		t.Errorf("take without refine: frames asked %v, sound source called %d times", src != nil, soundCalls)
	}
	// A pack without a VAE encoder generates from text and says so.
	req = testRequest("tiny-sd", 1)
	req.Model = "slow-sd"
	req.Strength, req.Steps = 0.5, 1
	b2 := newTestBackend(t, Config{})
	if err := b2.pickOnly(t, req); err != nil {
		t.Fatal(err)
	}
}

// pickOnly checks the refine plan of req without generating.
func (b *Backend) pickOnly(t *testing.T, req engine.Request) error {
	req, _, err := req.Normalize()
	if err != nil {
		return err
	}
	p, err := b.pick(req.Model)
	if err != nil {
		return err
	}
	lp, err := b.acquire(p)
	if err != nil {
		return err
	}
	defer b.release(p.Dir, lp)
	params, _, _, notes, err := b.plan(context.Background(), lp.pl, req)
	if err != nil {
		return err
	}
	if params.Init != nil || len(notes) == 0 || !strings.Contains(notes[0], "refine skipped") {
		t.Errorf("refine without a frame source: init %v, notes %v", params.Init != nil, notes)
	}
	return nil
}

func TestBackendProviderFallback(t *testing.T) {
	rt := requireRuntime(t)
	// DirectML exists only on Windows; CUDA is missing from the CPU build
	// of ONNX Runtime that CI uses (a GPU machine checks DirectML alone).
	cases := map[Policy]string{PolicyDirectML: "DirectML is not available on " + runtime.GOOS}
	if runtime.GOOS == "windows" {
		cases = map[Policy]string{PolicyCoreML: "CoreML is not available on windows"}
	}
	if !rt.Available("CUDA") {
		cases[PolicyAuto] = "CUDA unavailable: " + findProviderErr(rt, "CUDA")
		cases[PolicyCUDA] = "CUDA unavailable"
	}
	for policy, want := range cases {
		b := newTestBackend(t, Config{Session: SessionConfig{Policy: policy}})
		c, err := b.Generate(context.Background(), testRequest("tiny-sd", 1), nil)
		if err != nil {
			t.Fatalf("policy %s: the take failed instead of falling back to the CPU: %v", policy, err)
		}
		notes := strings.Join(c.Info().Notes, "\n")
		if !strings.Contains(notes, want) || !strings.Contains(notes, "running on the CPU") {
			t.Errorf("policy %s: notes lack %q and the CPU notice:\n%s", policy, want, notes)
		}
	}
}

func TestBackendErrors(t *testing.T) {
	b := newTestBackend(t, Config{})
	_, err := b.Generate(context.Background(), testRequest("no-such-model", 1), nil)
	if project.ErrorCode(err) != project.ENOTFOUND {
		t.Errorf("unknown model: %v, want ENOTFOUND", err)
	}
	if err == nil || !strings.Contains(err.Error(), "tiny-sd") {
		t.Errorf("unknown model error %v does not list the installed ones", err)
	}
	empty := newTestBackend(t, Config{Dirs: []string{t.TempDir()}})
	if _, err := empty.Generate(context.Background(), testRequest("", 1), nil); project.ErrorCode(err) != project.ENOTFOUND {
		t.Errorf("no packs: %v, want ENOTFOUND", err)
	}
	bad := testRequest("tiny-sd", 1)
	bad.Width = 5
	if _, err := b.Generate(context.Background(), bad, nil); project.ErrorCode(err) != project.EINVALID {
		t.Errorf("a 5-pixel-wide request: %v, want EINVALID", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Generate(ctx, testRequest("tiny-sd", 1), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	// A broken pack is reported, and the others keep working.
	dir := filepath.Dir(copyPack(t, "tiny-sd"))
	copyFile(filepath.Join("testdata", "badmodels", "unet-3ch.onnx"), filepath.Join(dir, "tiny-sd", FileUNet))
	broken := newTestBackend(t, Config{Dirs: []string{dir, filepath.Join("testdata", "packs")}})
	if _, err := broken.Generate(context.Background(), testRequest("tiny-sd", 1), nil); err == nil || !strings.Contains(err.Error(), "input sample") {
		t.Errorf("a pack with a wrong UNet: %v", err)
	}
	if _, err := broken.Generate(context.Background(), testRequest("tiny-video", 1), nil); err != nil {
		t.Errorf("another pack after a broken one: %v", err)
	}
}

func TestBackendIdleRelease(t *testing.T) {
	b := newTestBackend(t, Config{IdleTimeout: 20 * time.Millisecond})
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = b.Generate(context.Background(), testRequest("tiny-sd-fp16", 1), nil)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("concurrent take %d: %v", i, err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(b.Loaded()) > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if l := b.Loaded(); len(l) != 0 {
		t.Fatalf("sessions still loaded after the idle timeout: %v", l)
	}
	if _, err := b.Generate(context.Background(), testRequest("tiny-sd-fp16", 1), nil); err != nil {
		t.Fatalf("generating after an idle release: %v", err)
	}
	b.Close()
	if l := b.Loaded(); len(l) != 0 {
		t.Errorf("Close left %v loaded", l)
	}
	if _, err := b.Generate(context.Background(), testRequest("tiny-sd-fp16", 1), nil); !errors.Is(err, errClosed) {
		t.Errorf("Generate after Close: %v", err)
	}
}

func TestBackendWatch(t *testing.T) {
	models := t.TempDir()
	b := newTestBackend(t, Config{Dirs: []string{models}})
	if m := b.Capabilities().Models; len(m) != 0 {
		t.Fatalf("models in an empty folder: %v", m)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan []PackEvent, 8)
	done := make(chan error, 1)
	go func() { done <- b.Watch(ctx, 30*time.Millisecond, func(evs []PackEvent) { ch <- evs }) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Watch: %v", err)
		}
	}()
	if err := os.Rename(copyPack(t, "tiny-sd"), filepath.Join(models, "tiny-sd")); err != nil {
		t.Fatal(err)
	}
	for evs := nextEvents(t, ch); eventsString(evs) != "added tiny-sd"; evs = nextEvents(t, ch) {
	}
	if m := b.Capabilities().Models; len(m) != 1 || m[0] != "tiny-sd" {
		t.Fatalf("after a pack was dropped in, models = %v", m)
	}
	if _, err := b.Generate(context.Background(), testRequest("tiny-sd", 1), nil); err != nil {
		t.Fatal(err)
	}
	if l := b.Loaded(); len(l) != 1 {
		t.Fatalf("loaded = %v", l)
	}
	if err := os.RemoveAll(filepath.Join(models, "tiny-sd")); err != nil {
		t.Fatal(err)
	}
	for evs := nextEvents(t, ch); eventsString(evs) != "removed tiny-sd"; evs = nextEvents(t, ch) {
	}
	if m, l := b.Capabilities().Models, b.Loaded(); len(m) != 0 || len(l) != 0 {
		t.Fatalf("after removal: models %v, loaded %v", m, l)
	}
	if _, err := b.Generate(context.Background(), testRequest("tiny-sd", 1), nil); project.ErrorCode(err) != project.ENOTFOUND {
		t.Errorf("generating with a removed pack: %v", err)
	}
}

func TestPackTokenizer(t *testing.T) {
	p, err := OpenPack(packDir("tiny-sd"))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := PackTokenizer(p)
	if err != nil {
		t.Fatal(err)
	}
	ids, truncated, count := tok.EncodePadded("a cat on the beach at sunset", SeqLen)
	// BOS, a, cat, on, the, beach, at, sunset, EOS: every word is one
	// token of the tiny vocabulary (make-tiny-packs.py's merges).
	if count != 9 || truncated || ids[0] != int64(tok.BOS()) || ids[8] != int64(tok.EOS()) || ids[76] != int64(tok.Pad()) {
		t.Errorf("ids %v (count %d, truncated %v)", ids[:10], count, truncated)
	}
	// A special_tokens_map.json padding with "!" (Stable Diffusion 2).
	dir := copyPack(t, "tiny-sd")
	os.WriteFile(filepath.Join(dir, "tokenizer", "special_tokens_map.json"), []byte(`{"pad_token": {"content": "!"}}`), 0o644)
	p2, _ := OpenPack(dir)
	tok2, err := PackTokenizer(p2)
	if err != nil || tok2.Pad() != 0 {
		t.Errorf("pad token with special_tokens_map.json: %v, %v", tok2.Pad(), err)
	}
}

// A neural take without a sound source is silent with its four stems, so
// it is stored like any other take (not as mix only).
func TestSilenceCarriesStems(t *testing.T) {
	st := silence(testRequest("tiny-sd", 1))
	if len(st.Stems) != len(audio.Stems) || st.Mix.Len() == 0 {
		t.Fatalf("silence has %d stems, mix %d frames", len(st.Stems), st.Mix.Len())
	}
	st.Mix.Samples[0] = 1
	for name, p := range st.Stems {
		if p.Len() != st.Mix.Len() || p.Samples[0] != 0 {
			t.Fatalf("%s stem shares the mix's samples or differs in length", name)
		}
	}
}
