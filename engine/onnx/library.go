package onnx

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// EnvLibrary names the environment variable that points at the ONNX Runtime
// shared library. When set, it is the only place FindLibrary looks.
const EnvLibrary = "KINO_ORT_LIB"

// DepsDir is the directory, at the root of a Kino checkout, where `make deps`
// puts the ONNX Runtime library.
const DepsDir = ".deps"

// ErrLibraryNotFound reports that no ONNX Runtime library was found in any of
// the searched places.
var ErrLibraryNotFound = errors.New("ONNX Runtime library not found")

// FindLibrary returns the path of the ONNX Runtime shared library, and every
// path it tried in order. It looks, first match wins:
//
//  1. at $KINO_ORT_LIB when that is set (and nowhere else: a wrong value is an
//     error, not a reason to fall back silently);
//  2. beside the running executable;
//  3. in .deps/ of the working directory and of each of its parents, so tests
//     in any package find the library `make deps` fetched at the repo root;
//  4. in the system library directories.
//
// It only checks that a file exists; Load tells whether it is a usable library.
func FindLibrary() (path string, tried []string, err error) {
	return defaultFinder().find()
}

// finder holds what the search depends on, so tests can control it.
type finder struct {
	goos       string
	getenv     func(string) string
	executable func() (string, error)
	getwd      func() (string, error)
	systemDirs []string
	isFile     func(string) bool
}

func defaultFinder() finder {
	return finder{
		goos:       runtime.GOOS,
		getenv:     os.Getenv,
		executable: os.Executable,
		getwd:      os.Getwd,
		systemDirs: systemLibraryDirs(runtime.GOOS, runtime.GOARCH),
		isFile:     isRegularFile,
	}
}

func (f finder) find() (string, []string, error) {
	var tried []string
	if env := strings.TrimSpace(f.getenv(EnvLibrary)); env != "" {
		tried = append(tried, env)
		if f.isFile(env) {
			return env, tried, nil
		}
		return "", tried, fmt.Errorf("%s=%s: no such library file: %w", EnvLibrary, env, ErrLibraryNotFound)
	}
	names := libraryNames(f.goos)
	check := func(dir string) (string, bool) {
		for _, name := range names {
			p := filepath.Join(dir, name)
			tried = append(tried, p)
			if f.isFile(p) {
				return p, true
			}
		}
		return "", false
	}
	if exe, err := f.executable(); err == nil {
		if resolved, err := filepath.EvalSymlinks(exe); err == nil {
			exe = resolved
		}
		dir := filepath.Dir(exe)
		if p, ok := check(dir); ok {
			return p, tried, nil
		}
		if f.goos == "darwin" { // inside Kino.app/Contents/MacOS
			if p, ok := check(filepath.Join(dir, "..", "Frameworks")); ok {
				return p, tried, nil
			}
		}
	}
	if wd, err := f.getwd(); err == nil {
		for dir := wd; ; {
			if p, ok := check(filepath.Join(dir, DepsDir)); ok {
				return p, tried, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	for _, dir := range f.systemDirs {
		if p, ok := check(dir); ok {
			return p, tried, nil
		}
	}
	return "", tried, fmt.Errorf("searched %d places: %w", len(tried), ErrLibraryNotFound)
}

// libraryNames lists the file names the ONNX Runtime library has on goos,
// preferred first. The npm package ships libonnxruntime.so.1 on Linux and
// libonnxruntime.<version>.dylib on macOS; release archives add the
// unversioned names as links.
func libraryNames(goos string) []string {
	switch goos {
	case "windows":
		return []string{"onnxruntime.dll"}
	case "darwin", "ios":
		return []string{"libonnxruntime." + PinnedVersion + ".dylib", "libonnxruntime.dylib"}
	default:
		return []string{"libonnxruntime.so.1", "libonnxruntime.so"}
	}
}

// systemLibraryDirs lists where package managers and manual installs put
// shared libraries on goos/goarch.
func systemLibraryDirs(goos, goarch string) []string {
	switch goos {
	case "windows":
		return nil // the executable's directory is where Windows apps keep DLLs
	case "darwin", "ios":
		return []string{"/opt/homebrew/lib", "/usr/local/lib", "/usr/lib"}
	}
	dirs := []string{"/usr/local/lib"}
	if triplet := debianTriplet(goarch); triplet != "" {
		dirs = append(dirs, "/usr/local/lib/"+triplet, "/usr/lib/"+triplet, "/lib/"+triplet)
	}
	return append(dirs, "/usr/lib64", "/usr/lib", "/opt/onnxruntime/lib")
}

// debianTriplet returns the multiarch directory name for goarch on Linux.
func debianTriplet(goarch string) string {
	switch goarch {
	case "amd64":
		return "x86_64-linux-gnu"
	case "arm64":
		return "aarch64-linux-gnu"
	case "arm":
		return "arm-linux-gnueabihf"
	case "riscv64":
		return "riscv64-linux-gnu"
	}
	return ""
}

func isRegularFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
