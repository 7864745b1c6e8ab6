package onnx

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ort "github.com/yalue/onnxruntime_go"

	"kino/engine/schedule"
)

// These tests hold Kino's pipeline to diffusers' own: the packs under
// testdata/real were exported from the real diffusers and transformers
// classes (with seeded random weights), and testdata/real/reference holds
// what diffusers' StableDiffusionPipeline computed from the same noise
// Kino draws for seed 42 (see testdata/real/README.md).

const (
	realDir       = "testdata/real"
	realPrompt    = "a lighthouse on a cliff at night"
	realSteps     = 4
	realGuidance  = 7.5
	realSize      = 64
	realSeed      = 42
	tolText       = 1e-5
	tolLatent     = 1e-4
	tolImageLevel = 1
)

// realPack returns the folder of the real-architecture pack with the
// folders of overlays laid over it (each file of an overlay replaces the
// pack's), assembled from links in a temporary folder when there are any.
func realPack(t testing.TB, overlays ...string) string {
	t.Helper()
	base, err := filepath.Abs(filepath.Join(realDir, "tiny-sd-real"))
	if err != nil {
		t.Fatal(err)
	}
	if len(overlays) == 0 {
		return base
	}
	dir := filepath.Join(t.TempDir(), "tiny-sd-real-"+filepath.Base(overlays[len(overlays)-1]))
	for _, src := range append([]string{base}, overlays...) {
		src, err := filepath.Abs(src)
		if err != nil {
			t.Fatal(err)
		}
		err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src, path)
			dst := filepath.Join(dir, rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			_ = os.Remove(dst)
			return os.Symlink(path, dst)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadPipelineAt loads the pack in dir on the CPU; the test closes it.
func loadPipelineAt(t testing.TB, dir string) *Pipeline {
	t.Helper()
	requireRuntime(t)
	pack, err := OpenPack(dir)
	if err != nil {
		t.Fatalf("opening pack: %v", err)
	}
	pl, err := LoadPipeline(pack, SessionConfig{Policy: PolicyCPU})
	if err != nil {
		t.Fatalf("loading pipeline: %v", err)
	}
	t.Cleanup(pl.Close)
	return pl
}

func refPath(name string) string {
	return filepath.Join(realDir, "reference", "kinonoise_"+name)
}

// maxDiff returns the largest |got-want| and where it is.
func maxDiff(got []float32, want []float64) (float64, int) {
	worst, at := 0.0, -1
	for i := range want {
		d := math.Abs(float64(got[i]) - want[i])
		if math.IsNaN(d) || d > worst {
			worst, at = d, i
			if math.IsNaN(d) {
				return math.Inf(1), i
			}
		}
	}
	return worst, at
}

// checkClose fails when got and want (the same length) differ by more
// than tol anywhere, or when want is all zero (a test that cannot fail).
func checkClose(t testing.TB, what string, got []float32, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, reference has %d", what, len(got), len(want))
	}
	nonzero := false
	for _, v := range want {
		nonzero = nonzero || v != 0
	}
	if !nonzero {
		t.Fatalf("%s: the reference is all zero", what)
	}
	if d, at := maxDiff(got, want); d > tol {
		t.Errorf("%s: differs from diffusers by %.3g at element %d (%g, reference %g); tolerance %g", what, d, at, got[at], want[at], tol)
	} else {
		t.Logf("%s: within %.2g of diffusers (tolerance %g)", what, d, tol)
	}
}

// realParams is the reference run as Kino parameters.
func realParams(t testing.TB, pl *Pipeline) Params {
	kind, err := pl.Pack.SamplerKind("")
	if err != nil {
		t.Fatal(err)
	}
	if kind != schedule.Euler {
		t.Fatalf("the pack's scheduler_config.json gives sampler %s, want euler", kind)
	}
	return Params{Prompt: realPrompt, Seed: realSeed, Steps: realSteps, Guidance: realGuidance,
		Sampler: kind, Width: realSize, Height: realSize, Frames: 1}
}

// tolerances bound a run's differences from diffusers'.
type tolerances struct {
	text, initNoise, latent float64
	levels                  int
}

// float32Tolerances are the bounds for a float32 pack on the CPU.
var float32Tolerances = tolerances{text: tolText, initNoise: 1e-6, latent: tolLatent, levels: tolImageLevel}

// runReference generates the reference run on the float32 pack in dir and
// checks every stage against diffusers.
func runReference(t *testing.T, dir string) {
	runReferenceWith(t, dir, float32Tolerances)
}

// runReferenceWith generates the reference run on the pack in dir and
// checks every stage against diffusers within tol.
func runReferenceWith(t *testing.T, dir string, tol tolerances) {
	pl := loadPipelineAt(t, dir)
	p := realParams(t, pl)

	// Token ids: row 0 the (empty) negative prompt, row 1 the prompt.
	wantIDs, _ := readNpy(t, refPath("input_ids.npy"))
	for r, text := range []string{"", realPrompt} {
		ids, _, _ := pl.tok.EncodePadded(text, SeqLen)
		for i, id := range ids {
			if float64(id) != wantIDs[r*SeqLen+i] {
				t.Fatalf("token %d of %q is %d, CLIPTokenizer gives %g", i, text, id, wantIDs[r*SeqLen+i])
			}
		}
	}
	s, err := schedule.New(p.Sampler, pl.Pack.Scheduler, p.Steps)
	if err != nil {
		t.Fatal(err)
	}
	wantTS, _ := readNpy(t, refPath("timesteps.npy"))
	for i, ts := range s.Timesteps() {
		if ts != wantTS[i] {
			t.Fatalf("timestep %d is %g, diffusers uses %g", i, ts, wantTS[i])
		}
	}

	var text [][]float32
	latents := map[int][]float32{}
	p.onText = func(rows [][]float32) { text = rows }
	p.onLatent = func(step int, x []float32) { latents[step] = append([]float32(nil), x...) }
	res, err := pl.Generate(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}

	wantText, _ := readNpy(t, refPath("text_embeds.npy"))
	if len(text) != 2 {
		t.Fatalf("%d text rows, want 2 (negative, prompt)", len(text))
	}
	checkClose(t, "text embeddings", append(append([]float32(nil), text[0]...), text[1]...), wantText, tol.text)

	// The reference starts from the unit normal latents Kino draws for
	// seed 42 (before init_noise_sigma): they must never change.
	wantInit, _ := readNpy(t, refPath("init_latents.npy"))
	unit := make([]float32, len(latents[-1]))
	for i, v := range latents[-1] {
		unit[i] = v / float32(s.InitNoiseSigma())
	}
	checkClose(t, "seed 42's initial noise", unit, wantInit, tol.initNoise)
	for i := 0; i < realSteps; i++ {
		want, _ := readNpy(t, refPath(fmt.Sprintf("latents_step%d.npy", i)))
		checkClose(t, fmt.Sprintf("latents after step %d", i), latents[i], want, tol.latent)
	}

	ref := readPNG(t, refPath("image.png"))
	worst := 0
	img := res.Frames[0]
	for y := 0; y < realSize; y++ {
		for x := 0; x < realSize; x++ {
			for c := 0; c < 3; c++ {
				a := int(img.Pix[img.PixOffset(x, y)+c])
				b := int(ref.Pix[ref.PixOffset(x, y)+c])
				worst = max(worst, abs(a-b))
			}
		}
	}
	if worst > tol.levels {
		t.Errorf("the 8-bit image differs from diffusers' by %d levels (tolerance %d)", worst, tol.levels)
	} else {
		t.Logf("8-bit image: within %d level(s) of diffusers", worst)
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func readPNG(t testing.TB, path string) *image.RGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	return toRGBA(img, img.Bounds().Dx(), img.Bounds().Dy())
}

// TestFidelityScalarTimestep runs the pack as current Optimum exports it:
// the UNet's timestep is a float32 scalar.
func TestFidelityScalarTimestep(t *testing.T) {
	runReference(t, realPack(t))
}

// TestFidelityInt64Timestep runs the same UNet with the older Optimum
// layout, timestep int64 [steps] (packaging/timestep-int64.py).
func TestFidelityInt64Timestep(t *testing.T) {
	dir := realPack(t, filepath.Join(realDir, "overlays", "int64-steps"))
	pack, err := OpenPack(dir)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := Inspect(pack)
	if err != nil {
		t.Fatal(err)
	}
	if spec.UNet.Timestep != typeInt64 || len(spec.UNet.TimestepDims) != 1 {
		t.Fatalf("the overlay's timestep is %s%v, want int64 [steps]", typeName(spec.UNet.Timestep), spec.UNet.TimestepDims)
	}
	runReference(t, dir)
}

// TestFidelityRefineEncoder refines (SDEdit) the reference image: Kino
// encodes it with the VAE encoder, whose output is latent_parameters
// (mean and log-variance, as Optimum >= 1.23 exports it), takes the mean,
// scales it and noises it to the start step. That starting latent is
// checked against diffusers' encoder output on the same image.
func TestFidelityRefineEncoder(t *testing.T) {
	pl := loadPipelineAt(t, realPack(t))
	if pl.Spec.Encoder == nil || pl.Spec.Encoder.Output != "latent_parameters" {
		t.Fatalf("the pack's VAE encoder should give latent_parameters, got %+v", pl.Spec.Encoder)
	}
	// The reference image as float [64][64][3] in [0, 1], handed to Kino
	// as a 16-bit image (Kino keeps 16-bit precision for the encoder).
	px, _ := readNpy(t, refPath("image.npy"))
	ref := image.NewRGBA64(image.Rect(0, 0, realSize, realSize))
	for y := 0; y < realSize; y++ {
		for x := 0; x < realSize; x++ {
			c := func(k int) uint16 { return uint16(math.Round(px[(y*realSize+x)*3+k] * 65535)) }
			ref.SetRGBA64(x, y, color.RGBA64{c(0), c(1), c(2), 0xffff})
		}
	}
	p := realParams(t, pl)
	p.Init = func(int) (image.Image, error) { return ref, nil }
	p.Strength = 0.5
	var start []float32
	first := startStep(p.Steps, p.Strength)
	steps := 0
	p.onLatent = func(step int, x []float32) {
		if step == first-1 {
			start = append([]float32(nil), x...)
		} else {
			steps++
		}
	}
	res, err := pl.Generate(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if steps != p.Steps-first {
		t.Fatalf("refine ran %d steps, want %d", steps, p.Steps-first)
	}
	params, shape := readNpy(t, refPath("encoder_latent_parameters.npy"))
	if len(shape) != 4 || shape[1] != 8 {
		t.Fatalf("reference latent_parameters shape %v", shape)
	}
	noise, _ := readNpy(t, refPath("init_latents.npy"))
	s, err := schedule.New(p.Sampler, pl.Pack.Scheduler, p.Steps)
	if err != nil {
		t.Fatal(err)
	}
	sigma := s.Sigmas()[first]
	want := make([]float64, len(noise))
	for i := range want { // the mean is the first 4 of the 8 channels
		want[i] = float64(float32(DefaultVAEScale*params[i])) + sigma*noise[i]
	}
	// 16-bit quantisation moves the encoder's input by at most 1.5e-5.
	checkClose(t, "refine start latent (encoder mean, scaled, noised)", start, want, tolLatent)
	if len(res.Frames) != 1 {
		t.Fatalf("%d frames", len(res.Frames))
	}
}

// TestFloat16ScalarTimestepRefusedAtLoad: a float16 rank-0 timestep is
// refused when the pack is inspected, naming the input, not mid-take.
func TestFloat16ScalarTimestepRefusedAtLoad(t *testing.T) {
	in := []ort.InputOutputInfo{
		{Name: "sample", DataType: typeFloat16, Dimensions: ort.Shape{-1, 4, -1, -1}, OrtValueType: ort.ONNXTypeTensor},
		{Name: "timestep", DataType: typeFloat16, Dimensions: ort.Shape{}, OrtValueType: ort.ONNXTypeTensor},
		{Name: "encoder_hidden_states", DataType: typeFloat16, Dimensions: ort.Shape{-1, 77, 32}, OrtValueType: ort.ONNXTypeTensor},
	}
	out := []ort.InputOutputInfo{{Name: "out_sample", DataType: typeFloat16, Dimensions: ort.Shape{-1, 4, -1, -1}, OrtValueType: ort.ONNXTypeTensor}}
	_, err := checkUNet(in, out)
	if err == nil || !strings.Contains(err.Error(), "input timestep is float16 []") {
		t.Fatalf("float16 scalar timestep: %v", err)
	}
}
