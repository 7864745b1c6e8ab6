package onnx

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// PinnedVersion is the ONNX Runtime release `make deps` fetches and Kino is
// tested with; onnxruntime_go v1.27.0 is built against its C API.
const PinnedVersion = "1.24.3"

// WantVersion is the release series whose libraries Kino accepts without a
// warning (any 1.24.x).
const WantVersion = "1.24"

// Runtime is the loaded ONNX Runtime: one per process, shared by every
// caller of Load, so treat it as read-only.
type Runtime struct {
	// Path is the shared library that was loaded.
	Path string
	// Version is the library's own version string, e.g. "1.24.3".
	Version string
	// Providers lists the execution providers this platform may offer,
	// CPU first, and whether each can be appended to a session.
	Providers []Provider
	// SignalsRestored counts the signal handlers that loading and probing
	// replaced and GuardSignals put back.
	SignalsRestored int
	// Warnings collects problems that did not stop loading.
	Warnings []string
}

// Available reports whether the named execution provider ("CPU", "CUDA",
// "TensorRT", "DirectML", "CoreML") can be used.
func (r *Runtime) Available(name string) bool {
	for _, p := range r.Providers {
		if strings.EqualFold(p.Name, name) {
			return p.OK
		}
	}
	return false
}

// ErrAlreadyLoaded reports a request to load a second, different library:
// ONNX Runtime allows one environment per process.
var ErrAlreadyLoaded = errors.New("a different ONNX Runtime library is already loaded")

var (
	loadMu sync.Mutex
	loaded *Runtime
)

// Load finds the library with FindLibrary and loads it; see LoadFrom.
func Load() (*Runtime, error) {
	loadMu.Lock()
	defer loadMu.Unlock()
	if loaded != nil {
		return loaded, nil
	}
	path, _, err := FindLibrary()
	if err != nil {
		return nil, fmt.Errorf("finding the ONNX Runtime library: %w", err)
	}
	return loadLocked(path)
}

// LoadFrom loads the ONNX Runtime library at path, creates the process's
// ONNX Runtime environment and probes the execution providers. The first
// success is kept for the life of the process: later calls return the same
// Runtime, or ErrAlreadyLoaded when they name another library. A failure is
// not kept, so a call after `make deps` can succeed.
func LoadFrom(path string) (*Runtime, error) {
	loadMu.Lock()
	defer loadMu.Unlock()
	if loaded != nil {
		if loaded.Path != path {
			return nil, fmt.Errorf("loading %s: %w (%s)", path, ErrAlreadyLoaded, loaded.Path)
		}
		return loaded, nil
	}
	return loadLocked(path)
}

// loadLocked does the loading; loadMu must be held.
func loadLocked(path string) (*Runtime, error) {
	if ort.IsInitialized() {
		return nil, fmt.Errorf("loading %s: ONNX Runtime was initialized outside engine/onnx: %w", path, ErrAlreadyLoaded)
	}
	rt := &Runtime{Path: path}
	restored, err := GuardSignals(func() error {
		ort.SetSharedLibraryPath(path)
		return ort.InitializeEnvironment(ort.WithLogLevelError())
	})
	rt.SignalsRestored += restored
	if err != nil {
		return nil, fmt.Errorf("loading ONNX Runtime library %s: %w", path, err)
	}
	rt.Version = ort.GetVersion()
	if !strings.HasPrefix(rt.Version, WantVersion+".") && rt.Version != WantVersion {
		rt.Warnings = append(rt.Warnings, fmt.Sprintf(
			"library version %s is not %s.x; Kino is built for ONNX Runtime %s", rt.Version, WantVersion, PinnedVersion))
	}
	if err := ort.DisableTelemetry(); err != nil {
		rt.Warnings = append(rt.Warnings, fmt.Sprintf("disabling telemetry: %v", err))
	}
	// Quiet ONNX Runtime's own log while probing: each failed provider logs
	// an error to stderr that Provider.Err already carries.
	if err := ort.SetEnvironmentLogLevel(ort.LoggingLevelFatal); err != nil {
		rt.Warnings = append(rt.Warnings, fmt.Sprintf("quieting the log: %v", err))
	}
	providers, restored := probeProviders(filepath.Dir(path))
	rt.Providers = providers
	rt.SignalsRestored += restored
	if err := ort.SetEnvironmentLogLevel(ort.LoggingLevelError); err != nil {
		rt.Warnings = append(rt.Warnings, fmt.Sprintf("restoring the log level: %v", err))
	}
	loaded = rt
	return rt, nil
}
