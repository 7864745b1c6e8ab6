package onnx

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	ort "github.com/yalue/onnxruntime_go"
)

// Provider is one ONNX Runtime execution provider and whether it can be
// appended to a session's options. OK means ONNX Runtime accepted it; a
// session may still fail later if, say, no GPU is present.
type Provider struct {
	// Name is the short name: "CPU", "CUDA", "TensorRT", "DirectML" or "CoreML".
	Name string
	// OK reports whether the provider can be appended.
	OK bool
	// Err is why it cannot, as ONNX Runtime said it (empty when OK).
	Err string
}

// String formats the provider as "CUDA: ok" or "CUDA: unavailable (why)".
func (p Provider) String() string {
	if p.OK {
		return p.Name + ": ok"
	}
	return fmt.Sprintf("%s: unavailable (%s)", p.Name, p.Err)
}

// providerProbe appends one execution provider to fresh session options.
type providerProbe struct {
	name string
	// libs are the provider libraries ONNX Runtime loads from its own
	// directory for this provider (none for built-in providers).
	libs   []string
	append func(*ort.SessionOptions) error
}

// platformProbes lists the accelerated providers worth trying on goos.
func platformProbes(goos string) []providerProbe {
	shared := providerLibName(goos, "shared")
	cuda := providerProbe{"CUDA", []string{shared, providerLibName(goos, "cuda")}, func(o *ort.SessionOptions) error {
		opts, err := ort.NewCUDAProviderOptions()
		if err != nil {
			return fmt.Errorf("creating CUDA options: %w", err)
		}
		defer opts.Destroy()
		return o.AppendExecutionProviderCUDA(opts)
	}}
	tensorRT := providerProbe{"TensorRT", []string{shared, providerLibName(goos, "tensorrt")}, func(o *ort.SessionOptions) error {
		opts, err := ort.NewTensorRTProviderOptions()
		if err != nil {
			return fmt.Errorf("creating TensorRT options: %w", err)
		}
		defer opts.Destroy()
		return o.AppendExecutionProviderTensorRT(opts)
	}}
	switch goos {
	case "darwin", "ios":
		return []providerProbe{{"CoreML", nil, func(o *ort.SessionOptions) error {
			return o.AppendExecutionProviderCoreMLV2(nil)
		}}}
	case "windows":
		return []providerProbe{cuda, tensorRT, {"DirectML", nil, func(o *ort.SessionOptions) error {
			return o.AppendExecutionProviderDirectML(0)
		}}}
	default:
		return []providerProbe{cuda, tensorRT}
	}
}

// providerLibName is the file name of ONNX Runtime's provider library kind
// ("shared", "cuda", "tensorrt") on goos.
func providerLibName(goos, kind string) string {
	if goos == "windows" {
		return "onnxruntime_providers_" + kind + ".dll"
	}
	return "libonnxruntime_providers_" + kind + ".so"
}

// probeProviders tries each provider of this platform on its own session
// options, inside GuardSignals because the CUDA libraries install signal
// handlers when they load. CPU is built into ONNX Runtime and always listed.
// libDir is the runtime library's directory, where ONNX Runtime looks for
// provider libraries; a failure names the ones missing there, since ONNX
// Runtime's own message only says "Failed to load shared library".
func probeProviders(libDir string) ([]Provider, int) {
	providers := []Provider{{Name: "CPU", OK: true}}
	restoredTotal := 0
	for _, probe := range platformProbes(runtime.GOOS) {
		restored, err := GuardSignals(func() error { return tryProvider(probe) })
		restoredTotal += restored
		p := Provider{Name: probe.name, OK: err == nil}
		if err != nil {
			p.Err = err.Error()
			if missing := missingFiles(libDir, probe.libs); len(missing) > 0 {
				p.Err = fmt.Sprintf("%s not in %s: %s", strings.Join(missing, " and "), libDir, p.Err)
			}
		}
		providers = append(providers, p)
	}
	return providers, restoredTotal
}

// missingFiles returns the names in dir that are not regular files.
func missingFiles(dir string, names []string) []string {
	var missing []string
	for _, name := range names {
		if !isRegularFile(filepath.Join(dir, name)) {
			missing = append(missing, name)
		}
	}
	return missing
}

// tryProvider appends probe's provider to new session options and frees them.
func tryProvider(probe providerProbe) (err error) {
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return fmt.Errorf("creating session options: %w", err)
	}
	defer func() { err = errors.Join(err, opts.Destroy()) }()
	return probe.append(opts)
}
