package onnx

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestParsePolicy(t *testing.T) {
	for in, want := range map[string]Policy{"": PolicyAuto, "AUTO": PolicyAuto, " cuda ": PolicyCUDA, "cpu": PolicyCPU,
		"TensorRT": PolicyTensorRT, "directml": PolicyDirectML, "coreml": PolicyCoreML} {
		if got, err := ParsePolicy(in); err != nil || got != want {
			t.Errorf("ParsePolicy(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParsePolicy("rocm"); err == nil || !strings.Contains(err.Error(), "rocm") {
		t.Errorf("ParsePolicy(rocm) error = %v", err)
	}
}

func TestProviderCandidates(t *testing.T) {
	cases := []struct {
		cfg  SessionConfig
		goos string
		want string
	}{
		{SessionConfig{Policy: PolicyAuto}, "linux", "CUDA"},
		{SessionConfig{Policy: PolicyAuto, TensorRT: true}, "linux", "CUDA,TensorRT"},
		{SessionConfig{}, "windows", "CUDA,DirectML"},
		{SessionConfig{Policy: PolicyAuto}, "darwin", "CoreML"},
		{SessionConfig{Policy: PolicyCPU}, "linux", ""},
		{SessionConfig{Policy: PolicyTensorRT}, "linux", "TensorRT"},
	}
	for _, c := range cases {
		if got := strings.Join(c.cfg.candidates(c.goos), ","); got != c.want {
			t.Errorf("%+v on %s: %q, want %q", c.cfg, c.goos, got, c.want)
		}
	}
}

func TestDefaultModelDir(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	home := func() (string, error) { return "/home/ada", nil }
	if got := defaultModelDir("linux", getenv, home); got != filepath.Join("/home/ada", ".local", "share", "kino", "models") {
		t.Errorf("linux default = %s", got)
	}
	env["XDG_DATA_HOME"] = "/data"
	if got := defaultModelDir("linux", getenv, home); got != filepath.Join("/data", "kino", "models") {
		t.Errorf("with XDG_DATA_HOME = %s", got)
	}
	env["XDG_DATA_HOME"] = "relative" // the spec says to ignore relative paths
	if got := defaultModelDir("freebsd", getenv, home); got != filepath.Join("/home/ada", ".local", "share", "kino", "models") {
		t.Errorf("with a relative XDG_DATA_HOME = %s", got)
	}
	if got := defaultModelDir("darwin", getenv, home); got != filepath.Join("/home/ada", "Library", "Application Support", "Kino", "models") {
		t.Errorf("darwin = %s", got)
	}
	env["LOCALAPPDATA"] = `C:\Users\ada\AppData\Local`
	if got := defaultModelDir("windows", getenv, home); got != filepath.Join(`C:\Users\ada\AppData\Local`, "Kino", "models") {
		t.Errorf("windows = %s", got)
	}
	t.Setenv(EnvModels, "/a"+string(filepath.ListSeparator)+" /b ")
	if d := ModelDirs(); len(d) < 2 || d[0] != "/a" || d[1] != "/b" {
		t.Errorf("ModelDirs with %s = %v", EnvModels, d)
	}
}
