package onnx

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// childEnv selects what a re-executed test binary does instead of running
// tests: ONNX Runtime allows one environment per process, so failure cases
// run in fresh processes.
const childEnv = "KINO_ONNX_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "load":
		rt, err := Load()
		if err != nil {
			fmt.Printf("load error: %v\n", err)
			os.Exit(3)
		}
		fmt.Printf("loaded %s version %s\n", rt.Path, rt.Version)
	case "doctor":
		r := Doctor()
		fmt.Print(r.String())
		if !r.OK() {
			os.Exit(3)
		}
	default:
		fmt.Printf("unknown %s=%q\n", childEnv, os.Getenv(childEnv))
		os.Exit(2)
	}
	os.Exit(0)
}

// runChild re-executes the test binary in mode with KINO_ORT_LIB=lib and
// returns its output and exit code.
func runChild(t *testing.T, mode, lib string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Dir = t.TempDir()
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, EnvLibrary+"=") && !strings.HasPrefix(kv, childEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, childEnv+"="+mode, EnvLibrary+"="+lib)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	}
	t.Fatalf("running child %s: %v\n%s", mode, err, out.String())
	return "", -1
}

// requireLibrary returns the library `make deps` fetched, failing the test
// with instructions when it is absent.
func requireLibrary(t *testing.T) string {
	t.Helper()
	path, tried, err := FindLibrary()
	if err != nil {
		t.Fatalf("ONNX Runtime library not found: %v\nrun `make deps` (or set %s); searched:\n  %s",
			err, EnvLibrary, strings.Join(tried, "\n  "))
	}
	return path
}

func TestLoad(t *testing.T) {
	path := requireLibrary(t)
	rt, err := Load()
	if err != nil {
		t.Fatalf("Load: %v (run `make deps` to fetch a good library)", err)
	}
	if rt.Path != path {
		t.Errorf("loaded %s, FindLibrary says %s", rt.Path, path)
	}
	if !strings.HasPrefix(rt.Version, WantVersion+".") {
		t.Errorf("version = %q, want %s.x", rt.Version, WantVersion)
	}
	if len(rt.Warnings) != 0 {
		t.Errorf("warnings loading the pinned library: %v", rt.Warnings)
	}
	if len(rt.Providers) == 0 || rt.Providers[0] != (Provider{Name: "CPU", OK: true}) {
		t.Fatalf("providers = %v, want CPU first and available", rt.Providers)
	}
	if !rt.Available("cpu") {
		t.Error(`Available("cpu") = false`)
	}
	want := map[string][]string{"linux": {"CPU", "CUDA", "TensorRT"}, "darwin": {"CPU", "CoreML"},
		"windows": {"CPU", "CUDA", "TensorRT", "DirectML"}}[runtime.GOOS]
	var names []string
	for _, p := range rt.Providers {
		names = append(names, p.Name)
		if p.OK == (p.Err != "") {
			t.Errorf("provider %s: OK=%v with error %q; want an error exactly when unavailable", p.Name, p.OK, p.Err)
		}
		if rt.Available(p.Name) != p.OK {
			t.Errorf("Available(%q) = %v, want %v", p.Name, !p.OK, p.OK)
		}
		t.Logf("provider %s", p)
	}
	if want != nil && strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("providers probed on %s = %v, want %v", runtime.GOOS, names, want)
	}
	// An unavailable provider names the provider libraries missing beside
	// the runtime, which ONNX Runtime's own message leaves out.
	for _, probe := range platformProbes(runtime.GOOS) {
		if rt.Available(probe.name) {
			continue
		}
		for _, lib := range missingFiles(filepath.Dir(path), probe.libs) {
			if p := findProvider(rt, probe.name); !strings.Contains(p.Err, lib) {
				t.Errorf("provider %s error %q does not name the missing %s", probe.name, p.Err, lib)
			}
		}
	}
	if rt.Available("NoSuchProvider") {
		t.Error("Available reports an unknown provider")
	}

	again, err := Load()
	if err != nil || again != rt {
		t.Errorf("second Load = %p, %v; want the same runtime %p", again, err, rt)
	}
	if same, err := LoadFrom(path); err != nil || same != rt {
		t.Errorf("LoadFrom(same path) = %p, %v; want the same runtime", same, err)
	}
	other := filepath.Join(t.TempDir(), "libonnxruntime.so.1")
	if _, err := LoadFrom(other); !errors.Is(err, ErrAlreadyLoaded) || !strings.Contains(err.Error(), other) {
		t.Errorf("LoadFrom(another library) error = %v, want ErrAlreadyLoaded naming %s", err, other)
	}
}

func findProvider(rt *Runtime, name string) Provider {
	for _, p := range rt.Providers {
		if p.Name == name {
			return p
		}
	}
	return Provider{}
}

func TestLoadGarbageLibrary(t *testing.T) {
	garbage := filepath.Join(t.TempDir(), "libonnxruntime.so.1")
	if err := os.WriteFile(garbage, []byte("this is a text file, not a shared library\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := runChild(t, "load", garbage)
	if code != 3 {
		t.Fatalf("child exit %d, want 3 (a load error); output:\n%s", code, out)
	}
	for _, want := range []string{"loading ONNX Runtime library " + garbage, garbage} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestLoadMissingLibrary(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no", "libonnxruntime.so.1")
	out, code := runChild(t, "load", missing)
	if code != 3 {
		t.Fatalf("child exit %d, want 3 (a load error); output:\n%s", code, out)
	}
	for _, want := range []string{EnvLibrary + "=" + missing, "not found"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestLoadInChild(t *testing.T) {
	// The pinned library loads in a fresh process too, chosen by KINO_ORT_LIB.
	path := requireLibrary(t)
	out, code := runChild(t, "load", path)
	if code != 0 || !strings.Contains(out, "loaded "+path+" version "+WantVersion+".") {
		t.Fatalf("child exit %d, want a load of %s version %s.x; output:\n%s", code, path, WantVersion, out)
	}
}
