package app

import (
	"encoding/json"
	"strings"
	"testing"

	"kino/engine/scene"
)

func TestReadPrintsThePlan(t *testing.T) {
	isolate(t)
	out := mustKino(t, "read", "--json", "A lighthouse on a cliff in a storm at night, waves crashing, slow dolly in")
	var got readResult
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("kino read --json printed %q: %v", out, err)
	}
	p := got.Plan
	if p.Setting != scene.SettingCoast || p.Time != scene.Night || p.Weather != scene.Storm || p.Camera.Move != "dolly-in" || p.Indoors {
		t.Errorf("plan %+v; want the coast at night in a storm, outside, the camera dollying in", p)
	}
	lighthouse := false
	for _, s := range p.Subjects {
		lighthouse = lighthouse || s.Name == "lighthouse"
	}
	if !lighthouse || len(p.Used) == 0 {
		t.Errorf("subjects %+v, used %v; want the lighthouse", p.Subjects, p.Used)
	}
	// The text form says the same and names the words left unused.
	text := mustKino(t, "read", "INT. KITCHEN - NIGHT. MARTHA stirs a pot of zorblat")
	for _, want := range []string{"setting:        kitchen (inside)", "time:           night", "MARTHA", "not understood: zorblat"} {
		if !strings.Contains(text, want) {
			t.Errorf("kino read printed\n%s\nwant %q in it", text, want)
		}
	}
	if _, _, code := kino(t, "read"); code != 2 {
		t.Errorf("kino read with no prompt exited %d; want 2 (usage)", code)
	}
}
