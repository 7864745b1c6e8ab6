package onnx

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestDoctor(t *testing.T) {
	path := requireLibrary(t)
	r := Doctor()
	if !r.OK() {
		t.Fatalf("Doctor not OK: %v\n%s", r.Err, r)
	}
	if r.Library != path {
		t.Errorf("library = %s, want %s", r.Library, path)
	}
	out := r.String()
	for _, want := range []string{"library:   " + path, "version:   " + WantVersion + ".", "CPU: ok"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "error:") {
		t.Errorf("a working report shows an error:\n%s", out)
	}
	t.Logf("\n%s", out)
}

func TestDoctorMissingLibrary(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "libonnxruntime.so.1")
	out, code := runChild(t, "doctor", missing)
	if code != 3 {
		t.Fatalf("child exit %d, want 3 (not OK); output:\n%s", code, out)
	}
	for _, want := range []string{"library:   not found", missing, "make deps", EnvLibrary} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestDoctorGarbageLibrary(t *testing.T) {
	garbage := filepath.Join(t.TempDir(), "libonnxruntime.so.1")
	touch(t, garbage)
	out, code := runChild(t, "doctor", garbage)
	if code != 3 {
		t.Fatalf("child exit %d, want 3 (not OK); output:\n%s", code, out)
	}
	for _, want := range []string{"library:   " + garbage, "error:", "is not a usable ONNX Runtime", "make deps"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
