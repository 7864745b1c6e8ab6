package foley

import (
	"testing"

	"kino/engine"
	"kino/engine/audio"
	"kino/engine/scene"
	"kino/project"
)

// TestPromptToSoundFollowsThePicturesEvents goes from a prompt through the
// scene parser and event schedule to the soundtrack, and checks that every
// firework report starts at its burst's frame plus its distance's delay.
func TestPromptToSoundFollowsThePicturesEvents(t *testing.T) {
	useFakeSpeech(t, &fakeSpeech{})
	req := engine.DefaultRequest()
	req.Prompt = "me on the beach at sunset with a glass of champagne while fireworks cut the sky"
	req.Duration = project.Seconds(12, project.DefaultRate)
	req.Seed = 21
	req, _, err := req.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	p := scene.Parse(req)
	if p.Setting != scene.SettingBeach || !p.Has(scene.Fireworks) {
		t.Fatalf("the parser read %+v; this test needs a beach with fireworks", p)
	}
	evs := scene.Events(&p, req.Seed, req.Frames(), req.Duration.Rate)
	if len(evs) < 5 {
		t.Fatalf("only %d events scheduled for 12 s of fireworks", len(evs))
	}
	st := mustRender(t, req, &p, evs)
	fx := st.Stems[audio.StemEffects].Samples

	// A report's onset: the 15 ms after it are at least twice as loud as
	// the 30 ms before it.
	n := len(fx) / 2
	rises := func(at int) bool {
		if at < secs(0.03) || at+secs(0.015) > n {
			return false
		}
		return rmsRange(fx, at, at+secs(0.015)) > 2*rmsRange(fx, at-secs(0.03), at)
	}
	hit, shiftedHit, counted := 0, 0, 0
	for _, ev := range evs {
		// Shown at its frame, heard after its distance at 343 m/s.
		at := secs(float64(ev.Frame)/req.Duration.Rate.FPS() + ev.Distance/scene.SpeedOfSound)
		if at+secs(0.4) > n {
			continue
		}
		counted++
		if rises(at) {
			hit++
		}
		if rises(at + secs(0.37)) {
			shiftedHit++
		}
	}
	if counted < 4 {
		t.Fatalf("only %d reports arrive within the clip", counted)
	}
	if float64(hit) < 0.8*float64(counted) {
		t.Errorf("only %d of %d reports start at their burst's frame + distance delay", hit, counted)
	}
	if shiftedHit*3 > counted {
		t.Errorf("%d of %d times 0.37 s after the reports also look like onsets: the check cannot tell", shiftedHit, counted)
	}
	// A sunset beach also sounds like a beach: surf swells.
	if amb := st.Stems[audio.StemAmbience].Samples; rmsRange(amb, 0, n) < 0.01 {
		t.Error("no surf on the beach")
	}
	t.Logf("%d events, %d reports in the clip, %d onsets found, %d at shifted times", len(evs), counted, hit, shiftedHit)
}
