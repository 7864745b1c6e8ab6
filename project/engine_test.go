package project_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"kino/project"
)

func TestEngineValidate(t *testing.T) {
	good := []project.Engine{
		project.DefaultEngine,
		{Backend: "onnx"},
		{Backend: "onnx", Model: "sd-turbo"},
		{Backend: "my_engine-2", Model: "Stable Video (Ünïcode) v1.1"},
		{Backend: strings.Repeat("a", project.MaxBackendLength), Model: strings.Repeat("é", project.MaxModelLength)},
	}
	for _, e := range good {
		if err := e.Validate(); err != nil {
			t.Errorf("%+v: %v", e, err)
		}
	}
	bad := map[string]struct {
		e    project.Engine
		want string
	}{
		"no backend":        {project.Engine{Model: "x"}, "no engine is chosen"},
		"upper case":        {project.Engine{Backend: "ONNX"}, "lower-case letters"},
		"space":             {project.Engine{Backend: "on nx"}, "lower-case letters"},
		"colon":             {project.Engine{Backend: "onnx:sd"}, "lower-case letters"},
		"long backend":      {project.Engine{Backend: strings.Repeat("a", project.MaxBackendLength+1)}, "limit is 64"},
		"long model":        {project.Engine{Backend: "onnx", Model: strings.Repeat("m", project.MaxModelLength+1)}, "limit is 200"},
		"binary model":      {project.Engine{Backend: "onnx", Model: "\xff\xfe"}, "not valid UTF-8"},
		"newline in model":  {project.Engine{Backend: "onnx", Model: "sd\nturbo"}, "control character"},
		"escape in model":   {project.Engine{Backend: "onnx", Model: "sd\x1b[2J"}, "control character"},
		"non-ascii backend": {project.Engine{Backend: "prévIz"}, "lower-case letters"},
	}
	for name, c := range bad {
		err := c.e.Validate()
		if project.ErrorCode(err) != project.EINVALID || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want invalid mentioning %q", name, err, c.want)
		}
	}
}

func TestEngineString(t *testing.T) {
	if s := project.DefaultEngine.String(); s != "previz" {
		t.Errorf("default engine prints as %q", s)
	}
	if s := (project.Engine{Backend: "onnx", Model: "sd-turbo"}).String(); s != "onnx:sd-turbo" {
		t.Errorf("onnx engine prints as %q", s)
	}
}

func TestNewProjectUsesTheDefaultEngineAndValidatesIt(t *testing.T) {
	p := project.NewProject("Beach")
	if p.Engine != project.DefaultEngine || p.Engine.Backend != "previz" || p.Engine.Model != "" {
		t.Fatalf("new project engine %+v", p.Engine)
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	p.Engine = project.Engine{}
	if err := p.Validate(); project.ErrorCode(err) != project.EINVALID {
		t.Fatalf("project without an engine: err = %v, want invalid", err)
	}
	p.Engine = project.Engine{Backend: "onnx", Model: "sd-turbo"}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"engine":{"backend":"onnx","model":"sd-turbo"}`) {
		t.Fatalf("engine JSON: %s", b)
	}
}

func TestShotStrength(t *testing.T) {
	r := project.DefaultRate
	s := project.NewShot("a dog on a beach", r, 1)
	if s.Strength != 0 {
		t.Fatalf("new shot strength %g, want 0", s.Strength)
	}
	for _, v := range []float64{0, 0.001, 0.55, 1} {
		s.Strength = v
		if err := s.Validate(r); err != nil {
			t.Errorf("strength %g: %v", v, err)
		}
	}
	for _, v := range []float64{-0.01, 1.0001, 2, math.NaN(), math.Inf(1), math.Inf(-1)} {
		s.Strength = v
		err := s.Validate(r)
		if project.ErrorCode(err) != project.EINVALID || !strings.Contains(err.Error(), "strength") {
			t.Errorf("strength %g: err = %v, want invalid naming strength", v, err)
		}
	}
	s.Strength = 0.4
	if c := s.Clone(); c.Strength != 0.4 {
		t.Fatalf("clone strength %g", c.Strength)
	}
	b, _ := json.Marshal(s)
	if !strings.Contains(string(b), `"strength":0.4`) {
		t.Fatalf("shot JSON lacks strength: %s", b)
	}
	s.Strength = 0
	b, _ = json.Marshal(s)
	if strings.Contains(string(b), "strength") {
		t.Fatalf("zero strength is written: %s", b)
	}
}
