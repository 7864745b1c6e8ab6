package onnx

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	ort "github.com/yalue/onnxruntime_go"
)

// Benchmarks on the real-architecture pack (testdata/real/tiny-sd-real) at
// the reference settings: 64x64, 4 Euler steps, guidance 7.5.

// BenchmarkRealStages splits a generation's wall time by stage: the
// tokenizer, each model's Run (text encoder, each UNet step, VAE decoder,
// RGBA conversion) and what is left, the pipeline's own overhead.
func BenchmarkRealStages(b *testing.B) {
	pl := loadPipelineAt(b, realPack(b))
	p := realParams(b, pl)
	var start time.Time
	byRole := map[string]time.Duration{}
	runs := map[string]int{}
	p.beforeRun = func(string) { start = time.Now() }
	p.afterRun = func(role string, _ error) { byRole[role] += time.Since(start); runs[role]++ }
	if _, err := pl.Generate(context.Background(), p); err != nil { // warm up
		b.Fatal(err)
	}
	clear(byRole)
	clear(runs)
	var wall, tok time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		for _, text := range []string{"", realPrompt} {
			pl.tok.EncodePadded(text, SeqLen)
		}
		tok += time.Since(t0)
		res, err := pl.Generate(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		wall += res.Stats.Wall
	}
	n := float64(b.N)
	ms := func(d time.Duration) float64 { return float64(d) / n / 1e6 }
	var inRun time.Duration
	for _, d := range byRole {
		inRun += d
	}
	b.ReportMetric(ms(tok), "ms-tokenize")
	b.ReportMetric(ms(byRole["text encoder"]), "ms-text")
	b.ReportMetric(ms(byRole["UNet"])/float64(runs["UNet"]/b.N), "ms/UNet-step")
	b.ReportMetric(ms(byRole["VAE decoder"]), "ms-VAE")
	b.ReportMetric(ms(byRole["RGBA conversion"]), "ms-RGBA")
	b.ReportMetric(ms(wall-inRun), "ms-overhead")
	b.ReportMetric(100*float64(wall-inRun)/float64(wall), "%overhead")
}

// bareSessions are the pack's three graphs run directly on ONNX Runtime,
// with tensors made once: the floor a pipeline cannot beat.
type bareSessions struct {
	text, unet, dec  *ort.DynamicAdvancedSession
	ids              *ort.Tensor[int64]
	hidden           *ort.Tensor[float32]
	sample, out      *ort.Tensor[float32]
	step             *ort.Scalar[float32]
	latent, image    *ort.Tensor[float32]
	x                []float32
	rgba             []byte
	sigmas, timestep []float64
}

func openBare(b *testing.B, dir string) *bareSessions {
	b.Helper()
	requireRuntime(b)
	opts, err := newSessionOptions(SessionConfig{Policy: PolicyCPU})
	if err != nil {
		b.Fatal(err)
	}
	defer opts.Destroy()
	open := func(file string, in, out []string) *ort.DynamicAdvancedSession {
		s, err := ort.NewDynamicAdvancedSession(filepath.Join(dir, filepath.FromSlash(file)), in, out, opts)
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	s := &bareSessions{
		text: open(FileTextEncoder, []string{"input_ids"}, []string{"last_hidden_state"}),
		unet: open(FileUNet, []string{"sample", "timestep", "encoder_hidden_states"}, []string{"out_sample"}),
		dec:  open(FileVAEDecoder, []string{"latent_sample"}, []string{"sample"}),
	}
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	ids := make([]int64, 2*SeqLen)
	for i := range ids {
		ids[i] = 49407
	}
	ids[0], ids[SeqLen] = 49406, 49406
	s.ids, err = ort.NewTensor(ort.NewShape(2, SeqLen), ids)
	must(err)
	s.hidden, err = ort.NewEmptyTensor[float32](ort.NewShape(2, SeqLen, 32))
	must(err)
	s.sample, err = ort.NewEmptyTensor[float32](ort.NewShape(2, 4, 8, 8))
	must(err)
	s.out, err = ort.NewEmptyTensor[float32](ort.NewShape(2, 4, 8, 8))
	must(err)
	s.latent, err = ort.NewEmptyTensor[float32](ort.NewShape(1, 4, 8, 8))
	must(err)
	s.image, err = ort.NewEmptyTensor[float32](ort.NewShape(1, 3, 64, 64))
	must(err)
	s.x = make([]float32, 256)
	s.rgba = make([]byte, 4*64*64)
	s.sigmas = []float64{4.1167, 1.6237, 0.6984, 0.0413, 0}
	s.timestep = []float64{751, 501, 251, 1}
	return s
}

// generate is one text-to-image run with guidance: the text encoder once,
// the UNet once per step (a new scalar timestep each, as it must be made),
// an Euler update, the VAE decoder and the conversion to 8-bit RGBA.
func (s *bareSessions) generate(b *testing.B) {
	if err := s.text.Run([]ort.Value{s.ids}, []ort.Value{s.hidden}); err != nil {
		b.Fatal(err)
	}
	for i := range s.timestep {
		sig := float32(s.sigmas[i])
		scale := 1 / float32(math.Sqrt(float64(sig*sig)+1))
		in := s.sample.GetData()
		for k, v := range s.x {
			in[k], in[k+256] = v*scale, v*scale
		}
		step, err := ort.NewScalar(float32(s.timestep[i]))
		if err != nil {
			b.Fatal(err)
		}
		err = s.unet.Run([]ort.Value{s.sample, step, s.hidden}, []ort.Value{s.out})
		step.Destroy()
		if err != nil {
			b.Fatal(err)
		}
		out := s.out.GetData()
		dt := float32(s.sigmas[i+1]) - sig
		for k := range s.x {
			u, c := out[k], out[k+256]
			s.x[k] += (u + 7.5*(c-u)) * dt
		}
	}
	lat := s.latent.GetData()
	for k, v := range s.x {
		lat[k] = v / DefaultVAEScale
	}
	if err := s.dec.Run([]ort.Value{s.latent}, []ort.Value{s.image}); err != nil {
		b.Fatal(err)
	}
	// 8-bit RGBA, as a still needs.
	img := s.image.GetData()
	for k := 0; k < 64*64; k++ {
		for c := 0; c < 3; c++ {
			s.rgba[4*k+c] = unitToByte(img[c*64*64+k])
		}
		s.rgba[4*k+3] = 255
	}
}

// BenchmarkRealTryVsBare compares `kino models try`'s generation (the
// pipeline with warm sessions, as Pipeline.Try runs it) with the same
// graphs run bare; sessions are made before timing on both sides. The
// ratio is reported as Kino/bare (target at most 1.05).
func BenchmarkRealTryVsBare(b *testing.B) {
	dir := realPack(b)
	pl := loadPipelineAt(b, dir)
	bare := openBare(b, dir)
	opt := TryOptions{Prompt: realPrompt, Seed: realSeed, Steps: realSteps, Guidance: realGuidance, Width: realSize, Height: realSize}
	for i := 0; i < 2; i++ { // warm up both
		if _, err := pl.Try(context.Background(), opt, 0); err != nil {
			b.Fatal(err)
		}
		bare.generate(b)
	}
	var kino, raw []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ { // interleaved, each first in turn, so load on the machine hits both alike
		for k := 0; k < 2; k++ {
			t0 := time.Now()
			if (i+k)%2 == 0 {
				if _, err := pl.Try(context.Background(), opt, 0); err != nil {
					b.Fatal(err)
				}
				kino = append(kino, time.Since(t0))
			} else {
				bare.generate(b)
				raw = append(raw, time.Since(t0))
			}
		}
	}
	// Medians and minimums: on a shared machine the mean mostly measures
	// the neighbours.
	mk, mb := median(kino), median(raw)
	b.ReportMetric(float64(mk)/1e6, "ms-kino-median")
	b.ReportMetric(float64(mb)/1e6, "ms-bare-median")
	b.ReportMetric(float64(mk)/float64(mb), "kino/bare-median")
	b.ReportMetric(float64(slices.Min(kino))/float64(slices.Min(raw)), "kino/bare-min")
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkRealPackLoad loads the pack's sessions (time and peak resident
// memory over the process before), then asks the backend for it a second
// time, which shares the loaded sessions.
func BenchmarkRealPackLoad(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("peak RSS is read from /proc (Linux only)")
	}
	requireRuntime(b)
	dir := realPack(b)
	var first, second time.Duration
	var peak int64
	for i := 0; i < b.N; i++ {
		freeMemory()
		base := readStatusKB(b, "VmRSS")
		if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
			b.Fatalf("resetting the peak RSS: %v", err)
		}
		bk := NewBackend(Config{Dirs: []string{filepath.Dir(dir)}, Session: SessionConfig{Policy: PolicyCPU}, IdleTimeout: -1})
		pack, err := bk.pick(filepath.Base(dir))
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		lp, err := bk.acquire(pack)
		if err != nil {
			b.Fatal(err)
		}
		first += time.Since(t0)
		peak += readStatusKB(b, "VmHWM") - base
		t1 := time.Now()
		lp2, err := bk.acquire(pack)
		if err != nil {
			b.Fatal(err)
		}
		second += time.Since(t1)
		if lp2.pl != lp.pl {
			b.Fatal("the second load made new sessions")
		}
		bk.release(pack.Dir, lp2)
		bk.release(pack.Dir, lp)
		bk.Close()
	}
	n := float64(b.N)
	b.ReportMetric(float64(first)/n/1e6, "ms-load")
	b.ReportMetric(float64(peak)/n/1024, "MB-peak")
	b.ReportMetric(float64(second)/n/1e3, "µs-second-load")
}
