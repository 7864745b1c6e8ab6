//go:build unix

package onnx

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHostilePackFiles: every file a pack names is read only when it is a
// regular file of a sane size. A FIFO model_index.json used to hang doctor
// for ever (ignoring Ctrl+C); /dev/zero ran it out of memory.
func TestHostilePackFiles(t *testing.T) {
	requireRuntime(t)
	fifo := func(t *testing.T, path string) {
		os.Remove(path)
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zero := func(t *testing.T, path string) {
		os.Remove(path)
		if err := os.Symlink("/dev/zero", path); err != nil {
			t.Fatal(err)
		}
	}
	sparse := func(t *testing.T, path string) {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(2 << 30); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name   string
		file   string
		break_ func(t *testing.T, path string)
		want   string
		load   bool // only loading the pipeline reads the file
	}{
		{"FIFO model_index.json", FileModelIndex, fifo, "not a regular file", false},
		{"/dev/zero kino-model.json", FileManifest, zero, "not a regular file", false},
		{"sparse 2 GB model_index.json", FileModelIndex, sparse, "larger than", false},
		{"FIFO scheduler config", FileScheduler, fifo, "not a regular file", false},
		{"FIFO unet/config.json", FileUNetConfig, fifo, "not a regular file", false},
		{"FIFO UNet model", FileUNet, fifo, "not a regular file", false},
		{"FIFO vocab.json", FileVocab, fifo, "not a regular file", false},
		{"/dev/zero merges.txt", FileMerges, zero, "not a regular file", false},
		{"FIFO special tokens map", "tokenizer/special_tokens_map.json", fifo, "not a regular file", true},
		{"FIFO VAE config", "vae_decoder/config.json", fifo, "not a regular file", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyPack(t, "tiny-sd")
			c.break_(t, filepath.Join(dir, filepath.FromSlash(c.file)))
			p, err := OpenPack(dir)
			if c.load {
				if err != nil {
					t.Fatalf("OpenPack: %v", err)
				}
				_, err = LoadPipeline(p, SessionConfig{Policy: PolicyCPU})
			}
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.file) {
				t.Fatalf("got %v, want an error naming %s and saying %q", err, c.file, c.want)
			}
		})
	}
}

// TestOddManifestNeverCrashesAGeneration: kino-model.json values out of
// range are reset with a note, which doctor prints; the pack generates.
func TestOddManifestNeverCrashesAGeneration(t *testing.T) {
	requireRuntime(t)
	dir := copyPack(t, "tiny-sd")
	m := `{"resolution": 99999999, "steps": -5, "fps": -1, "guidance": 1e308, "context_frames": 100000}`
	if err := os.WriteFile(filepath.Join(dir, FileManifest), []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
	report := DoctorPacks([]string{filepath.Dir(dir)}, true)
	if len(report.Packs) != 1 || !report.Packs[0].OK() {
		t.Fatalf("doctor: %s", report)
	}
	out := report.String()
	for _, field := range []string{"resolution 99999999", "steps -5", "fps -1", "guidance 1e+308"} {
		if !strings.Contains(out, field) {
			t.Errorf("doctor does not mention %s:\n%s", field, out)
		}
	}
	b := newTestBackend(t, Config{Dirs: []string{filepath.Dir(dir)}})
	req := testRequest(filepath.Base(dir), 1)
	req.Width, req.Height = 64, 36
	c, err := b.Generate(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(c.Info().Notes, "\n"); !strings.Contains(notes, "resolution 99999999") {
		t.Errorf("the clip's notes do not say the resolution was ignored: %s", notes)
	}
}

// TestSchedulerClasses: a diffusers scheduler Kino has no sampler for is
// sampled with Euler (with a note); a class that is no diffusers
// scheduler at all is refused, naming the file.
func TestSchedulerClasses(t *testing.T) {
	for _, c := range []struct {
		class string
		ok    bool
	}{{"PNDMScheduler", true}, {"DPMSolverMultistepScheduler", true}, {"EulerDiscreteScheduler", true}, {"FooScheduler", false}} {
		dir := copyPack(t, "tiny-sd")
		cfg := `{"_class_name": "` + c.class + `", "num_train_timesteps": 1000}`
		if err := os.WriteFile(filepath.Join(dir, FileScheduler), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := OpenPack(dir)
		if c.ok != (err == nil) {
			t.Errorf("%s: %v", c.class, err)
		}
		if err != nil && (!strings.Contains(err.Error(), FileScheduler) || !strings.Contains(err.Error(), "unknown scheduler class")) {
			t.Errorf("%s: error %v does not name the file and say why", c.class, err)
		}
	}
}
