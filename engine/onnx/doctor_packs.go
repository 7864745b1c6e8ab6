package onnx

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// PackReport is what `kino doctor` prints about model packs: the folders
// searched, the packs found and why any folder is not a usable pack.
type PackReport struct {
	Dirs []DirStatus
	// Packs are the packs whose files are in place; Spec or InspectErr
	// tell whether their models fit (when inspection was asked for).
	Packs []PackStatus
	// Rejected are folders that are not usable packs.
	Rejected []Rejected
}

// DirStatus is one models folder.
type DirStatus struct {
	Dir string
	// Err is why the folder cannot be read (nil when it can, or when it
	// does not exist, which Missing says).
	Missing bool
	Err     error
}

// PackStatus is one pack in the report.
type PackStatus struct {
	Pack *Pack
	// Spec is what inspection found; nil when not inspected or failed.
	Spec *Spec
	// InspectErr is why the pack's models do not fit (inspection only).
	InspectErr error
}

// OK reports whether the pack can be used (as far as was checked).
func (s PackStatus) OK() bool { return s.InspectErr == nil }

// DoctorPacks scans dirs (nil: ModelDirs()) for packs. With inspect, it
// also loads each pack's model signatures with ONNX Runtime (see Inspect),
// which reads every model once and can take a while for large packs.
func DoctorPacks(dirs []string, inspect bool) PackReport {
	if dirs == nil {
		dirs = ModelDirs()
	}
	var r PackReport
	for _, d := range dirs {
		st := DirStatus{Dir: d}
		if _, err := os.Stat(d); errors.Is(err, os.ErrNotExist) {
			st.Missing = true
		} else if err != nil {
			st.Err = err
		}
		r.Dirs = append(r.Dirs, st)
	}
	packs, rejected := ScanDirs(dirs...)
	r.Rejected = rejected
	for _, p := range packs {
		s := PackStatus{Pack: p}
		if inspect {
			s.Spec, s.InspectErr = Inspect(p)
		}
		r.Packs = append(r.Packs, s)
	}
	return r
}

// WriteTo prints the report for people.
func (r PackReport) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	b.WriteString("Model packs\n")
	for _, d := range r.Dirs {
		switch {
		case d.Err != nil:
			fmt.Fprintf(&b, "  folder:    %s (unreadable: %v)\n", d.Dir, d.Err)
		case d.Missing:
			fmt.Fprintf(&b, "  folder:    %s (does not exist yet)\n", d.Dir)
		default:
			fmt.Fprintf(&b, "  folder:    %s\n", d.Dir)
		}
	}
	if len(r.Packs) == 0 && len(r.Rejected) == 0 {
		b.WriteString("  packs:     none; put a diffusers/Optimum ONNX export (one folder per model) in a folder above\n")
	}
	for _, s := range r.Packs {
		p := s.Pack
		fmt.Fprintf(&b, "  pack:      %s", p.Name)
		if p.DisplayName() != p.Name {
			fmt.Fprintf(&b, " (%s)", p.DisplayName())
		}
		if l := p.Licence(); l != "" {
			fmt.Fprintf(&b, ", licence %s", l)
		}
		b.WriteString("\n")
		switch {
		case s.InspectErr != nil:
			fmt.Fprintf(&b, "    unusable: %v\n", s.InspectErr)
		case s.Spec != nil:
			fmt.Fprintf(&b, "    models:   %s\n", s.Spec)
		}
		if kind, err := p.SamplerKind(""); err == nil {
			d := p.SamplingDefaults(kind)
			fmt.Fprintf(&b, "    samples:  %s, %d steps at guidance %g (%s); native %dx%d, sides a multiple of %d\n",
				kind, d.Steps, d.Guidance, d.From, p.Native, p.Native, p.Multiple)
		}
		for _, n := range p.Notes {
			fmt.Fprintf(&b, "    note:     %s\n", n)
		}
		if !p.HasEncoder {
			fmt.Fprintf(&b, "    note:     no %s: it cannot refine previz frames\n", FileVAEEncoder)
		}
	}
	for _, rj := range r.Rejected {
		what := "rejected"
		var pe *PackError
		if errors.As(rj.Err, &pe) && pe.Incomplete() {
			what = "incomplete"
		}
		fmt.Fprintf(&b, "  %-10s %s: %v\n", what+":", rj.Name, rj.Err)
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// String returns the report as WriteTo prints it.
func (r PackReport) String() string {
	var b strings.Builder
	_, _ = r.WriteTo(&b) // a strings.Builder does not fail
	return b.String()
}
