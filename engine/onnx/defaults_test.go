package onnx

import (
	"strings"
	"testing"

	"kino/engine/schedule"
)

func TestSamplingDefaultsFollowWhatThePackDeclares(t *testing.T) {
	trailing := schedule.DefaultConfig()
	trailing.TimestepSpacing = schedule.SpacingTrailing
	for _, c := range []struct {
		name  string
		pack  Pack
		kind  schedule.Kind
		steps int
		guide float64
		from  string
	}{
		{"plain SD", Pack{Name: "sd15", Scheduler: schedule.DefaultConfig()}, schedule.Euler, 25, 7.5, "Stable Diffusion"},
		{"LCM scheduler", Pack{Name: "dreamshaper-lcm", Scheduler: schedule.DefaultConfig()}, schedule.LCM, 4, 1, "LCM"},
		{"sd-turbo, trailing", Pack{Name: "sd-turbo", Scheduler: trailing}, schedule.Euler, 1, 0, "Turbo"},
		{"turbo by model_index", Pack{Name: "x", NameOrPath: "stabilityai/sd-turbo", Scheduler: schedule.DefaultConfig()}, schedule.Euler, 4, 0, "Turbo"},
		{"manifest wins", Pack{Name: "sd-turbo", Scheduler: trailing, Manifest: Manifest{Steps: 2}}, schedule.Euler, 2, 0, FileManifest},
		{"manifest guidance", Pack{Name: "sd15", Scheduler: schedule.DefaultConfig(), Manifest: Manifest{Guidance: 5}}, schedule.Euler, 25, 5, FileManifest},
	} {
		d := c.pack.SamplingDefaults(c.kind)
		if d.Steps != c.steps || d.Guidance != c.guide || !strings.Contains(d.From, c.from) {
			t.Errorf("%s: %+v, want %d steps, guidance %g, from %q", c.name, d, c.steps, c.guide, c.from)
		}
	}
}

// TestManifestFieldsAreRangeChecked: odd kino-model.json values are never
// used (they crashed generation: resolution 99999999 panicked in makeslice,
// 40000 allocated 6.4 GB); each is reset with a note doctor shows.
func TestManifestFieldsAreRangeChecked(t *testing.T) {
	m := Manifest{Name: strings.Repeat("n", 300), Steps: -5, Guidance: 1e308, Strength: 2, Resolution: 99999999,
		FPS: -1, KeyframeEvery: 100000, ContextFrames: 500, Overlap: 40, SHA256: "xyz"}
	notes := strings.Join(m.sanitize(), "\n")
	for _, field := range []string{"name", "steps", "guidance", "strength", "resolution", "fps", "keyframe_every", "context_frames", "overlap", "sha256"} {
		if !strings.Contains(notes, field) {
			t.Errorf("no note about %s in:\n%s", field, notes)
		}
	}
	if m.Steps != 0 || m.Guidance != 0 || m.Strength != 0 || m.Resolution != 0 || m.FPS != 0 || m.KeyframeEvery != 0 ||
		m.ContextFrames != 0 || m.Overlap != 0 || m.SHA256 != "" || len([]rune(m.Name)) != maxManifestText {
		t.Errorf("after sanitize: %+v", m)
	}
	good := Manifest{Name: "Tiny", Steps: 4, Guidance: 1.5, Strength: 0.5, Resolution: 768, FPS: 8, ContextFrames: 16, Overlap: 4,
		SHA256: strings.Repeat("ab", 32)}
	want := good
	if notes := good.sanitize(); len(notes) != 0 || good != want {
		t.Errorf("a good manifest changed: %+v, notes %v", good, notes)
	}
}
