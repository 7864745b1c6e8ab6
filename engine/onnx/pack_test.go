package onnx

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kino/engine/schedule"
)

// copyPack copies testdata pack name into a temporary models folder and
// returns the copy's path.
func copyPack(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	src := packDir(name)
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(path, target)
	})
	if err != nil {
		t.Fatalf("copying pack %s: %v", name, err)
	}
	return dst
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func TestOpenPackReadsLayout(t *testing.T) {
	p, err := OpenPack(packDir("tiny-sd"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "tiny-sd" || p.DisplayName() != "Tiny SD" || p.Licence() != "CC0-1.0" || !p.HasEncoder {
		t.Errorf("pack = %+v", p)
	}
	if p.Manifest.Steps != 4 || p.Manifest.Guidance != 7.5 || p.Manifest.Resolution != 64 || p.Manifest.SHA256 != strings.Repeat("0", 64) {
		t.Errorf("manifest = %+v", p.Manifest)
	}
	if p.Pipeline != "OnnxStableDiffusionPipeline" || p.Scheduler.ClassName != "EulerDiscreteScheduler" {
		t.Errorf("pipeline %q, scheduler class %q", p.Pipeline, p.Scheduler.ClassName)
	}
	if k, err := p.SamplerKind(""); err != nil || k != schedule.Euler {
		t.Errorf("SamplerKind = %v, %v", k, err)
	}
	// No manifest: the scheduler config's class decides; PNDM falls back to Euler.
	b1, err := OpenPack(packDir("tiny-sd-b1"))
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := b1.SamplerKind(""); k != schedule.DDIM || b1.DisplayName() != "tiny-sd-b1" || b1.Licence() != "" {
		t.Errorf("tiny-sd-b1: sampler %v, name %q", k, b1.DisplayName())
	}
	fp16, err := OpenPack(packDir("tiny-sd-fp16"))
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := fp16.SamplerKind(""); k != schedule.Euler {
		t.Errorf("PNDM pack sampler = %v, want euler", k)
	}
	if k, err := fp16.SamplerKind("EulerAncestralDiscreteScheduler"); err != nil || k != schedule.EulerAncestral {
		t.Errorf("SamplerKind(class) = %v, %v", k, err)
	}
	if _, err := fp16.SamplerKind("heun"); err == nil {
		t.Error("an unknown scheduler name was accepted")
	}
	if noEnc, err := OpenPack(packDir("slow-sd")); err != nil || noEnc.HasEncoder {
		t.Errorf("pack without an encoder: %v, %+v", err, noEnc)
	}
	// Without a scheduler config: the Stable Diffusion 1.x schedule, noted.
	dir := copyPack(t, "tiny-sd-b1")
	os.Remove(filepath.Join(dir, FileScheduler))
	bare, err := OpenPack(dir)
	if err != nil || len(bare.Notes) != 1 || !strings.Contains(bare.Notes[0], "Stable Diffusion 1.x") ||
		bare.Scheduler.BetaSchedule != schedule.BetaScaledLinear {
		t.Errorf("pack without a scheduler config: %v, notes %v", err, bare.Notes)
	}
}

func TestScanDirs(t *testing.T) {
	packs, rejected := ScanDirs(filepath.Join("testdata", "packs"), filepath.Join(t.TempDir(), "absent"))
	if len(rejected) != 0 {
		t.Errorf("rejected: %v", rejected)
	}
	var names []string
	for _, p := range packs {
		names = append(names, p.Name)
	}
	want := "bench-video slow-sd tiny-sd tiny-sd-b1 tiny-sd-fp16 tiny-video tiny-video-fp16"
	if strings.Join(names, " ") != want {
		t.Errorf("packs %v, want %s", names, want)
	}
	// A second folder with a pack of the same name, a broken pack, a loose
	// file and a hidden folder.
	dir := filepath.Dir(copyPack(t, "tiny-sd"))
	if err := os.MkdirAll(filepath.Join(dir, "half"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "readme.txt"), []byte("hi"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".trash"), 0o755)
	packs, rejected = ScanDirs(filepath.Join("testdata", "packs"), dir)
	if len(packs) != 7 || len(rejected) != 2 {
		t.Fatalf("%d packs and rejected %v; want 7 packs, 2 rejected", len(packs), rejected)
	}
	if rejected[0].Name != "half" || !strings.Contains(rejected[0].Err.Error(), "missing") {
		t.Errorf("rejected[0] = %v", rejected[0])
	}
	if rejected[1].Name != "tiny-sd" || !strings.Contains(rejected[1].Err.Error(), "same name") {
		t.Errorf("rejected[1] = %v", rejected[1])
	}
}

// TestBrokenPacks breaks a copy of a good pack in the ways packs break in
// the wild and checks each gives its clear error (and no crash).
func TestBrokenPacks(t *testing.T) {
	requireRuntime(t)
	cases := []struct {
		name   string
		pack   string
		break_ func(t *testing.T, dir string)
		want   []string // substrings of the error
		half   bool     // the error should say incomplete
		deep   bool     // only Inspect (ONNX Runtime) can tell
	}{
		{"missing model", "tiny-sd", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, FileVAEDecoder))
		}, []string{"missing", FileVAEDecoder}, true, false},
		{"missing tokenizer", "tiny-sd", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, FileMerges))
		}, []string{"missing", "merges.txt"}, true, false},
		{"missing external weights", "tiny-sd", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "unet", "model.onnx_data"))
		}, []string{FileUNet, "model.onnx_data is missing"}, true, false},
		{"truncated external weights", "tiny-sd", func(t *testing.T, dir string) {
			os.Truncate(filepath.Join(dir, "unet", "model.onnx_data"), 100)
		}, []string{FileUNet, "model.onnx_data has 100 bytes but the model needs 136"}, true, false},
		{"truncated model", "tiny-sd", func(t *testing.T, dir string) {
			path := filepath.Join(dir, FileTextEncoder)
			fi, _ := os.Stat(path)
			os.Truncate(path, fi.Size()/2)
		}, []string{FileTextEncoder, "cut short"}, true, false},
		{"empty model", "tiny-sd", func(t *testing.T, dir string) {
			os.Truncate(filepath.Join(dir, FileVAEEncoder), 0)
		}, []string{FileVAEEncoder, "empty"}, true, false},
		{"garbage bytes", "tiny-sd", func(t *testing.T, dir string) {
			r := rand.New(rand.NewPCG(1, 2))
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			os.WriteFile(filepath.Join(dir, FileTextEncoder), b, 0o644)
		}, []string{FileTextEncoder}, false, false},
		{"text file as model", "tiny-sd", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, FileUNet), []byte("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 3438167534\n"), 0o644)
		}, []string{FileUNet, "Git LFS pointer", "not an ONNX model"}, false, false},
		{"well-formed but broken graph", "tiny-sd", func(t *testing.T, dir string) {
			path := filepath.Join(dir, FileTextEncoder)
			b, _ := os.ReadFile(path)
			b = bytes.Replace(b, []byte("Gather"), []byte("Gathxr"), 1)
			os.WriteFile(path, b, 0o644)
		}, []string{FileTextEncoder, "ONNX Runtime cannot load it"}, false, true},
		{"UNet with 3 channels", "tiny-sd", func(t *testing.T, dir string) {
			copyFile(filepath.Join("testdata", "badmodels", "unet-3ch.onnx"), filepath.Join(dir, FileUNet))
			os.Remove(filepath.Join(dir, "unet", "model.onnx_data"))
		}, []string{FileUNet, "input sample is float [?,3,?,?]", "[batch, 4, height, width]"}, false, true},
		{"text encoder with 64 tokens", "tiny-sd", func(t *testing.T, dir string) {
			copyFile(filepath.Join("testdata", "badmodels", "text-encoder-64.onnx"), filepath.Join(dir, FileTextEncoder))
		}, []string{FileTextEncoder, "input input_ids is int64 [?,64]", "[batch, 77]"}, false, true},
		{"VAE decoder in the UNet's place", "tiny-sd", func(t *testing.T, dir string) {
			copyFile(filepath.Join(dir, FileVAEDecoder), filepath.Join(dir, FileUNet))
			os.Remove(filepath.Join(dir, "unet", "model.onnx_data"))
		}, []string{FileUNet, "input latent_sample", "only the inputs sample, timestep, encoder_hidden_states"}, false, true},
		{"parts of different models", "tiny-sd", func(t *testing.T, dir string) {
			copyFile(filepath.Join(packDir("bench-video"), FileTextEncoder), filepath.Join(dir, FileTextEncoder))
		}, []string{"768-wide", "8-wide", FileTextEncoder + " gives", FileUNet + " takes", "[batch, 77, 768]", "[batch, 77, 8]"}, false, true},
		{"bad manifest", "tiny-sd", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, FileManifest), []byte("{name: oops"), 0o644)
		}, []string{FileManifest, "not valid JSON"}, false, false},
		{"unknown scheduler", "tiny-sd", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, FileManifest), []byte(`{"scheduler": "heun"}`), 0o644)
		}, []string{FileManifest, `unknown scheduler "heun"`}, false, false},
		{"bad scheduler config", "tiny-sd", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, FileScheduler), []byte(`{"beta_schedule": "cosine"}`), 0o644)
		}, []string{FileScheduler, "cosine"}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyPack(t, tc.pack)
			tc.break_(t, dir)
			p, err := OpenPack(dir)
			if !tc.deep {
				if err == nil {
					t.Fatal("OpenPack accepted the broken pack")
				}
			} else {
				if err != nil {
					t.Fatalf("OpenPack: %v (only inspection should catch this)", err)
				}
				_, err = Inspect(p)
				if err == nil {
					t.Fatal("Inspect accepted the broken pack")
				}
				if _, lerr := LoadPipeline(p, SessionConfig{Policy: PolicyCPU}); lerr == nil {
					t.Error("LoadPipeline accepted the broken pack")
				}
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			var pe *PackError
			if !errors.As(err, &pe) || pe.Pack != filepath.Base(dir) {
				t.Errorf("error %v is not a *PackError naming the pack", err)
			} else if pe.Incomplete() != tc.half {
				t.Errorf("Incomplete() = %v, want %v (%v)", pe.Incomplete(), tc.half, err)
			}
			if !strings.HasPrefix(msg, "model pack "+filepath.Base(dir)) {
				t.Errorf("error %q does not start with the pack's name", msg)
			}
		})
	}
}
