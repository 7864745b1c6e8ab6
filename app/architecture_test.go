package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// goPackage is what `go list -json` says of a package.
type goPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Standard   bool
}

// listPackages runs `go list -deps -json ./...` at the module's root.
func listPackages(t *testing.T) map[string]goPackage {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(goBin, "list", "-deps", "-json=ImportPath,Imports,Deps,Standard", "./...")
	cmd.Dir = ".." // the module's root: app/ is one level down
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list (the dependency rules are read from it): %v\n%s", err, errs.String())
	}
	pkgs := map[string]goPackage{}
	dec := json.NewDecoder(&out)
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	return pkgs
}

// under says whether path is pkg or inside it.
func under(path, pkg string) bool { return path == pkg || strings.HasPrefix(path, pkg+"/") }

// TestDependencyRules checks the rules ARCHITECTURE.md states, from what
// the Go tool says each package imports.
func TestDependencyRules(t *testing.T) {
	pkgs := listPackages(t)
	if _, ok := pkgs["kino/engine"]; !ok {
		t.Fatalf("go list did not list kino/engine (%d packages)", len(pkgs))
	}
	for path, p := range pkgs {
		if p.Standard || !under(path, "kino") {
			continue
		}
		for _, d := range p.Deps {
			switch {
			case under(path, "kino/ui") && (under(d, "kino/project/sqlite") || under(d, "kino/engine/onnx") || under(d, "kino/app")):
				t.Errorf("%s depends on %s: the studio's widgets get stores and engines through ui.Deps, wired by app", path, d)
			case under(path, "kino/engine") && (under(d, "kino/ui") || under(d, "kino/app") || under(d, "kino/project/sqlite")):
				t.Errorf("%s depends on %s: engines know the domain (project), not the studio or the store", path, d)
			case under(path, "kino/project") && !under(path, "kino/project/sqlite") && (under(d, "kino/engine") || under(d, "kino/ui") || under(d, "kino/app")):
				t.Errorf("%s depends on %s: the domain depends on nothing of Kino's above it", path, d)
			case under(path, "kino/project/sqlite") && (under(d, "kino/engine") || under(d, "kino/ui") || under(d, "kino/app")):
				t.Errorf("%s depends on %s: the store implements the domain's interfaces and nothing more", path, d)
			case under(path, "kino/ui/widget") && d == "kino/ui":
				t.Errorf("%s depends on %s: widgets need no studio; the studio places them and wires their callbacks", path, d)
			case under(path, "kino/engine/export/format") && d == "kino/engine/export":
				t.Errorf("%s depends on %s: file formats know no export policy", path, d)
			case under(path, "kino/engine/previz/raster") && d == "kino/engine/previz":
				t.Errorf("%s depends on %s: the raster primitives know no scene content", path, d)
			case under(d, "kino/app") && !under(path, "kino/app") && path != "kino" && !under(path, "kino/packaging"):
				t.Errorf("%s depends on %s: only the kino program (and packaging tools) wire the app", path, d)
			}
		}
	}
	// The domain package itself: the standard library only.
	for _, d := range pkgs["kino/project"].Deps {
		if !pkgs[d].Standard {
			t.Errorf("kino/project depends on %s: it may use the standard library only", d)
		}
	}
	// The engine contract itself: the domain and the sound types only.
	for _, d := range pkgs["kino/engine"].Imports {
		if !pkgs[d].Standard && d != "kino/project" && d != "kino/engine/audio" {
			t.Errorf("kino/engine imports %s: the contract may import only kino/project and kino/engine/audio", d)
		}
	}
	// The sound types are a leaf: the standard library only.
	for _, d := range pkgs["kino/engine/audio"].Deps {
		if !pkgs[d].Standard {
			t.Errorf("kino/engine/audio depends on %s: it may use the standard library only", d)
		}
	}
}

// TestArchitectureNamesEveryPackage keeps ARCHITECTURE.md true as packages
// come: each of Kino's packages must have its room in the page's table.
func TestArchitectureNamesEveryPackage(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "ARCHITECTURE.md"))
	if err != nil {
		t.Fatalf("reading ARCHITECTURE.md: %v", err)
	}
	pkgs := listPackages(t)
	for path, p := range pkgs {
		if p.Standard || !under(path, "kino") || path == "kino" {
			continue
		}
		rel := strings.TrimPrefix(path, "kino/")
		if !bytes.Contains(doc, []byte("`"+rel+"/`")) {
			t.Errorf("ARCHITECTURE.md does not name %s (as `%s/`): say which room it is in and what it may import", path, rel)
		}
	}
}
