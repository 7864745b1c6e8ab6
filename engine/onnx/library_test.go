package onnx

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// touch creates a file (and its directories) and returns its path.
func touch(t *testing.T, path string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("stand-in library"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// testFinder searches a sandbox: executable in root/app, working directory
// root/repo/engine/onnx, system directory root/sys.
func testFinder(root string, env map[string]string) finder {
	return finder{
		goos:       "linux",
		getenv:     func(k string) string { return env[k] },
		executable: func() (string, error) { return filepath.Join(root, "app", "kino"), nil },
		getwd:      func() (string, error) { return filepath.Join(root, "repo", "engine", "onnx"), nil },
		systemDirs: []string{filepath.Join(root, "sys")},
		isFile:     isRegularFile,
	}
}

func TestFindLibraryOrder(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "repo", "engine", "onnx"), 0o755); err != nil {
		t.Fatal(err)
	}
	sys := touch(t, filepath.Join(root, "sys", "libonnxruntime.so"))
	f := testFinder(root, nil)

	got, tried, err := f.find()
	if err != nil || got != sys {
		t.Fatalf("with only a system library: got %q, %v; want %q", got, err, sys)
	}
	if tried[len(tried)-1] != sys {
		t.Errorf("last tried path = %q, want the hit %q", tried[len(tried)-1], sys)
	}

	deps := touch(t, filepath.Join(root, "repo", DepsDir, "libonnxruntime.so.1"))
	if got, _, err := f.find(); err != nil || got != deps {
		t.Fatalf("with a repo .deps library two levels up: got %q, %v; want %q", got, err, deps)
	}

	exe := touch(t, filepath.Join(root, "app", "libonnxruntime.so"))
	if got, _, err := f.find(); err != nil || got != exe {
		t.Fatalf("with a library beside the executable: got %q, %v; want %q", got, err, exe)
	}
	// libonnxruntime.so.1 is preferred to libonnxruntime.so in one directory.
	exe1 := touch(t, filepath.Join(root, "app", "libonnxruntime.so.1"))
	if got, _, err := f.find(); err != nil || got != exe1 {
		t.Fatalf("with both names beside the executable: got %q, %v; want %q", got, err, exe1)
	}

	envLib := touch(t, filepath.Join(root, "elsewhere", "custom-ort.so"))
	f = testFinder(root, map[string]string{EnvLibrary: envLib})
	got, tried, err = f.find()
	if err != nil || got != envLib {
		t.Fatalf("with %s set: got %q, %v; want %q", EnvLibrary, got, err, envLib)
	}
	if len(tried) != 1 {
		t.Errorf("with %s set, tried %v; want only the variable's path", EnvLibrary, tried)
	}
}

func TestFindLibraryEnvMissing(t *testing.T) {
	root := t.TempDir()
	// A good library elsewhere must not hide a wrong KINO_ORT_LIB.
	touch(t, filepath.Join(root, "sys", "libonnxruntime.so.1"))
	missing := filepath.Join(root, "nope", "libonnxruntime.so.1")
	_, tried, err := testFinder(root, map[string]string{EnvLibrary: missing}).find()
	if !errors.Is(err, ErrLibraryNotFound) {
		t.Fatalf("err = %v, want ErrLibraryNotFound", err)
	}
	for _, want := range []string{EnvLibrary, missing} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	if len(tried) != 1 || tried[0] != missing {
		t.Errorf("tried = %v, want [%s]", tried, missing)
	}

	// A directory is not a library either.
	dir := filepath.Join(root, "sys")
	if _, _, err := testFinder(root, map[string]string{EnvLibrary: dir}).find(); !errors.Is(err, ErrLibraryNotFound) {
		t.Errorf("%s pointing at a directory: err = %v, want ErrLibraryNotFound", EnvLibrary, err)
	}
}

func TestFindLibraryNothing(t *testing.T) {
	root := t.TempDir()
	_, tried, err := testFinder(root, nil).find()
	if !errors.Is(err, ErrLibraryNotFound) {
		t.Fatalf("err = %v, want ErrLibraryNotFound", err)
	}
	want := []string{
		filepath.Join(root, "app", "libonnxruntime.so.1"),
		filepath.Join(root, "repo", "engine", "onnx", DepsDir, "libonnxruntime.so.1"),
		filepath.Join(root, "repo", DepsDir, "libonnxruntime.so.1"),
		filepath.Join(root, "sys", "libonnxruntime.so"),
	}
	for _, w := range want {
		if !containsString(tried, w) {
			t.Errorf("tried does not include %s; tried %v", w, tried)
		}
	}
	if !containsString(tried, filepath.Join("/", DepsDir, "libonnxruntime.so")) {
		t.Errorf("the .deps walk did not reach the filesystem root; tried %v", tried)
	}
}

func TestLibraryNames(t *testing.T) {
	for goos, want := range map[string]string{
		"linux":   "libonnxruntime.so.1",
		"darwin":  "libonnxruntime." + PinnedVersion + ".dylib",
		"windows": "onnxruntime.dll",
	} {
		if got := libraryNames(goos); got[0] != want {
			t.Errorf("libraryNames(%q)[0] = %q, want %q (the name packaging/fetch-ort.sh writes)", goos, got[0], want)
		}
	}
	if dirs := systemLibraryDirs("linux", "amd64"); !containsString(dirs, "/usr/lib/x86_64-linux-gnu") {
		t.Errorf("linux/amd64 system dirs %v lack /usr/lib/x86_64-linux-gnu", dirs)
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func BenchmarkFindLibrary(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := FindLibrary(); err != nil {
			b.Fatalf("%v (run `make deps`)", err)
		}
	}
}
