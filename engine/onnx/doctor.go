package onnx

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
)

// Report is what `kino doctor` prints about ONNX Runtime.
type Report struct {
	// Library is the library found, empty when none was.
	Library string
	// Tried lists every path FindLibrary looked at, in order.
	Tried []string
	// Err is why ONNX Runtime cannot be used, nil when it can.
	Err error
	// Runtime is the loaded runtime, nil when loading failed.
	Runtime *Runtime
	// Hint tells a person what to do next; empty when all is well.
	Hint string
}

// OK reports whether ONNX Runtime loaded.
func (r Report) OK() bool { return r.Err == nil && r.Runtime != nil }

// Doctor finds and loads ONNX Runtime and reports the outcome, with a hint on
// how to fix what is missing. It never panics; loading happens at most once
// per process (see LoadFrom).
func Doctor() Report {
	var r Report
	r.Library, r.Tried, r.Err = FindLibrary()
	if r.Err != nil {
		r.Hint = fmt.Sprintf("Run `make deps` in the Kino source tree to fetch ONNX Runtime %s into %s/, "+
			"or set %s to the path of an ONNX Runtime %s.x library (%s). "+
			"Until then Kino renders with its built-in previz engine.",
			PinnedVersion, DepsDir, EnvLibrary, WantVersion, strings.Join(libraryNames(runtime.GOOS), " or "))
		return r
	}
	r.Runtime, r.Err = LoadFrom(r.Library)
	switch {
	case errors.Is(r.Err, ErrAlreadyLoaded):
		r.Hint = "Restart Kino to switch ONNX Runtime libraries; only one can be loaded per process."
	case r.Err != nil:
		r.Hint = fmt.Sprintf("%s is not a usable ONNX Runtime %s.x library. Run `make deps` to fetch a good copy, "+
			"or point %s at one.", r.Library, WantVersion, EnvLibrary)
	case len(r.Runtime.Warnings) > 0:
		r.Hint = fmt.Sprintf("Use ONNX Runtime %s (`make deps`) if models misbehave.", PinnedVersion)
	case !r.Runtime.hasAccelerator():
		r.Hint = "Models run on the CPU. For a GPU, place the CUDA build of ONNX Runtime " + WantVersion +
			".x (with libonnxruntime_providers_cuda and _shared beside it, plus CUDA 12 and cuDNN 9) and set " +
			EnvLibrary + " to it."
	}
	return r
}

// hasAccelerator reports whether any provider besides CPU is available.
func (r *Runtime) hasAccelerator() bool {
	for _, p := range r.Providers {
		if p.OK && p.Name != "CPU" {
			return true
		}
	}
	return false
}

// WriteTo prints the report for people.
func (r Report) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	b.WriteString("ONNX Runtime\n")
	if r.Library != "" {
		fmt.Fprintf(&b, "  library:   %s\n", r.Library)
	} else {
		b.WriteString("  library:   not found\n")
	}
	if rt := r.Runtime; rt != nil {
		fmt.Fprintf(&b, "  version:   %s\n", rt.Version)
		b.WriteString("  providers:\n")
		for _, p := range rt.Providers {
			fmt.Fprintf(&b, "    %s\n", p)
		}
		if rt.SignalsRestored > 0 {
			fmt.Fprintf(&b, "  signals:   restored %d Go signal handlers replaced while loading\n", rt.SignalsRestored)
		}
		for _, warn := range rt.Warnings {
			fmt.Fprintf(&b, "  warning:   %s\n", warn)
		}
	}
	if r.Err != nil {
		fmt.Fprintf(&b, "  error:     %v\n", r.Err)
	}
	if r.Library == "" {
		b.WriteString("  searched:\n")
		for _, p := range r.Tried {
			fmt.Fprintf(&b, "    %s\n", p)
		}
	}
	if r.Hint != "" {
		fmt.Fprintf(&b, "  hint:      %s\n", r.Hint)
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// String returns the report as WriteTo prints it.
func (r Report) String() string {
	var b strings.Builder
	_, _ = r.WriteTo(&b) // a strings.Builder does not fail
	return b.String()
}
