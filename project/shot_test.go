package project_test

import (
	"strings"
	"testing"

	"kino/project"
)

func TestShotValidate(t *testing.T) {
	r := project.DefaultRate
	s := project.NewShot("Ich, am Strand bei Sonnenuntergang 🌅", r, 7)
	s.Cast = []project.CastMember{{CameoID: "x", Handle: "@ana"}}
	s.Dialogue = []project.DialogueLine{{Speaker: "@ana", Text: "Prost!", Start: project.Frames(12, r)}}
	if err := s.Validate(r); err != nil {
		t.Fatal(err)
	}
	if s.Duration.Frames != 120 {
		t.Fatalf("default duration %d frames, want 120", s.Duration.Frames)
	}
	bad := map[string]func(s *project.Shot){
		"long prompt":        func(s *project.Shot) { s.Prompt = strings.Repeat("a", project.MaxPromptLength+1) },
		"invalid utf8":       func(s *project.Shot) { s.Prompt = "\xff\xfe" },
		"zero duration":      func(s *project.Shot) { s.Duration.Frames = 0 },
		"wrong rate":         func(s *project.Shot) { s.Duration.Rate = project.Rate30 },
		"too long":           func(s *project.Shot) { s.Duration = project.Seconds(11*60, r) },
		"unknown move":       func(s *project.Shot) { s.Camera.Move = "barrel-roll" },
		"unknown style":      func(s *project.Shot) { s.Style = "sepia" },
		"speaker not cast":   func(s *project.Shot) { s.Dialogue[0].Speaker = "@bob" },
		"line after the end": func(s *project.Shot) { s.Dialogue[0].Start = project.Frames(500, r) },
		"empty line":         func(s *project.Shot) { s.Dialogue[0].Text = "  " },
		"cast twice":         func(s *project.Shot) { s.Cast = append(s.Cast, s.Cast[0]) },
		"bad seed mode":      func(s *project.Shot) { s.Seed.Mode = "sometimes" },
	}
	for name, mutate := range bad {
		c := s.Clone()
		mutate(c)
		if err := c.Validate(r); project.ErrorCode(err) != project.EINVALID {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
	ok := s.Clone()
	ok.Prompt = strings.Repeat("ß", 10000)
	if err := ok.Validate(r); err != nil {
		t.Errorf("10,000-character prompt refused: %v", err)
	}
}

func TestProjectValidate(t *testing.T) {
	p := project.NewProject("Beach Film")
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.Rate != (project.Rate{Num: 24, Den: 1}) || p.Resolution != (project.Resolution{Width: 1280, Height: 720}) {
		t.Fatalf("defaults %v %v", p.Rate, p.Resolution)
	}
	for name, mutate := range map[string]func(p *project.Project){
		"empty title": func(p *project.Project) { p.Title = "" },
		"odd width":   func(p *project.Project) { p.Resolution.Width = 1279 },
		"huge":        func(p *project.Project) { p.Resolution = project.Resolution{Width: 20000, Height: 20000} },
		"rate":        func(p *project.Project) { p.Rate = project.Rate{Num: 0, Den: 1} },
		"policy":      func(p *project.Project) { p.SeedPolicy = "random" },
	} {
		c := *p
		mutate(&c)
		if project.ErrorCode(c.Validate()) != project.EINVALID {
			t.Errorf("%s accepted", name)
		}
	}
}
