package engine_test

import (
	"strings"
	"testing"

	"kino/engine"
	"kino/project"
)

func TestNormalizeRejectsUnrenderableRequests(t *testing.T) {
	cases := map[string]func(r *engine.Request){
		"zero frames":     func(r *engine.Request) { r.Duration.Frames = 0 },
		"absurd duration": func(r *engine.Request) { r.Duration.Frames = engine.MaxFrames + 1 },
		"tiny frame":      func(r *engine.Request) { r.Width, r.Height = 8, 8 },
		"huge frame":      func(r *engine.Request) { r.Width, r.Height = 20000, 20000 },
		"bad rate":        func(r *engine.Request) { r.Duration.Rate = project.Rate{} },
		"binary prompt": func(r *engine.Request) {
			r.Prompt = string([]byte{0, 1, 2, 3, 0xff, 0xfe, 5, 6, 7, 8, 0, 0, 1, 2, 3, 4, 5, 6, 0x80, 0x81})
		},
		"strength": func(r *engine.Request) { r.Strength = 2 },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			r := engine.DefaultRequest()
			mutate(&r)
			if _, _, err := r.Normalize(); project.ErrorCode(err) != project.EINVALID {
				t.Fatalf("Normalize() error = %v, want an invalid-input error", err)
			}
		})
	}
}

func TestNormalizeClampsHugePromptsAtAWordBoundary(t *testing.T) {
	r := engine.DefaultRequest()
	r.Prompt = strings.Repeat("Strand Sonnenuntergang ", 5000) // ~115 KB
	n, notes, err := r.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Prompt) > engine.MaxPromptBytes || len(notes) != 1 {
		t.Fatalf("prompt %d bytes with notes %v; want ≤ %d and one note", len(n.Prompt), notes, engine.MaxPromptBytes)
	}
	if strings.HasSuffix(n.Prompt, " ") || !strings.HasSuffix(n.Prompt, "Strand") && !strings.HasSuffix(n.Prompt, "Sonnenuntergang") {
		t.Fatalf("prompt was not cut at a word boundary: ...%q", n.Prompt[len(n.Prompt)-20:])
	}
}

func TestNormalizeKeepsMixedScriptText(t *testing.T) {
	r := engine.DefaultRequest()
	r.Prompt = "  Ich am Strand 🌅\n\tמול הים  海边 \x00 fireworks "
	n, _, err := r.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if n.Prompt != "Ich am Strand 🌅 מול הים 海边 fireworks" {
		t.Fatalf("normalised prompt %q", n.Prompt)
	}
}

func TestHashChangesWithEveryInput(t *testing.T) {
	base := engine.DefaultRequest()
	base.Prompt = "beach at sunset"
	h := engine.Hash("previz", "", base)
	if h != engine.Hash("previz", "", base) {
		t.Fatal("hash is not stable")
	}
	variants := []engine.Request{base, base, base}
	variants[0].Seed = 2
	variants[1].Prompt = "beach at night"
	variants[2].Camera.Move = project.MovePanLeft
	for i, v := range variants {
		if engine.Hash("previz", "", v) == h {
			t.Errorf("variant %d hashes like the base request", i)
		}
	}
	if engine.Hash("onnx", "", base) == h || engine.Hash("previz", "m", base) == h {
		t.Error("backend and model must be part of the hash")
	}
}
