package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runGPUCheck runs packaging/gpu-check.sh with env and returns its output
// and exit status.
func runGPUCheck(t *testing.T, env ...string) (string, int) {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("..", "packaging", "gpu-check.sh"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", script)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// The GPU check's paths that machines without the CUDA build of ONNX
// Runtime or without a GPU take (ours: make test never needs a GPU).
func TestGPUCheckSaysWhatIsMissing(t *testing.T) {
	lib := os.Getenv("KINO_ORT_LIB")
	if lib == "" {
		t.Fatal("KINO_ORT_LIB is not set; run through make test (make deps fetches ONNX Runtime)")
	}
	// The CPU build alone: both provider files are named, with where they go.
	out, code := runGPUCheck(t, "KINO_ORT_LIB="+lib)
	if code != 3 {
		t.Fatalf("exit %d, want 3 (files missing)\n%s", code, out)
	}
	dir := filepath.Dir(lib)
	for _, want := range []string{
		"missing:  " + filepath.Join(dir, "libonnxruntime_providers_cuda.so"),
		"missing:  " + filepath.Join(dir, "libonnxruntime_providers_shared.so"),
		"where they go: beside " + lib,
		"onnxruntime-linux-x64-gpu-1.24",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// No library at all.
	out, code = runGPUCheck(t, "KINO_ORT_LIB="+filepath.Join(t.TempDir(), "libonnxruntime.so.1"))
	if code != 3 || !strings.Contains(out, "missing: libonnxruntime.so.1") {
		t.Errorf("no library: exit %d\n%s", code, out)
	}
	// The files in place but no GPU (nvidia-smi not on PATH): a clear
	// failure of its own.
	fake := t.TempDir()
	for _, f := range []string{"libonnxruntime.so.1", "libonnxruntime_providers_cuda.so", "libonnxruntime_providers_shared.so"} {
		if err := os.WriteFile(filepath.Join(fake, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := t.TempDir() // a PATH with the tools step 1 uses, and no nvidia-smi
	for _, tool := range []string{"dirname"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(p, filepath.Join(bin, tool)); err != nil {
			t.Fatal(err)
		}
	}
	out, code = runGPUCheck(t, "KINO_ORT_LIB="+filepath.Join(fake, "libonnxruntime.so.1"), "PATH="+bin)
	if _, err := exec.LookPath("nvidia-smi"); err == nil {
		t.Log("this machine has nvidia-smi; the no-GPU path is checked with it hidden")
	}
	if code != 4 || !strings.Contains(out, "no NVIDIA GPU") {
		t.Errorf("no GPU: exit %d\n%s", code, out)
	}
}
