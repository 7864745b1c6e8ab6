package previz

import (
	"bytes"
	"context"
	"errors"
	"image"
	"runtime"
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/project"
)

func TestBackendContract(t *testing.T) {
	b := New()
	if b.Name() != "previz" {
		t.Errorf("name %q", b.Name())
	}
	c := b.Capabilities()
	if !c.Deterministic || !c.LazyFrames || !c.Audio || c.Neural {
		t.Errorf("capabilities %+v", c)
	}
}

func TestGenerateReportsProgressAndInfo(t *testing.T) {
	req := engine.DefaultRequest()
	req.Prompt = "me on the beach at sunset with a glass of champagne while fireworks cut the sky"
	req.Width, req.Height = 320, 180
	req.Seed = 42
	var stages []string
	c, err := New().Generate(context.Background(), req, func(p engine.Progress) { stages = append(stages, p.Stage) })
	if err != nil {
		t.Fatal(err)
	}
	if len(stages) != 2 || stages[0] != "plan" || stages[1] != "ready" {
		t.Errorf("progress stages %v; want [plan ready]", stages)
	}
	info := c.Info()
	if info.Width != 320 || info.Height != 180 || info.Frames != 120 || info.Backend != "previz" || info.Seed != 42 || info.Rate != project.DefaultRate {
		t.Errorf("info %+v", info)
	}
	// The prompt shows: a warm sky at the top.
	img, err := c.Frame(60)
	if err != nil {
		t.Fatal(err)
	}
	rgba := img.(*image.RGBA)
	if r, _, b := meanRGB(rgba, 0, 60); r < b+20 {
		t.Errorf("the sunset prompt's top third: mean R %.0f, B %.0f", r, b)
	}
}

func TestGenerateWithCameoPrompt(t *testing.T) {
	req := engine.DefaultRequest()
	req.Prompt = "me standing in a park, wide shot"
	req.Width, req.Height = 320, 180
	req.Cast = []engine.CastCameo{{Handle: "@ana", Name: "Ana", IsSelf: true, Image: magentaFigure(120, 240)}}
	c, err := New().Generate(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	img, err := c.Frame(10)
	if err != nil {
		t.Fatal(err)
	}
	if n, _, _, _ := magentaStats(img.(*image.RGBA)); n < 50 {
		t.Errorf("%d magenta pixels: the cast cameo is not in the picture", n)
	}
}

func TestGenerateHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := engine.DefaultRequest()
	req.Prompt = "a storm over the city"
	c, err := New().Generate(ctx, req, nil)
	if !errors.Is(err, context.Canceled) || c != nil {
		t.Errorf("Generate with a cancelled context: %v, %v; want context.Canceled", c, err)
	}
}

func TestGenerateRejectsBadRequests(t *testing.T) {
	for name, mut := range map[string]func(*engine.Request){
		"zero size":   func(r *engine.Request) { r.Width, r.Height = 0, 0 },
		"huge width":  func(r *engine.Request) { r.Width = 100000 },
		"huge height": func(r *engine.Request) { r.Height = engine.MaxSide + 1 },
		"tiny":        func(r *engine.Request) { r.Height = 8 },
		"no frames":   func(r *engine.Request) { r.Duration.Frames = 0 },
		"too long":    func(r *engine.Request) { r.Duration.Frames = engine.MaxFrames + 1 },
		"bad rate":    func(r *engine.Request) { r.Duration.Rate = project.Rate{} },
		"binary":      func(r *engine.Request) { r.Prompt = string(make([]byte, 64)) },
	} {
		req := engine.DefaultRequest()
		mut(&req)
		c, err := New().Generate(context.Background(), req, nil)
		if err == nil || c != nil {
			t.Errorf("%s: Generate gave %v, %v; want an error", name, c, err)
		} else if project.ErrorCode(err) != project.EINVALID {
			t.Errorf("%s: error %v has code %q; want EINVALID", name, err, project.ErrorCode(err))
		}
	}
}

func TestRenderFrameChecksItsArguments(t *testing.T) {
	req := engine.DefaultRequest()
	req.Width, req.Height = 64, 36
	c, err := New().Generate(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	ok := image.NewRGBA(image.Rect(0, 0, 64, 36))
	for name, f := range map[string]func() error{
		"negative frame": func() error { return c.RenderFrame(-1, ok) },
		"past the end":   func() error { return c.RenderFrame(c.Info().Frames, ok) },
		"nil buffer":     func() error { return c.RenderFrame(0, nil) },
		"wrong size":     func() error { return c.RenderFrame(0, image.NewRGBA(image.Rect(0, 0, 32, 36))) },
	} {
		if err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A buffer whose bounds do not start at the origin works.
	off := image.NewRGBA(image.Rect(10, 20, 74, 56))
	if err := c.RenderFrame(3, off); err != nil {
		t.Fatal(err)
	}
	want, _ := c.Frame(3)
	for y := 0; y < 36; y++ {
		for x := 0; x < 64; x++ {
			if off.RGBAAt(x+10, y+20) != want.(*image.RGBA).RGBAAt(x, y) {
				t.Fatalf("offset buffer differs at %d,%d", x, y)
			}
		}
	}
}

func TestSoundtrackIsRenderedOnce(t *testing.T) {
	req := engine.DefaultRequest()
	req.Prompt = "fireworks over the beach at night"
	req.Width, req.Height = 64, 36
	req.Duration = project.Seconds(2, project.DefaultRate)
	c, err := New().Generate(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	s1, err := c.Soundtrack()
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := c.Soundtrack()
	if s1 != s2 {
		t.Error("the soundtrack was rendered twice")
	}
	if s1.Mix.Rate != audio.SampleRate || s1.Mix.Channels != 2 || s1.Mix.Len() != 2*audio.SampleRate {
		t.Errorf("mix: %d Hz, %d channels, %d frames; want 48 kHz stereo, 2 s", s1.Mix.Rate, s1.Mix.Channels, s1.Mix.Len())
	}
	if s1.Mix.Peak() == 0 {
		t.Error("the soundtrack is silent")
	}
}

func TestInterpret(t *testing.T) {
	in := New().Interpret(engine.Request{Prompt: "a dog on the beach at sunset", Duration: project.Seconds(1, project.DefaultRate), Width: 64, Height: 64})
	if len(in.Used) < 3 {
		t.Errorf("used terms %v; want dog, beach and sunset", in.Used)
	}
}

// TestMemoryDoesNotGrowWithLength renders every frame of a 5-second and
// a 60-second clip into one buffer: frames are not retained, so the peak
// heap and the bytes allocated per frame stay the same.
func TestMemoryDoesNotGrowWithLength(t *testing.T) {
	measure := func(secs int64) (peak uint64, perFrame float64) {
		req := engine.DefaultRequest()
		req.Prompt = "a crowd dancing on the beach at night with fireworks and confetti, handheld"
		req.Width, req.Height = 320, 180
		req.Duration = project.Seconds(secs, project.DefaultRate)
		runtime.GC()
		var m0 runtime.MemStats
		runtime.ReadMemStats(&m0)
		c, err := New().Generate(context.Background(), req, nil)
		if err != nil {
			t.Fatal(err)
		}
		dst := image.NewRGBA(image.Rect(0, 0, req.Width, req.Height))
		var m runtime.MemStats
		n := c.Info().Frames
		for i := 0; i < n; i++ {
			if err := c.RenderFrame(i, dst); err != nil {
				t.Fatal(err)
			}
			if i%48 == 0 || i == n-1 {
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
		}
		return peak, float64(m.TotalAlloc-m0.TotalAlloc) / float64(n)
	}
	p5, a5 := measure(5)
	p60, a60 := measure(60)
	t.Logf("peak heap: 5 s %.1f MB, 60 s %.1f MB; allocated per frame: %.0f B, %.0f B", float64(p5)/1e6, float64(p60)/1e6, a5, a60)
	if p60 > p5+8<<20 {
		t.Errorf("peak heap grew from %d to %d bytes with a 12 times longer clip", p5, p60)
	}
	if a60 > a5*2+4096 {
		t.Errorf("allocation per frame grew from %.0f to %.0f bytes", a5, a60)
	}
}

func TestHugeFrameRenders(t *testing.T) {
	req := engine.DefaultRequest()
	req.Prompt = "fireworks over a city at night in the rain"
	req.Width, req.Height = 3840, 2160
	req.Duration = project.Frames(30, project.DefaultRate)
	c, err := New().Generate(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	img, err := c.Frame(29)
	if err != nil {
		t.Fatal(err)
	}
	if l := meanLuma(img.(*image.RGBA)); l < 1 || l > 200 {
		t.Errorf("4K frame mean luma %.1f", l)
	}
}

func TestExtremeFrameShapes(t *testing.T) {
	for _, sz := range [][2]int{{16, 16}, {engine.MaxSide, 16}, {16, 2000}, {17, 31}} {
		req := engine.DefaultRequest()
		req.Prompt = "fireworks and confetti over a beach at sunset in the rain, a crowd dancing, orbit, cinematic"
		req.Width, req.Height = sz[0], sz[1]
		req.Duration = project.Frames(3, project.Rate{Num: 240, Den: 1})
		c, err := New().Generate(context.Background(), req, nil)
		if err != nil {
			t.Fatalf("%dx%d: %v", sz[0], sz[1], err)
		}
		for i := 0; i < 3; i++ {
			if _, err := c.Frame(i); err != nil {
				t.Fatalf("%dx%d frame %d: %v", sz[0], sz[1], i, err)
			}
		}
	}
}

func TestConcurrentFramesMatchSequentialOnes(t *testing.T) {
	req := engine.DefaultRequest()
	req.Prompt = "a woman dancing in the city at night with fireworks, neon, handheld"
	req.Width, req.Height = 160, 90
	req.Duration = project.Frames(16, project.DefaultRate)
	c, err := New().Generate(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]byte, 16)
	for i := range want {
		img, _ := c.Frame(i)
		want[i] = img.(*image.RGBA).Pix
	}
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func(g int) {
			for k := 0; k < 16; k++ {
				i := (k*5 + g*3) % 16
				img, err := c.Frame(i)
				if err == nil && !bytes.Equal(img.(*image.RGBA).Pix, want[i]) {
					err = errors.New("a frame rendered concurrently differs")
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}(g)
	}
	for g := 0; g < 4; g++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
