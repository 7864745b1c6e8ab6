package scene

import (
	"testing"

	"kino/engine"
	"kino/project"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{seedDE, seedEN, "", "@anna and @bob pan from left to right", "ohne Regen, kein Feuerwerk",
		"a couple of dogs", "ein paar Hunde", "🎆🥂", "Straße schwarz-weiß", "I'm here", "\xff\xfe", "zoom in 360",
		"INT./EXT. CAR - MOVING - NIGHT", "INNEN. KÜCHE – MORGENGRAUEN", "MARTHA, 60s, in a red coat, stirs the soup",
		"EXT. HARBOUR BAR - CONTINUOUS. Gulls overhead, sparks drifting", "a boat in a meadow, a car in a cave"} {
		f.Add(s, "rain", true)
	}
	f.Fuzz(func(t *testing.T, prompt, negative string, self bool) {
		cast := []engine.CastCameo{{Handle: "@anna", Name: "Anna", IsSelf: self}, {Handle: "@bob", Name: "Bob Ross"}}
		req := engine.Request{Prompt: prompt, NegativePrompt: negative, Cast: cast, Dialogue: []engine.Line{{Speaker: "@bob"}}}
		p := Parse(req) // raw text, not normalised: Parse must cope anyway
		checkResolved(t, p)
		ev := Events(&p, uint64(len(prompt)), 240, project.DefaultRate)
		for i := 1; i < len(ev); i++ {
			if ev[i].Frame < ev[i-1].Frame {
				t.Fatal("events not sorted")
			}
		}
		req.Duration = project.Seconds(1, project.DefaultRate)
		req.Width, req.Height = 64, 64
		if norm, _, err := req.Normalize(); err == nil {
			checkResolved(t, Parse(norm))
		}
	})
}
